// UploadNetwork against hostile and broken clients, through a real server
// and an in-process channel: messages that do not parse, counts that do not
// match, stalled streams, too many streams and display names that would
// store more than the tenant may.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "services/display_name.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

constexpr char kGammaToken[] = "gamma-secret";

v1::UploadNetworkRequest Header(const std::string& display_name = "") {
  v1::UploadNetworkRequest r;
  r.mutable_header()->mutable_facts()->set_name("n");
  r.mutable_header()->set_display_name(display_name);
  return r;
}

v1::UploadNetworkRequest Agents(const std::vector<std::string>& ids) {
  v1::UploadNetworkRequest r;
  for (const std::string& id : ids) {
    v1::Agent* a = r.mutable_batch()->add_agents();
    a->set_agent_id(id);
    a->set_sponsor_id(id == ids.front() ? "" : ids.front());
    a->set_tier("T");
    a->set_joined_at("2026-01-05");
  }
  return r;
}

v1::UploadNetworkRequest Counts(int64_t messages, int64_t agents) {
  v1::UploadNetworkRequest r;
  r.mutable_counts()->set_messages(messages);
  r.mutable_counts()->set_agents(agents);
  return r;
}

class UploadTest : public ServiceTest {
 protected:
  std::vector<v1::Network> ListNetworks(const std::string& token = kAlphaToken) {
    v1::ListNetworksResponse response;
    grpc::Status status = stub_->ListNetworks(Context(token).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.networks().begin(), response.networks().end()};
  }

  // Staging directories left behind, once the server has unwound its calls.
  size_t StagingLeftovers() {
    size_t left = 0;
    for (int i = 0; i < 400; ++i) {
      left = 0;
      for (const auto& e : std::filesystem::directory_iterator(data_dir_.path() / "staging")) {
        (void)e;
        ++left;
      }
      if (left == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return left;
  }

  grpc::Status Send(const std::vector<v1::UploadNetworkRequest>& requests,
                    const std::string& token = kAlphaToken) {
    v1::UploadNetworkResponse response;
    return Upload(*stub_, requests, &response, token);
  }

  // Sends `requests` until the server refuses them for want of room, for
  // at most two seconds: a stream the test left stalled reaches its
  // handler a moment after its first write.
  grpc::Status SendUntilRefused(const std::vector<v1::UploadNetworkRequest>& requests,
                                const std::string& token) {
    grpc::Status status;
    for (int i = 0; i < 200; ++i) {
      status = Send(requests, token);
      if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return status;
  }
};

// A stream its client opened, sent the header on and then left hanging.
struct StalledUpload {
  StalledUpload(v1::AuditService::Stub& stub, const std::string& token)
      : context(Context(token, std::chrono::seconds(60))),
        writer(stub.UploadNetwork(context.get(), &response)) {
    EXPECT_TRUE(writer->Write(Header()));
  }
  ~StalledUpload() {
    if (finished) return;
    context->TryCancel();
    (void)writer->Finish();
  }
  grpc::Status Finish() {
    finished = true;
    return writer->Finish();
  }
  bool finished = false;
  std::unique_ptr<grpc::ClientContext> context;
  v1::UploadNetworkResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::UploadNetworkRequest>> writer;
};

TEST_F(UploadTest, Defect01_UnparsableMessageFailsTheUploadWithNothingStored) {
  // Protobuf writes a proto3 string that is not UTF-8 as it is (logging
  // it), but cannot read it back: the server's parse of message 3 fails.
  const grpc::Status status = Send({Header(), Agents({"A1", "A2", "A3"}),
                                    Agents({"A4", "\xff\xfe", "A6"}), Agents({"A7", "A8", "A9"})});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 3 does not parse"));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_EQ(StagingLeftovers(), 0u);
}

TEST_F(UploadTest, Defect01_CountsThatDifferFailTheUploadWithNothingStored) {
  grpc::Status status = Send({Header(), Agents({"A1", "A2"}), Counts(2, 3)});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("`counts.agents` says 3 were sent, but 2 arrived"));
  status = Send({Header(), Agents({"A1", "A2"}), Counts(5, 2)});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("`counts.messages`"));
  status = Send({Header(), Agents({"A1", "A2"}), Counts(2, 2), Agents({"A3"})});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 4 follows the counts"));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_EQ(StagingLeftovers(), 0u);

  // Matching counts, and none at all, are both whole uploads.
  EXPECT_TRUE(Send({Header(), Agents({"A1", "A2"}), Counts(2, 2)}).ok());
  EXPECT_TRUE(Send({Header(), Agents({"A1", "A2"})}).ok());
  EXPECT_EQ(ListNetworks().size(), 2u);
}

TEST_F(UploadTest, Defect01_TheCppClientEndsItsStreamWithTheCounts) {
  const std::vector<v1::UploadNetworkRequest> requests =
      UploadRequests(ExampleBundle("hoarding-network"), 4096);
  ASSERT_GT(requests.size(), 3u);
  const v1::UploadNetworkRequest& last = requests.back();
  ASSERT_TRUE(last.has_counts());
  EXPECT_EQ(last.counts().messages(), static_cast<int64_t>(requests.size()) - 1);
  v1::UploadNetworkResponse response;
  const grpc::Status status = Upload(*stub_, requests, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.network().agent_count(), last.counts().agents());
  EXPECT_EQ(response.network().order_count(), last.counts().orders());
  EXPECT_EQ(response.network().payment_count(), last.counts().payments());
}

TEST_F(UploadTest, Defect06_StalledUploadIsCancelledAfterTheIdleTimeout) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.uploads.idle_timeout_seconds = 1;
  StartServer(&options);
  const auto start = std::chrono::steady_clock::now();
  {
    StalledUpload stalled(*stub_, kAlphaToken);
    // Finish waits for the server's answer: it must come without the client
    // doing anything more.
    const grpc::Status status = stalled.Finish();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::CANCELLED) << status.error_message();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_EQ(StagingLeftovers(), 0u);
  // A client that keeps sending is not idle.
  auto context = Context();
  v1::UploadNetworkResponse response;
  auto writer = stub_->UploadNetwork(context.get(), &response);
  ASSERT_TRUE(writer->Write(Header()));
  for (int i = 0; i < 6; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ASSERT_TRUE(writer->Write(Agents({"A" + std::to_string(i)})));
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
}

TEST_F(UploadTest, Defect06_StreamPastItsDeadlineIsCancelledThoughNeverIdle) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.uploads.stream_deadline_seconds = 1;
  StartServer(&options);
  auto context = Context();
  v1::UploadNetworkResponse response;
  auto writer = stub_->UploadNetwork(context.get(), &response);
  ASSERT_TRUE(writer->Write(Header()));
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100 && writer->Write(Agents({"A" + std::to_string(i)})); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_EQ(StagingLeftovers(), 0u);
}

TEST_F(UploadTest, Defect06_UploadsInFlightAreCappedPerTenantAndInTotal) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.tokens.push_back({kGammaToken, "gamma-ci", "gamma"});
  options.uploads.max_in_flight_per_tenant = 1;
  options.uploads.max_in_flight = 2;
  StartServer(&options);
  const std::vector<v1::UploadNetworkRequest> whole = {Header(), Agents({"A1"})};

  StalledUpload alpha(*stub_, kAlphaToken);
  grpc::Status status = SendUntilRefused(whole, kAlphaToken2);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("tenant alpha already has 1 uploads in flight"));
  EXPECT_THAT(status.error_message(), HasSubstr("uploads.max_in_flight_per_tenant"));
  // Another tenant still gets through...
  EXPECT_TRUE(Send(whole, kBetaToken).ok());

  // ... until the server as a whole is full.
  StalledUpload beta(*stub_, kBetaToken);
  status = SendUntilRefused(whole, kGammaToken);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("uploads.max_in_flight)"));
}

TEST_F(UploadTest, Defect06_UploadsAreRefusedWhenFreeDescriptorsFallUnderTheReserve) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.uploads.reserved_file_descriptors = int64_t{1} << 40;  // more than any system has
  StartServer(&options);
  const grpc::Status status = Send({Header(), Agents({"A1"})});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("short of file descriptors"));
  EXPECT_TRUE(ListNetworks().empty());
}

TEST_F(UploadTest, Defect11_DisplayNameIsCappedAndCheckedAndNamed) {
  for (const std::string& bad :
       {std::string(201, 'x'), std::string("a\tb"), std::string("a\nb"), std::string("a\x7f"),
        std::string("evil\u202Etxt.exe"), std::string("a\u2066b"), std::string("a\u200Fb"),
        std::string("\xc2\x85"), std::string("nul\0x", 5)}) {
    const grpc::Status status = Send({Header(bad), Agents({"A1"})});
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("`header.display_name`")) << bad;
  }
  EXPECT_THAT(std::string(CheckDisplayName("bad \xff", "f").message()), HasSubstr("UTF-8"));
  // Not UTF-8: the message itself does not parse.
  const grpc::Status status = Send({Header("bad \xff utf-8"), Agents({"A1"})});
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 1 does not parse"));
  EXPECT_TRUE(ListNetworks().empty());
  // 200 bytes of CJK text is a name.
  std::string longest;
  while (longest.size() + 3 <= 200) longest += "总";
  longest += "xx";
  ASSERT_EQ(longest.size(), 200u);
  v1::UploadNetworkResponse response;
  ASSERT_TRUE(Upload(*stub_, {Header(longest), Agents({"A1"})}, &response).ok());
  EXPECT_EQ(response.network().display_name(), longest);
}

TEST_F(UploadTest, Defect11_DisplayNameCountsAgainstTheUploadByteLimit) {
  // What the bundle alone takes, with a one-byte display name.
  v1::UploadNetworkResponse response;
  ASSERT_TRUE(Upload(*stub_, {Header("x"), Agents({"A1"})}, &response).ok());
  int64_t bundle_bytes = 0;
  {
    auto context = Context();
    v1::ExportNetworkRequest request;
    request.set_name(response.network().name());
    auto reader = stub_->ExportNetwork(context.get(), request);
    v1::ExportNetworkResponse chunk;
    while (reader->Read(&chunk)) bundle_bytes += static_cast<int64_t>(chunk.data().size());
    ASSERT_TRUE(reader->Finish().ok());
  }
  ServerOptions options = TestOptions(data_dir_.path());
  options.tenant_limits["beta"].max_upload_bytes = bundle_bytes + 100;
  StartServer(&options);
  EXPECT_TRUE(Send({Header(std::string(100, 'x')), Agents({"A1"})}, kBetaToken).ok());
  const grpc::Status status = Send({Header(std::string(101, 'x')), Agents({"A1"})}, kBetaToken);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr(std::to_string(bundle_bytes + 100) + " bytes"));
  EXPECT_EQ(ListNetworks(kBetaToken).size(), 1u);
  EXPECT_EQ(StagingLeftovers(), 0u);
}

TEST(UploadOptionsTest, Defect06_TimeoutsAndCapsAreConfigurableAndChecked) {
  absl::StatusOr<ServerOptions> o = ParseServerOptions(
      "uploads:\n"
      "  idle_timeout_seconds: 5\n"
      "  stream_deadline_seconds: 600\n"
      "  max_in_flight: 10\n"
      "  max_in_flight_per_tenant: 2\n"
      "  reserved_file_descriptors: 64\n",
      "s.yaml");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->uploads.idle_timeout_seconds, 5);
  EXPECT_EQ(o->uploads.stream_deadline_seconds, 600);
  EXPECT_EQ(o->uploads.max_in_flight, 10);
  EXPECT_EQ(o->uploads.max_in_flight_per_tenant, 2);
  EXPECT_EQ(o->uploads.reserved_file_descriptors, 64);
  // Defaults bound every stream.
  const UploadStreamOptions defaults;
  EXPECT_EQ(defaults.idle_timeout_seconds, 60);
  EXPECT_EQ(defaults.stream_deadline_seconds, 3600);

  absl::StatusOr<ServerOptions> unknown = ParseServerOptions("uploads:\n  idle: 5\n", "s.yaml");
  EXPECT_THAT(std::string(unknown.status().message()), HasSubstr("unknown key `uploads.idle`"));

  ServerOptions valid = TestOptions("/tmp/unused");
  EXPECT_TRUE(ValidateServerOptions(valid).ok());
  const std::pair<int64_t UploadStreamOptions::*, const char*> keys[] = {
      {&UploadStreamOptions::idle_timeout_seconds, "`uploads.idle_timeout_seconds`"},
      {&UploadStreamOptions::stream_deadline_seconds, "`uploads.stream_deadline_seconds`"},
      {&UploadStreamOptions::max_in_flight, "`uploads.max_in_flight`"},
      {&UploadStreamOptions::max_in_flight_per_tenant, "`uploads.max_in_flight_per_tenant`"},
      {&UploadStreamOptions::reserved_file_descriptors, "`uploads.reserved_file_descriptors`"}};
  for (const auto& [member, key] : keys) {
    ServerOptions bad = valid;
    bad.uploads.*member = -1;
    const absl::Status status = ValidateServerOptions(bad);
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << key;
    EXPECT_THAT(std::string(status.message()), HasSubstr(key));
  }
}

}  // namespace
}  // namespace tiersight::services::testing

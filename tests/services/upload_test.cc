// UploadNetwork against hostile and broken clients, through a real server
// and an in-process channel: messages that do not parse, counts that do not
// match and display names that would store more than the tenant may.
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

}  // namespace
}  // namespace tiersight::services::testing

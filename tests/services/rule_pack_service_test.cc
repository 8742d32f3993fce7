// RulePackService through a real server and an in-process channel, plus the
// health service, with the shipped packs of rules/packs.
#include <gmock/gmock.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/client_unary_call.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/pack_library.h"
#include "services/tiersight_server.h"
#include "tests/services/service_test_util.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services {
namespace {

namespace fs = std::filesystem;
namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

constexpr char kToken[] = "alpha-secret";

// One valid network rule; `when` is on line 7, starting at column 11.
std::string PackWithWhen(const std::string& when) {
  return std::string(
             "pack: test\n"
             "version: 1.0.0\n"
             "title: Test pack\n"
             "requires_engine: 1.0.0\n"
             "rules:\n"
             "  - id: r1\n"
             "    when: ") +
         when +
         "\n"
         "    title: T\n"
         "    scope: network\n"
         "    severity: high\n"
         "    tags: [pyramid]\n"
         "    cite: Somewhere\n"
         "    message: \"m\"\n";
}

class RulePackServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.log_level = "warn";
    options.tokens = {{kToken, "alpha-ci", "alpha"}};
    data_dir_ = new testing::TempDir();
    options.data_dir = data_dir_->path().string();
    absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = server->release();
    channel_ = new std::shared_ptr<grpc::Channel>(server_->InProcessChannel());
  }
  static void TearDownTestSuite() {
    delete channel_;
    delete server_;
    delete data_dir_;
  }

  void SetUp() override { stub_ = v1::RulePackService::NewStub(*channel_); }

  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token = kToken) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return context;
  }

  static testing::TempDir* data_dir_;
  static Server* server_;
  static std::shared_ptr<grpc::Channel>* channel_;
  std::unique_ptr<v1::RulePackService::Stub> stub_;
};

testing::TempDir* RulePackServiceTest::data_dir_ = nullptr;
Server* RulePackServiceTest::server_ = nullptr;
std::shared_ptr<grpc::Channel>* RulePackServiceTest::channel_ = nullptr;

TEST_F(RulePackServiceTest, EveryRpcNeedsAValidToken) {
  for (const std::string token : {"", "wrong-secret"}) {
    v1::ListRulePacksResponse list;
    EXPECT_EQ(stub_->ListRulePacks(Context(token).get(), {}, &list).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::GetRulePackRequest get;
    get.set_name("rulePacks/us-ftc");
    v1::GetRulePackResponse got;
    EXPECT_EQ(stub_->GetRulePack(Context(token).get(), get, &got).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::ValidateRulePackRequest validate;
    validate.set_yaml(PackWithWhen("participants > 1"));
    v1::ValidateRulePackResponse validated;
    grpc::Status s = stub_->ValidateRulePack(Context(token).get(), validate, &validated);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(s.error_message().find(kToken), std::string::npos);
  }
}

TEST_F(RulePackServiceTest, ListsEveryShippedPackAcrossPages) {
  const size_t shipped = core::ShippedPackPaths().size();
  ASSERT_GE(shipped, 2u);
  std::vector<std::string> names;
  v1::ListRulePacksRequest request;
  request.set_page_size(1);
  for (int page = 0; page < 100; ++page) {
    v1::ListRulePacksResponse response;
    grpc::Status s = stub_->ListRulePacks(Context().get(), request, &response);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ASSERT_LE(response.rule_packs_size(), 1);
    for (const v1::RulePack& p : response.rule_packs()) {
      names.push_back(p.name());
      EXPECT_FALSE(p.pack().empty());
      EXPECT_EQ(p.sha256().size(), 64u);
      EXPECT_GT(p.rules_size(), 0);
      EXPECT_TRUE(p.yaml().empty());  // GetRulePack has it
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(names.size(), shipped);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_THAT(names, ::testing::Contains("rulePacks/us-ftc"));

  v1::ListRulePacksResponse all;
  ASSERT_TRUE(stub_->ListRulePacks(Context().get(), {}, &all).ok());
  EXPECT_EQ(static_cast<size_t>(all.rule_packs_size()), shipped);
  EXPECT_TRUE(all.next_page_token().empty());
}

TEST_F(RulePackServiceTest, BadPageTokenOrSizeIsInvalidArgument) {
  for (const std::string token : {"garbage", "zz", "76313a2e2e2f6574632f706173737764"}) {
    v1::ListRulePacksRequest request;
    request.set_page_token(token);
    v1::ListRulePacksResponse response;
    EXPECT_EQ(stub_->ListRulePacks(Context().get(), request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << token;
  }
  v1::ListRulePacksRequest negative;
  negative.set_page_size(-1);
  v1::ListRulePacksResponse response;
  EXPECT_EQ(stub_->ListRulePacks(Context().get(), negative, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RulePackServiceTest, GetsAPackWithItsYaml) {
  v1::GetRulePackRequest request;
  request.set_name("rulePacks/us-ftc");
  v1::GetRulePackResponse response;
  grpc::Status s = stub_->GetRulePack(Context().get(), request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  const v1::RulePack& pack = response.rule_pack();
  EXPECT_EQ(pack.name(), "rulePacks/us-ftc");
  EXPECT_EQ(pack.pack(), "us-ftc");
  std::ifstream in(core::ResolvePack("us-ftc"), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_EQ(pack.yaml(), text.str());
  EXPECT_GT(pack.rules_size(), 0);
  EXPECT_FALSE(pack.rules(0).id().empty());
  EXPECT_FALSE(pack.rules(0).scope().empty());
  EXPECT_FALSE(pack.rules(0).severity().empty());
}

TEST_F(RulePackServiceTest, UnknownPackIsNotFoundAndBadNameInvalid) {
  v1::GetRulePackRequest request;
  request.set_name("rulePacks/no-such-pack");
  v1::GetRulePackResponse response;
  EXPECT_EQ(stub_->GetRulePack(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  for (const std::string name : {"", "us-ftc", "rulePacks/", "rulePacks/../../etc/passwd",
                                 "rulePacks/a/b", "networks/us-ftc"}) {
    request.set_name(name);
    EXPECT_EQ(stub_->GetRulePack(Context().get(), request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
}

TEST_F(RulePackServiceTest, ValidatesAGoodInlinePack) {
  v1::ValidateRulePackRequest request;
  request.set_yaml(PackWithWhen("participants >= 30 && max_depth >= 3"));
  v1::ValidateRulePackResponse response;
  grpc::Status s = stub_->ValidateRulePack(Context().get(), request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(response.valid());
  EXPECT_EQ(response.diagnostics_size(), 0);
  EXPECT_EQ(response.rule_pack().pack(), "test");
  EXPECT_TRUE(response.rule_pack().name().empty());
  ASSERT_EQ(response.rule_pack().rules_size(), 1);
  EXPECT_EQ(response.rule_pack().rules(0).when(), "participants >= 30 && max_depth >= 3");
}

TEST_F(RulePackServiceTest, BrokenPackReturnsLocatedDiagnostics) {
  v1::ValidateRulePackRequest request;
  request.set_yaml(PackWithWhen("participants > 1 && no_such_figure > 2"));
  request.set_file("my-pack.yaml");
  v1::ValidateRulePackResponse response;
  grpc::Status s = stub_->ValidateRulePack(Context().get(), request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();  // an invalid pack is not a call error
  EXPECT_FALSE(response.valid());
  ASSERT_EQ(response.diagnostics_size(), 1);
  const v1::Diagnostic& d = response.diagnostics(0);
  EXPECT_EQ(d.file(), "my-pack.yaml");
  EXPECT_EQ(d.line(), 7);
  EXPECT_EQ(d.column(), 31);
  EXPECT_EQ(d.rule_id(), "r1");
  EXPECT_THAT(d.message(), HasSubstr("unknown figure 'no_such_figure'"));
  EXPECT_FALSE(response.has_rule_pack());
}

TEST_F(RulePackServiceTest, MalformedYamlIsADiagnosticNamedInline) {
  v1::ValidateRulePackRequest request;
  request.set_yaml("pack: test\nversion: [1.0\n");
  v1::ValidateRulePackResponse response;
  ASSERT_TRUE(stub_->ValidateRulePack(Context().get(), request, &response).ok());
  EXPECT_FALSE(response.valid());
  ASSERT_GE(response.diagnostics_size(), 1);
  EXPECT_EQ(response.diagnostics(0).file(), "inline.yaml");
  EXPECT_GT(response.diagnostics(0).line(), 0);
  for (const v1::Diagnostic& d : response.diagnostics()) {
    EXPECT_EQ(d.message().find("tiersight-pack-"), std::string::npos) << d.message();
  }
}

// The loader's refusals carry their line and column in the diagnostic's
// fields, not only in its text.
TEST_F(RulePackServiceTest, AKeyGivenTwiceIsADiagnosticAtItsPlace) {
  v1::ValidateRulePackRequest request;
  request.set_yaml("pack: a\nversion: 1.0.0\npack: b\n");
  request.set_file("twice.yaml");
  v1::ValidateRulePackResponse response;
  ASSERT_TRUE(stub_->ValidateRulePack(Context().get(), request, &response).ok());
  EXPECT_FALSE(response.valid());
  ASSERT_EQ(response.diagnostics_size(), 1);
  const v1::Diagnostic& d = response.diagnostics(0);
  EXPECT_EQ(d.file(), "twice.yaml");
  EXPECT_EQ(d.line(), 3);
  EXPECT_EQ(d.column(), 1);
  EXPECT_EQ(d.message(), "`pack` is given twice");
}

// The standard health service, called without generated stubs (Debian ships
// no health.proto): HealthCheckRequest{} is empty, and HealthCheckResponse
// {status: SERVING} is the two bytes 08 01.
TEST_F(RulePackServiceTest, HealthServiceReportsServing) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  grpc::Slice empty;  // a ByteBuffer must hold a slice, even an empty one
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  const grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check",
                                         grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::Status s = grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel_->get(), method, &context, request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  EXPECT_EQ(bytes, std::string("\x08\x01", 2));
}

std::string Bytes(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// Server reflection (grpc.reflection.v1alpha, the only version 1.51 serves),
// again without generated stubs: ServerReflectionRequest{list_services: "*"}
// is field 7, bytes 3a 01 2a; the response lists the service names.
TEST_F(RulePackServiceTest, ReflectionListsTheServices) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  const grpc::internal::RpcMethod method(
      "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
      grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>> stream(
      grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
          channel_->get(), method, &context));
  grpc::Slice list_all(std::string("\x3a\x01*", 3));
  ASSERT_TRUE(stream->Write(grpc::ByteBuffer(&list_all, 1)));
  ASSERT_TRUE(stream->WritesDone());
  grpc::ByteBuffer response;
  ASSERT_TRUE(stream->Read(&response));
  const std::string bytes = Bytes(response);
  EXPECT_THAT(bytes, HasSubstr("tiersight.v1.RulePackService"));
  EXPECT_THAT(bytes, HasSubstr("grpc.reflection.v1alpha.ServerReflection"));
  while (stream->Read(&response)) {
  }
  EXPECT_TRUE(stream->Finish().ok());
}

TEST(ServerTest, RejectsInvalidOptionsBeforeStarting) {
  ServerOptions options;  // no tokens
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  options.tokens = {{"t", "n", "x"}};
  options.listen = "127.0.0.1:0";
  options.tls.enabled = true;
  options.tls.cert_file = "/nonexistent/server.crt";
  options.tls.key_file = "/nonexistent/server.key";
  server = Server::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("tls.cert_file"));
}

TEST(ServerTest, ListensOnAFreeLoopbackPortAndShutsDown) {
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.log_level = "warn";
  options.tokens = {{"t", "n", "x"}};
  testing::TempDir data_dir;
  options.data_dir = data_dir.path().string();
  absl::StatusOr<std::unique_ptr<Server>> server = Server::Start(options);
  ASSERT_TRUE(server.ok()) << server.status().message();
  EXPECT_GT((*server)->port(), 0);
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string((*server)->port()),
                                     grpc::InsecureChannelCredentials());
  auto stub = v1::RulePackService::NewStub(channel);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer t");
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  v1::GetRulePackRequest request;
  request.set_name("rulePacks/cn");
  v1::GetRulePackResponse response;
  ASSERT_TRUE(stub->GetRulePack(&context, request, &response).ok());
  EXPECT_EQ(response.rule_pack().pack(), "cn");
  (*server)->Shutdown(std::chrono::seconds(2));
  (*server)->Wait();
}

}  // namespace
}  // namespace tiersight::services

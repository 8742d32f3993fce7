// AuditService through a real server and an in-process channel: uploads,
// audits, their trail and every error path of the contract.
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/audit_runner.h"
#include "core/pack_library.h"
#include "graph/bundle_digest.h"
#include "graph/bundle_reader.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

v1::UploadNetworkRequest HeaderRequest(const std::string& name, const std::string& as_of = "") {
  v1::UploadNetworkRequest r;
  r.mutable_header()->mutable_facts()->set_name(name);
  r.mutable_header()->mutable_facts()->set_as_of(as_of);
  r.mutable_header()->mutable_facts()->add_tiers("总代");
  r.mutable_header()->mutable_facts()->add_tiers("特约");
  return r;
}

v1::UploadNetworkRequest AgentsRequest(
    const std::vector<std::pair<std::string, std::string>>& agents_and_sponsors) {
  v1::UploadNetworkRequest r;
  for (const auto& [id, sponsor] : agents_and_sponsors) {
    v1::Agent* a = r.mutable_batch()->add_agents();
    a->set_agent_id(id);
    a->set_sponsor_id(sponsor);
    a->set_tier(sponsor.empty() ? "总代" : "特约");
    a->set_joined_at("2026-01-05");
    a->set_name("Name, \"quoted\" " + id);
  }
  return r;
}

class AuditServiceTest : public ServiceTest {
 protected:
  v1::AuditNetworkResponse Audit(const std::string& network, bool lenient = false,
                                 const std::string& token = kAlphaToken) {
    v1::AuditNetworkRequest request;
    request.set_network(network);
    request.set_lenient(lenient);
    v1::AuditNetworkResponse response;
    grpc::Status status = stub_->AuditNetwork(Context(token).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::vector<v1::Network> ListNetworks(const std::string& token = kAlphaToken) {
    v1::ListNetworksResponse response;
    grpc::Status status = stub_->ListNetworks(Context(token).get(), {}, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.networks().begin(), response.networks().end()};
  }

  std::vector<std::string> StagingLeftovers() {
    std::vector<std::string> left;
    for (const auto& e : std::filesystem::directory_iterator(data_dir_.path() / "staging")) {
      left.push_back(e.path().string());
    }
    return left;
  }
};

TEST_F(AuditServiceTest, UploadReturnsTheNetworkWithItsDigestAndStrictLoadReport) {
  v1::Network network = UploadHoarding(*stub_);
  EXPECT_THAT(network.name(), StartsWith("networks/"));
  EXPECT_EQ(network.digest().size(), 64u);
  EXPECT_EQ(network.display_name(), "Example hoarding 微商 brand 2026-Q3");
  EXPECT_EQ(network.facts().as_of(), "2026-09-30");
  EXPECT_EQ(network.facts().tiers_size(), 5);
  EXPECT_EQ(network.agent_count(), 2000);
  EXPECT_EQ(network.order_count(), 10078);
  EXPECT_EQ(network.payment_count(), 3986);
  EXPECT_FALSE(network.load().lenient());
  EXPECT_TRUE(network.load().usable());
  EXPECT_EQ(network.load().loaded(),
            graph::LoadBundle(ExampleBundle("hoarding-network"), {}).report.TotalLoaded());
  EXPECT_TRUE(network.has_create_time());

  // The same records give the same digest; the store keeps both uploads.
  v1::Network again = UploadHoarding(*stub_);
  EXPECT_EQ(again.digest(), network.digest());
  EXPECT_NE(again.name(), network.name());

  v1::GetNetworkRequest get;
  get.set_name(network.name());
  v1::GetNetworkResponse got;
  ASSERT_TRUE(stub_->GetNetwork(Context().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.network(), network)) << got.network().DebugString();
  EXPECT_EQ(ListNetworks().size(), 2u);
}

TEST_F(AuditServiceTest, RejectedRowsAreReportedAndStrictAuditIsAFailedPrecondition) {
  v1::UploadNetworkResponse response;
  grpc::Status status = Upload(*stub_,
                               {HeaderRequest("Small", "2026-09-30"),
                                AgentsRequest({{"A1", ""}, {"A2", "A1"}, {"A3", "NOBODY"}})},
                               &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Network& network = response.network();
  EXPECT_EQ(network.agent_count(), 3);
  EXPECT_FALSE(network.load().usable());
  ASSERT_GE(network.load().errors_size(), 1);
  EXPECT_EQ(network.load().errors(0).file(), "agents.csv");
  EXPECT_EQ(network.load().errors(0).line(), 4);  // the third agent sent

  v1::AuditNetworkRequest strict;
  strict.set_network(network.name());
  v1::AuditNetworkResponse audited;
  status = stub_->AuditNetwork(Context().get(), strict, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("agents.csv:4:"));

  v1::AuditNetworkResponse lenient = Audit(network.name(), /*lenient=*/true);
  EXPECT_TRUE(lenient.audit().lenient());
  EXPECT_EQ(lenient.report().network().participants(), 2);
}

TEST_F(AuditServiceTest, AuditIsRecordedWithWhoRanItAndGetAuditReturnsTheSameReport) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request;
  request.set_network(network.name());
  request.add_rule_packs("rulePacks/cn");
  v1::AuditNetworkResponse audited;
  grpc::Status status = stub_->AuditNetwork(Context(kAlphaToken2).get(), request, &audited);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Audit& audit = audited.audit();
  EXPECT_THAT(audit.name(), StartsWith("audits/"));
  EXPECT_EQ(audit.network(), network.name());
  EXPECT_EQ(audit.network_digest(), network.digest());
  EXPECT_EQ(audit.tenant(), "alpha");
  EXPECT_EQ(audit.token_name(), "alpha-analyst");
  ASSERT_EQ(audit.packs_size(), 1);
  EXPECT_EQ(audit.packs(0).file(), "cn.yaml");
  EXPECT_FALSE(audit.engine_version().empty());
  EXPECT_GT(audit.finding_count(), 0);
  EXPECT_EQ(audit.finding_count(), audited.report().findings_size());
  EXPECT_EQ(audited.report().provenance().bundle_digest(), network.digest());

  // The same figures and findings as the CLI's audit of the bundle itself.
  core::LoadedPacks packs = core::LoadPacks({"cn"});
  core::AuditRun local =
      core::RunAudit(ExampleBundle("hoarding-network"), packs, core::AuditRunOptions{});
  ASSERT_TRUE(local.status.ok());
  EXPECT_TRUE(MessageDifferencer::Equals(audited.report().network(), local.report.network()));
  ASSERT_EQ(audited.report().findings_size(), local.report.findings_size());
  for (int i = 0; i < local.report.findings_size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(audited.report().findings(i), local.report.findings(i)));
  }

  v1::GetAuditRequest get;
  get.set_name(audit.name());
  v1::GetAuditResponse got;
  ASSERT_TRUE(stub_->GetAudit(Context().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.report(), audited.report()));
  EXPECT_TRUE(MessageDifferencer::Equals(got.audit(), audit)) << got.audit().DebugString();

  v1::ListAuditsRequest list;
  list.set_network(network.name());
  v1::ListAuditsResponse listed;
  ASSERT_TRUE(stub_->ListAudits(Context().get(), list, &listed).ok());
  ASSERT_EQ(listed.audits_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(listed.audits(0), audit));
}

TEST_F(AuditServiceTest, WithoutPacksEveryShippedPackRuns) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse audited = Audit(network.name());
  EXPECT_EQ(audited.audit().packs_size(), static_cast<int>(core::ShippedPackPaths().size()));
}

TEST_F(AuditServiceTest, InlinePackRunsAndABadOneNamesFileLineAndRule) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request;
  request.set_network(network.name());
  v1::InlineRulePack* pack = request.add_inline_packs();
  pack->set_file("brand-rules.yaml");
  pack->set_yaml(
      "pack: brand\nversion: 1.0.0\ntitle: Brand rules\nrequires_engine: 1.0.0\nrules:\n"
      "  - id: big-network\n    when: participants > 10\n    title: Big\n    scope: network\n"
      "    severity: low\n    tags: [pyramid]\n    cite: Internal policy\n    message: \"big\"\n");
  v1::AuditNetworkResponse audited;
  grpc::Status status = stub_->AuditNetwork(Context().get(), request, &audited);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(audited.report().findings_size(), 1);
  EXPECT_EQ(audited.report().findings(0).rule_id(), "big-network");
  ASSERT_EQ(audited.audit().packs_size(), 1);
  EXPECT_EQ(audited.audit().packs(0).file(), "brand-rules.yaml");

  pack->set_yaml(
      "pack: brand\nversion: 1.0.0\ntitle: Brand rules\nrequires_engine: 1.0.0\nrules:\n"
      "  - id: broken\n    when: participants > > 10\n    title: Big\n    scope: network\n"
      "    severity: low\n    tags: [pyramid]\n    cite: Internal policy\n    message: \"big\"\n");
  status = stub_->AuditNetwork(Context().get(), request, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("brand-rules.yaml:7:"));
  EXPECT_THAT(status.error_message(), HasSubstr("broken"));
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr("tiersight-pack-")));
}

TEST_F(AuditServiceTest, UnknownOrMalformedShippedPackIsRefused) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request;
  request.set_network(network.name());
  request.add_rule_packs("rulePacks/no-such-pack");
  v1::AuditNetworkResponse audited;
  grpc::Status status = stub_->AuditNetwork(Context().get(), request, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("rulePacks/no-such-pack"));
  request.set_rule_packs(0, "rulePacks/../../etc/passwd");
  status = stub_->AuditNetwork(Context().get(), request, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("rule_packs[0]"));
}

TEST_F(AuditServiceTest, MissingOrWrongTokenIsUnauthenticatedOnEveryCall) {
  v1::Network network = UploadHoarding(*stub_);
  for (const std::string token : {"", "wrong-secret"}) {
    v1::GetNetworkRequest get;
    get.set_name(network.name());
    v1::GetNetworkResponse got;
    EXPECT_EQ(stub_->GetNetwork(Context(token).get(), get, &got).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::ListNetworksResponse networks;
    EXPECT_EQ(stub_->ListNetworks(Context(token).get(), {}, &networks).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::AuditNetworkRequest audit;
    audit.set_network(network.name());
    v1::AuditNetworkResponse audited;
    EXPECT_EQ(stub_->AuditNetwork(Context(token).get(), audit, &audited).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::UploadNetworkResponse uploaded;
    EXPECT_EQ(Upload(*stub_, {HeaderRequest("x")}, &uploaded, token).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    v1::ListLevelsRequest levels;
    levels.set_network(network.name());
    v1::ListLevelsResponse listed;
    EXPECT_EQ(stub_->ListLevels(Context(token).get(), levels, &listed).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(ListNetworks().size(), 1u);
}

TEST_F(AuditServiceTest, AnotherTenantsNetworksAndAuditsAreNotFound) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse audited = Audit(network.name());
  EXPECT_TRUE(ListNetworks(kBetaToken).empty());

  v1::GetNetworkRequest get;
  get.set_name(network.name());
  v1::GetNetworkResponse got;
  EXPECT_EQ(stub_->GetNetwork(Context(kBetaToken).get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::AuditNetworkRequest audit;
  audit.set_network(network.name());
  v1::AuditNetworkResponse beta_audit;
  EXPECT_EQ(stub_->AuditNetwork(Context(kBetaToken).get(), audit, &beta_audit).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetAuditRequest get_audit;
  get_audit.set_name(audited.audit().name());
  v1::GetAuditResponse got_audit;
  EXPECT_EQ(stub_->GetAudit(Context(kBetaToken).get(), get_audit, &got_audit).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::DeleteNetworkRequest del;
  del.set_name(network.name());
  v1::DeleteNetworkResponse deleted;
  EXPECT_EQ(stub_->DeleteNetwork(Context(kBetaToken).get(), del, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::GetAgentRequest agent;
  agent.set_name(network.name() + "/agents/A0001");
  v1::GetAgentResponse got_agent;
  EXPECT_EQ(stub_->GetAgent(Context(kBetaToken).get(), agent, &got_agent).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ExportReportRequest export_request;
  export_request.set_name(audited.audit().name());
  auto context = Context(kBetaToken);
  auto reader = stub_->ExportReport(context.get(), export_request);
  v1::ExportReportResponse chunk;
  EXPECT_FALSE(reader->Read(&chunk));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::NOT_FOUND);

  v1::ListAuditsResponse beta_audits;
  ASSERT_TRUE(stub_->ListAudits(Context(kBetaToken).get(), {}, &beta_audits).ok());
  EXPECT_EQ(beta_audits.audits_size(), 0);
  EXPECT_EQ(ListNetworks().size(), 1u);  // still alpha's
}

TEST_F(AuditServiceTest, HeaderOutOfOrderIsInvalidAndStoresNothing) {
  v1::UploadNetworkResponse response;
  grpc::Status status = Upload(*stub_, {AgentsRequest({{"A1", ""}})}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 1 is a batch"));
  status = Upload(*stub_, {HeaderRequest("x"), AgentsRequest({{"A1", ""}}), HeaderRequest("y")},
                  &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 3 is a second header"));
  status = Upload(*stub_, {}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("no header"));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_TRUE(StagingLeftovers().empty());
}

TEST_F(AuditServiceTest, RefusedBundleIsInvalidArgumentNamingTheDefect) {
  v1::UploadNetworkResponse response;
  grpc::Status status =
      Upload(*stub_, {HeaderRequest("x", "30/09/2026"), AgentsRequest({{"A1", ""}})}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("network.yaml"));
  EXPECT_THAT(status.error_message(), HasSubstr("as_of"));
  v1::UploadNetworkRequest gbk = HeaderRequest("x");
  gbk.mutable_header()->mutable_facts()->set_encoding("gbk");
  status = Upload(*stub_, {gbk}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("encoding"));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_TRUE(StagingLeftovers().empty());
}

TEST_F(AuditServiceTest, UploadOverTheTenantsLimitsIsExhaustedAndStoresNothing) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.limits.max_upload_rows = 3;
  options.tenant_limits["beta"].max_upload_rows = 10;
  options.tenant_limits["beta"].max_upload_bytes = 500;
  StartServer(&options);
  const std::vector<v1::UploadNetworkRequest> four = {HeaderRequest("x"),
                                                      AgentsRequest({{"A1", ""}, {"A2", "A1"}}),
                                                      AgentsRequest({{"A3", "A1"}, {"A4", "A1"}})};
  v1::UploadNetworkResponse response;
  grpc::Status status = Upload(*stub_, four, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("upload message 3"));
  EXPECT_THAT(status.error_message(), HasSubstr("3 rows"));
  // Beta's own row limit lets the same upload through.
  EXPECT_TRUE(Upload(*stub_, four, &response, kBetaToken).ok());
  // ... but not past its byte limit.
  std::vector<v1::UploadNetworkRequest> wide = {HeaderRequest("x")};
  for (int i = 0; i < 10; ++i) wide.push_back(AgentsRequest({{"AGENT-" + std::to_string(i), ""}}));
  status = Upload(*stub_, wide, &response, kBetaToken);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("500 bytes"));
  EXPECT_TRUE(ListNetworks().empty());
  EXPECT_EQ(ListNetworks(kBetaToken).size(), 1u);
  EXPECT_TRUE(StagingLeftovers().empty());
}

TEST_F(AuditServiceTest, MessageOverTheSizeLimitIsExhaustedAndStoresNothing) {
  ServerOptions options = TestOptions(data_dir_.path());
  options.limits.max_message_bytes = 4096;
  StartServer(&options);
  std::vector<std::pair<std::string, std::string>> agents;
  for (int i = 0; i < 200; ++i) agents.push_back({"AGENT-" + std::to_string(i), ""});
  const v1::UploadNetworkRequest big = AgentsRequest(agents);
  ASSERT_GT(big.ByteSizeLong(), 4096u);
  v1::UploadNetworkResponse response;
  const grpc::Status status = Upload(*stub_, {HeaderRequest("x"), big}, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  // A batch under the limit goes through on the same server.
  EXPECT_TRUE(Upload(*stub_, {HeaderRequest("x"), AgentsRequest({{"A1", ""}})}, &response).ok());
  EXPECT_EQ(ListNetworks().size(), 1u);
  EXPECT_TRUE(StagingLeftovers().empty());
}

TEST_F(AuditServiceTest, ExportNetworkGivesTheFilesTheDigestNames) {
  const v1::Network network = UploadHoarding(*stub_);
  grpc::Status status;
  const auto files = ExportNetworkFiles(*stub_, network.name(), kAlphaToken, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_TRUE(files.count("agents.csv") && files.count("orders.csv") &&
              files.count("payments.csv") && files.count("network.yaml"));
  // Written out, they are a bundle with the network's digest and figures.
  TempDir bundle;
  for (const auto& [name, data] : files) {
    std::ofstream(bundle.path() / name, std::ios::binary) << data;
  }
  absl::StatusOr<std::string> digest = graph::BundleDigest(bundle.path().string());
  ASSERT_TRUE(digest.ok());
  EXPECT_EQ(*digest, network.digest());
  const graph::LoadedBundle loaded = graph::LoadBundle(bundle.path().string(), {});
  EXPECT_TRUE(loaded.report.Usable());
  EXPECT_EQ(static_cast<int64_t>(loaded.network->size()), network.agent_count());

  ExportNetworkFiles(*stub_, network.name(), kBetaToken, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  ExportNetworkFiles(*stub_, network.name(), "not-a-token", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  ExportNetworkFiles(*stub_, "networks/", kAlphaToken, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditServiceTest, CancelledUploadStoresNothing) {
  v1::UploadNetworkResponse response;
  grpc::ClientContext context;
  context.AddMetadata("authorization", std::string("Bearer ") + kAlphaToken);
  auto writer = stub_->UploadNetwork(&context, &response);
  ASSERT_TRUE(writer->Write(HeaderRequest("x")));
  ASSERT_TRUE(writer->Write(AgentsRequest({{"A1", ""}})));
  context.TryCancel();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
  // The server may still be unwinding the call: wait for it briefly.
  for (int i = 0; i < 200 && !StagingLeftovers().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(StagingLeftovers().empty());
  EXPECT_TRUE(ListNetworks().empty());
}

TEST_F(AuditServiceTest, MalformedResourceNamesAndPageTokensAreInvalid) {
  for (const std::string name : {"", "network/x", "networks/", "networks/a/b", "audits/x"}) {
    v1::GetNetworkRequest get;
    get.set_name(name);
    v1::GetNetworkResponse got;
    grpc::Status status = stub_->GetNetwork(Context().get(), get, &got);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(status.error_message(), HasSubstr("networks/{network_id}"));
  }
  for (const std::string name : {"", "audits/", "networks/x", "audits/a/b"}) {
    v1::GetAuditRequest get;
    get.set_name(name);
    v1::GetAuditResponse got;
    EXPECT_EQ(stub_->GetAudit(Context().get(), get, &got).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
  for (const std::string name : {"networks/x", "networks/x/agents/", "networks//agents/A1"}) {
    v1::GetAgentRequest get;
    get.set_name(name);
    v1::GetAgentResponse got;
    EXPECT_EQ(stub_->GetAgent(Context().get(), get, &got).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
  v1::GetNetworkRequest unknown;
  unknown.set_name("networks/does-not-exist");
  v1::GetNetworkResponse got;
  EXPECT_EQ(stub_->GetNetwork(Context().get(), unknown, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::ListNetworksRequest networks;
  networks.set_page_token("garbage");
  v1::ListNetworksResponse listed;
  EXPECT_EQ(stub_->ListNetworks(Context().get(), networks, &listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListAuditsRequest audits;
  audits.set_page_token("garbage");
  v1::ListAuditsResponse audits_listed;
  EXPECT_EQ(stub_->ListAudits(Context().get(), audits, &audits_listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::ListLevelsRequest levels;
  levels.set_network("networks/x");
  levels.set_page_token("garbage");
  v1::ListLevelsResponse levels_listed;
  EXPECT_EQ(stub_->ListLevels(Context().get(), levels, &levels_listed).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetAgentRequest agent;
  agent.set_name("networks/x/agents/A1");
  agent.set_recruit_page_token("garbage");
  v1::GetAgentResponse got_agent;
  EXPECT_EQ(stub_->GetAgent(Context().get(), agent, &got_agent).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditServiceTest, ListsPageWithTokens) {
  UploadHoarding(*stub_);
  UploadHoarding(*stub_);
  UploadHoarding(*stub_);
  v1::ListNetworksRequest request;
  request.set_page_size(2);
  v1::ListNetworksResponse first;
  ASSERT_TRUE(stub_->ListNetworks(Context().get(), request, &first).ok());
  EXPECT_EQ(first.networks_size(), 2);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  v1::ListNetworksResponse second;
  ASSERT_TRUE(stub_->ListNetworks(Context().get(), request, &second).ok());
  EXPECT_EQ(second.networks_size(), 1);
  EXPECT_TRUE(second.next_page_token().empty());
  // A token is bound to the tenant's list.
  v1::ListNetworksResponse beta;
  EXPECT_EQ(stub_->ListNetworks(Context(kBetaToken).get(), request, &beta).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(AuditServiceTest, DeletedNetworkIsGoneButItsAuditsStay) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse audited = Audit(network.name());
  v1::DeleteNetworkRequest del;
  del.set_name(network.name());
  v1::DeleteNetworkResponse deleted;
  ASSERT_TRUE(stub_->DeleteNetwork(Context().get(), del, &deleted).ok());
  EXPECT_TRUE(ListNetworks().empty());
  v1::GetNetworkRequest get;
  get.set_name(network.name());
  v1::GetNetworkResponse got;
  EXPECT_EQ(stub_->GetNetwork(Context().get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::ListLevelsRequest levels;
  levels.set_network(network.name());
  v1::ListLevelsResponse levels_listed;
  EXPECT_EQ(stub_->ListLevels(Context().get(), levels, &levels_listed).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::GetAuditRequest get_audit;
  get_audit.set_name(audited.audit().name());
  v1::GetAuditResponse got_audit;
  ASSERT_TRUE(stub_->GetAudit(Context().get(), get_audit, &got_audit).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got_audit.report(), audited.report()));
  v1::ListAuditsRequest list;
  list.set_network(network.name());
  v1::ListAuditsResponse listed;
  ASSERT_TRUE(stub_->ListAudits(Context().get(), list, &listed).ok());
  EXPECT_EQ(listed.audits_size(), 1);
}

TEST_F(AuditServiceTest, RestartFindsNetworksAndAuditsAndAuditsAlike) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse before = Audit(network.name());
  StopServer();
  StartServer();

  v1::GetAuditRequest get;
  get.set_name(before.audit().name());
  v1::GetAuditResponse got;
  ASSERT_TRUE(stub_->GetAudit(Context().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.report(), before.report()));
  EXPECT_TRUE(MessageDifferencer::Equals(got.audit(), before.audit()));
  std::vector<v1::Network> networks = ListNetworks();
  ASSERT_EQ(networks.size(), 1u);
  EXPECT_TRUE(MessageDifferencer::Equals(networks[0], network));

  v1::AuditNetworkResponse after = Audit(network.name());
  EXPECT_NE(after.audit().name(), before.audit().name());
  v1::AuditReport a = after.report();
  v1::AuditReport b = before.report();
  a.mutable_provenance()->clear_generated_at();
  b.mutable_provenance()->clear_generated_at();
  EXPECT_TRUE(MessageDifferencer::Equals(a, b));
}

TEST_F(AuditServiceTest, AuditsRecordedBeforeTheTrailKeptSummariesAreListedInFull) {
  v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse audited = Audit(network.name());
  StopServer();
  // What a catalogue migrated from schema version 2 holds: no summary.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_dir_.path() / "catalogue.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TRIGGER audits_no_update; UPDATE audits SET details = '';",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  StartServer();

  v1::ListAuditsResponse listed;
  ASSERT_TRUE(stub_->ListAudits(Context().get(), {}, &listed).ok());
  ASSERT_EQ(listed.audits_size(), 1);
  EXPECT_TRUE(MessageDifferencer::Equals(listed.audits(0), audited.audit()))
      << listed.audits(0).DebugString();
  v1::GetAuditRequest get;
  get.set_name(audited.audit().name());
  v1::GetAuditResponse got;
  ASSERT_TRUE(stub_->GetAudit(Context().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.audit(), audited.audit()));
}

}  // namespace
}  // namespace tiersight::services::testing

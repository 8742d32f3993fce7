// AuditNetwork's choice of packs (by jurisdiction, all, named), its
// parameter overrides and their errors, the cap on the subjects a response
// names, and ListFindingSubjects paging through the rest; with the packs of
// tests/data/packs as the shipped packs (judge-cn under cn, judge-us under
// us).
#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "clients/cpp/remote_finding_subjects.h"
#include "core/audit_runner.h"
#include "core/drill_down.h"
#include "core/pack_library.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> PackNames(const v1::AuditReport& report) {
  std::vector<std::string> names;
  for (const v1::PackProvenance& p : report.provenance().packs()) names.push_back(p.name());
  return names;
}

const v1::Finding* FindingOf(const v1::AuditReport& report, const std::string& rule_id) {
  for (const v1::Finding& f : report.findings()) {
    if (f.rule_id() == rule_id) return &f;
  }
  return nullptr;
}

class AuditJudgementTest : public ServiceTest {
 protected:
  AuditJudgementTest() { StartServer(nullptr, JudgementPacksDir()); }

  grpc::Status Audit(const v1::AuditNetworkRequest& request, v1::AuditNetworkResponse* response,
                     const std::string& token = kAlphaToken) {
    return stub_->AuditNetwork(Context(token).get(), request, response);
  }

  v1::AuditNetworkRequest RequestFor(const v1::Network& network) {
    v1::AuditNetworkRequest request;
    request.set_network(network.name());
    return request;
  }
};

TEST_F(AuditJudgementTest, PacksAreChosenByJurisdictionUnlessAllOrNamed) {
  const v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request = RequestFor(network);
  v1::AuditNetworkResponse audited;

  // The example network declares no jurisdiction: every pack runs.
  ASSERT_TRUE(Audit(request, &audited).ok());
  EXPECT_THAT(PackNames(audited.report()), ElementsAre("judge-cn", "judge-us"));
  EXPECT_EQ(audited.report().provenance().pack_selection(), "jurisdiction");
  EXPECT_EQ(audited.report().provenance().jurisdiction(), "");

  request.set_jurisdiction("us");
  grpc::Status status = Audit(request, &audited);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(PackNames(audited.report()), ElementsAre("judge-us"));
  EXPECT_EQ(audited.report().provenance().jurisdiction(), "us");
  ASSERT_EQ(audited.report().verdicts_size(), 1);
  EXPECT_EQ(audited.report().verdicts(0).jurisdiction(), "us");

  request.set_all_packs(true);
  ASSERT_TRUE(Audit(request, &audited).ok());
  EXPECT_THAT(PackNames(audited.report()), ElementsAre("judge-cn", "judge-us"));
  EXPECT_EQ(audited.report().provenance().pack_selection(), "all");
  ASSERT_EQ(audited.report().verdicts_size(), 2);
  EXPECT_EQ(audited.report().verdicts(0).jurisdiction(), "us") << "the caller's jurisdiction first";

  request.set_all_packs(false);
  request.add_rule_packs("rulePacks/judge-cn");
  ASSERT_TRUE(Audit(request, &audited).ok());
  EXPECT_THAT(PackNames(audited.report()), ElementsAre("judge-cn"));
  EXPECT_EQ(audited.report().provenance().pack_selection(), "named");
  // A pack named judges the network whatever jurisdiction the caller says.
  EXPECT_EQ(audited.report().provenance().jurisdiction(), "us");
}

TEST_F(AuditJudgementTest, TheUploadedNetworksJurisdictionChoosesItsPacks) {
  std::vector<v1::UploadNetworkRequest> requests =
      UploadRequests(ExampleBundle("hoarding-network"));
  requests[0].mutable_header()->mutable_facts()->set_jurisdiction("us");
  requests[0].mutable_header()->mutable_facts()->set_direct_selling_licence(true);
  v1::UploadNetworkResponse uploaded;
  ASSERT_TRUE(Upload(*stub_, requests, &uploaded).ok());
  v1::AuditNetworkResponse audited;
  grpc::Status status = Audit(RequestFor(uploaded.network()), &audited);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(PackNames(audited.report()), ElementsAre("judge-us"));
  EXPECT_EQ(audited.report().provenance().jurisdiction(), "us");
  EXPECT_EQ(audited.report().bundle().jurisdiction(), "us");
  EXPECT_TRUE(audited.report().bundle().direct_selling_licence());
  EXPECT_EQ(uploaded.network().facts().jurisdiction(), "us");
}

TEST_F(AuditJudgementTest, BadChoicesAreInvalidNamingTheField) {
  const v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkResponse audited;

  v1::AuditNetworkRequest unknown = RequestFor(network);
  unknown.set_jurisdiction("zz");
  grpc::Status status = Audit(unknown, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("`jurisdiction`: unknown jurisdiction 'zz'"));
  EXPECT_THAT(status.error_message(), HasSubstr("cn, us"));

  v1::AuditNetworkRequest both = RequestFor(network);
  both.set_all_packs(true);
  both.add_rule_packs("rulePacks/judge-cn");
  status = Audit(both, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("`all_packs`"));

  const std::map<std::string, std::string> bad = {
      {"nopack.min_team", "no pack 'nopack'"},
      {"judge-cn.nothing", "has no parameter 'nothing' (it has min_team, stock_share)"},
      {"judge-cn.min_team", "a count must be a whole number"},
      {"judge-cn.stock_share", "outside its range 0..1"},
      {"min_team", "name it as PACK.PARAMETER"}};
  const std::map<std::string, std::string> values = {{"nopack.min_team", "3"},
                                                     {"judge-cn.nothing", "1"},
                                                     {"judge-cn.min_team", "3.5"},
                                                     {"judge-cn.stock_share", "1.5"},
                                                     {"min_team", "3"}};
  for (const auto& [name, reason] : bad) {
    v1::AuditNetworkRequest request = RequestFor(network);
    (*request.mutable_params())[name] = values.at(name);
    status = Audit(request, &audited);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << name;
    EXPECT_THAT(status.error_message(), HasSubstr("`params`: parameter '" + name + "'"));
    EXPECT_THAT(status.error_message(), HasSubstr(reason));
  }
  v1::AuditNetworkRequest not_a_number = RequestFor(network);
  (*not_a_number.mutable_params())["judge-us.max_loss_share"] = "half";
  status = Audit(not_a_number, &audited);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("'half' is not a number"));

  v1::ListAuditsResponse listed;
  ASSERT_TRUE(stub_->ListAudits(Context().get(), {}, &listed).ok());
  EXPECT_EQ(listed.audits_size(), 0) << "a refused request records no audit";
}

TEST_F(AuditJudgementTest, ParametersAreAppliedRecordedAndGiveTheLocalAuditsReport) {
  const v1::Network network = UploadHoarding(*stub_);
  v1::AuditNetworkRequest request = RequestFor(network);
  (*request.mutable_params())["judge-cn.min_team"] = "40";
  v1::AuditNetworkResponse audited;
  grpc::Status status = Audit(request, &audited);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const v1::PackProvenance& cn = audited.report().provenance().packs(0);
  ASSERT_EQ(cn.name(), "judge-cn");
  ASSERT_GE(cn.params_size(), 1);
  EXPECT_EQ(cn.params(0).name(), "min_team");
  EXPECT_EQ(cn.params(0).value(), 40);
  EXPECT_EQ(cn.params(0).default_value(), 3);
  const v1::Finding* organisers = FindingOf(audited.report(), "organisers");
  ASSERT_NE(organisers, nullptr);
  ASSERT_EQ(organisers->params_size(), 1);
  EXPECT_EQ(organisers->params(0).value(), 40);

  core::LoadedPacks packs = core::LoadPacks(core::PackPathsIn(JudgementPacksDir()), {});
  ASSERT_TRUE(packs.ok());
  core::AuditRun local = core::RunAudit(
      ExampleBundle("hoarding-network"), packs,
      {.choice = core::PackChoice::kByJurisdiction, .params = {{"judge-cn.min_team", "40"}}});
  ASSERT_TRUE(local.status.ok());
  ASSERT_EQ(audited.report().findings_size(), local.report.findings_size());
  for (int i = 0; i < local.report.findings_size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(audited.report().findings(i), local.report.findings(i)))
        << local.report.findings(i).rule_id();
  }
  EXPECT_TRUE(MessageDifferencer::Equals(audited.report().provenance().packs(0),
                                         local.report.provenance().packs(0)));
  EXPECT_LT(organisers->subject_count(), 743) << "fewer organisers than with the default 3";
}

// A star of `agents` agents below one top, agents.csv only.
std::string WriteStar(const std::filesystem::path& dir, int agents) {
  std::filesystem::create_directories(dir);
  std::ofstream csv(dir / "agents.csv");
  csv << "agent_id,sponsor_id\nT,\n";
  for (int i = 1; i < agents; ++i) csv << "S" << i << ",T\n";
  return dir.string();
}

// Every agent, ranked by nothing: the subjects are the agents in file order.
constexpr char kEveryAgentPack[] = R"(pack: every
version: 1.0.0
title: Every agent
requires_engine: 1.1.0
rules:
  - id: every-agent
    title: Every agent
    scope: agent
    when: depth >= 1
    severity: low
    tags: [data_quality]
    cite: Test
    message: "{subject}"
)";

class FindingSubjectsTest : public ServiceTest {
 protected:
  static constexpr int kAgents = core::kMaxSubjectsPerFinding + 50;

  // Audits the star with kEveryAgentPack; returns the audit's name.
  v1::AuditNetworkResponse AuditStar() {
    TempDir dir;
    v1::UploadNetworkResponse uploaded;
    EXPECT_TRUE(
        Upload(*stub_, UploadRequests(WriteStar(dir.path() / "star", kAgents)), &uploaded).ok());
    v1::AuditNetworkRequest request;
    request.set_network(uploaded.network().name());
    v1::InlineRulePack* pack = request.add_inline_packs();
    pack->set_file("every.yaml");
    pack->set_yaml(kEveryAgentPack);
    v1::AuditNetworkResponse audited;
    grpc::Status status = stub_->AuditNetwork(Context().get(), request, &audited);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return audited;
  }

  grpc::Status Page(const std::string& audit, int finding, int page_size, const std::string& token,
                    v1::ListFindingSubjectsResponse* response,
                    const std::string& bearer = kAlphaToken) {
    v1::ListFindingSubjectsRequest request;
    request.set_audit(audit);
    request.set_finding(finding);
    request.set_page_size(page_size);
    request.set_page_token(token);
    return stub_->ListFindingSubjects(Context(bearer).get(), request, response);
  }
};

TEST_F(FindingSubjectsTest, ResponsesNameTenThousandSubjectsAndThePagesNameAll) {
  const v1::AuditNetworkResponse audited = AuditStar();
  ASSERT_EQ(audited.report().findings_size(), 1);
  const v1::Finding& finding = audited.report().findings(0);
  EXPECT_EQ(finding.subjects_size(), core::kMaxSubjectsPerFinding);
  EXPECT_TRUE(finding.subjects_truncated());
  EXPECT_EQ(finding.subject_count(), kAgents);
  EXPECT_EQ(finding.subjects(0), "T");

  v1::GetAuditRequest get;
  get.set_name(audited.audit().name());
  v1::GetAuditResponse got;
  ASSERT_TRUE(stub_->GetAudit(Context().get(), get, &got).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(got.report(), audited.report()));

  std::vector<std::string> all;
  std::string token;
  int pages = 0;
  do {
    v1::ListFindingSubjectsResponse page;
    grpc::Status status = Page(audited.audit().name(), 0, 4000, token, &page);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(page.subject_count(), kAgents);
    all.insert(all.end(), page.subjects().begin(), page.subjects().end());
    token = page.next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(all.size(), static_cast<size_t>(kAgents));
  EXPECT_TRUE(std::equal(finding.subjects().begin(), finding.subjects().end(), all.begin()));
  EXPECT_EQ(all.back(), "S" + std::to_string(kAgents - 1));
}

TEST_F(FindingSubjectsTest, TheClientFetchesWhatAResponseLeftOut) {
  const v1::AuditNetworkResponse audited = AuditStar();
  TempDir dir;
  const std::string token_file = (dir.path() / "token").string();
  std::ofstream(token_file) << kAlphaToken << "\n";
  absl::StatusOr<client::RemoteConnection> connection = client::RemoteConnection::Open(
      {.server = "127.0.0.1:" + std::to_string(server_->port()), .token_file = token_file});
  ASSERT_TRUE(connection.ok()) << connection.status();
  v1::AuditReport report = audited.report();
  ASSERT_TRUE(report.findings(0).subjects_truncated());
  absl::Status fetched =
      client::FetchTruncatedSubjects(*connection, audited.audit().name(), report);
  ASSERT_TRUE(fetched.ok()) << fetched;
  EXPECT_FALSE(report.findings(0).subjects_truncated());
  ASSERT_EQ(report.findings(0).subjects_size(), kAgents);
  EXPECT_EQ(report.findings(0).subjects(kAgents - 1), "S" + std::to_string(kAgents - 1));

  // Another tenant's audit: the call's error, named.
  std::ofstream(token_file) << kBetaToken << "\n";
  absl::StatusOr<client::RemoteConnection> beta = client::RemoteConnection::Open(
      {.server = "127.0.0.1:" + std::to_string(server_->port()), .token_file = token_file});
  ASSERT_TRUE(beta.ok()) << beta.status();
  report = audited.report();
  fetched = client::FetchTruncatedSubjects(*beta, audited.audit().name(), report);
  EXPECT_EQ(fetched.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(fetched.message()), HasSubstr("ListFindingSubjects failed"));
}

TEST_F(FindingSubjectsTest, PageSizesDefaultToAThousandAndStopAtTenThousand) {
  const v1::AuditNetworkResponse audited = AuditStar();
  v1::ListFindingSubjectsResponse page;
  ASSERT_TRUE(Page(audited.audit().name(), 0, 0, "", &page).ok());
  EXPECT_EQ(page.subjects_size(), 1000);
  ASSERT_TRUE(Page(audited.audit().name(), 0, 50'000, "", &page).ok());
  EXPECT_EQ(page.subjects_size(), core::kMaxSubjectsPerFinding);
  EXPECT_FALSE(page.next_page_token().empty());
  EXPECT_EQ(Page(audited.audit().name(), 0, -1, "", &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(FindingSubjectsTest, OtherTenantsBadIndexesAndForeignTokensAreRefused) {
  const v1::AuditNetworkResponse audited = AuditStar();
  const std::string audit = audited.audit().name();
  v1::ListFindingSubjectsResponse page;
  EXPECT_EQ(Page(audit, 0, 10, "", &page, kBetaToken).error_code(), grpc::StatusCode::NOT_FOUND);
  for (int bad : {-1, 1}) {
    grpc::Status status = Page(audit, bad, 10, "", &page);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_THAT(status.error_message(), HasSubstr("`finding` " + std::to_string(bad)));
  }
  EXPECT_EQ(Page(audit, 0, 10, "garbage", &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(Page(audit, 0, 10, "", &page).ok());
  // A token names the list it pages: another finding's is refused.
  EXPECT_EQ(Page(audit, 1, 10, page.next_page_token(), &page).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Page("audits/", 0, 10, "", &page).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Page("audits/nonesuch", 0, 10, "", &page).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tiersight::services::testing

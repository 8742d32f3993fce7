// GetAgent, ListLevels, ListTiers and ExportReport through the service, on
// the hoarding example audited once per test. A CSV export carries the
// evidence annex read from the stored network, and without it once the
// network is deleted.
#include <gmock/gmock.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <map>

#include "exports/report_languages.h"
#include "exports/zip_archive.h"
#include "tests/services/service_test_util.h"

namespace tiersight::services::testing {
namespace {

namespace v1 = tiersight::v1;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class DrillDownTest : public ServiceTest {
 protected:
  void SetUp() override {
    network_ = UploadHoarding(*stub_);
    v1::AuditNetworkRequest request;
    request.set_network(network_.name());
    grpc::Status status = stub_->AuditNetwork(Context().get(), request, &audited_);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status GetAgent(const std::string& agent_id, v1::GetAgentResponse* response,
                        int page_size = 0, const std::string& page_token = "") {
    v1::GetAgentRequest request;
    request.set_name(network_.name() + "/agents/" + agent_id);
    request.set_recruit_page_size(page_size);
    request.set_recruit_page_token(page_token);
    return stub_->GetAgent(Context().get(), request, response);
  }

  std::string Export(const std::string& format, grpc::Status* status,
                     std::string* content_type = nullptr, const std::string& lang = "") {
    v1::ExportReportRequest request;
    request.set_name(audited_.audit().name());
    request.set_format(format);
    request.set_lang(lang);
    auto context = Context();
    auto reader = stub_->ExportReport(context.get(), request);
    std::string data;
    v1::ExportReportResponse chunk;
    for (int i = 0; reader->Read(&chunk); ++i) {
      if (i == 0 && content_type != nullptr) *content_type = chunk.content_type();
      if (i > 0) {
        EXPECT_EQ(chunk.content_type(), "") << "content_type belongs to the first chunk only";
      }
      data += chunk.data();
    }
    *status = reader->Finish();
    return data;
  }

  // The entries of the audit's CSV export (a zip), by name.
  std::map<std::string, std::string> CsvZip() {
    grpc::Status status;
    const std::string zip = Export("csv", &status);
    EXPECT_TRUE(status.ok()) << status.error_message();
    absl::StatusOr<std::vector<exports::ZipEntry>> entries = exports::UnzipArchive(zip);
    EXPECT_TRUE(entries.ok()) << entries.status();
    std::map<std::string, std::string> files;
    if (entries.ok()) {
      for (exports::ZipEntry& e : *entries) files[e.name] = std::move(e.data);
    }
    return files;
  }

  v1::Network network_;
  v1::AuditNetworkResponse audited_;
};

TEST_F(DrillDownTest, AgentHasFiguresRecordUplineAndAuditName) {
  v1::GetAgentResponse got;
  grpc::Status status = GetAgent("A0002", &got);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(got.figures().agent_id(), "A0002");
  EXPECT_EQ(got.figures().depth(), 2);
  EXPECT_EQ(got.agent().name(), "邓丽慧");
  EXPECT_EQ(got.agent().sponsor_id(), "A0001");
  EXPECT_EQ(got.agent().region(), "重庆市");
  EXPECT_EQ(got.agent().joined_at(), "2024-10-09");
  EXPECT_THAT(got.upline_agent_ids(), ElementsAre("A0001"));
  EXPECT_EQ(got.audit(), audited_.audit().name());
  EXPECT_EQ(got.recruits_size(), got.figures().direct_recruits());

  v1::GetAgentResponse top;
  ASSERT_TRUE(GetAgent("A0001", &top).ok());
  EXPECT_TRUE(top.upline_agent_ids().empty());
}

TEST_F(DrillDownTest, RecruitsPageInUploadOrder) {
  v1::GetAgentResponse first;
  ASSERT_TRUE(GetAgent("A0001", &first, 1).ok());
  ASSERT_EQ(first.figures().direct_recruits(), 3);
  ASSERT_EQ(first.recruits_size(), 1);
  EXPECT_EQ(first.recruits(0).agent_id(), "A0002");
  ASSERT_FALSE(first.next_recruit_page_token().empty());
  v1::GetAgentResponse second;
  ASSERT_TRUE(GetAgent("A0001", &second, 2, first.next_recruit_page_token()).ok());
  ASSERT_EQ(second.recruits_size(), 2);
  EXPECT_GT(second.recruits(0).agent_id(), "A0002");
  EXPECT_EQ(second.next_recruit_page_token(), "");
  // A token of another agent's list is refused.
  v1::GetAgentResponse other;
  EXPECT_EQ(GetAgent("A0002", &other, 1, first.next_recruit_page_token()).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(DrillDownTest, FindingsThatNameTheAgent) {
  std::string subject;
  for (const v1::Finding& f : audited_.report().findings()) {
    if (f.scope() == "agent" && f.subjects_size() > 0) subject = f.subjects(0);
  }
  ASSERT_FALSE(subject.empty()) << "the hoarding example has agent findings";
  v1::GetAgentResponse got;
  ASSERT_TRUE(GetAgent(subject, &got).ok());
  ASSERT_GT(got.findings_size(), 0);
  for (const v1::Finding& f : got.findings())
    EXPECT_THAT(f.subjects(), ::testing::Contains(subject));

  v1::GetAgentRequest request;
  request.set_name(network_.name() + "/agents/" + subject);
  request.set_audit("audits/not-an-audit");
  EXPECT_EQ(stub_->GetAgent(Context().get(), request, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(DrillDownTest, UnknownAgentIsNotFound) {
  v1::GetAgentResponse got;
  grpc::Status status = GetAgent("NOBODY", &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("NOBODY"));
}

TEST_F(DrillDownTest, AuditOfAnotherNetworkIsInvalid) {
  v1::Network other = UploadHoarding(*stub_);
  v1::GetAgentRequest request;
  request.set_name(other.name() + "/agents/A0002");
  request.set_audit(audited_.audit().name());
  v1::GetAgentResponse got;
  grpc::Status status = stub_->GetAgent(Context().get(), request, &got);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr(network_.name()));
}

TEST_F(DrillDownTest, LevelsAndTiersAreTheReportsTablesPageByPage) {
  std::vector<v1::LevelFigures> levels;
  v1::ListLevelsRequest request;
  request.set_network(network_.name());
  request.set_page_size(2);
  do {
    v1::ListLevelsResponse page;
    ASSERT_TRUE(stub_->ListLevels(Context().get(), request, &page).ok());
    EXPECT_LE(page.levels_size(), 2);
    levels.insert(levels.end(), page.levels().begin(), page.levels().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  ASSERT_EQ(levels.size(), static_cast<size_t>(audited_.report().levels_size()));
  for (size_t i = 0; i < levels.size(); ++i) {
    EXPECT_TRUE(
        MessageDifferencer::Equals(levels[i], audited_.report().levels(static_cast<int>(i))));
  }

  v1::ListTiersRequest tiers_request;
  tiers_request.set_network(network_.name());
  v1::ListTiersResponse tiers;
  ASSERT_TRUE(stub_->ListTiers(Context().get(), tiers_request, &tiers).ok());
  ASSERT_EQ(tiers.tiers_size(), audited_.report().tiers_size());
  for (int i = 0; i < tiers.tiers_size(); ++i) {
    EXPECT_TRUE(MessageDifferencer::Equals(tiers.tiers(i), audited_.report().tiers(i)));
  }
  EXPECT_EQ(tiers.next_page_token(), "");
}

TEST_F(DrillDownTest, UnusableStrictLoadIsAFailedPreconditionForDrillDown) {
  v1::UploadNetworkRequest header;
  header.mutable_header()->mutable_facts()->set_name("bad");
  v1::UploadNetworkRequest batch;
  v1::Agent* a = batch.mutable_batch()->add_agents();
  a->set_agent_id("A1");
  a->set_sponsor_id("MISSING");
  v1::UploadNetworkResponse uploaded;
  ASSERT_TRUE(Upload(*stub_, {header, batch}, &uploaded).ok());
  v1::ListTiersRequest request;
  request.set_network(uploaded.network().name());
  v1::ListTiersResponse tiers;
  EXPECT_EQ(stub_->ListTiers(Context().get(), request, &tiers).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
}

TEST_F(DrillDownTest, JsonExportIsStreamedWithTheTenantsOwnPseudonymKey) {
  grpc::Status status;
  std::string content_type;
  const std::string json = Export("json", &status, &content_type);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(content_type, "application/json");
  v1::AuditReport parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, &parsed).ok());
  EXPECT_EQ(parsed.findings_size(), audited_.report().findings_size());
  EXPECT_EQ(Export("", &status), json);  // json is the default, and the key is stable

  // One key per tenant, private to the server's user.
  const auto keys = data_dir_.path() / "pseudonym-keys";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(keys)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  struct stat st {};
  ASSERT_EQ(::stat(files[0].c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
}

TEST_F(DrillDownTest, ExportFormatsGoThroughTheExportsFacade) {
  grpc::Status status;
  Export("pdf", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("pdf"));

  std::string content_type;
  const std::string html = Export("html", &status, &content_type);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(content_type, "text/html; charset=utf-8");
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_EQ(Export("html", &status), html) << "every export of one audit is the same file";

  const std::string zip = Export("csv", &status, &content_type);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(content_type, "application/zip");
  EXPECT_EQ(zip.substr(0, 4), std::string("PK\x03\x04", 4)) << "a zip archive";
}

TEST_F(DrillDownTest, ExportLanguageIsOneOfTheReportsOrInvalid) {
  grpc::Status status;
  const std::string zh = Export("html", &status, nullptr, "zh");
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(zh, HasSubstr("<html lang=\"zh-CN\">"));
  for (const char* format : {"html", "json"}) {
    EXPECT_EQ(Export(format, &status, nullptr, "fr"), "");
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << format;
    EXPECT_THAT(status.error_message(), HasSubstr("unknown report language \"fr\""));
    for (const std::string& lang : exports::ReportLanguages()) {
      EXPECT_THAT(status.error_message(), HasSubstr(lang));
    }
  }
}

TEST_F(DrillDownTest, ExportsArePseudonymisedUnlessPersonalDataIsAsked) {
  v1::ExportReportRequest request;
  request.set_name(audited_.audit().name());
  request.set_format("json");
  std::string pseudonymised, named;
  for (bool include : {false, true}) {
    request.set_include_personal_data(include);
    auto context = Context();
    auto reader = stub_->ExportReport(context.get(), request);
    v1::ExportReportResponse chunk;
    std::string& data = include ? named : pseudonymised;
    while (reader->Read(&chunk)) data += chunk.data();
    ASSERT_TRUE(reader->Finish().ok());
  }
  v1::AuditReport a, b;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(pseudonymised, &a).ok());
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(named, &b).ok());
  EXPECT_EQ(a.provenance().personal_data(), "pseudonymised");
  EXPECT_EQ(b.provenance().personal_data(), "included");
  // Every agent id the recorded report names appears only in the named export.
  int ids = 0;
  for (const v1::Finding& f : audited_.report().findings()) {
    for (const std::string& id : f.evidence().deepest_chain()) {
      ++ids;
      EXPECT_THAT(named, HasSubstr("\"" + id + "\""));
      EXPECT_THAT(pseudonymised, ::testing::Not(HasSubstr("\"" + id + "\"")));
    }
  }
  EXPECT_GT(ids, 0) << "the example's findings name agents";
}

TEST_F(DrillDownTest, TheCsvZipHoldsTheRecordsBehindTheFindingsPseudonymised) {
  std::map<std::string, std::string> files = CsvZip();
  ASSERT_TRUE(files.contains("evidence_records.csv"));
  const std::string& evidence = files["evidence_records.csv"];
  EXPECT_THAT(evidence, HasSubstr("\r\norders.csv,O000002,2024-10-09,"));
  EXPECT_THAT(evidence,
              HasSubstr("\r\npayments.csv,P000001,2024-10-09,recruitment_bonus,,300.37,"));
  EXPECT_THAT(evidence, HasSubstr(",payee,,")) << "the company pays: no counterparty";
  EXPECT_THAT(evidence, Not(HasSubstr("A0001"))) << "agent ids are pseudonymised";
  EXPECT_THAT(files["provenance.csv"], HasSubstr("\r\nevidence_records,evidence_records.csv: "));
}

TEST_F(DrillDownTest, ADeletedNetworkLeavesTheAnnexOutAndProvenanceSaysSo) {
  v1::DeleteNetworkRequest del;
  del.set_name(network_.name());
  v1::DeleteNetworkResponse deleted;
  ASSERT_TRUE(stub_->DeleteNetwork(Context().get(), del, &deleted).ok());
  std::map<std::string, std::string> files = CsvZip();
  EXPECT_FALSE(files.contains("evidence_records.csv"));
  EXPECT_THAT(files, Contains(::testing::Key("findings.csv")));
  EXPECT_THAT(files["provenance.csv"],
              HasSubstr("\r\nevidence_records,not included: " + network_.name() +
                        " was deleted since the audit\r\n"));
}

}  // namespace
}  // namespace tiersight::services::testing

// evidence_records.csv in the CSV export: its columns and pseudonyms on a
// report written here, then on the hoarding example's audit, where every
// subject it names must be the pseudonym finding_subjects.csv gives.
#include "exports/evidence_records.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "core/audit_runner.h"
#include "core/finding_evidence.h"
#include "exports/csv_writer.h"
#include "exports/report_export.h"
#include "exports/zip_archive.h"
#include "graph/csv_reader.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "a fixed pseudonym key for the evidence tests";

v1::AuditReport TwoFindings() {
  v1::AuditReport report;
  v1::Finding& network = *report.add_findings();
  network.set_pack("cn");
  network.set_rule_id("net");
  network.set_scope("network");
  v1::Finding& agents = *report.add_findings();
  agents.set_pack("cn");
  agents.set_rule_id("agents");
  agents.set_scope("agent");
  agents.add_subjects("A1");
  return report;
}

EvidenceAnnex OneOrder() {
  EvidenceAnnex annex;
  annex.records.push_back({.file = "orders.csv",
                           .line = 2,
                           .id = "=O1",
                           .date = "2025-01-02",
                           .kind = "sale",
                           .quantity = "3",
                           .amount = "-0.00",
                           .from = "A2",
                           .to = "A1"});
  annex.rows.push_back({.finding = 1, .record = 0, .role = graph::PartyRole::kBuyer});
  return annex;
}

std::vector<ExportedFile> ExportCsv(const v1::AuditReport& report, const ExportOptions& base) {
  static const report::Pseudonymizer pseudonymizer(kKey);
  ExportOptions options = base;
  options.format = ExportFormat::kCsv;
  options.pseudonymizer = &pseudonymizer;
  absl::StatusOr<std::vector<ExportedFile>> files = ExportReport(report, options);
  EXPECT_TRUE(files.ok()) << files.status();
  return files.ok() ? *files : std::vector<ExportedFile>{};
}

std::string File(const std::vector<ExportedFile>& files, const std::string& name) {
  for (const ExportedFile& f : files) {
    if (f.name == name) return f.data;
  }
  return "";
}

// The rows of a table as exported, header first.
std::vector<std::vector<std::string>> Rows(const std::string& table) {
  const std::string_view text = std::string_view(table).substr(CsvWriter::kUtf8Bom.size());
  graph::CsvReader reader(text);
  graph::CsvRecord record;
  std::vector<std::vector<std::string>> rows;
  while (reader.Next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

TEST(EvidenceRecordsTest, OneRowPerFindingSubjectAndRecordAfterTheOtherTables) {
  const EvidenceAnnex annex = OneOrder();
  const std::vector<ExportedFile> files = ExportCsv(TwoFindings(), {.evidence = &annex});
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.back().name, "evidence_records.csv");
  EXPECT_EQ(files.back().content_type, "text/csv; charset=utf-8");
  const report::Pseudonymizer pseudonymizer(kKey);
  const auto rows = Rows(files.back().data);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"finding", "pack", "rule_id", "subject", "file",
                                               "record_id", "date", "role", "kind", "quantity",
                                               "amount", "counterparty"}));
  // The record id as written, kept from running as a formula; the amount
  // exact as the bundle writes it, a number.
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "cn", "agents", pseudonymizer.Pseudonym("A1"),
                                               "orders.csv", "'=O1", "2025-01-02", "buyer", "sale",
                                               "3", "-0.00", pseudonymizer.Pseudonym("A2")}));
  EXPECT_THAT(File(files, "provenance.csv"),
              HasSubstr("\r\nevidence_records,evidence_records.csv: 1 rows\r\n"));
}

TEST(EvidenceRecordsTest, PersonalDataKeepsTheIdsAndTheCompanyStaysEmpty) {
  EvidenceAnnex annex = OneOrder();
  annex.records[0].from.clear();
  const std::vector<ExportedFile> files =
      ExportCsv(TwoFindings(), {.include_personal_data = true, .evidence = &annex});
  const auto rows = Rows(File(files, "evidence_records.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][3], "A1");
  EXPECT_EQ(rows[1][11], "");
}

TEST(EvidenceRecordsTest, WithoutTheAnnexProvenanceSaysWhy) {
  std::vector<ExportedFile> files = ExportCsv(TwoFindings(), {});
  EXPECT_EQ(File(files, "evidence_records.csv"), "");
  EXPECT_THAT(File(files, "provenance.csv"),
              HasSubstr("\r\nevidence_records,not included: the export was made without the "
                        "audited bundle\r\n"));
  files = ExportCsv(TwoFindings(), {.evidence_missing = "networks/n1 was deleted since the audit"});
  EXPECT_THAT(File(files, "provenance.csv"),
              HasSubstr("\r\nevidence_records,not included: networks/n1 was deleted since the "
                        "audit\r\n"));
}

TEST(EvidenceRecordsTest, AnAnnexOfAnotherReportIsRefused) {
  EvidenceAnnex annex = OneOrder();
  annex.rows[0].finding = 0;  // the network finding
  static const report::Pseudonymizer pseudonymizer(kKey);
  absl::StatusOr<std::vector<ExportedFile>> files = ExportReport(
      TwoFindings(),
      {.format = ExportFormat::kCsv, .pseudonymizer = &pseudonymizer, .evidence = &annex});
  EXPECT_EQ(files.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(files.status().message(), HasSubstr("finding 0"));
}

TEST(EvidenceRecordsTest, JsonLeavesTheAnnexOut) {
  const EvidenceAnnex annex = OneOrder();
  static const report::Pseudonymizer pseudonymizer(kKey);
  absl::StatusOr<std::vector<ExportedFile>> json = ExportReport(
      TwoFindings(),
      {.format = ExportFormat::kJson, .pseudonymizer = &pseudonymizer, .evidence = &annex});
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_THAT((*json)[0].data, Not(HasSubstr("O1")));
}

// The hoarding example audited with the shipped cn and inventory packs.
class ExampleEvidenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    core::LoadedPacks packs = core::LoadPacks({"cn", "inventory"});
    ASSERT_TRUE(packs.ok());
    core::AuditRun run = core::RunAudit(Bundle(), packs, {});
    ASSERT_TRUE(run.status.ok()) << run.status;
    report_ = new v1::AuditReport(std::move(run.report));
    absl::StatusOr<EvidenceAnnex> annex = core::FindingEvidence(Bundle(), *report_);
    ASSERT_TRUE(annex.ok()) << annex.status();
    annex_ = new EvidenceAnnex(*std::move(annex));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete annex_;
  }
  static std::string Bundle() { return std::string(TIERSIGHT_EXAMPLES_DIR) + "/hoarding-network"; }

  static v1::AuditReport* report_;
  static EvidenceAnnex* annex_;
};

v1::AuditReport* ExampleEvidenceTest::report_ = nullptr;
EvidenceAnnex* ExampleEvidenceTest::annex_ = nullptr;

TEST_F(ExampleEvidenceTest, TheZipHoldsTheAnnexWithTheSubjectsOfFindingSubjects) {
  const std::vector<ExportedFile> zip =
      ExportCsv(*report_, {.reproducible = true, .csv_as_zip = true, .evidence = annex_});
  ASSERT_EQ(zip.size(), 1u);
  absl::StatusOr<std::vector<ZipEntry>> entries = UnzipArchive(zip[0].data);
  ASSERT_TRUE(entries.ok()) << entries.status();
  std::vector<std::string> names;
  std::string subjects_table, evidence_table;
  for (const ZipEntry& e : *entries) {
    names.push_back(e.name);
    if (e.name == "finding_subjects.csv") subjects_table = e.data;
    if (e.name == "evidence_records.csv") evidence_table = e.data;
  }
  EXPECT_THAT(names, Contains("evidence_records.csv"));
  std::set<std::pair<std::string, std::string>> finding_subjects;
  for (const auto& row : Rows(subjects_table)) finding_subjects.emplace(row[0], row[4]);
  const auto rows = Rows(evidence_table);
  ASSERT_EQ(rows.size(), annex_->rows.size() + 1);
  std::set<std::string> findings;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_TRUE(finding_subjects.contains({rows[i][0], rows[i][3]}))
        << "finding " << rows[i][0] << " subject " << rows[i][3] << " not in finding_subjects.csv";
    findings.insert(rows[i][0]);
  }
  EXPECT_GT(findings.size(), 1u);
}

TEST_F(ExampleEvidenceTest, EveryIdIsThePseudonymOfTheIdAsWritten) {
  const std::vector<ExportedFile> pseudonymised = ExportCsv(*report_, {.evidence = annex_});
  const std::vector<ExportedFile> named =
      ExportCsv(*report_, {.include_personal_data = true, .evidence = annex_});
  const auto p = Rows(File(pseudonymised, "evidence_records.csv"));
  const auto n = Rows(File(named, "evidence_records.csv"));
  ASSERT_EQ(p.size(), n.size());
  const report::Pseudonymizer pseudonymizer(kKey);
  for (size_t i = 1; i < p.size(); ++i) {
    ASSERT_EQ(p[i][3], pseudonymizer.Pseudonym(n[i][3])) << "row " << i;
    ASSERT_EQ(p[i][11], n[i][11].empty() ? "" : pseudonymizer.Pseudonym(n[i][11])) << "row " << i;
    ASSERT_EQ(p[i][5], n[i][5]) << "record ids are the brand's, not personal data";
  }
}

}  // namespace
}  // namespace tiersight::exports

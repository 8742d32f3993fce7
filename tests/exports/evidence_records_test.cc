// evidence_records.csv in the CSV export: its columns and pseudonyms on a
// report written here, then on the hoarding example's audit, where every
// subject it names must be the pseudonym finding_subjects.csv gives.
#include "exports/evidence_records.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
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

// One order from A2 to A1, A1 a subject of finding 1. The record is handed
// out each time the annex is read, as the bundle would be read again.
EvidenceAnnex OneOrder(std::string from = "A2") {
  EvidenceAnnex annex;
  annex.finding_lists.push_back({1});
  annex.rows = 1;
  annex.for_each_record = [from](const EvidenceVisitor& visit) {
    visit({.file = "orders.csv",
           .line = 2,
           .id = "=O1",
           .date = "2025-01-02",
           .kind = "sale",
           .quantity = "3",
           .amount = "-0.00",
           .from = from,
           .to = "A1"},
          0, 1);
    return absl::OkStatus();
  };
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

TEST(EvidenceRecordsTest, OneRowPerRecordAndSubjectAfterTheOtherTables) {
  const EvidenceAnnex annex = OneOrder();
  const std::vector<ExportedFile> files = ExportCsv(TwoFindings(), {.evidence = &annex});
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.back().name, "evidence_records.csv");
  EXPECT_EQ(files.back().content_type, "text/csv; charset=utf-8");
  EXPECT_FALSE(files.back().write) << "made in memory unless asked to stream";
  const report::Pseudonymizer pseudonymizer(kKey);
  const auto rows = Rows(files.back().data);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"file", "record_id", "date", "kind", "quantity", "amount",
                                      "subject", "role", "counterparty", "findings"}));
  // The record id as written, kept from running as a formula; the amount
  // exact as the bundle writes it, a number. The seller, no subject, has
  // no row of its own.
  EXPECT_EQ(rows[1], (std::vector<std::string>{"orders.csv", "'=O1", "2025-01-02", "sale", "3",
                                               "-0.00", pseudonymizer.Pseudonym("A1"), "buyer",
                                               pseudonymizer.Pseudonym("A2"), "1"}));
  EXPECT_THAT(File(files, "provenance.csv"),
              HasSubstr("\r\nevidence_records,evidence_records.csv: 1 rows\r\n"));
}

TEST(EvidenceRecordsTest, BothPartiesSubjectsGiveTwoRowsSellerFirstFindingsJoined) {
  v1::AuditReport report = TwoFindings();
  for (const char* rule : {"more", "most"}) {
    v1::Finding& f = *report.add_findings();
    f.set_scope("agent");
    f.set_rule_id(rule);
  }
  EvidenceAnnex annex;
  annex.finding_lists = {{}, {1}, {1, 2, 3}};
  annex.rows = 2;
  annex.for_each_record = [](const EvidenceVisitor& visit) {
    visit({.file = "payments.csv", .id = "P9", .amount = "5", .from = "A7", .to = "A8"}, 2, 1);
    return absl::OkStatus();
  };
  const auto rows =
      Rows(File(ExportCsv(report, {.include_personal_data = true, .evidence = &annex}),
                "evidence_records.csv"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][6] + " " + rows[1][7] + " " + rows[1][8] + " " + rows[1][9],
            "A7 payer A8 1;2;3");
  EXPECT_EQ(rows[2][6] + " " + rows[2][7] + " " + rows[2][8] + " " + rows[2][9], "A8 payee A7 1");
}

TEST(EvidenceRecordsTest, PersonalDataKeepsTheIdsAndTheCompanyStaysEmpty) {
  const EvidenceAnnex annex = OneOrder(/*from=*/"");
  const std::vector<ExportedFile> files =
      ExportCsv(TwoFindings(), {.include_personal_data = true, .evidence = &annex});
  const auto rows = Rows(File(files, "evidence_records.csv"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][6], "A1");
  EXPECT_EQ(rows[1][8], "");
}

// The table of a directory export is written as the records are read, in
// chunks, to the same bytes as when it is made in memory.
TEST(EvidenceRecordsTest, AStreamedTableHasTheSameBytes) {
  const EvidenceAnnex annex = OneOrder();
  const std::vector<ExportedFile> whole = ExportCsv(TwoFindings(), {.evidence = &annex});
  const std::vector<ExportedFile> streamed =
      ExportCsv(TwoFindings(), {.evidence = &annex, .stream_evidence = true});
  ASSERT_EQ(streamed.size(), whole.size());
  const ExportedFile& table = streamed.back();
  EXPECT_EQ(table.name, "evidence_records.csv");
  EXPECT_EQ(table.data, "");
  ASSERT_TRUE(table.write);
  std::string written;
  ASSERT_TRUE(table
                  .write([&](std::string_view chunk) {
                    written += chunk;
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(written, whole.back().data);
  const absl::Status full =
      table.write([](std::string_view) { return absl::ResourceExhaustedError("disk full"); });
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted) << "the sink's error is returned";
}

// The annex counts its rows when it is made, for provenance.csv; read
// again, the records must give as many.
TEST(EvidenceRecordsTest, RecordsReadAgainGivingOtherRowsFailTheTable) {
  EvidenceAnnex annex = OneOrder();
  annex.rows = 2;
  static const report::Pseudonymizer pseudonymizer(kKey);
  absl::StatusOr<std::vector<ExportedFile>> files = ExportReport(
      TwoFindings(),
      {.format = ExportFormat::kCsv, .pseudonymizer = &pseudonymizer, .evidence = &annex});
  EXPECT_EQ(files.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(files.status().message(), HasSubstr("1 rows read again, 2 when the annex was made"));
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
  annex.finding_lists[1] = {0};  // the network finding
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
  // Subject -> the agent findings naming it in finding_subjects.csv.
  std::map<std::string, std::string> findings_of;
  for (const auto& row : Rows(subjects_table)) {
    if (row[0] == "finding" || report_->findings(std::stoi(row[0])).scope() != "agent") continue;
    std::string& list = findings_of[row[4]];
    if (list.empty() || list.substr(list.rfind(';') + 1) != row[0]) {
      list += (list.empty() ? "" : ";") + row[0];
    }
  }
  const auto rows = Rows(evidence_table);
  ASSERT_EQ(static_cast<int64_t>(rows.size()), annex_->rows + 1);
  std::set<std::string> lists;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_TRUE(findings_of.contains(rows[i][6]))
        << "subject " << rows[i][6] << " of no agent finding in finding_subjects.csv";
    ASSERT_EQ(rows[i][9], findings_of[rows[i][6]]) << "row " << i;
    ASSERT_TRUE(seen.emplace(rows[i][0], rows[i][1], rows[i][7]).second)
        << "record " << rows[i][1] << ", role " << rows[i][7] << " twice";
    lists.insert(rows[i][9]);
  }
  EXPECT_GT(lists.size(), 1u);
  // The example's records stand once or twice (seller and buyer both
  // subjects), no longer once per finding.
  EXPECT_LT(rows.size(), 2 * (14040u + 1));
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
    ASSERT_EQ(p[i][6], pseudonymizer.Pseudonym(n[i][6])) << "row " << i;
    ASSERT_EQ(p[i][8], n[i][8].empty() ? "" : pseudonymizer.Pseudonym(n[i][8])) << "row " << i;
    ASSERT_EQ(p[i][1], n[i][1]) << "record ids are the brand's, not personal data";
    ASSERT_EQ(p[i][9], n[i][9]);
  }
}

}  // namespace
}  // namespace tiersight::exports

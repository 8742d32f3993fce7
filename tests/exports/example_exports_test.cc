// The exports of the example bundles: golden JSON and CSV files, and no raw
// agent id or name anywhere in the exported bytes.
//
// Regenerate the golden files after an intended change of the report:
//   TIERSIGHT_UPDATE_GOLDEN=1 build/tests/exports/exports_test
#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/audit_runner.h"
#include "exports/report_export.h"
#include "exports/report_json.h"
#include "exports/zip_archive.h"
#include "graph/bundle_digest.h"
#include "graph/csv_reader.h"
#include "report/canonical_json.h"

namespace tiersight::exports {
namespace {

constexpr char kPseudonymKey[] = "tiersight golden-file pseudonym key";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Compares `actual` with the golden file, or rewrites it when
// TIERSIGHT_UPDATE_GOLDEN is set.
void ExpectGolden(const std::string& example, const std::string& name, const std::string& actual) {
  const std::filesystem::path path = std::filesystem::path(TIERSIGHT_GOLDEN_DIR) / example / name;
  if (const char* update = std::getenv("TIERSIGHT_UPDATE_GOLDEN"); update && *update == '1') {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; see the file comment";
  const std::string golden = ReadFile(path);
  if (golden == actual) return;
  size_t at = 0;
  while (at < golden.size() && at < actual.size() && golden[at] == actual[at]) ++at;
  ADD_FAILURE() << path << " differs from the export at byte " << at << ": golden \""
                << golden.substr(at, 60) << "\", now \"" << actual.substr(at, 60)
                << "\" (TIERSIGHT_UPDATE_GOLDEN=1 rewrites it after an intended change)";
}

tiersight::v1::AuditReport AuditExample(const std::string& example) {
  core::LoadedPacks packs = core::LoadPacks({"cn", "inventory"});
  EXPECT_TRUE(packs.ok());
  core::AuditRun run =
      core::RunAudit(std::string(TIERSIGHT_EXAMPLES_DIR) + "/" + example, packs, {});
  EXPECT_TRUE(run.status.ok()) << run.status;
  return run.report;
}

std::vector<ExportedFile> Export(const tiersight::v1::AuditReport& report, ExportFormat format,
                                 bool include_personal_data) {
  static const report::Pseudonymizer pseudonymizer(kPseudonymKey);
  absl::StatusOr<std::vector<ExportedFile>> files =
      ExportReport(report, {.format = format,
                            .include_personal_data = include_personal_data,
                            .pseudonymizer = &pseudonymizer,
                            .reproducible = true});
  EXPECT_TRUE(files.ok()) << files.status();
  return files.ok() ? *files : std::vector<ExportedFile>{};
}

// agent_id and name of every agents.csv row.
void AgentIdsAndNames(const std::string& example, std::vector<std::string>& ids,
                      std::vector<std::string>& names) {
  const std::string text =
      ReadFile(std::string(TIERSIGHT_EXAMPLES_DIR) + "/" + example + "/agents.csv");
  graph::CsvReader reader(text);
  graph::CsvRecord record;
  ASSERT_TRUE(reader.Next(record));
  ASSERT_EQ(record.fields.front(), "agent_id");
  ASSERT_EQ(record.fields.back(), "name");
  while (reader.Next(record)) {
    ids.emplace_back(record.fields.front());
    if (!record.fields.back().empty()) names.emplace_back(record.fields.back());
  }
  ASSERT_GT(ids.size(), 100u);
  ASSERT_GT(names.size(), 100u);
}

class ExampleExportsTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleExportsTest, JsonMatchesGolden) {
  const std::vector<ExportedFile> files =
      Export(AuditExample(GetParam()), ExportFormat::kJson, false);
  ASSERT_EQ(files.size(), 1u);
  ExpectGolden(GetParam(), "report.json", files[0].data);
}

TEST_P(ExampleExportsTest, CsvTablesMatchGolden) {
  for (const ExportedFile& f : Export(AuditExample(GetParam()), ExportFormat::kCsv, false)) {
    ExpectGolden(GetParam(), f.name, f.data);
  }
}

TEST_P(ExampleExportsTest, ReproducibleExportsAreByteIdentical) {
  const tiersight::v1::AuditReport report = AuditExample(GetParam());
  const std::vector<ExportedFile> a = Export(report, ExportFormat::kJson, false);
  const std::vector<ExportedFile> b = Export(AuditExample(GetParam()), ExportFormat::kJson, false);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].data, b[0].data);
  EXPECT_THAT(a[0].data, ::testing::HasSubstr("\"generated_at\": \"" + report.provenance().as_of() +
                                              "T00:00:00Z\""));
}

// A recipient can recompute the report id from the JSON alone: without
// report_id and signature, canonicalised, hashed.
TEST_P(ExampleExportsTest, ReportIdIsTheDigestOfTheReportWithoutIt) {
  const std::vector<ExportedFile> files =
      Export(AuditExample(GetParam()), ExportFormat::kJson, false);
  ASSERT_EQ(files.size(), 1u);
  absl::StatusOr<google::protobuf::Value> json = report::ParseJson(files[0].data);
  ASSERT_TRUE(json.ok());
  auto& provenance =
      *(*json->mutable_struct_value()->mutable_fields())["provenance"].mutable_struct_value();
  const std::string id = provenance.fields().at("report_id").string_value();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_THAT(provenance.fields().at("time_fixed").bool_value(), true);
  provenance.mutable_fields()->erase("report_id");
  EXPECT_EQ(id, graph::Sha256OfText(report::CanonicalJson(*json)).substr(0, 16));
}

TEST_P(ExampleExportsTest, NoRawAgentIdOrNameInAnyExportedByte) {
  std::vector<std::string> ids, names;
  AgentIdsAndNames(GetParam(), ids, names);
  const tiersight::v1::AuditReport report = AuditExample(GetParam());
  std::vector<ExportedFile> files = Export(report, ExportFormat::kJson, false);
  const std::vector<ExportedFile> csv = Export(report, ExportFormat::kCsv, false);
  const report::Pseudonymizer pseudonymizer(kPseudonymKey);
  absl::StatusOr<std::vector<ExportedFile>> zip = ExportReport(
      report, {.format = ExportFormat::kCsv, .pseudonymizer = &pseudonymizer, .csv_as_zip = true});
  ASSERT_TRUE(zip.ok()) << zip.status();
  ASSERT_EQ(zip->size(), 1u);
  EXPECT_EQ((*zip)[0].name, "report.zip");
  absl::StatusOr<std::vector<ZipEntry>> unzipped = UnzipArchive((*zip)[0].data);
  ASSERT_TRUE(unzipped.ok()) << unzipped.status();
  ASSERT_EQ(unzipped->size(), csv.size());
  files.insert(files.end(), csv.begin(), csv.end());
  for (const ZipEntry& e : *unzipped) files.push_back({"zip:" + e.name, "", e.data});
  for (const ExportedFile& f : files) {
    for (const std::string& id : ids) {
      ASSERT_EQ(f.data.find(id), std::string::npos) << "agent id " << id << " in " << f.name;
    }
    for (const std::string& name : names) {
      ASSERT_EQ(f.data.find(name), std::string::npos) << "name " << name << " in " << f.name;
    }
  }
  EXPECT_THAT(files[0].data, ::testing::HasSubstr("\"personal_data\": \"pseudonymised\""));
  EXPECT_THAT(files[0].data,
              ::testing::HasSubstr("\"pseudonym_key_id\": \"" +
                                   report::Pseudonymizer(kPseudonymKey).KeyId() + "\""));
}

// The hoarding example: the healthy one has no finding that names an agent.
TEST(ExamplePersonalDataTest, IncludePersonalDataPutsTheIdsBack) {
  const tiersight::v1::AuditReport report = AuditExample("hoarding-network");
  std::vector<ExportedFile> files = Export(report, ExportFormat::kJson, true);
  for (const ExportedFile& f : Export(report, ExportFormat::kCsv, true)) files.push_back(f);
  std::string all;
  for (const ExportedFile& f : files) all += f.data;
  EXPECT_EQ(all.find("P-"), std::string::npos);
  EXPECT_THAT(files[0].data, ::testing::HasSubstr("\"personal_data\": \"included\""));
  int named = 0;
  for (const tiersight::v1::Finding& f : report.findings()) {
    for (const auto& s : f.evidence().top_subjects()) {
      EXPECT_NE(files[0].data.find("\"" + s.subject() + "\""), std::string::npos) << s.subject();
      ++named;
    }
  }
  EXPECT_GT(named, 0);
}

// Every value in the JSON says its unit, and money carries its exact
// decimal, which reads back to the value.
TEST(ExampleJsonTest, ValuesCarryTheirUnitAndMoneyItsExactDecimal) {
  const std::vector<ExportedFile> files =
      Export(AuditExample("hoarding-network"), ExportFormat::kJson, false);
  ASSERT_EQ(files.size(), 1u);
  absl::StatusOr<tiersight::v1::AuditReport> report = ParseReportJson(files[0].data);
  ASSERT_TRUE(report.ok()) << report.status();
  int money = 0;
  for (const tiersight::v1::Finding& f : report->findings()) {
    for (const tiersight::v1::FigureValue& v : f.values()) {
      EXPECT_FALSE(v.unit().empty()) << f.rule_id() << " " << v.name();
      if (v.unit() != "money") continue;
      ++money;
      ASSERT_FALSE(v.exact().empty()) << f.rule_id() << " " << v.name();
      EXPECT_EQ(std::stod(v.exact()), v.value()) << v.exact();
    }
  }
  EXPECT_GT(money, 0);
  EXPECT_THAT(files[0].data, ::testing::HasSubstr("\"unit\": \"money\""));
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleExportsTest,
                         ::testing::Values("healthy-network", "hoarding-network"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace tiersight::exports

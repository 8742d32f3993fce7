// Exported reports: the one place that turns an audit report into the files
// a regulator receives (JSON, HTML, CSV). The CLI's `audit --out` and the
// service's ExportReport both call ExportReport, so the same report and
// options give the same bytes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "exports/evidence_records.h"
#include "exports/report_languages.h"
#include "report/ed25519_keys.h"
#include "report/pseudonymizer.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

enum class ExportFormat { kJson, kHtml, kCsv };

// "json", "html" or "csv"; INVALID_ARGUMENT naming the value otherwise.
absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name);

struct ExportOptions {
  ExportFormat format = ExportFormat::kJson;
  // Labels of the HTML report: one of ReportLanguages(), checked for every
  // format (INVALID_ARGUMENT naming them otherwise).
  std::string lang = std::string(kDefaultReportLanguage);
  // false (the default): agent ids are replaced by keyed pseudonyms, which
  // needs `pseudonymizer`. true: ids as written in the bundle.
  bool include_personal_data = false;
  const report::Pseudonymizer* pseudonymizer = nullptr;
  // Provenance.generated_at. nullopt: now, unless `reproducible`, which
  // fixes it to the as-of date at 00:00:00Z so that two runs are identical.
  std::optional<std::string> generated_at;
  bool reproducible = false;
  // Provenance.report_id: the audit's name for a service export; when
  // unset, derived from the report's content (see findings.proto).
  std::optional<std::string> report_id;
  // When set, the JSON report (and the JSON embedded in the HTML) is signed.
  const report::Ed25519PrivateKey* signing_key = nullptr;
  // CSV only: one "report.zip" (application/zip) holding the tables instead of
  // one file per table, for callers that deliver a single file.
  bool csv_as_zip = false;
  // CSV only: the orders and payments behind the agent findings, made from
  // the audited bundle (core::FindingEvidence), written as
  // evidence_records.csv after the other tables. Null: no such table, and
  // provenance.csv's `evidence_records` row says why: `evidence_missing`,
  // or that the export was made without the bundle.
  const EvidenceAnnex* evidence = nullptr;
  std::string evidence_missing;
  // CSV tables as files (not a zip): evidence_records.csv is not made in
  // memory but written by its ExportedFile::write when the files are
  // written, since it can be far larger than the rest of the report.
  bool stream_evidence = false;
};

// The report as it is exported, before it is printed in any format:
// Provenance.generated_at, personal_data and pseudonym_key_id set, and agent
// ids replaced unless `include_personal_data`. FAILED_PRECONDITION when ids
// must be replaced and no pseudonymizer is given.
absl::StatusOr<tiersight::v1::AuditReport> PrepareExport(tiersight::v1::AuditReport report,
                                                         const ExportOptions& options);

struct ExportedFile {
  std::string name;          // "report.json", "findings.csv", ...
  std::string content_type;  // "application/json", "text/html; charset=utf-8", ...
  std::string data;
  // When set, `data` is empty and the content is written by calling `write`
  // once with where to write it, chunk by chunk. It refers to the
  // ExportOptions' evidence annex and pseudonymizer, which must outlive it.
  std::function<absl::Status(const TextSink& sink)> write;
};

// JSON and HTML give one file; CSV gives one file per table, or one zip.
absl::StatusOr<std::vector<ExportedFile>> ExportReport(tiersight::v1::AuditReport report,
                                                       const ExportOptions& options);

}  // namespace tiersight::exports

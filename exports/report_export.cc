#include "exports/report_export.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <google/protobuf/struct.pb.h>

#include <ctime>

#include "base/str_cat.h"
#include "exports/html_report.h"
#include "exports/report_csv.h"
#include "exports/report_json.h"
#include "exports/report_languages.h"
#include "exports/report_pseudonyms.h"
#include "exports/zip_archive.h"
#include "graph/bundle_digest.h"
#include "report/canonical_json.h"
#include "report/report_signature.h"

namespace tiersight::exports {
namespace {

std::string GeneratedAt(const tiersight::v1::AuditReport& report, const ExportOptions& options) {
  if (options.generated_at) return *options.generated_at;
  if (options.reproducible) {
    const std::string& as_of = report.provenance().as_of();
    return (as_of.empty() ? "1970-01-01" : as_of) + "T00:00:00Z";
  }
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

// Anyone holding the JSON can recompute it: drop signature,
// provenance.report_id and provenance.html_renderer, canonicalise, SHA-256.
std::string ContentReportId(const tiersight::v1::AuditReport& report) {
  const std::string json = ReportJson(report);
  absl::StatusOr<google::protobuf::Value> value = report::ParseJson(json);
  if (!value.ok()) return graph::Sha256OfText(json).substr(0, 16);
  auto& fields = *value->mutable_struct_value()->mutable_fields();
  if (auto it = fields.find("provenance"); it != fields.end()) {
    for (const char* member : {"report_id", "html_renderer"}) {
      it->second.mutable_struct_value()->mutable_fields()->erase(member);
    }
  }
  return graph::Sha256OfText(report::CanonicalJson(*value)).substr(0, 16);
}

absl::StatusOr<std::string> JsonReport(const tiersight::v1::AuditReport& report,
                                       const ExportOptions& options) {
  std::string json = ReportJson(report);
  if (options.signing_key == nullptr) return json;
  absl::StatusOr<std::string> signed_json = report::SignReport(json, *options.signing_key);
  if (!signed_json.ok()) return signed_json.status();
  return *signed_json + "\n";
}

// The one mapping of agent ids an export applies, to the report and to its
// evidence annex alike.
AgentIdMapping ExportedIds(const ExportOptions& options) {
  if (options.include_personal_data) return [](std::string_view id) { return std::string(id); };
  const report::Pseudonymizer* pseudonymizer = options.pseudonymizer;
  return [pseudonymizer](std::string_view id) { return pseudonymizer->Pseudonym(id); };
}

// What provenance.csv says of evidence_records.csv.
std::string EvidenceRecordsNote(const ExportOptions& options) {
  if (options.evidence != nullptr) {
    return StrCat("evidence_records.csv: ", options.evidence->rows, " rows");
  }
  return StrCat("not included: ", options.evidence_missing.empty()
                                      ? "the export was made without the audited bundle"
                                      : options.evidence_missing);
}

absl::StatusOr<std::vector<ExportedFile>> CsvFiles(const tiersight::v1::AuditReport& prepared,
                                                   const ExportOptions& options) {
  std::vector<CsvTable> tables = ReportCsvTables(prepared, EvidenceRecordsNote(options));
  std::function<absl::Status(const TextSink&)> write_evidence;
  if (options.evidence != nullptr) {
    if (absl::Status s = CheckEvidenceAnnex(prepared, *options.evidence); !s.ok()) return s;
    if (options.stream_evidence && !options.csv_as_zip) {
      write_evidence = [annex = options.evidence,
                        map = ExportedIds(options)](const TextSink& sink) {
        return WriteEvidenceRecords(*annex, map, sink);
      };
    } else {
      absl::StatusOr<CsvTable> evidence =
          EvidenceRecordsTable(prepared, *options.evidence, ExportedIds(options));
      if (!evidence.ok()) return evidence.status();
      tables.push_back(*std::move(evidence));
    }
  }
  std::vector<ExportedFile> files;
  for (CsvTable& t : tables) {
    files.push_back({.name = std::move(t.name),
                     .content_type = "text/csv; charset=utf-8",
                     .data = std::move(t.data)});
  }
  if (write_evidence) {
    files.push_back({.name = "evidence_records.csv",
                     .content_type = "text/csv; charset=utf-8",
                     .write = std::move(write_evidence)});
  }
  if (!options.csv_as_zip) return files;
  std::vector<ZipEntry> entries;
  for (ExportedFile& f : files) entries.push_back({std::move(f.name), std::move(f.data)});
  absl::StatusOr<std::string> zip = ZipArchive(entries);
  if (!zip.ok()) return zip.status();
  return std::vector<ExportedFile>{
      {.name = "report.zip", .content_type = "application/zip", .data = std::move(*zip)}};
}

}  // namespace

absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "json" || name.empty()) return ExportFormat::kJson;
  if (name == "html") return ExportFormat::kHtml;
  if (name == "csv") return ExportFormat::kCsv;
  return absl::InvalidArgumentError("unknown report format \"" + std::string(name) +
                                    "\" (json, html or csv)");
}

absl::StatusOr<tiersight::v1::AuditReport> PrepareExport(tiersight::v1::AuditReport report,
                                                         const ExportOptions& options) {
  tiersight::v1::Provenance& provenance = *report.mutable_provenance();
  provenance.set_generated_at(GeneratedAt(report, options));
  provenance.set_time_fixed(options.reproducible && !options.generated_at);
  provenance.clear_report_id();
  provenance.clear_html_renderer();
  if (options.include_personal_data) {
    provenance.set_personal_data("included");
    provenance.clear_pseudonym_key_id();
  } else if (options.pseudonymizer == nullptr) {
    return absl::FailedPreconditionError(
        "exported reports replace agent ids by pseudonyms, which needs a pseudonym key");
  } else {
    ReplaceAgentIds(report, ExportedIds(options));
    provenance.set_personal_data("pseudonymised");
    provenance.set_pseudonym_key_id(options.pseudonymizer->KeyId());
  }
  provenance.set_report_id(options.report_id ? *options.report_id : ContentReportId(report));
  return report;
}

absl::StatusOr<std::vector<ExportedFile>> ExportReport(tiersight::v1::AuditReport report,
                                                       const ExportOptions& options) {
  if (absl::Status s = CheckReportLanguage(options.lang); !s.ok()) return s;
  absl::StatusOr<tiersight::v1::AuditReport> prepared = PrepareExport(std::move(report), options);
  if (!prepared.ok()) return prepared.status();
  switch (options.format) {
    case ExportFormat::kJson: {
      absl::StatusOr<std::string> json = JsonReport(*prepared, options);
      if (!json.ok()) return json.status();
      return std::vector<ExportedFile>{
          {.name = "report.json", .content_type = "application/json", .data = std::move(*json)}};
    }
    case ExportFormat::kHtml: {
      // Only the JSON in a page names the renderer: `verify` re-renders the
      // page only when it is this one.
      prepared->mutable_provenance()->set_html_renderer(std::string(kHtmlRendererVersion));
      std::string signed_json;
      if (options.signing_key != nullptr) {
        absl::StatusOr<std::string> json = JsonReport(*prepared, options);
        if (!json.ok()) return json.status();
        signed_json = std::move(*json);
      }
      absl::StatusOr<std::string> html = RenderHtmlReport(
          *prepared, HtmlReportOptions{.lang = options.lang, .signed_json = signed_json});
      if (!html.ok()) return html.status();
      return std::vector<ExportedFile>{{.name = "report.html",
                                        .content_type = "text/html; charset=utf-8",
                                        .data = std::move(*html)}};
    }
    case ExportFormat::kCsv:
      return CsvFiles(*prepared, options);
  }
  return absl::InvalidArgumentError("unknown export format");
}

}  // namespace tiersight::exports

#include "cli/audit_output.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <optional>

#include "base/str_cat.h"
#include "cli/export_files.h"
#include "cli/figures_text.h"
#include "cli/load_messages.h"
#include "cli/pdf_printer.h"
#include "cli/pseudonym_key.h"
#include "core/bundle_session.h"
#include "core/figures_proto.h"
#include "core/finding_evidence.h"
#include "exports/chain_text.h"
#include "exports/finding_text.h"
#include "exports/report_export.h"
#include "rules/finding.h"

namespace tiersight::cli {
namespace {

constexpr int kExportFailed = 1;
constexpr int kFindingAtFailOn = 3;

// The index and its band: "0.62 (suspected)".
std::string RiskText(const tiersight::v1::RiskIndex& risk) {
  return fmt::format("{:.2f} ({})", risk.index(), risk.band());
}

// What the findings amount to, first: one line per jurisdiction, then the
// network's risk index.
std::string RenderVerdictsText(const tiersight::v1::AuditReport& report) {
  if (report.verdicts().empty()) return "Verdicts: none\n";
  std::string out = "Verdicts:\n";
  for (const tiersight::v1::JurisdictionVerdict& v : report.verdicts()) {
    out += fmt::format("  {} [risk {}]\n", v.verdict(), RiskText(v.risk()));
  }
  out += fmt::format("  risk index of the network: {} [HEURISTIC]\n", RiskText(report.risk()));
  return out;
}

// The subjects the finding shows, and "(10 of 12 organisers shown)" when
// it concerns more.
std::string SubjectsText(const tiersight::v1::Finding& f) {
  const int64_t shown = exports::ShownCount(f);
  const int64_t count = exports::SubjectCount(f);
  std::string out = fmt::format(
      "{}", fmt::join(f.subjects().begin(), f.subjects().begin() + static_cast<int>(shown), ", "));
  if (shown < count) {
    out += fmt::format("{}({} of {} {} shown)", shown > 0 ? " " : "", shown, count,
                       exports::SubjectsNoun(f));
  }
  return out;
}

// "rule" (the rule's severity), or what was measured and its value.
std::string GradingText(const tiersight::v1::Grading& g, std::string_view currency) {
  if (g.basis().empty() || g.basis() == "rule") return "the rule's own";
  return fmt::format("{} = {} (at most {})", g.basis(),
                     exports::PlainValueText(g.measure(), currency), g.max_severity());
}

std::string RenderFindingsText(const tiersight::v1::AuditReport& report) {
  if (report.findings().empty()) return "Findings: none\n";
  const std::string& currency = report.bundle().currency();
  std::string out = fmt::format("Findings ({}):\n", report.findings_size());
  for (const tiersight::v1::Finding& f : report.findings()) {
    out += fmt::format("  [{}] {} {} — {}\n", f.severity(), f.pack(), f.rule_id(), f.title());
    out += fmt::format("      {}\n", f.message());
    if (f.scope() == "agent") {
      out += fmt::format("      {} of {} agents match; top: {}\n", f.evidence().matches(),
                         f.evidence().evaluated(), SubjectsText(f));
    } else {
      out += fmt::format("      subject: {}\n", SubjectsText(f));
    }
    if (!f.params().empty()) {
      out +=
          fmt::format("      params: {}\n", exports::PlainValuesText(f.params(), currency, ", "));
    }
    out += fmt::format("      severity basis: {}\n", GradingText(f.grading(), currency));
    const tiersight::v1::Evidence& e = f.evidence();
    if (!e.deepest_chain().empty()) {
      out += fmt::format("      deepest chain ({} agents): {}\n",
                         e.deepest_chain_size() + e.deepest_chain_omitted(),
                         exports::ChainText(e, " > ", [](int64_t omitted) {
                           return fmt::format("... {} more ...", omitted);
                         }));
    }
    out += fmt::format("      cite: {}\n", f.cite());
  }
  return out;
}

std::string RenderAuditText(const tiersight::v1::AuditReport& report) {
  return RenderVerdictsText(report) + "\n" + RenderFindingsText(report) + "\n" +
         RenderFiguresText(FiguresTextOf(report)) + "\n" + RenderLoadText(report.load());
}

base::KeyFileAccess KeyAccessOf(const AuditCommandOptions& options) {
  return options.allow_insecure_key ? base::KeyFileAccess::kAllowInsecure
                                    : base::KeyFileAccess::kOwnerOnly;
}

constexpr std::string_view kRemoteEvidence =
    "the audit ran on the service, which holds the bundle: its ExportReport of format csv "
    "includes the annex";

// The evidence annex of a CSV export, read from the bundle just audited;
// nullopt for an audit the service ran, whose bundle is not here.
absl::StatusOr<std::optional<exports::EvidenceAnnex>> LocalEvidence(
    const tiersight::v1::AuditReport& report, const AuditCommandOptions& options) {
  if (!options.server.empty() || options.bundle.empty()) return std::nullopt;
  absl::StatusOr<exports::EvidenceAnnex> annex = core::FindingEvidence(options.bundle, report);
  if (!annex.ok()) {
    return absl::FailedPreconditionError(StrCat("cannot write the evidence annex from ",
                                                options.bundle, ": ",
                                                std::string(annex.status().message())));
  }
  return std::optional<exports::EvidenceAnnex>(*std::move(annex));
}

// Writes the --out export; errors name the option or file.
absl::Status WriteExport(const tiersight::v1::AuditReport& report,
                         const AuditCommandOptions& options) {
  absl::StatusOr<ExportTarget> target = ChooseExportTarget(options.out, options.out_format);
  if (!target.ok()) return target.status();
  if (target->layout == ExportTarget::Layout::kPdf) {
    // Before anything is rendered: a missing browser is the likely failure.
    if (absl::StatusOr<std::string> chromium = FindChromium(); !chromium.ok()) {
      return absl::FailedPreconditionError(
          StrCat("cannot write ", options.out, ": ", std::string(chromium.status().message())));
    }
  }
  std::optional<report::Ed25519PrivateKey> signing_key;
  if (!options.sign_key.empty()) {
    if (target->format == exports::ExportFormat::kCsv) {
      return absl::InvalidArgumentError(
          "--sign-key signs JSON and HTML reports; CSV tables are not signed");
    }
    absl::StatusOr<report::Ed25519PrivateKey> key =
        report::ReadPrivateKey(options.sign_key, KeyAccessOf(options));
    if (!key.ok()) return key.status();
    signing_key = *key;
  }
  std::optional<report::Pseudonymizer> pseudonymizer;
  if (!options.include_personal_data) {
    absl::StatusOr<report::Pseudonymizer> p = ResolvePseudonymizer(
        options.pseudonym_key, signing_key ? &*signing_key : nullptr, KeyAccessOf(options));
    if (!p.ok()) return p.status();
    pseudonymizer.emplace(std::move(*p));
  }
  std::optional<exports::EvidenceAnnex> evidence;
  std::string evidence_missing;
  if (target->format == exports::ExportFormat::kCsv) {
    absl::StatusOr<std::optional<exports::EvidenceAnnex>> annex = LocalEvidence(report, options);
    if (!annex.ok()) return annex.status();
    evidence = *std::move(annex);
    if (!evidence) evidence_missing = kRemoteEvidence;
  }
  const exports::ExportOptions export_options{
      .format = target->format,
      .lang = options.lang,
      .include_personal_data = options.include_personal_data,
      .pseudonymizer = pseudonymizer ? &*pseudonymizer : nullptr,
      .generated_at = std::nullopt,
      .reproducible = options.reproducible,
      .signing_key = signing_key ? &*signing_key : nullptr,
      .csv_as_zip = target->layout == ExportTarget::Layout::kZip,
      .evidence = evidence ? &*evidence : nullptr,
      .evidence_missing = evidence_missing,
      .stream_evidence = target->layout == ExportTarget::Layout::kDirectory,
  };
  absl::StatusOr<std::vector<exports::ExportedFile>> files =
      exports::ExportReport(report, export_options);
  if (!files.ok()) return files.status();
  if (absl::Status s = WriteExportedFiles(*files, *target, options.out); !s.ok()) return s;
  spdlog::info("report written to {} ({} file{}, agent ids {}{})", options.out, files->size(),
               files->size() == 1 ? "" : "s",
               options.include_personal_data ? "included" : "pseudonymised",
               signing_key ? ", signed" : "");
  return absl::OkStatus();
}

}  // namespace

int EmitAuditReport(const tiersight::v1::AuditReport& report, const AuditCommandOptions& options) {
  PrintStdout(options.format == "json" ? core::ToJson(report) : RenderAuditText(report));
  if (!options.out.empty()) {
    if (absl::Status s = WriteExport(report, options); !s.ok()) {
      fmt::print(stderr, "tiersight: {}\n", std::string(s.message()));
      return kExportFailed;
    }
  }
  if (!options.fail_on.empty()) {
    rules::Severity fail_on = rules::Severity::kInfo;
    rules::ParseSeverity(options.fail_on, fail_on);
    for (const tiersight::v1::Finding& f : report.findings()) {
      rules::Severity severity = rules::Severity::kInfo;
      if (rules::ParseSeverity(f.severity(), severity) && severity >= fail_on) {
        return kFindingAtFailOn;
      }
    }
  }
  return 0;
}

}  // namespace tiersight::cli

#include "services/audit_output.h"

#include <fmt/format.h>

#include "rules/finding.h"
#include "services/bundle_session.h"
#include "services/figures_proto.h"

namespace tiersight::services {
namespace {

constexpr int kFindingAtFailOn = 3;

std::string RenderFindingsText(const tiersight::v1::AuditReport& report) {
  if (report.findings().empty()) return "Findings: none\n";
  std::string out = fmt::format("Findings ({}):\n", report.findings_size());
  for (const tiersight::v1::Finding& f : report.findings()) {
    out += fmt::format("  [{}] {} {} — {}\n", f.severity(), f.pack(), f.rule_id(), f.title());
    out += fmt::format("      {}\n", f.message());
    out += fmt::format("      cite: {}\n", f.cite());
  }
  return out;
}

}  // namespace

int EmitAuditReport(const tiersight::v1::AuditReport& report, const AuditCommandOptions& options) {
  PrintStdout(options.format == "json" ? ToJson(report) : RenderFindingsText(report));
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

}  // namespace tiersight::services

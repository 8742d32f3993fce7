// The sections of the HTML report that stand on their own (organisers,
// branches, findings, method) and what they share with the others. Internal to the report;
// callers use html_report.h. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "exports/report_labels.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// Everything a section needs besides the report itself.
struct Context {
  const tiersight::v1::AuditReport& report;
  const ReportLabels& labels;
  const std::string& currency;
};

// A severity as a coloured badge in the report's language.
std::string SeverityBadge(const Context& ctx, std::string_view severity);

// 5. Every organiser a finding names in a table, and the largest charted:
// genealogy (组织结构图) and recruitment timeline (html_organisers_section.cc).
std::string OrganisersSection(const Context& ctx);

// 6. The branches side by side: a table of all, a pyramid for the largest
// (html_branches_section.cc).
std::string BranchesSection(const Context& ctx);

// 7. One block per finding: severity, title, rule, citation, message, the
// figures that made it fire and its evidence.
std::string FindingsSection(const Context& ctx);

// 8. The definition of every figure shown, the packs, and how to verify.
std::string MethodSection(const Context& ctx, bool json_embedded);

}  // namespace tiersight::exports

// The sections of the HTML report that stand on their own (summary,
// organisers, branches, findings, method, verification) and what they share
// with the others. Internal to the report; callers use html_report.h.
// Thread-safe.
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

// 1. Page one (verdicts, key figures, the findings that matter most), then
// the network's facts, each pack's verdict and the digests.
std::string SummarySection(const Context& ctx);

// A figure's or parameter's value in its unit (`scope` is the finding's, or
// "network").
std::string FormatFigureValue(const Context& ctx, std::string_view scope,
                              const tiersight::v1::FigureValue& v);

// 5. Every organiser a finding names in a table, and the largest charted:
// genealogy (组织结构图) and recruitment timeline (html_organisers_section.cc).
std::string OrganisersSection(const Context& ctx);

// Within the money section: money by its legal form and by who paid whom,
// and the stock on hand valued.
std::string MoneyFormsBlock(const Context& ctx);

// 6. The branches side by side: a table of all, a pyramid for the largest
// (html_branches_section.cc).
std::string BranchesSection(const Context& ctx);

// 7. One block per finding: severity, title, rule, citation, message, the
// figures that made it fire and its evidence.
std::string FindingsSection(const Context& ctx);

// 8. The definition of every figure shown and the packs.
std::string MethodSection(const Context& ctx);

// 9. Who signed the page, the digests, how to check both, and the report
// id every printed page carries.
// `signed_json` is the signed JSON the page embeds, empty for none.
std::string VerificationSection(const Context& ctx, std::string_view signed_json);

// The line each printed sheet carries at its foot (plain text): report id
// and bundle digest.
std::string PrintFooterText(const Context& ctx);

}  // namespace tiersight::exports

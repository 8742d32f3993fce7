// The HTML report: one self-contained file (inline CSS and SVG charts, no
// scripts, fonts or images fetched) that a regulator can open offline and
// print on A4, in any of the report languages (report_languages.h).
// Sections: summary (the verdict per jurisdiction and the risk index, then
// per pack), the pyramid, where the stock is, where the money comes from,
// organisers and their teams, branches, findings, method. The same report
// and options always give the same bytes. Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "exports/report_languages.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// The version of the pages RenderHtmlReport writes. An HTML export names it
// in its signed JSON (Provenance.html_renderer), so that `verify` re-renders
// only pages it renders the same way. Raise it (to the next integer) with
// any change to the bytes rendered for the same report and language: markup,
// stylesheet, charts, number formats or a label's text. A new language
// leaves the pages of the others as they were and does not raise it.
inline constexpr std::string_view kHtmlRendererVersion = "5";

struct HtmlReportOptions {
  std::string lang = std::string(kDefaultReportLanguage);
  // When non-empty: the signed JSON report, embedded in a
  // <script type="application/json" id="tiersight-report"> element (with
  // "<" written as \u003c, which leaves the JSON value and its signature
  // unchanged).
  std::string signed_json;
};

// All text from the report is escaped; agent ids are shown as the report
// carries them (pseudonymise before rendering). INVALID_ARGUMENT, naming the
// report languages, for a language that is none of them.
absl::StatusOr<std::string> RenderHtmlReport(const tiersight::v1::AuditReport& report,
                                             const HtmlReportOptions& options);

// What a page produced by RenderHtmlReport was rendered with: its language
// and its embedded signed JSON (as embedded). NOT_FOUND when the page
// carries no signed JSON (it was exported without a signing key).
struct EmbeddedHtmlReport {
  std::string html_lang;  // as in <html lang="...">; empty when absent
  std::string lang;       // the report language with that tag; empty when none
  std::string signed_json;
};
absl::StatusOr<EmbeddedHtmlReport> ReadEmbeddedReport(std::string_view html);

}  // namespace tiersight::exports

#include "cli/html_page_check.h"

#include <fmt/format.h>

#include "base/str_cat.h"
#include "exports/html_report.h"
#include "exports/report_json.h"
#include "exports/report_languages.h"

namespace tiersight::cli {
namespace {

constexpr std::string_view kNotCompared =
    ", so the page's text and charts were not compared with the signed report it embeds (rely "
    "on that report, which the signature covers)";

std::string PageVersion(const tiersight::v1::Provenance& provenance) {
  return provenance.has_html_renderer()
             ? StrCat("a page of version ", provenance.html_renderer())
             : std::string("a page made before pages named their renderer's version");
}

}  // namespace

absl::StatusOr<HtmlPageCheck> CheckHtmlPage(const std::string& html) {
  absl::StatusOr<exports::EmbeddedHtmlReport> embedded = exports::ReadEmbeddedReport(html);
  if (!embedded.ok()) return embedded.status();
  absl::StatusOr<tiersight::v1::AuditReport> report =
      exports::ParseReportJson(embedded->signed_json);
  if (!report.ok()) {
    return absl::InvalidArgumentError("the embedded JSON is not an audit report: " +
                                      std::string(report.status().message()));
  }
  HtmlPageCheck check{
      .signed_json = std::move(embedded->signed_json), .rechecked = false, .message = {}};
  const tiersight::v1::Provenance& provenance = report->provenance();
  if (provenance.html_renderer() != exports::kHtmlRendererVersion) {
    check.message = StrCat(
        "not re-checked: this build renders version ", exports::kHtmlRendererVersion,
        " of the HTML report's pages and cannot re-render ", PageVersion(provenance), kNotCompared);
    return check;
  }
  if (embedded->lang.empty()) {
    check.message = StrCat("not re-checked: the page is in language \"", embedded->html_lang,
                           "\" (<html lang>), which this build cannot render (it renders ",
                           StrJoin(exports::ReportLanguages(), ", "), ")", kNotCompared);
    return check;
  }
  absl::StatusOr<std::string> rendered = exports::RenderHtmlReport(
      *report, {.lang = embedded->lang, .signed_json = check.signed_json});
  if (!rendered.ok()) return rendered.status();
  if (*rendered != html) {
    size_t at = 0;
    while (at < rendered->size() && at < html.size() && (*rendered)[at] == html[at]) ++at;
    return absl::DataLossError(fmt::format(
        "the page differs from what its embedded signed JSON renders to, from byte {}: it was "
        "edited after it was exported",
        at));
  }
  check.rechecked = true;
  check.message = StrCat("identical to what its signed JSON renders to (HTML renderer version ",
                         exports::kHtmlRendererVersion, ", ", embedded->lang, ")");
  return check;
}

}  // namespace tiersight::cli

// Fuzzes what `tiersight verify` reads from a report file, through the
// library calls it makes: an HTML page (cli::CheckHtmlPage: the embedded
// signed JSON, re-rendered and compared) or a JSON report (its signature
// checked with report::VerifyReport, parsed with exports::ParseReportJson,
// ids masked and compared with a fresh audit of the fixed bundle by
// core::DiffAuditReports). A JSON report is also rendered as the page that
// would embed it, since verify renders whatever JSON a page embeds; a page
// rendered from a report must then pass CheckHtmlPage as unedited.
#include "cli/html_page_check.h"
#include "core/audit_runner.h"
#include "core/report_diff.h"
#include "exports/html_report.h"
#include "exports/report_json.h"
#include "exports/report_pseudonyms.h"
#include "fuzz/fuzz_support.h"
#include "report/report_signature.h"

namespace tiersight::fuzz {
namespace {

const tiersight::v1::AuditReport& FreshReport() {
  static const tiersight::v1::AuditReport* report = [] {
    core::AuditRun run =
        core::RunAudit(FixedBundleDir().string(), ShippedPacks(), core::AuditRunOptions{});
    TIERSIGHT_FUZZ_CHECK(run.status.ok());
    return new tiersight::v1::AuditReport(std::move(run.report));
  }();
  return *report;
}

void FuzzVerify(std::string_view text) {
  std::string json(text);
  if (text.substr(0, 15) == "<!DOCTYPE html>") {
    absl::StatusOr<cli::HtmlPageCheck> page = cli::CheckHtmlPage(std::string(text));
    if (!page.ok()) return;
    json = page->signed_json;
  }
  const report::ReportVerification verified = report::VerifyReport(json, FuzzKey().public_key);
  TIERSIGHT_FUZZ_CHECK(!verified.message.empty());

  absl::StatusOr<tiersight::v1::AuditReport> stated = exports::ParseReportJson(json);
  if (!stated.ok()) return;
  absl::StatusOr<std::string> page = exports::RenderHtmlReport(
      *stated, exports::HtmlReportOptions{.lang = "en", .signed_json = json});
  if (page.ok() && stated->provenance().html_renderer() == exports::kHtmlRendererVersion) {
    absl::StatusOr<cli::HtmlPageCheck> check = cli::CheckHtmlPage(*page);
    TIERSIGHT_FUZZ_CHECK(check.ok());
    TIERSIGHT_FUZZ_CHECK(check->rechecked);
  }
  tiersight::v1::AuditReport fresh = FreshReport();
  const auto mask = [](std::string_view) { return std::string("<agent>"); };
  exports::ReplaceAgentIds(*stated, mask);
  exports::ReplaceAgentIds(fresh, mask);
  for (const std::string& difference : core::DiffAuditReports(*stated, fresh)) {
    TIERSIGHT_FUZZ_CHECK(!difference.empty());
  }
}

}  // namespace
}  // namespace tiersight::fuzz

TIERSIGHT_FUZZ_TARGET(tiersight::fuzz::FreshReport, tiersight::fuzz::FuzzVerify)

// Audits a bundle with the shipped packs and writes its HTML report, for the
// browser test: render_html_report BUNDLE_DIR OUT.html en|zh. The report is
// made reproducible (generated_at fixed to the as-of date) so that the same
// bundle always gives the same file. Beside it, OUT.expect.json holds the
// counts the rendered page must show, taken from the report message rather
// than from the HTML.
#include <fstream>
#include <iostream>

#include "exports/html_report.h"
#include "exports/report_labels.h"
#include "services/audit_runner.h"
#include "services/pack_library.h"

int main(int argc, char** argv) {
  if (argc != 4 || !tiersight::exports::IsReportLanguage(argv[3])) {
    std::cerr << "usage: render_html_report BUNDLE_DIR OUT.html en|zh\n";
    return 2;
  }
  tiersight::services::LoadedPacks packs = tiersight::services::LoadPacks({});
  if (!packs.ok()) {
    for (const auto& d : packs.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  tiersight::services::AuditRun run = tiersight::services::RunAudit(argv[1], packs, {});
  if (!run.status.ok()) {
    std::cerr << argv[1] << ": " << std::string(run.status.message()) << "\n";
    return 1;
  }
  run.report.mutable_provenance()->set_generated_at(run.report.provenance().as_of() + "T00:00:00Z");
  const std::string html =
      tiersight::exports::RenderHtmlReport(run.report, {.lang = argv[3], .signed_json = {}});
  std::ofstream out(argv[2], std::ios::binary);
  out << html;
  out.close();
  if (!out) {
    std::cerr << argv[2] << ": cannot write the report\n";
    return 1;
  }
  std::ofstream expect(std::string(argv[2]) + ".expect.json", std::ios::binary);
  expect << "{\"lang\": \"" << (std::string(argv[3]) == "zh" ? "zh-CN" : "en")
         << "\", \"levels\": " << run.report.levels_size()
         << ", \"tiers\": " << run.report.tiers_size()
         << ", \"months\": " << run.report.network().recruits_by_month_size()
         << ", \"findings\": " << run.report.findings_size() << "}\n";
  expect.close();
  if (!expect) {
    std::cerr << argv[2] << ".expect.json: cannot write\n";
    return 1;
  }
  return 0;
}

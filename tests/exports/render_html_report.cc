// Audits a bundle with the shipped packs and writes its HTML report, for the
// browser test: render_html_report BUNDLE_DIR OUT.html LANG. The page is
// what `tiersight audit --out OUT.html --reproducible --sign-key` exports
// (the same exports::ExportReport: pseudonymised, signed JSON embedded),
// signed with a key made for the run. Beside it, OUT.expect.json holds the
// counts the rendered page must show, taken from the report message rather
// than from the HTML.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/audit_runner.h"
#include "core/pack_library.h"
#include "exports/report_export.h"
#include "exports/report_labels.h"

int main(int argc, char** argv) {
  absl::StatusOr<const tiersight::exports::ReportLabels*> labels =
      tiersight::exports::LabelsFor(argc == 4 ? argv[3] : "");
  if (!labels.ok()) {
    std::cerr << "usage: render_html_report BUNDLE_DIR OUT.html LANG\n"
              << std::string(labels.status().message()) << "\n";
    return 2;
  }
  tiersight::core::LoadedPacks packs = tiersight::core::LoadPacks({});
  if (!packs.ok()) {
    for (const auto& d : packs.diagnostics) std::cerr << d.ToString() << "\n";
    return 1;
  }
  tiersight::core::AuditRun run = tiersight::core::RunAudit(argv[1], packs, {});
  if (!run.status.ok()) {
    std::cerr << argv[1] << ": " << std::string(run.status.message()) << "\n";
    return 1;
  }
  absl::StatusOr<tiersight::report::Ed25519PrivateKey> key =
      tiersight::report::GenerateEd25519Key();
  if (!key.ok()) {
    std::cerr << std::string(key.status().message()) << "\n";
    return 1;
  }
  const tiersight::report::Pseudonymizer pseudonymizer =
      tiersight::report::Pseudonymizer::FromSigningKey(*key);
  absl::StatusOr<std::vector<tiersight::exports::ExportedFile>> files =
      tiersight::exports::ExportReport(run.report,
                                       {.format = tiersight::exports::ExportFormat::kHtml,
                                        .lang = argv[3],
                                        .pseudonymizer = &pseudonymizer,
                                        .reproducible = true,
                                        .signing_key = &*key});
  if (!files.ok()) {
    std::cerr << std::string(files.status().message()) << "\n";
    return 1;
  }
  std::ofstream out(argv[2], std::ios::binary);
  out << files->front().data;
  out.close();
  if (!out) {
    std::cerr << argv[2] << ": cannot write the report\n";
    return 1;
  }
  // The genealogies in the page's order (the largest team first) and the
  // agents each draws.
  std::vector<const tiersight::v1::OrganiserTeam*> charted;
  for (const tiersight::v1::OrganiserTeam& t : run.report.organiser_teams()) {
    if (t.charted()) charted.push_back(&t);
  }
  std::stable_sort(charted.begin(), charted.end(),
                   [](const auto* a, const auto* b) { return a->team_size() > b->team_size(); });
  std::string nodes;
  for (const tiersight::v1::OrganiserTeam* t : charted) {
    nodes += (nodes.empty() ? "" : ", ") + std::to_string(t->nodes_size());
  }
  std::ofstream expect(std::string(argv[2]) + ".expect.json", std::ios::binary);
  expect << "{\"lang\": \"" << (*labels)->html_lang
         << "\", \"levels\": " << run.report.levels_size()
         << ", \"tiers\": " << run.report.tiers_size()
         << ", \"months\": " << run.report.network().recruits_by_month_size()
         << ", \"findings\": " << run.report.findings_size()
         << ", \"organisers\": " << run.report.organiser_teams_size() << ", \"genealogyNodes\": ["
         << nodes << "]"
         << ", \"branchPyramids\": "
         << (run.report.branches_size() > 1 ? run.report.branch_pyramids_size() : 0) << "}\n";
  expect.close();
  if (!expect) {
    std::cerr << argv[2] << ".expect.json: cannot write\n";
    return 1;
  }
  return 0;
}

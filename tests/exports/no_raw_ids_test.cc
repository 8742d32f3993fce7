// No agent id of a bundle reaches a pseudonymised export, whatever the
// wording of the messages: every finding template and every load-issue
// template is reworded before export, and the exported bytes (JSON, HTML,
// CSV tables) are searched for every id the bundle holds. The bundle names
// agents in every kind of load error the reader reports, and the packs name
// agents in finding messages, subjects, organisers (and whom they are
// within), organisers' risks and branches.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "base/message.h"
#include "core/audit_runner.h"
#include "exports/report_export.h"
#include "report/pseudonymizer.h"
#include "tests/graph/bundle_test_util.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using tiersight::testing::TempBundle;

// Ids long and odd enough that finding one in an export cannot be chance.
std::vector<std::string> WriteBundleNamingAgentsEverywhere(TempBundle& b) {
  std::string agents = "agent_id,sponsor_id,tier,joined_at\nID-top-0001,,总代,2026-01-01\n";
  std::vector<std::string> ids = {"ID-top-0001"};
  for (int i = 1; i <= 40; ++i) {
    const std::string id = "ID-agent-" + std::to_string(1000 + i);
    const std::string sponsor = i <= 5 ? "ID-top-0001" : "ID-agent-" + std::to_string(1000 + i / 5);
    agents += id + "," + sponsor + ",特约,2026-02-01\n";
    ids.push_back(id);
  }
  // An unknown sponsor, a self-sponsor, a cycle, a duplicate and a
  // dependant of a rejected agent.
  agents += "ID-orphan-2001,ID-ghost-9001,特约,2026-02-01\n";
  agents += "ID-self-2002,ID-self-2002,特约,2026-02-01\n";
  agents += "ID-cyc-2003,ID-cyc-2004,特约,2026-02-01\nID-cyc-2004,ID-cyc-2003,特约,2026-02-01\n";
  agents += "ID-agent-1001,ID-top-0001,特约,2026-02-01\n";
  agents += "ID-below-2005,ID-orphan-2001,特约,2026-02-01\n";
  for (const char* id : {"ID-orphan-2001", "ID-ghost-9001", "ID-self-2002", "ID-cyc-2003",
                         "ID-cyc-2004", "ID-below-2005"}) {
    ids.push_back(id);
  }
  std::string orders = "order_id,date,seller_id,buyer_id,quantity,amount\n";
  std::string payments = "payment_id,date,payer_id,payee_id,amount,kind\n";
  for (int i = 1; i <= 40; ++i) {
    const std::string id = "ID-agent-" + std::to_string(1000 + i);
    orders += "O" + std::to_string(i) + ",2026-02-02,," + id + ",20,2000\n";
    payments += "F" + std::to_string(i) + ",2026-02-02," + id + ",,980,entry_fee\n";
    payments += "B" + std::to_string(i) + ",2026-02-03,," + id + ",300,recruitment_bonus\n";
  }
  orders += "X1,2026-02-02,ID-agent-1002,ID-agent-1002,1,10\n";  // same seller and buyer
  orders += "X2,2026-02-02,,ID-nobody-9002,1,10\n";              // unknown buyer
  orders += "X3,2026-02-02,ID-below-2005,,1,10\n";               // a rejected seller
  payments += "X4,2026-02-02,ID-agent-1003,ID-agent-1003,5,other\n";
  ids.push_back("ID-nobody-9002");
  b.Write("agents.csv", agents).Write("orders.csv", orders).Write("payments.csv", payments);
  b.Write("network.yaml", "name: Ids\ncurrency: CNY\nas_of: 2026-06-30\ntiers: [总代, 特约]\n");
  return ids;
}

// Other words around the same placeholders, in the same order.
std::string Reword(const std::string& templ) {
  std::string out = "REWORDED:";
  for (size_t open = templ.find('{'); open != std::string::npos; open = templ.find('{', open + 1)) {
    if (open + 1 < templ.size() && templ[open + 1] == '{') {
      ++open;
      continue;
    }
    const size_t close = templ.find('}', open);
    if (close == std::string::npos) break;
    out += " and then " + templ.substr(open, close - open + 1);
    open = close;
  }
  return out + " (the end)";
}

template <typename Args>
std::string RenderWith(const std::string& templ, const Args& args) {
  std::vector<base::MessageArg> plain;
  for (const v1::MessageArg& a : args) plain.push_back({a.name(), a.text(), {}});
  return base::RenderTemplate(templ, plain);
}

void RewordEverything(v1::AuditReport& report) {
  for (v1::Finding& f : *report.mutable_findings()) {
    f.set_message_template(Reword(f.message_template()));
    f.set_message(RenderWith(f.message_template(), f.message_args()));
  }
  for (auto* issues :
       {report.mutable_load()->mutable_errors(), report.mutable_load()->mutable_warnings()}) {
    for (v1::LoadIssue& issue : *issues) {
      issue.set_reason_template(Reword(issue.reason_template()));
      issue.set_reason(RenderWith(issue.reason_template(), issue.reason_args()));
    }
  }
}

bool IsId(const std::vector<std::string>& ids, const std::string& text) {
  return std::find(ids.begin(), ids.end(), text) != ids.end();
}

// The report names agents in each structured place an export must
// pseudonymise: without them, finding no id in the export proves nothing.
void ExpectEveryPlaceOfAnIdIsFilled(const v1::AuditReport& report,
                                    const std::vector<std::string>& ids) {
  bool organiser = false, within = false, branch_subject = false;
  for (const v1::Finding& f : report.findings()) {
    for (const v1::Organiser& o : f.organisers()) {
      organiser |= IsId(ids, o.agent_id());
      within |= IsId(ids, o.within());
    }
    if (f.scope() == "branch") branch_subject |= IsId(ids, f.subjects(0));
  }
  EXPECT_TRUE(organiser) << "an organiser";
  EXPECT_TRUE(within) << "an organiser within another";
  EXPECT_TRUE(branch_subject) << "a branch finding";
  ASSERT_GT(report.organiser_risks_size(), 0);
  EXPECT_TRUE(IsId(ids, report.organiser_risks(0).agent_id())) << "an organiser's risk";
  ASSERT_GT(report.branches_size(), 0);
  EXPECT_TRUE(IsId(ids, report.branches(0).top())) << "a branch's figures";
}

TEST(NoRawIdsTest, NoIdReachesAnyExportWhateverTheWording) {
  TempBundle bundle;
  const std::vector<std::string> ids = WriteBundleNamingAgentsEverywhere(bundle);
  // The shipped packs, and one that names organisers (nested within each
  // other), branches and organisers' risk.
  std::vector<std::string> pack_files = core::ShippedPackPaths();
  pack_files.push_back(std::string(TIERSIGHT_TEST_PACKS_DIR) + "/judge-cn.yaml");
  core::LoadedPacks packs = core::LoadPacks(pack_files, {});
  ASSERT_TRUE(packs.ok());
  core::AuditRun run = core::RunAudit(bundle.dir(), packs, {.lenient = true, .cancelled = {}});
  ASSERT_TRUE(run.status.ok()) << run.status;
  ASSERT_GE(run.report.load().errors_size(), 6) << "every kind of id-naming load error";
  ASSERT_GT(run.report.findings_size(), 0);
  ExpectEveryPlaceOfAnIdIsFilled(run.report, ids);

  v1::AuditReport reworded = run.report;
  RewordEverything(reworded);
  // The reworded report itself still names the ids: the test would be
  // empty otherwise.
  std::string all_text;
  reworded.SerializeToString(&all_text);
  ASSERT_NE(all_text.find("ID-ghost-9001"), std::string::npos);
  ASSERT_NE(all_text.find("ID-agent-1002"), std::string::npos);

  const report::Pseudonymizer pseudonymizer("a pseudonym key of enough bytes for the test");
  for (ExportFormat format : {ExportFormat::kJson, ExportFormat::kHtml, ExportFormat::kCsv}) {
    ExportOptions options;
    options.format = format;
    options.pseudonymizer = &pseudonymizer;
    options.reproducible = true;
    absl::StatusOr<std::vector<ExportedFile>> files = ExportReport(reworded, options);
    ASSERT_TRUE(files.ok()) << files.status();
    bool reworded_seen = false;
    for (const ExportedFile& file : *files) {
      reworded_seen |= file.data.find("REWORDED:") != std::string::npos;
      for (const std::string& id : ids) {
        EXPECT_EQ(file.data.find(id), std::string::npos) << id << " in " << file.name;
      }
    }
    EXPECT_TRUE(reworded_seen) << "the reworded messages are exported";
  }
}

}  // namespace
}  // namespace tiersight::exports

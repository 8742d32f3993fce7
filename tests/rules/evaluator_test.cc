// Rules of every scope over a small network with one organiser above
// another, both past the 30-people / 3-level line:
//
//   O (总代)                      X (总代)
//   └── P (一级代理)              ├── X1 (特约)
//       ├── Q1 (二级代理)          └── X2 (特约)
//       │   └── R11..R15 (特约)
//       ├── ...
//       └── Q5 (二级代理)
//           └── R51..R55 (特约)
//
// Every agent pays an entry fee of 100 to the company; O and P earn a
// recruitment bonus per recruit of theirs.

#include "rules/evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/figures.h"
#include "tests/rules/pack_test_util.h"

namespace tiersight::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using tiersight::testing::Computed;
using tiersight::testing::ComputeOrFail;
using tiersight::testing::ReadPackText;
using tiersight::testing::TempBundle;

void WriteNetwork(TempBundle& b) {
  std::string agents =
      "agent_id,sponsor_id,tier,joined_at\nO,,总代,2026-01-01\nP,O,一级代理,2026-01-02\n";
  std::string payments = "payment_id,date,payer_id,payee_id,amount,kind\n";
  int n = 0;
  auto fee = [&](const std::string& who) {
    payments += "F" + std::to_string(++n) + ",2026-02-01," + who + ",,100,entry_fee\n";
  };
  fee("O");
  fee("P");
  for (int q = 1; q <= 5; ++q) {
    const std::string qid = "Q" + std::to_string(q);
    agents += qid + ",P,二级代理,2026-01-03\n";
    fee(qid);
    payments += "B" + std::to_string(q) + ",2026-02-02,,P,50,recruitment_bonus\n";
    for (int r = 1; r <= 5; ++r) {
      const std::string rid = "R" + std::to_string(q) + std::to_string(r);
      agents += rid + "," + qid + ",特约,2026-01-04\n";
      fee(rid);
    }
  }
  agents += "X,,总代,2026-01-01\nX1,X,特约,2026-01-05\nX2,X,特约,2026-01-05\n";
  b.Write("agents.csv", agents).Write("payments.csv", payments);
  b.Write("network.yaml", "name: Test\ncurrency: CNY\ntiers: [总代, 一级代理, 二级代理, 特约]\n");
}

constexpr char kPack[] = R"yaml(pack: scopes
version: 1.2.3
title: Every scope
requires_engine: 1.0.0
rules:
  - id: deep-network
    title: Deep
    scope: network
    when: max_depth >= 4 && participants > 30
    severity: medium
    tags: [deep_hierarchy]
    cite: Test
    message: "{participants} agents over {max_depth} levels"
  - id: crowded-level
    title: Crowded level
    scope: level
    when: agents >= 25
    severity: low
    tags: [deep_hierarchy]
    cite: Test
    message: "{subject} holds {agents} agents ({agents_share:%})"
  - id: big-tier
    title: Big tier
    scope: tier
    when: agents > 20 && network_company_fee_revenue > 0
    severity: info
    tags: [entry_fee]
    cite: Test
    message: "{subject}: {agents}"
  - id: organisers
    title: Organisers
    scope: agent
    when: team_size >= 30 && team_levels >= 3 && network_company_fee_revenue > 0
    severity: critical
    tags: [criminal_threshold]
    cite: Test
    message: "{matches} organisers; {subject} leads {team_size}"
    rank_by: team_size
    highest_only: true
  - id: all-leaders
    title: Leaders
    scope: agent
    when: team_size >= 30 && team_levels >= 3
    severity: high
    tags: [pyramid]
    cite: Test
    message: "{matches}"
    rank_by: team_size
  - id: never
    title: Never
    scope: agent
    when: spend > 1000000
    severity: high
    tags: [pyramid]
    cite: Test
    message: "x"
)yaml";

class EvaluatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteNetwork(bundle_);
    computed_ = ComputeOrFail(bundle_);
    pack_ = ReadPackText(bundle_, kPack);
    ASSERT_TRUE(pack_.pack) << pack_.All();
    std::vector<Diagnostic> diagnostics;
    std::optional<CompiledPack> compiled = CompilePack(*pack_.pack, diagnostics);
    ASSERT_TRUE(compiled);
    packs_.push_back(std::move(*compiled));
    findings_ = Evaluate(packs_, computed_.network(), computed_.figures);
  }

  const Finding* Find(const std::string& id) const {
    for (const Finding& f : findings_) {
      if (f.rule_id == id) return &f;
    }
    return nullptr;
  }

  TempBundle bundle_;
  Computed computed_;
  tiersight::testing::PackResult pack_;
  std::vector<CompiledPack> packs_;
  std::vector<Finding> findings_;
};

TEST_F(EvaluatorTest, NetworkRuleCarriesValuesMessageAndDeepestChain) {
  const Finding* f = Find("deep-network");
  ASSERT_NE(f, nullptr);
  EXPECT_THAT(f->subjects, ElementsAre("network"));
  EXPECT_EQ(f->message, "35 agents over 4 levels");
  ASSERT_EQ(f->values.size(), 2u);
  EXPECT_EQ(f->values[0].name, "max_depth");
  EXPECT_EQ(f->values[0].value, 4.0);
  EXPECT_EQ(f->values[0].exact, 4);
  EXPECT_EQ(f->values[1].name, "participants");
  EXPECT_EQ(f->values[1].unit, graph::FigureUnit::kCount);
  ASSERT_EQ(f->deepest_chain.size(), 4u);
  EXPECT_EQ(f->deepest_chain[0], "O");
  EXPECT_EQ(f->deepest_chain[1], "P");
  EXPECT_EQ(f->pack, "scopes");
  EXPECT_EQ(f->pack_version, "1.2.3");
}

TEST_F(EvaluatorTest, LevelAndTierRulesFireOncePerMatchingRow) {
  const Finding* level = Find("crowded-level");
  ASSERT_NE(level, nullptr);
  EXPECT_THAT(level->subjects, ElementsAre("level 4"));
  EXPECT_EQ(level->message, "level 4 holds 25 agents (71.4%)");
  const Finding* tier = Find("big-tier");
  ASSERT_NE(tier, nullptr);
  EXPECT_THAT(tier->subjects, ElementsAre("tier 特约"));
  EXPECT_EQ(tier->message, "tier 特约: 27");
}

TEST_F(EvaluatorTest, HighestOnlyReportsTheOrganiserNotEveryoneBelow) {
  const Finding* all = Find("all-leaders");
  ASSERT_NE(all, nullptr);
  EXPECT_EQ(all->matches, 2);
  EXPECT_THAT(all->subjects, ElementsAre("O", "P"));  // ranked by team_size
  const Finding* top = Find("organisers");
  ASSERT_NE(top, nullptr);
  EXPECT_EQ(top->matches, 1);
  EXPECT_THAT(top->subjects, ElementsAre("O"));
  EXPECT_EQ(top->message, "1 organisers; O leads 32");
  ASSERT_EQ(top->top_subjects.size(), 1u);
  EXPECT_EQ(top->top_subjects[0].subject, "O");
  EXPECT_EQ(top->evaluated, 35);
  EXPECT_EQ(Find("never"), nullptr);
}

TEST_F(EvaluatorTest, FindingsAreSortedBySeverityThenPackThenRule) {
  std::vector<std::string> order;
  for (const Finding& f : findings_) order.push_back(f.rule_id);
  EXPECT_THAT(
      order, ElementsAre("organisers", "all-leaders", "deep-network", "crowded-level", "big-tier"));
}

TEST_F(EvaluatorTest, EvaluationIsDeterministic) {
  std::vector<Finding> again = Evaluate(packs_, computed_.network(), computed_.figures);
  ASSERT_EQ(again.size(), findings_.size());
  for (size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].rule_id, findings_[i].rule_id);
    EXPECT_EQ(again[i].subjects, findings_[i].subjects);
    EXPECT_EQ(again[i].message, findings_[i].message);
    EXPECT_EQ(again[i].values, findings_[i].values);
  }
}

// The bulk pass over the agent columns must agree with the definitions
// applied to each agent on its own.
TEST_F(EvaluatorTest, BulkAgentEvaluationEqualsAgentByAgent) {
  TempBundle dir;
  tiersight::testing::PackResult read = ReadPackText(dir, R"(pack: bulk
version: 1.0.0
title: Bulk
requires_engine: 1.0.0
rules:
  - id: mixed
    title: Mixed
    scope: agent
    when: (fees_paid >= 100 && downline_fees_paid > 0) || max(direct_recruits, 0) == 5 || !(depth < 4)
    severity: low
    tags: [pyramid]
    cite: Test
    message: "{matches}"
    top: 100
)");
  ASSERT_TRUE(read.pack) << read.All();
  std::vector<Diagnostic> diagnostics;
  std::optional<CompiledPack> compiled = CompilePack(*read.pack, diagnostics);
  ASSERT_TRUE(compiled) << diagnostics.size();
  std::vector<CompiledPack> packs;
  packs.push_back(std::move(*compiled));
  std::vector<Finding> found = Evaluate(packs, computed_.network(), computed_.figures);
  ASSERT_EQ(found.size(), 1u);

  const graph::Network& n = computed_.network();
  std::vector<double> downline_fees(n.size(), 0.0);
  for (auto it = computed_.figures.tree.bfs_order.rbegin();
       it != computed_.figures.tree.bfs_order.rend(); ++it) {
    const uint32_t a = *it;
    if (n.sponsor[a] != graph::kNoAgent) {
      downline_fees[n.sponsor[a]] += downline_fees[a] + graph::AmountToDouble(n.flows.fees_paid[a]);
    }
  }
  std::vector<std::string> expected;
  for (uint32_t a = 0; a < n.size(); ++a) {
    const graph::AgentFigureValues v = graph::AgentFiguresOf(n, computed_.figures.tree, a);
    const bool match =
        (graph::AmountToDouble(n.flows.fees_paid[a]) >= 100 && downline_fees[a] > 0) ||
        v[graph::kDirectRecruits] == 5 || v[graph::kDepth] >= 4;
    if (match) expected.emplace_back(n.id(a));
  }
  EXPECT_EQ(found[0].matches, static_cast<int64_t>(expected.size()));
  // Without rank_by, subjects keep agents.csv order.
  EXPECT_EQ(found[0].subjects, expected);
}

TEST(RenderMessageTest, FillsFiguresPercentagesSubjectAndMatches) {
  const base::Message m = RenderMessage(
      "{a} / {b:%} / {subject} / {matches} / {c}",
      {{.name = "a", .value = 1234.0, .unit = graph::FigureUnit::kCount, .exact = 1234},
       {.name = "b", .value = 0.1234, .unit = graph::FigureUnit::kShare, .exact = {}},
       {.name = "c", .value = 2.5, .unit = graph::FigureUnit::kRatio, .exact = {}}},
      "level 2", false, 7);
  EXPECT_EQ(m.Render(), "1,234 / 12.3% / level 2 / 7 / 2.50");
  EXPECT_EQ(m.templ, "{a} / {b:%} / {subject} / {matches} / {c}");
  ASSERT_EQ(m.args.size(), 5u);
  EXPECT_EQ(m.args[2].kind, base::MessageArg::Kind::kText);
}

TEST(RenderMessageTest, AnAgentSubjectIsAnAgentIdArgument) {
  const base::Message m = RenderMessage(
      "{subject} leads {team_size}",
      {{.name = "team_size", .value = 40.0, .unit = graph::FigureUnit::kCount, .exact = 40}}, "A-7",
      true, 1);
  EXPECT_EQ(m.Render(), "A-7 leads 40");
  ASSERT_EQ(m.args.size(), 2u);
  EXPECT_EQ(m.args[0].kind, base::MessageArg::Kind::kAgentId);
  EXPECT_EQ(m.args[0].text, "A-7");
  EXPECT_EQ(m.args[1].kind, base::MessageArg::Kind::kNumber);
}

}  // namespace
}  // namespace tiersight::rules

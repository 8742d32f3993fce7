// The ground truth of a corpus bundle: what its profile planted, and the facts
// a test of the audit needs (the organisers of the 2013 两高一部 opinion, the
// 情节严重 ones, the large teams), computed from the ledger that is written,
// never assumed from the profile's intent. Written as truth.yaml beside the
// bundle's files; the bundle reader does not read it. Stateless functions
// over their arguments; thread-safe.
#ifndef TIERSIGHT_GENERATE_GROUND_TRUTH_H_
#define TIERSIGHT_GENERATE_GROUND_TRUTH_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "generate/ledger.h"

namespace tiersight::generate {

// The opinion's threshold: 30 people over 3 levels, the organiser and its own
// level counted; 情节严重 from 120 people.
inline constexpr uint32_t kThresholdPeople = 30;
inline constexpr uint32_t kThresholdLevels = 3;
inline constexpr uint32_t kSeriousPeople = 120;
inline constexpr int kFirstDays = 30;  // "first 30 days": days 0..29 after joining

// Per tier, the goods a newcomer of that tier must buy within its first 30
// days to join (拿货门槛), in cents; 0: the tier has no such condition.
using TierThresholds = std::array<int64_t, kTierCount>;

// Per agent: 1 for a top; the agent and everyone below it; the levels of
// that team, its own counted.
struct Teams {
  std::vector<uint32_t> depth;
  std::vector<uint32_t> size;
  std::vector<uint32_t> levels;
};
Teams ComputeTeams(const Ledger& ledger);

// Per agent, what the bundle format's figures would say of it.
struct AgentTotals {
  int64_t units_bought = 0;  // sales to it less returns by it
  int64_t units_sold_to_agents = 0;
  int64_t units_retailed = 0;
  int64_t goods_first_30_days = 0;  // cents of sale lines it bought in its first 30 days
  int64_t entry_fees_paid = 0;
  int64_t training_fees_paid = 0;
  int64_t recruitment_bonuses = 0;
  int64_t overrides = 0;
  int64_t retail_commissions = 0;
  int64_t net_cash = 0;  // sales and payments received less purchases and payments made
};
std::vector<AgentTotals> ComputeTotals(const Ledger& ledger);

// An agent heading a team: its size and levels, and for a team inside a
// larger listed one, the outermost listed agent above it.
struct TeamEntry {
  uint32_t agent = 0;
  uint32_t size = 0;
  uint32_t levels = 0;
  uint32_t within = kNoParty;
};

// Teams of 30 or more people over 3 or more levels, in agent order.
std::vector<TeamEntry> LargeTeams(const Teams& teams);

// The large teams that paid to join and were paid per head: most members
// paid an entry fee or bought goods worth their tier's threshold within their
// first 30 days, and members received recruitment bonuses.
std::vector<TeamEntry> Organisers(const Ledger& ledger, const Teams& teams,
                                  const std::vector<AgentTotals>& totals,
                                  const TierThresholds& thresholds);

struct TruthFact {
  std::string key;
  std::string value;  // a YAML scalar or flow collection, as written
};
struct TruthBranch {
  uint32_t top = 0;
  std::string kind;  // "lawful" | "loading"
};
struct TruthTree {
  uint32_t top = 0;
  std::string note;  // what the tree tests, in words
};

struct GroundTruth {
  std::string profile;
  std::vector<std::string> planted;  // the patterns, in words
  std::vector<TruthFact> facts;      // numbers measured on the ledger
  TierThresholds entry_thresholds{};
  // false: list large_teams only; whether they are organisers is the
  // auditor's judgement (goods buy-ins and overrides, no per-head bonus).
  bool lists_organisers = true;
  std::vector<TruthBranch> branches;
  std::vector<TruthTree> trees;
};

// truth.yaml: the truth, with organisers, serious and large_teams computed
// from `ledger`.
std::string TruthYaml(const GroundTruth& truth, const Ledger& ledger, uint64_t seed);

// "A0042" for agent 41 of `ledger`.
std::string AgentIdText(const Ledger& ledger, uint32_t agent);

// A YAML double-quoted scalar; control bytes as \xNN.
std::string YamlQuoted(std::string_view text);

// Amount in cents as a decimal with two places.
std::string CentsText(int64_t cents);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_GROUND_TRUTH_H_

#include "generate/ground_truth.h"

#include <algorithm>

#include "base/hex.h"
#include "fmt/format.h"

namespace tiersight::generate {
namespace {

// Sums a per-agent value over each agent's team (sponsors come before their
// recruits, so one backward pass adds every team into its sponsor's).
template <typename T>
std::vector<T> TeamSums(const Ledger& ledger, std::vector<T> values) {
  for (size_t i = ledger.agents.size(); i-- > 0;) {
    const uint32_t sponsor = ledger.agents[i].sponsor;
    if (sponsor != kNoParty) values[sponsor] += values[i];
  }
  return values;
}

std::string TeamEntryYaml(const Ledger& ledger, const TeamEntry& entry) {
  std::string text = fmt::format("{{agent: {}, team_size: {}, team_levels: {}",
                                 AgentIdText(ledger, entry.agent), entry.size, entry.levels);
  if (entry.within != kNoParty) text += ", within: " + AgentIdText(ledger, entry.within);
  return text + "}";
}

void AppendTeamList(std::string& out, const char* key, const Ledger& ledger,
                    const std::vector<TeamEntry>& entries) {
  out += key;
  out += entries.empty() ? ": []\n" : ":\n";
  for (const TeamEntry& entry : entries) out += "  - " + TeamEntryYaml(ledger, entry) + "\n";
}

}  // namespace

Teams ComputeTeams(const Ledger& ledger) {
  const size_t n = ledger.agents.size();
  Teams teams;
  teams.depth.assign(n, 1);
  teams.levels.assign(n, 1);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t sponsor = ledger.agents[i].sponsor;
    if (sponsor != kNoParty) teams.depth[i] = teams.depth[sponsor] + 1;
  }
  for (size_t i = n; i-- > 0;) {
    const uint32_t sponsor = ledger.agents[i].sponsor;
    if (sponsor != kNoParty) {
      teams.levels[sponsor] = std::max(teams.levels[sponsor], teams.levels[i] + 1);
    }
  }
  teams.size = TeamSums(ledger, std::vector<uint32_t>(n, 1));
  return teams;
}

std::vector<AgentTotals> ComputeTotals(const Ledger& ledger) {
  std::vector<AgentTotals> totals(ledger.agents.size());
  for (const LedgerOrder& o : ledger.orders) {
    const int64_t sign = o.is_return ? -1 : 1;
    const int64_t units = sign * o.quantity;
    const int64_t cents = sign * o.cents;
    if (o.buyer != kNoParty) {
      AgentTotals& buyer = totals[o.buyer];
      buyer.units_bought += units;
      buyer.net_cash -= cents;
      const int since_joining = o.day - ledger.agents[o.buyer].joined;
      if (!o.is_return && since_joining >= 0 && since_joining < kFirstDays) {
        buyer.goods_first_30_days += o.cents;
      }
    }
    if (o.seller != kNoParty) {
      AgentTotals& seller = totals[o.seller];
      (o.buyer == kNoParty ? seller.units_retailed : seller.units_sold_to_agents) += units;
      seller.net_cash += cents;
    }
  }
  for (const LedgerPayment& p : ledger.payments) {
    if (p.payer != kNoParty) {
      AgentTotals& payer = totals[p.payer];
      payer.net_cash -= p.cents;
      if (p.kind == PaymentKind::kEntryFee) payer.entry_fees_paid += p.cents;
      if (p.kind == PaymentKind::kTrainingFee) payer.training_fees_paid += p.cents;
    }
    if (p.payee != kNoParty) {
      AgentTotals& payee = totals[p.payee];
      payee.net_cash += p.cents;
      if (p.kind == PaymentKind::kRecruitmentBonus) payee.recruitment_bonuses += p.cents;
      if (p.kind == PaymentKind::kOverride) payee.overrides += p.cents;
      if (p.kind == PaymentKind::kRetailCommission) payee.retail_commissions += p.cents;
    }
  }
  return totals;
}

std::vector<TeamEntry> LargeTeams(const Teams& teams) {
  std::vector<TeamEntry> entries;
  for (uint32_t a = 0; a < teams.size.size(); ++a) {
    if (teams.size[a] >= kThresholdPeople && teams.levels[a] >= kThresholdLevels) {
      entries.push_back({.agent = a, .size = teams.size[a], .levels = teams.levels[a]});
    }
  }
  return entries;
}

std::vector<TeamEntry> Organisers(const Ledger& ledger, const Teams& teams,
                                  const std::vector<AgentTotals>& totals,
                                  const TierThresholds& thresholds) {
  const size_t n = ledger.agents.size();
  std::vector<uint32_t> paid_to_join(n, 0);
  std::vector<int64_t> bonuses(n, 0);
  for (size_t a = 0; a < n; ++a) {
    const int64_t threshold = thresholds[ledger.agents[a].tier];
    const bool by_goods = threshold > 0 && totals[a].goods_first_30_days >= threshold;
    paid_to_join[a] = totals[a].entry_fees_paid > 0 || by_goods ? 1 : 0;
    bonuses[a] = totals[a].recruitment_bonuses;
  }
  const std::vector<uint32_t> team_paid = TeamSums(ledger, std::move(paid_to_join));
  const std::vector<int64_t> team_bonuses = TeamSums(ledger, std::move(bonuses));

  std::vector<uint8_t> organiser(n, 0);
  std::vector<TeamEntry> entries;
  for (TeamEntry entry : LargeTeams(teams)) {
    const uint32_t a = entry.agent;
    if (2 * team_paid[a] <= teams.size[a] || team_bonuses[a] <= 0) continue;
    organiser[a] = 1;
    for (uint32_t up = ledger.agents[a].sponsor; up != kNoParty; up = ledger.agents[up].sponsor) {
      if (organiser[up]) entry.within = up;
    }
    entries.push_back(entry);
  }
  return entries;
}

std::string AgentIdText(const Ledger& ledger, uint32_t agent) {
  char buffer[32];
  return std::string(buffer, PutAgentId(buffer, agent, LedgerIdWidths(ledger).agent));
}

std::string YamlQuoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      out += "\\x" + base::HexEncode(std::string_view(&c, 1));
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string CentsText(int64_t cents) {
  char buffer[32];
  return std::string(buffer, PutCents(buffer, cents));
}

std::string TruthYaml(const GroundTruth& truth, const Ledger& ledger, uint64_t seed) {
  std::string out = fmt::format(
      "# Ground truth of the generated bundle in this directory, computed from its rows.\n"
      "# Not part of the bundle: readers ignore this file and the digest leaves it out.\n"
      "profile: {}\nseed: {}\nagents: {}\nplanted:\n",
      truth.profile, seed, ledger.agents.size());
  for (const std::string& line : truth.planted) out += "  - " + YamlQuoted(line) + "\n";
  out += "facts:\n";
  for (const TruthFact& fact : truth.facts) out += "  " + fact.key + ": " + fact.value + "\n";
  if (std::any_of(truth.entry_thresholds.begin(), truth.entry_thresholds.end(),
                  [](int64_t cents) { return cents > 0; })) {
    out += "entry_thresholds:\n";
    for (int t = 0; t < kTierCount; ++t) {
      if (truth.entry_thresholds[t] > 0) {
        out += fmt::format("  {}: {}\n", kTierNames[t], CentsText(truth.entry_thresholds[t]));
      }
    }
  }
  const Teams teams = ComputeTeams(ledger);
  if (!truth.branches.empty()) {
    out += "branches:\n";
    for (const TruthBranch& b : truth.branches) {
      out += fmt::format("  - {{top: {}, kind: {}, agents: {}}}\n", AgentIdText(ledger, b.top),
                         b.kind, teams.size[b.top]);
    }
  }
  if (!truth.trees.empty()) {
    out += "trees:\n";
    for (const TruthTree& tree : truth.trees) {
      out += fmt::format("  - {{top: {}, size: {}, levels: {}, note: {}}}\n",
                         AgentIdText(ledger, tree.top), teams.size[tree.top],
                         teams.levels[tree.top], YamlQuoted(tree.note));
    }
  }
  if (truth.lists_organisers) {
    const std::vector<TeamEntry> organisers =
        Organisers(ledger, teams, ComputeTotals(ledger), truth.entry_thresholds);
    AppendTeamList(out, "organisers", ledger, organisers);
    std::vector<std::string> serious;
    for (const TeamEntry& entry : organisers) {
      if (entry.size >= kSeriousPeople) serious.push_back(AgentIdText(ledger, entry.agent));
    }
    out += fmt::format("serious: [{}]\n", fmt::join(serious, ", "));
  }
  AppendTeamList(out, "large_teams", ledger, LargeTeams(teams));
  return out;
}

}  // namespace tiersight::generate

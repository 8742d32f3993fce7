#include "generate/corpus_profiles.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "generate/corpus_brand.h"
#include "generate/headcount_chains.h"

namespace tiersight::generate {
namespace {

constexpr uint32_t kMinSimulatedAgents = 100;

std::string Ratio(double value) { return fmt::format("{:.4f}", value); }

double Share(int64_t part, int64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

void AddFact(GroundTruth& truth, std::string key, std::string value) {
  truth.facts.push_back({std::move(key), std::move(value)});
}

// Units retailed by `members` over the units the company sold them, net of returns.
double RetailShare(const Ledger& ledger, const std::vector<AgentTotals>& totals,
                   const std::vector<uint8_t>& members) {
  int64_t retailed = 0;
  int64_t from_company = 0;
  for (const LedgerOrder& o : ledger.orders) {
    if (o.seller == kNoParty && o.buyer != kNoParty && members[o.buyer]) {
      from_company += o.is_return ? -int64_t{o.quantity} : int64_t{o.quantity};
    }
  }
  for (size_t a = 0; a < totals.size(); ++a) {
    if (members[a]) retailed += totals[a].units_retailed;
  }
  return Share(retailed, from_company);
}

// Units passed on or retailed over units bought, by the agents of `members`.
double SellThrough(const std::vector<AgentTotals>& totals, const std::vector<uint8_t>& members) {
  int64_t moved = 0;
  int64_t bought = 0;
  for (size_t a = 0; a < totals.size(); ++a) {
    if (!members[a]) continue;
    moved += totals[a].units_sold_to_agents + totals[a].units_retailed;
    bought += totals[a].units_bought;
  }
  return Share(moved, bought);
}

std::vector<uint8_t> Everyone(const Ledger& ledger) {
  return std::vector<uint8_t>(ledger.agents.size(), 1);
}

void AddCommonFacts(GroundTruth& truth, const Ledger& ledger,
                    const std::vector<AgentTotals>& totals, const Teams& teams) {
  const auto n = static_cast<int64_t>(ledger.agents.size());
  int64_t tops = 0, leavers = 0, losing = 0;
  int64_t recruitment = 0, retail_rewards = 0;
  for (size_t a = 0; a < ledger.agents.size(); ++a) {
    tops += ledger.agents[a].sponsor == kNoParty;
    leavers += ledger.agents[a].left != kStillIn;
    losing += totals[a].net_cash < 0;
    recruitment += totals[a].recruitment_bonuses + totals[a].overrides;
    retail_rewards += totals[a].retail_commissions;
  }
  AddFact(truth, "tops", std::to_string(tops));
  AddFact(truth, "max_depth",
          std::to_string(*std::max_element(teams.depth.begin(), teams.depth.end())));
  AddFact(truth, "leaver_share", Ratio(Share(leavers, n)));
  AddFact(truth, "retail_share", Ratio(RetailShare(ledger, totals, Everyone(ledger))));
  AddFact(truth, "recruitment_reward_share",
          Ratio(Share(recruitment, recruitment + retail_rewards)));
  AddFact(truth, "loss_share", Ratio(Share(losing, n)));
}

void AddLawfulFacts(GroundTruth& truth, const BrandResult& brand,
                    const std::vector<AgentTotals>& totals, const Teams& teams) {
  const Ledger& ledger = brand.ledger;
  const auto n = static_cast<int64_t>(ledger.agents.size());
  int64_t fee_payers = 0, early_fee_payers = 0, kit_buyers = 0, bought = 0, steady = 0;
  std::vector<uint8_t> paid_fee(ledger.agents.size(), 0);
  for (const LedgerPayment& p : ledger.payments) {
    if (p.kind != PaymentKind::kTrainingFee || paid_fee[p.payer]) continue;
    paid_fee[p.payer] = 1;
    ++fee_payers;
    early_fee_payers += p.day - ledger.agents[p.payer].joined < kFirstDays;
  }
  int64_t kit_most = 0;
  std::vector<uint8_t> bought_back(ledger.agents.size(), 0);
  for (const LedgerOrder& o : ledger.orders) {
    if (o.sku == kStarterKitSku && !o.is_return) {
      ++kit_buyers;
      kit_most = std::max(kit_most, o.cents);
    }
    if (o.is_return && o.seller == kNoParty && ledger.agents[o.buyer].left != kStillIn &&
        o.day >= ledger.agents[o.buyer].left) {
      bought_back[o.buyer] = 1;
    }
  }
  for (const AgentTotals& t : totals) {
    if (t.units_bought <= 0) continue;
    ++bought;
    steady += 10 * (t.units_sold_to_agents + t.units_retailed) >= 7 * t.units_bought;
  }
  int64_t leavers_bought_back = 0;
  for (uint8_t b : bought_back) leavers_bought_back += b;
  AddFact(truth, "training_fee_payer_share", Ratio(Share(fee_payers, n)));
  AddFact(truth, "training_fee_payers_within_30_days", std::to_string(early_fee_payers));
  AddFact(truth, "starter_kit_buyer_share", Ratio(Share(kit_buyers, n)));
  AddFact(truth, "starter_kit_most", CentsText(kit_most));
  AddFact(truth, "override_percent", std::to_string(brand.lawful.override_percent));
  AddFact(truth, "agents_selling_70_percent_share", Ratio(Share(steady, bought)));
  AddFact(truth, "leavers_bought_back", std::to_string(leavers_bought_back));

  std::vector<uint8_t> deep(ledger.agents.size(), 0);
  std::vector<uint8_t> rest(ledger.agents.size(), 1);
  for (uint32_t a : brand.deep_level) deep[a] = 1, rest[a] = 0;
  const uint32_t depth = brand.deep_level.empty() ? 0 : teams.depth[brand.deep_level.front()];
  AddFact(truth, "deep_level",
          fmt::format("{{depth: {}, agents: {}, sell_through: {}, other_levels_sell_through: {}}}",
                      depth, brand.deep_level.size(), Ratio(SellThrough(totals, deep)),
                      Ratio(SellThrough(totals, rest))));
}

void AddLoadingFacts(GroundTruth& truth, const Ledger& ledger,
                     const std::vector<AgentTotals>& totals, const TierThresholds& thresholds) {
  std::map<int, int64_t> least;  // per tier with a threshold, the least first-30-day buy-in
  for (size_t a = 0; a < ledger.agents.size(); ++a) {
    const int tier = ledger.agents[a].tier;
    if (thresholds[tier] == 0 || ledger.agents[a].sponsor == kNoParty) continue;
    const auto [it, inserted] = least.emplace(tier, totals[a].goods_first_30_days);
    if (!inserted) it->second = std::min(it->second, totals[a].goods_first_30_days);
  }
  std::vector<std::string> parts;
  for (const auto& [tier, cents] : least) {
    parts.push_back(fmt::format("{}: {}", kTierNames[tier], CentsText(cents)));
  }
  AddFact(truth, "first_30_day_goods_least", fmt::format("{{{}}}", fmt::join(parts, ", ")));
}

std::vector<std::string> LawfulPlanted(const LawfulPlan& plan) {
  return {
      "retail-driven: agents buy small batches from the company and retail most of them",
      fmt::format("optional training fee of CNY {} paid by some agents at any time, not to join",
                  CentsText(plan.training_fee_cents)),
      fmt::format("starter kits of CNY {} bought by some joiners in their first 30 days",
                  CentsText(plan.starter_kit_cents)),
      fmt::format("single-level override: {}% of a recruit's purchases to its direct sponsor only",
                  plan.override_percent),
      fmt::format("retail commission of {}% of each agent's own consumer sales, monthly",
                  plan.retail_commission_percent),
      "no per-head recruitment bonus, no entry fee",
      "leavers' stock bought back by the company at cost, on or after the day they leave",
      "one small deepest level of agents who have only just joined and sold less",
      "some agents keep a unit now and then for themselves (personal consumption)",
  };
}

std::vector<std::string> LoadingPlanted(const LoadingPlan& plan) {
  return {
      fmt::format("qualification ladder: a newcomer of a tier buys goods worth at least CNY {} / "
                  "{} / {} / {} ({} / {} / {} / {}) within 30 days of joining",
                  CentsText(plan.thresholds[4]), CentsText(plan.thresholds[3]),
                  CentsText(plan.thresholds[2]), CentsText(plan.thresholds[1]), kTierNames[4],
                  kTierNames[3], kTierNames[2], kTierNames[1]),
      "goods bought only from the nearest higher-tier upline, at the tier's 级差 price",
      fmt::format("overrides of {}% to {}% of a recruit's purchases to its sponsor by the "
                  "sponsor's tier, {}% to the sponsor's sponsor, monthly",
                  plan.override_percent[4], plan.override_percent[0],
                  plan.second_level_override_percent),
      "monthly quotas for uplines short of stock; little retail; leavers keep their stock",
      "no entry or training fee, no per-head recruitment bonus",
  };
}

std::vector<std::string> FeePlanted(const FeePlan& plan) {
  return {
      fmt::format("every joiner pays an entry fee of CNY {} (some of it to the sponsor, "
                  "CNY {}, for some joiners)",
                  CentsText(plan.entry_fee_cents), CentsText(plan.sponsor_share_cents)),
      fmt::format("per-head recruitment bonus: CNY {} to the sponsor for each recruit{}",
                  CentsText(plan.recruitment_bonus_cents),
                  plan.second_level_bonus_cents > 0
                      ? fmt::format(", CNY {} to the sponsor's sponsor",
                                    CentsText(plan.second_level_bonus_cents))
                      : std::string()),
      "the product is a token kit of two masks; little retail",
  };
}

BrandSettings SettingsFor(Profile profile, uint32_t agents, uint64_t seed, base::Day first_day,
                          int span) {
  BrandSettings s;
  s.agents = agents;
  s.seed = seed;
  s.first_day = first_day;
  s.span = span;
  switch (profile) {
    case Profile::kLawful:
      s.branches.assign(std::max<uint32_t>(2, agents / 600), BranchKind::kLawful);
      s.plant_deep_level = true;
      break;
    case Profile::kFeePyramid:
      s.growth_offset = 30;
      s.growth_power = 2;
      s.decline_offset = 200;
      s.recency_weights = {20, 40, 40};
      s.two_choice_probability = 0.4;
      s.branches.assign(std::max<uint32_t>(2, agents / 1000), BranchKind::kFeePyramid);
      break;
    case Profile::kLadder:
      s.growth_offset = 60;
      s.growth_power = 2;
      s.decline_offset = 300;
      s.recency_weights = {50, 40, 10};
      s.two_choice_probability = 0.5;
      s.branches.assign(std::max<uint32_t>(2, agents / 800), BranchKind::kLoading);
      break;
    default:  // kMixedBrand: which top is which varies with the seed
      s.growth_offset = 120;
      s.recency_weights = {40, 40, 20};
      s.two_choice_probability = 0.3;
      s.branches = {BranchKind::kLawful, BranchKind::kLoading};
      if (seed % 2 == 1) std::swap(s.branches[0], s.branches[1]);
      s.even_branches = true;
      break;
  }
  return s;
}

CorpusBundle FromBrand(Profile profile, BrandResult brand, const BrandSettings& settings) {
  CorpusBundle out;
  GroundTruth& truth = out.truth;
  truth.profile = std::string(ProfileName(profile));
  const Teams teams = ComputeTeams(brand.ledger);
  const std::vector<AgentTotals> totals = ComputeTotals(brand.ledger);
  AddCommonFacts(truth, brand.ledger, totals, teams);
  switch (profile) {
    case Profile::kLawful:
      truth.planted = LawfulPlanted(brand.lawful);
      AddLawfulFacts(truth, brand, totals, teams);
      break;
    case Profile::kFeePyramid:
      truth.planted = FeePlanted(brand.fee);
      break;
    case Profile::kLadder:
      truth.planted = LoadingPlanted(brand.loading);
      truth.entry_thresholds = brand.loading.thresholds;
      truth.lists_organisers = false;
      AddLoadingFacts(truth, brand.ledger, totals, brand.loading.thresholds);
      break;
    default: {  // kMixedBrand
      truth.planted = {"one brand, two tops: a lawful branch and a loading branch"};
      for (const std::string& line : LawfulPlanted(brand.lawful)) {
        truth.planted.push_back("lawful branch: " + line);
      }
      for (const std::string& line : LoadingPlanted(brand.loading)) {
        truth.planted.push_back("loading branch: " + line);
      }
      truth.entry_thresholds = brand.loading.thresholds;
      truth.lists_organisers = false;
      std::vector<std::string> shares;
      for (size_t b = 0; b < brand.tops.size(); ++b) {
        const bool lawful = settings.branches[b] == BranchKind::kLawful;
        truth.branches.push_back({brand.tops[b], lawful ? "lawful" : "loading"});
        std::vector<uint8_t> members(brand.ledger.agents.size(), 0);
        for (size_t a = 0; a < members.size(); ++a) {
          uint32_t top = static_cast<uint32_t>(a);
          while (brand.ledger.agents[top].sponsor != kNoParty)
            top = brand.ledger.agents[top].sponsor;
          members[a] = top == brand.tops[b];
        }
        shares.push_back(fmt::format("{}: {}", AgentIdText(brand.ledger, brand.tops[b]),
                                     Ratio(RetailShare(brand.ledger, totals, members))));
      }
      AddFact(truth, "branch_retail_share", fmt::format("{{{}}}", fmt::join(shares, ", ")));
      break;
    }
  }
  out.ledger = std::move(brand.ledger);
  return out;
}

}  // namespace

bool IsCorpusProfile(Profile profile) {
  return profile != Profile::kHealthy && profile != Profile::kHoarding;
}

uint32_t MinCorpusAgents(Profile profile) {
  return profile == Profile::kHeadcountChains ? kMinChainsAgents : kMinSimulatedAgents;
}

CorpusBundle BuildCorpus(Profile profile, uint32_t agents, uint64_t seed, base::Day first_day,
                         int span) {
  if (profile == Profile::kHeadcountChains) {
    ChainsResult chains = BuildHeadcountChains(agents, seed, span);
    CorpusBundle out;
    out.truth.profile = std::string(ProfileName(profile));
    out.truth.planted = FeePlanted(chains.fee);
    out.truth.planted.push_back(
        "independent trees, each a top recruited by the company, constructed around the "
        "threshold of 30 people over 3 levels (the organiser and its level counted)");
    out.truth.trees = std::move(chains.trees);
    AddCommonFacts(out.truth, chains.ledger, ComputeTotals(chains.ledger),
                   ComputeTeams(chains.ledger));
    out.ledger = std::move(chains.ledger);
    return out;
  }
  const BrandSettings settings = SettingsFor(profile, agents, seed, first_day, span);
  return FromBrand(profile, SimulateBrand(settings), settings);
}

}  // namespace tiersight::generate

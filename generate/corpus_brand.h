// Day-by-day simulation of one brand for the corpus profiles: each top agent
// heads a branch with its own behaviour, and everything the branch does is
// kept in a Ledger.
//
// - lawful: retail-driven direct selling. Agents buy small batches from the
//   company and retail most of them; an optional training fee, starter kits,
//   a single-level override on direct recruits' purchases, monthly retail
//   commissions, and the company buys back a leaver's stock at cost.
// - loading: a qualification-purchase ladder (平顶山/衡阳). A newcomer of a
//   tier buys goods worth the tier's threshold within 30 days, only from its
//   nearest higher-tier upline, at the tier's 级差 price; uplines earn
//   overrides on their downline's purchases; little retail; leavers keep
//   their stock.
// - fee pyramid: every joiner pays an entry fee, sponsors and their sponsors
//   are paid per recruit, the product is a token kit.
//
// Deterministic for given settings. Thread-compatible.
#ifndef TIERSIGHT_GENERATE_CORPUS_BRAND_H_
#define TIERSIGHT_GENERATE_CORPUS_BRAND_H_

#include <array>
#include <cstdint>
#include <vector>

#include "base/civil_date.h"
#include "generate/ground_truth.h"
#include "generate/ledger.h"
#include "generate/random.h"

namespace tiersight::generate {

enum class BranchKind { kLawful, kLoading, kFeePyramid };

struct BrandSettings {
  uint32_t agents = 0;
  uint64_t seed = 0;
  base::Day first_day = 0;  // calendar day of simulation day 0
  int span = 730;           // the last simulation day (as_of)

  // Joins per day (JoinCalendar) and sponsor choice: a candidate is the
  // latest of k uniform draws among earlier agents, k = 1, 2 or 3 with these
  // weights; with two_choice_probability the busier recruiter of two wins.
  uint32_t growth_offset = 200;
  uint32_t growth_power = 1;
  uint32_t decline_offset = 0;
  std::array<uint32_t, 3> recency_weights = {60, 40, 0};
  double two_choice_probability = 0.2;

  // The behaviour of each top's branch, in joining order. With
  // even_branches every top joins on day 0 and a newcomer joins each branch
  // with equal chance; otherwise tops join front-loaded through the period.
  std::vector<BranchKind> branches;
  bool even_branches = false;
  // The last 2 to 5 joiners form one more level below the deepest, and sell
  // through less of what they buy: they have only just joined.
  bool plant_deep_level = false;
};

// The plan's numbers, drawn from the seed within the profile's ranges.
struct LawfulPlan {
  int64_t training_fee_cents = 0;
  double training_fee_share = 0;  // chance an agent pays it, at some point
  double starter_kit_share = 0;   // chance a joiner buys a kit in its first 30 days
  int64_t starter_kit_cents = 0;
  int override_percent = 0;  // of direct recruits' purchases, to the sponsor only
  int retail_commission_percent = 0;
  double leave_probability = 0;
};

struct LoadingPlan {
  TierThresholds thresholds{};  // 拿货门槛 per tier
  std::array<int64_t, kTierCount> quota_cents{};
  std::array<int, kTierCount> override_percent{};  // by the sponsor's tier
  int second_level_override_percent = 0;
};

struct FeePlan {
  int64_t entry_fee_cents = 0;
  int64_t sponsor_share_cents = 0;  // the part some joiners pay to their sponsor instead
  double sponsor_share_probability = 0;
  int64_t recruitment_bonus_cents = 0;   // company to the sponsor, per recruit
  int64_t second_level_bonus_cents = 0;  // company to the sponsor's sponsor
};

// The fee pyramid's and the constructed chains' joining: the entry fee (with
// plan.sponsor_share_probability part of it to an active sponsor), a token
// kit of two masks, and the per-head bonuses to the sponsor and its sponsor
// when they are active.
void JoinByFee(Ledger& ledger, uint32_t agent, int day, const FeePlan& plan, Rng& rng);

struct BrandResult {
  Ledger ledger;
  std::vector<uint32_t> tops;        // in joining order, one per branch
  std::vector<uint32_t> deep_level;  // the planted deep level's agents
  LawfulPlan lawful;
  LoadingPlan loading;
  FeePlan fee;
};

BrandResult SimulateBrand(const BrandSettings& settings);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_CORPUS_BRAND_H_

// The brand's plan (tiers, products, 级差 prices) and the behaviour of each generator profile.
#ifndef TIERSIGHT_GENERATE_GENERATOR_PROFILE_H_
#define TIERSIGHT_GENERATE_GENERATOR_PROFILE_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "generate/bundle_generator.h"
#include "generate/random.h"

namespace tiersight::generate {

inline constexpr int kTierCount = 5;
// Tier 0 is the highest. Shares in the 平顶山 case: 0.1% / 5.8% / 6.4% / 24.8% / 62.9%.
inline constexpr std::array<std::string_view, kTierCount> kTierNames = {"联创", "总代", "一级代理",
                                                                        "二级代理", "特约"};
// 级差: the unit price each tier pays, in per mille of the retail price.
inline constexpr std::array<int64_t, kTierCount> kTierPricePermille = {300, 400, 500, 620, 750};

struct Sku {
  std::string_view code;
  int64_t retail_cents;
  uint32_t weight;  // how often it is ordered
};
inline constexpr int kSkuCount = 5;
inline constexpr std::array<Sku, kSkuCount> kSkus = {{
    {"FACE-CREAM-50ML", 19800, 30},
    {"SERUM-30ML", 29800, 20},
    {"MASK-10PCS", 9900, 35},
    {"CLEANSER-120G", 8900, 14},
    {"GIFT SET, 3 PCS", 49900, 1},  // needs CSV quoting
}};

// A product drawn by how often it is ordered.
inline int PickProductSku(Rng& rng) {
  static constexpr std::array<uint32_t, kSkuCount> kWeights = [] {
    std::array<uint32_t, kSkuCount> weights{};
    for (int i = 0; i < kSkuCount; ++i) weights[i] = kSkus[i].weight;
    return weights;
  }();
  return PickWeighted(rng, kWeights);
}

// Unit price of `sku` for an agent of `tier`.
inline int64_t TierUnitCents(int sku, int tier) {
  return kSkus[sku].retail_cents * kTierPricePermille[tier] / 1000;
}

// Everything that differs between profiles. Probabilities of payments are the
// values for payments_per_agent = 2; they scale with it (capped at 1).
struct ProfileParams {
  std::string_view label;  // "healthy" | "hoarding"

  // Joins per day d of the two years: (d + growth_offset)^growth_power, times
  // (span + decline_offset - d) when decline_offset > 0 (the boom flattening).
  uint32_t growth_offset;
  uint32_t growth_power;
  uint32_t decline_offset;

  // Sponsor choice: a candidate is the latest of k uniform draws among earlier
  // agents, k = 1, 2 or 3 with these weights (larger k: recent agents recruit
  // more, chains grow deeper). With two_choice_probability a second candidate
  // is drawn and the busier recruiter of the two wins.
  std::array<uint32_t, 3> recency_weights;
  double two_choice_probability;
  double same_region_probability;

  // Tiers: the tier a newcomer buys into (never above the sponsor's, never 联创),
  // and the direct recruits that lift an agent of tier t to t - 1 (0: never).
  std::array<uint32_t, kTierCount> join_tier_weights;
  std::array<uint32_t, kTierCount> promote_at_recruits;
  // Chance per activity event that an agent of the lowest tier buys the
  // upgrade pack (补差价升级) and rises one tier without recruiting.
  double upgrade_probability;

  // Qualification purchase on joining or rising a tier: a pack worth
  // pack_cents[tier] when pack_by_amount, else pack_units[tier] units.
  bool pack_by_amount;
  std::array<int64_t, kTierCount> pack_cents;
  std::array<uint32_t, kTierCount> pack_units;

  // Share of agents' purchases the company ships itself (the upline earns an
  // override instead of a resale margin), as healthy direct sellers do.
  double company_direct_share;

  // Restocking: an agent short of units buys what it needs plus up to
  // restock_buffer_units[tier] more, plus a quota worth quota_cents[tier].
  std::array<uint32_t, kTierCount> restock_buffer_units;
  std::array<int64_t, kTierCount> quota_cents;

  // Activity after joining: each active agent gets about `activity_events`
  // (scaled from orders_per_agent) events spread over its active days; an
  // event is a quota restock with quota_share, else a retail sale of
  // 1..retail_max_units units. idle_share of agents never act.
  double quota_share;
  uint32_t retail_max_units;
  double idle_share;
  // Order lines per agent ~ base_order_lines + order_lines_per_event * events.
  double base_order_lines;
  double order_lines_per_event;

  // Leaving: probability and tenure range (days after joining).
  double leave_probability;
  uint32_t min_tenure_days;
  uint32_t max_tenure_days;

  // Returns: an agent gives back part of a purchase, a consumer part of a retail sale.
  double purchase_return_probability;
  double retail_return_probability;

  // Payments. The probabilities below are scaled so that payments per agent ~
  // payments_per_agent, assuming base_payments + payments_per_event * events
  // payments per agent at scale 1.
  double base_payments;
  double payments_per_event;
  double company_entry_fee_probability;  // entry_fee / deposit to the company on joining
  std::array<int64_t, kTierCount> company_entry_fee_cents;
  double sponsor_entry_fee_probability;  // 加盟费 to the sponsor, a share of the pack
  uint32_t sponsor_entry_fee_percent;
  double join_training_fee_probability;
  double event_training_fee_probability;
  int64_t training_fee_cents;
  double recruitment_bonus_probability;  // company -> sponsor, share of the pack by sponsor tier
  std::array<uint32_t, kTierCount> recruitment_bonus_percent;
  int64_t min_recruitment_bonus_cents;
  double second_level_bonus_probability;  // company -> sponsor's sponsor
  uint32_t second_level_bonus_percent;
  double override_probability;  // company -> buyer's sponsor, share of each purchase
  std::array<uint32_t, kTierCount> override_percent;
  double retail_commission_probability;  // company -> retailer, share of the sale
  std::array<uint32_t, kTierCount> retail_commission_percent;
  double refund_probability;  // company refunds a leaver's entry fee
  double other_payment_probability;
};

const ProfileParams& ParamsFor(Profile profile);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_GENERATOR_PROFILE_H_

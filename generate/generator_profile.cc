#include "generate/generator_profile.h"

namespace tiersight::generate {
namespace {

constexpr int64_t kCny = 100;  // cents

// base_order_lines, order_lines_per_event, base_payments and payments_per_event
// are measured, not chosen: after changing a profile's behaviour, re-measure
// them (order lines and payments per agent at two orders_per_agent values,
// with payments_per_agent set so that the payment scale is 1) at ~200k agents.

// Lawful single-level direct selling (直销管理条例): goods reach consumers,
// starter kits of a few units, restocking on demand; no joining or training
// fees, no pay for recruiting or on the downline's sales; agents are paid
// only retail commissions on their own consumer sales.
constexpr ProfileParams kHealthy = {
    .label = "healthy",
    .growth_offset = 365,
    .growth_power = 1,
    .decline_offset = 0,
    .recency_weights = {80, 20, 0},
    .two_choice_probability = 0.2,
    .same_region_probability = 0.7,
    .join_tier_weights = {0, 1, 2, 20, 77},
    .promote_at_recruits = {0, 10, 4, 3, 2},
    .upgrade_probability = 0.04,
    .pack_by_amount = false,
    .pack_cents = {},
    .pack_units = {12, 6, 3, 2, 1},
    .company_direct_share = 0.5,
    .restock_buffer_units = {30, 10, 4, 2, 0},
    .quota_cents = {},
    .quota_share = 0.0,
    .retail_max_units = 4,
    .idle_share = 0.05,
    .base_order_lines = 1.47,
    .order_lines_per_event = 2.22,
    .leave_probability = 0.15,
    .min_tenure_days = 60,
    .max_tenure_days = 600,
    .purchase_return_probability = 0.03,
    .retail_return_probability = 0.03,
    .base_payments = 0.008,
    .payments_per_event = 1.005,
    .company_entry_fee_probability = 0.0,
    .company_entry_fee_cents = {99 * kCny, 99 * kCny, 99 * kCny, 99 * kCny, 99 * kCny},
    .sponsor_entry_fee_probability = 0.0,
    .sponsor_entry_fee_percent = 0,
    .join_training_fee_probability = 0.0,
    .event_training_fee_probability = 0.0,
    .training_fee_cents = 199 * kCny,
    .recruitment_bonus_probability = 0.0,
    .recruitment_bonus_percent = {5, 5, 5, 5, 5},
    .min_recruitment_bonus_cents = 30 * kCny,
    .second_level_bonus_probability = 0.0,
    .second_level_bonus_percent = 0,
    .override_probability = 0.0,
    .override_percent = {3, 3, 3, 3, 3},
    .retail_commission_probability = 0.6,
    .retail_commission_percent = {15, 12, 10, 8, 8},
    .refund_probability = 0.5,
    .other_payment_probability = 0.4,
};

// 多层级代理囤货 (平顶山-style packs of 600 / 3,000 / 8,000 / 28,000 CNY):
// deposits and fees, recruitment bonuses and overrides, monthly quotas, little retail.
constexpr ProfileParams kHoarding = {
    .label = "hoarding",
    .growth_offset = 60,
    .growth_power = 2,
    .decline_offset = 300,
    .recency_weights = {20, 40, 40},
    .two_choice_probability = 0.4,
    .same_region_probability = 0.8,
    .join_tier_weights = {0, 1, 2, 20, 77},
    .promote_at_recruits = {0, 9, 4, 3, 2},
    .upgrade_probability = 0.04,
    .pack_by_amount = true,
    .pack_cents = {200000 * kCny, 28000 * kCny, 8000 * kCny, 3000 * kCny, 600 * kCny},
    .pack_units = {},
    .company_direct_share = 0.0,
    .restock_buffer_units = {0, 0, 0, 0, 0},
    .quota_cents = {20000 * kCny, 6000 * kCny, 2000 * kCny, 800 * kCny, 300 * kCny},
    .quota_share = 0.7,
    .retail_max_units = 1,
    .idle_share = 0.3,
    .base_order_lines = 1.60,
    .order_lines_per_event = 1.07,
    .leave_probability = 0.35,
    .min_tenure_days = 30,
    .max_tenure_days = 400,
    .purchase_return_probability = 0.005,
    .retail_return_probability = 0.01,
    .base_payments = 2.094,
    .payments_per_event = 0.218,
    .company_entry_fee_probability = 0.6,
    .company_entry_fee_cents = {50000 * kCny, 20000 * kCny, 5000 * kCny, 2000 * kCny, 500 * kCny},
    .sponsor_entry_fee_probability = 0.2,
    .sponsor_entry_fee_percent = 10,
    .join_training_fee_probability = 0.1,
    .event_training_fee_probability = 0.01,
    .training_fee_cents = 1980 * kCny,
    .recruitment_bonus_probability = 0.6,
    .recruitment_bonus_percent = {50, 37, 30, 20, 15},
    .min_recruitment_bonus_cents = 50 * kCny,
    .second_level_bonus_probability = 0.25,
    .second_level_bonus_percent = 5,
    .override_probability = 0.25,
    .override_percent = {22, 16, 12, 8, 5},
    .retail_commission_probability = 0.1,
    .retail_commission_percent = {5, 5, 5, 5, 5},
    .refund_probability = 0.05,
    .other_payment_probability = 0.01,
};

}  // namespace

const ProfileParams& ParamsFor(Profile profile) {
  return profile == Profile::kHoarding ? kHoarding : kHealthy;
}

}  // namespace tiersight::generate

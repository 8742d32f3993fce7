#include "generate/network_simulation.h"

#include <algorithm>
#include <string>

#include "generate/join_calendar.h"
#include "generate/regions.h"
#include "graph/bundle_columns.h"
#include "spdlog/spdlog.h"

namespace tiersight::generate {
namespace {

// Salts of the per-agent hashes (attributes that do not depend on draw order).
constexpr uint64_t kLeaveSalt = 1;
constexpr uint64_t kTenureSalt = 2;
constexpr uint64_t kRegionSalt = 3;
constexpr uint64_t kEntryFeeSalt = 5;
constexpr uint64_t kStreamSalt = 7;

constexpr uint64_t kProgressRows = 5'000'000;
constexpr int kCompanyRetailEveryDays = 30;
constexpr int kMaxReturnDelayDays = 14;
constexpr double kWindowSmoothingDays = 30;

}  // namespace

NetworkSimulation::NetworkSimulation(const SimulationSettings& settings)
    : profile_(*settings.profile),
      settings_(settings),
      agent_count_(static_cast<uint32_t>(settings.agents)),
      span_(settings.span_days),
      rng_(HashOf(settings.seed, kStreamSalt, 0)) {
  const size_t n = agent_count_;
  agents_.assign(n, AgentState{});
  day_head_.assign(static_cast<size_t>(span_) + 1, kNone);

  dates_.resize(static_cast<size_t>(span_) + 1);
  for (int d = 0; d <= span_; ++d)
    base::FormatDayTo(static_cast<base::Day>(settings.first_day + d), dates_[d].data());

  for (int i = 0; i < kSkuCount; ++i) {
    char field[64];
    sku_fields_[i].assign(field, PutCsvField(field, kSkus[i].code));
  }
  ids_.agent = DecimalDigits(settings.agents);
  ids_.row = ids_.agent + 2;

  ComputeJoinDays();
  ComputeTops();
  ComputeLeaveDays();

  write_orders_ = settings.orders_per_agent > 0;
  activity_events_ = std::max(0.0, (settings.orders_per_agent - profile_.base_order_lines) /
                                       profile_.order_lines_per_event);
  payment_scale_ = settings.payments_per_agent /
                   (profile_.base_payments + profile_.payments_per_event * activity_events_);
}

void NetworkSimulation::ComputeJoinDays() {
  const JoinCalendar calendar(span_, profile_.growth_offset, profile_.growth_power,
                              profile_.decline_offset);
  for (uint32_t i = 0; i < agent_count_; ++i) {
    agents_[i].joined = static_cast<uint16_t>(calendar.DayOf(i, agent_count_));
  }
}

void NetworkSimulation::ComputeTops() {
  // max(1, N / 5000) tops, front-loaded: top k sits near N * (k / T)^2.
  const uint64_t n = agent_count_;
  const uint64_t count = std::max<uint64_t>(1, n / 5000);
  tops_.reserve(count);
  uint64_t previous = 0;
  for (uint64_t k = 0; k < count; ++k) {
    uint64_t position = static_cast<uint64_t>((static_cast<Uint128>(n) * k * k) /
                                              (static_cast<Uint128>(count) * count));
    if (k > 0) position = std::max(position, previous + 1);
    position = std::min(position, n - count + k);
    tops_.push_back(static_cast<uint32_t>(position));
    previous = position;
  }
}

void NetworkSimulation::ComputeLeaveDays() {
  // Tops never leave; others leave with the profile's probability after a
  // tenure in [min, max] days, if that falls within the period.
  size_t next_top = 0;
  const uint64_t tenure_range = profile_.max_tenure_days - profile_.min_tenure_days + 1;
  double window_sum = 0;
  for (uint32_t i = 0; i < agent_count_; ++i) {
    if (next_top < tops_.size() && tops_[next_top] == i) {
      ++next_top;
    } else if (ScaleUnit(HashOf(settings_.seed, kLeaveSalt, i)) < profile_.leave_probability) {
      const uint64_t tenure = profile_.min_tenure_days +
                              ScaleBelow(HashOf(settings_.seed, kTenureSalt, i), tenure_range);
      if (agents_[i].joined + tenure <= static_cast<uint64_t>(span_)) {
        agents_[i].left = static_cast<uint16_t>(agents_[i].joined + tenure);
      }
    }
    const int end = agents_[i].left == kNever ? span_ + 1 : agents_[i].left;
    window_sum += end - agents_[i].joined;
  }
  mean_window_ = window_sum / agent_count_;
}

void NetworkSimulation::Run(RowWriter& orders, RowWriter& payments) {
  orders_ = &orders;
  payments_ = &payments;
  orders.EndRow(PutHeaderRow(orders.BeginRow(), graph::kOrderColumnNames));
  payments.EndRow(PutHeaderRow(payments.BeginRow(), graph::kPaymentColumnNames));
  next_progress_rows_ = kProgressRows;

  uint32_t next_agent = 0;
  for (int day = 0; day <= span_; ++day) {
    current_day_ = day;
    if (day % kCompanyRetailEveryDays == kCompanyRetailEveryDays / 2) CompanyRetailSale(day);
    while (next_agent < agent_count_ && agents_[next_agent].joined == day) Join(next_agent++, day);
    while (day_head_[day] != kNone) {
      const uint32_t agent = day_head_[day];
      day_head_[day] = agents_[agent].next_event;
      agents_[agent].next_event = kNone;
      HandleEvent(agent, day);
    }
  }
  orders_ = nullptr;
  payments_ = nullptr;
}

void NetworkSimulation::Join(uint32_t agent, int day) {
  const bool top = std::binary_search(tops_.begin(), tops_.end(), agent);
  uint32_t sponsor = kNone;
  int tier = 0;
  if (top) {
    agents_[agent].depth = 1;
    agents_[agent].region = PickRegion(HashOf(settings_.seed, kRegionSalt, agent));
  } else {
    sponsor = ChooseSponsor(agent, day);
    agents_[agent].sponsor = sponsor;
    agents_[agent].depth = static_cast<uint16_t>(std::min(agents_[sponsor].depth + 1, 0xFFFF));
    // A newcomer buys into a tier no higher than the sponsor's, and never 联创;
    // promotions (MaybePromote) lift busy recruiters later.
    tier =
        std::max({PickWeighted(rng_, profile_.join_tier_weights), int{agents_[sponsor].tier}, 1});
    agents_[agent].region = rng_.Chance(profile_.same_region_probability)
                                ? agents_[sponsor].region
                                : PickRegion(HashOf(settings_.seed, kRegionSalt, agent));
  }
  agents_[agent].tier = static_cast<uint8_t>(tier);
  max_depth_ = std::max<int>(max_depth_, agents_[agent].depth);

  // Fees on joining.
  if (EntryFeePaid(agent)) {
    Pay(day, agent, kNone, profile_.company_entry_fee_cents[tier], PaymentKind::kEntryFee);
  }
  const int64_t pack_estimate = profile_.pack_by_amount
                                    ? profile_.pack_cents[tier]
                                    : profile_.pack_units[tier] * TierUnitCents(0, tier);
  if (sponsor != kNone && rng_.Chance(Scaled(profile_.sponsor_entry_fee_probability))) {
    Pay(day, agent, sponsor, pack_estimate * profile_.sponsor_entry_fee_percent / 100,
        PaymentKind::kEntryFee);
  }
  if (rng_.Chance(Scaled(profile_.join_training_fee_probability))) {
    const uint32_t payee = sponsor != kNone && rng_.Below(10) < 3 ? sponsor : kNone;
    Pay(day, agent, payee, profile_.training_fee_cents, PaymentKind::kTrainingFee);
  }

  // Qualification purchase (拿货门槛).
  const int sku = PickSku();
  const int64_t pack = Deliver(agent, PackUnits(sku, tier, -1), sku, day, 0);

  if (sponsor != kNone) {
    if (rng_.Chance(Scaled(profile_.recruitment_bonus_probability))) {
      const int64_t bonus =
          std::max(profile_.min_recruitment_bonus_cents,
                   pack * profile_.recruitment_bonus_percent[agents_[sponsor].tier] / 100);
      Pay(day, kNone, sponsor, bonus, PaymentKind::kRecruitmentBonus);
    }
    const uint32_t grand = agents_[sponsor].sponsor;
    if (grand != kNone && Active(grand, day) &&
        rng_.Chance(Scaled(profile_.second_level_bonus_probability))) {
      Pay(day, kNone, grand, pack * profile_.second_level_bonus_percent / 100,
          PaymentKind::kRecruitmentBonus);
    }
    if (agents_[sponsor].recruits < 0xFFFF) ++agents_[sponsor].recruits;
    MaybePromote(sponsor, day);
  }

  // Activity to come, proportional to the days the agent will be active.
  if (!rng_.Chance(profile_.idle_share)) {
    const int end = agents_[agent].left == kNever ? span_ + 1 : agents_[agent].left;
    const double expected = activity_events_ / (1.0 - profile_.idle_share) *
                            (end - day + kWindowSmoothingDays) /
                            (mean_window_ + kWindowSmoothingDays);
    agents_[agent].remaining = static_cast<uint16_t>(
        std::min<uint64_t>(rng_.RoundRandomly(2 * expected * rng_.Unit()), 0xFFFF));
  }
  ScheduleNext(agent, day);
}

void NetworkSimulation::HandleEvent(uint32_t agent, int day) {
  if (agents_[agent].remaining == 0) {
    Leave(agent, day);
    return;
  }
  --agents_[agent].remaining;
  Activity(agent, day);
  ScheduleNext(agent, day);
}

void NetworkSimulation::ScheduleNext(uint32_t agent, int day) {
  if (agents_[agent].remaining > 0) {
    const int end = agents_[agent].left == kNever ? span_ : agents_[agent].left - 1;
    const auto room = static_cast<uint64_t>(end - day);
    const uint64_t gap = std::min(room, rng_.Below(2 * room / (agents_[agent].remaining + 1u) + 1));
    Push(agent, day + static_cast<int>(gap));
  } else if (agents_[agent].left != kNever) {
    Push(agent, agents_[agent].left);  // the leave event
  }
}

void NetworkSimulation::Push(uint32_t agent, int day) {
  agents_[agent].next_event = day_head_[day];
  day_head_[day] = agent;
}

void NetworkSimulation::Activity(uint32_t agent, int day) {
  if (agents_[agent].tier == kTierCount - 1 && rng_.Chance(profile_.upgrade_probability)) {
    Promote(agent, day);
  }
  if (rng_.Chance(profile_.quota_share)) {
    // Monthly quota (进货任务): buy whether or not anything sells.
    const int sku = PickSku();
    Deliver(agent, QuotaUnits(sku, agents_[agent].tier), sku, day, 0);
  } else {
    RetailSale(agent, day);
  }
  if (rng_.Chance(Scaled(profile_.event_training_fee_probability))) {
    const uint32_t sponsor = agents_[agent].sponsor;
    const uint32_t payee =
        sponsor != kNone && Active(sponsor, day) && rng_.Below(10) < 3 ? sponsor : kNone;
    Pay(day, agent, payee, profile_.training_fee_cents, PaymentKind::kTrainingFee);
  }
  if (rng_.Chance(Scaled(profile_.other_payment_probability))) {
    // Shared shipping costs to the upline, or a subsidy from the company.
    const uint32_t sponsor = agents_[agent].sponsor;
    const int64_t cents = 500 + static_cast<int64_t>(rng_.Below(5000));
    if (sponsor != kNone && Active(sponsor, day) && rng_.Below(2) == 0) {
      Pay(day, agent, sponsor, cents, PaymentKind::kOther);
    } else {
      Pay(day, kNone, agent, cents, PaymentKind::kOther);
    }
  }
}

void NetworkSimulation::Leave(uint32_t agent, int day) {
  if (EntryFeePaid(agent) && rng_.Chance(Scaled(profile_.refund_probability))) {
    Pay(day, kNone, agent, profile_.company_entry_fee_cents[agents_[agent].tier],
        PaymentKind::kRefund);
  }
}

void NetworkSimulation::RetailSale(uint32_t agent, int day) {
  const auto quantity = static_cast<uint32_t>(rng_.Between(1, profile_.retail_max_units));
  const int sku = PickSku();
  EnsureStock(agent, quantity, day);
  const int64_t unit = kSkus[sku].retail_cents;
  EmitOrder(day, agent, kNone, sku, quantity, unit * quantity, false);
  agents_[agent].stock -= static_cast<int32_t>(quantity);
  if (rng_.Chance(Scaled(profile_.retail_commission_probability))) {
    Pay(day, kNone, agent,
        unit * quantity * profile_.retail_commission_percent[agents_[agent].tier] / 100,
        PaymentKind::kRetailCommission);
  }
  if (day < span_ && rng_.Chance(profile_.retail_return_probability)) {
    // A consumer brings some units back; the agent refunds the retail price.
    const auto back = static_cast<uint32_t>(rng_.Between(1, quantity));
    EmitOrder(ReturnDay(agent, day), agent, kNone, sku, back, unit * back, true);
  }
}

void NetworkSimulation::MaybePromote(uint32_t agent, int day) {
  const int tier = agents_[agent].tier;
  const uint32_t needed = profile_.promote_at_recruits[tier];
  if (tier == 0 || needed == 0 || agents_[agent].recruits < needed || !Active(agent, day)) return;
  Promote(agent, day);
}

void NetworkSimulation::Promote(uint32_t agent, int day) {
  // Rising a tier means buying the difference to the higher tier's pack.
  const int tier = agents_[agent].tier;
  agents_[agent].tier = static_cast<uint8_t>(tier - 1);
  const int sku = PickSku();
  Deliver(agent, PackUnits(sku, tier - 1, tier), sku, day, 0);
}

void NetworkSimulation::CompanyRetailSale(int day) {
  const int sku = PickSku();
  const auto quantity = static_cast<uint32_t>(rng_.Between(1, 5));
  EmitOrder(day, kNone, kNone, sku, quantity, kSkus[sku].retail_cents * quantity, false);
}

uint32_t NetworkSimulation::Candidate(uint32_t agent) {
  // The latest of k draws: k > 1 favours recent agents, who recruit most.
  const int draws = PickWeighted(rng_, profile_.recency_weights) + 1;
  auto candidate = static_cast<uint32_t>(rng_.Below(agent));
  for (int i = 1; i < draws; ++i) {
    candidate = std::max(candidate, static_cast<uint32_t>(rng_.Below(agent)));
  }
  return candidate;
}

uint32_t NetworkSimulation::ChooseSponsor(uint32_t agent, int day) {
  uint32_t sponsor = Candidate(agent);
  if (rng_.Chance(profile_.two_choice_probability)) {
    const uint32_t other = Candidate(agent);
    const int score = Active(sponsor, day) ? agents_[sponsor].recruits : -1;
    const int other_score = Active(other, day) ? agents_[other].recruits : -1;
    if (other_score > score) sponsor = other;
  }
  for (int attempt = 0; attempt < 3 && !Active(sponsor, day); ++attempt) sponsor = Candidate(agent);
  while (!Active(sponsor, day)) sponsor = agents_[sponsor].sponsor;  // tops never leave
  return sponsor;
}

uint32_t NetworkSimulation::FindSeller(uint32_t buyer, int day) const {
  const int tier = agents_[buyer].tier;
  uint32_t seller = agents_[buyer].sponsor;
  while (seller != kNone && (agents_[seller].tier >= tier || !Active(seller, day))) {
    seller = agents_[seller].sponsor;
  }
  return seller;
}

int64_t NetworkSimulation::Deliver(uint32_t buyer, uint32_t quantity, int sku, int day,
                                   uint32_t reserve) {
  const uint32_t seller =
      rng_.Chance(profile_.company_direct_share) ? kNone : FindSeller(buyer, day);
  if (seller != kNone) EnsureStock(seller, quantity, day);
  const int64_t unit = TierUnitCents(sku, agents_[buyer].tier);
  const int64_t amount = unit * quantity;
  EmitOrder(day, seller, buyer, sku, quantity, amount, false);
  if (seller != kNone) agents_[seller].stock -= static_cast<int32_t>(quantity);
  agents_[buyer].stock += static_cast<int32_t>(quantity);

  const uint32_t sponsor = agents_[buyer].sponsor;
  if (sponsor != kNone && Active(sponsor, day) &&
      rng_.Chance(Scaled(profile_.override_probability))) {
    Pay(day, kNone, sponsor, amount * profile_.override_percent[agents_[sponsor].tier] / 100,
        PaymentKind::kOverride);
  }
  if (day < span_ && rng_.Chance(profile_.purchase_return_probability)) {
    // Part of this purchase goes back to the seller at the price paid. The
    // units leave the buyer's stock now and are not credited to the seller,
    // so neither side ever sells units it does not hold.
    const int64_t spare = static_cast<int64_t>(agents_[buyer].stock) - reserve - 1;
    const int64_t most = std::min<int64_t>(quantity, spare);
    if (most >= 1) {
      const auto back = static_cast<uint32_t>(rng_.Between(1, static_cast<uint64_t>(most)));
      EmitOrder(ReturnDay(buyer, day), seller, buyer, sku, back, unit * back, true);
      agents_[buyer].stock -= static_cast<int32_t>(back);
    }
  }
  return amount;
}

void NetworkSimulation::EnsureStock(uint32_t agent, uint32_t quantity, int day) {
  if (agents_[agent].stock >= static_cast<int64_t>(quantity)) return;
  const int tier = agents_[agent].tier;
  const int sku = PickSku();
  uint64_t units = quantity - static_cast<uint64_t>(std::max(agents_[agent].stock, 0));
  if (profile_.restock_buffer_units[tier] > 0) {
    units += rng_.Below(profile_.restock_buffer_units[tier] + 1);
  }
  if (profile_.quota_cents[tier] > 0) units += QuotaUnits(sku, tier);
  Deliver(agent, static_cast<uint32_t>(units), sku, day, quantity);
}

uint32_t NetworkSimulation::PackUnits(int sku, int tier, int from_tier) const {
  if (profile_.pack_by_amount) {
    int64_t cents =
        profile_.pack_cents[tier] - (from_tier >= 0 ? profile_.pack_cents[from_tier] : 0);
    const int64_t unit = TierUnitCents(sku, tier);
    // A pack worth at least its price: whole units, rounded up.
    return static_cast<uint32_t>(std::max<int64_t>(1, (cents + unit - 1) / unit));
  }
  const int64_t units =
      int64_t{profile_.pack_units[tier]} - (from_tier >= 0 ? profile_.pack_units[from_tier] : 0);
  return static_cast<uint32_t>(std::max<int64_t>(1, units));
}

uint32_t NetworkSimulation::QuotaUnits(int sku, int tier) const {
  const int64_t unit = TierUnitCents(sku, tier);
  return static_cast<uint32_t>(
      std::max<int64_t>(1, (profile_.quota_cents[tier] + unit / 2) / unit));
}

int NetworkSimulation::PickSku() { return PickProductSku(rng_); }

int NetworkSimulation::ReturnDay(uint32_t agent, int day) {
  int last = span_;
  if (agents_[agent].left != kNever) last = std::min<int>(last, agents_[agent].left);
  return std::min(last, day + static_cast<int>(rng_.Between(1, kMaxReturnDelayDays)));
}

bool NetworkSimulation::EntryFeePaid(uint32_t agent) const {
  return ScaleUnit(HashOf(settings_.seed, kEntryFeeSalt, agent)) <
         Scaled(profile_.company_entry_fee_probability);
}

double NetworkSimulation::Scaled(double probability) const {
  return std::min(1.0, probability * payment_scale_);
}

void NetworkSimulation::EmitOrder(int day, uint32_t seller, uint32_t buyer, int sku,
                                  uint32_t quantity, int64_t amount_cents, bool is_return) {
  if (!write_orders_) return;
  const OrderRow row = {.number = ++order_count_,
                        .date = Date(day),
                        .seller = seller,
                        .buyer = buyer,
                        .sku_field = sku_fields_[sku],
                        .quantity = quantity,
                        .cents = amount_cents,
                        .is_return = is_return};
  orders_->EndRow(PutOrderRow(orders_->BeginRow(), row, ids_));
  CountRow();
}

void NetworkSimulation::Pay(int day, uint32_t payer, uint32_t payee, int64_t cents,
                            PaymentKind kind) {
  if (cents <= 0 || payer == payee) return;  // payer == payee also covers both empty
  const PaymentRow row = {.number = ++payment_count_,
                          .date = Date(day),
                          .payer = payer,
                          .payee = payee,
                          .cents = cents,
                          .kind = kind};
  payments_->EndRow(PutPaymentRow(payments_->BeginRow(), row, ids_));
  CountRow();
}

void NetworkSimulation::CountRow() {
  if (order_count_ + payment_count_ < next_progress_rows_) return;
  next_progress_rows_ += kProgressRows;
  spdlog::info("generate: {} orders, {} payments written (day {} of {})", order_count_,
               payment_count_, current_day_, span_);
}

std::string_view NetworkSimulation::Date(int day) const {
  return std::string_view(dates_[day].data(), base::kIsoDateLength);
}

void NetworkSimulation::WriteAgents(RowWriter& agents) const {
  AgentRowWriter rows(agents, settings_.seed, ids_);
  for (uint32_t i = 0; i < agent_count_; ++i) {
    const AgentState& agent = agents_[i];
    rows.Write(i, agent.sponsor, kTierNames[agent.tier], Date(agent.joined),
               agent.left == kNever ? std::string_view() : Date(agent.left), agent.region);
  }
}

std::array<uint64_t, kTierCount> NetworkSimulation::TierCounts() const {
  std::array<uint64_t, kTierCount> counts{};
  for (const AgentState& agent : agents_) ++counts[agent.tier];
  return counts;
}

}  // namespace tiersight::generate

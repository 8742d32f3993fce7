#include "generate/corpus_brand.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "generate/join_calendar.h"

namespace tiersight::generate {
namespace {

constexpr int64_t kCny = 100;  // cents

constexpr uint64_t kStreamSalt = 21;
constexpr uint64_t kPlanSalt = 22;
constexpr uint64_t kLeaveSalt = 23;
constexpr uint64_t kTenureSalt = 24;

// The token kit of the fee pyramid: two masks.
constexpr int kMaskSku = 2;
static_assert(kSkus[kMaskSku].code == "MASK-10PCS");
constexpr uint32_t kTokenKitUnits = 2;
constexpr int kLowestTier = kTierCount - 1;

// Newcomers' tiers, never 联创. A lawful newcomer starts no higher than its
// sponsor; a ladder sells any tier's pack to any newcomer, in about the 平顶山
// case's shares (省 6% / 市 6% / 县 25% / 团购 63%), and the newcomer buys
// from its nearest upline of a higher tier.
constexpr std::array<uint32_t, kTierCount> kLawfulTierWeights = {0, 1, 3, 16, 80};
constexpr std::array<uint32_t, kTierCount> kLoadingTierWeights = {0, 6, 6, 25, 63};

// Lawful batches grow with the tier: an 总代 serves more customers.
constexpr std::array<uint32_t, kTierCount> kLawfulBatchMin = {12, 8, 5, 3, 2};
constexpr std::array<uint32_t, kTierCount> kLawfulBatchMax = {24, 16, 10, 7, 5};
constexpr double kLawfulIdleShare = 0.04;     // join and never buy
constexpr double kSteadySellerShare = 0.88;   // retail 78-98% of each batch
constexpr double kConsumerShare = 0.25;       // keep a unit now and then for themselves
constexpr double kKeepUnitProbability = 0.4;  // per batch, for those agents

// Loading: 平顶山's 拿货门槛 and monthly quotas, 衡阳's 补货 overrides.
constexpr int64_t kLoadingTopStockCents = 50000 * kCny;
constexpr double kLoadingIdleShare = 0.35;     // never restock after the pack
constexpr double kLoadingRetailShare = 0.5;    // ever retail at all
constexpr double kSplitPackProbability = 0.3;  // pack paid in two parts within 30 days

// Fee pyramid: promotion by head-count of direct recruits.
constexpr std::array<uint32_t, kTierCount> kFeePromoteAt = {0, 20, 8, 3, 0};
constexpr double kFeeRetailShare = 0.2;

struct LeaveRule {
  double probability;
  int min_tenure;
  int max_tenure;
};

enum class EventType : uint8_t {
  kJoin,
  kBuy,
  kKit,
  kTrainingFee,
  kLeave,
  kQualify,
  kRestock,
  kRetail
};

struct Event {
  uint32_t agent = 0;
  EventType type = EventType::kJoin;
  uint8_t sku = 0;
  uint32_t units = 0;  // kQualify: units to buy; kRestock: restocks still to come
};

int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

class Brand {
 public:
  explicit Brand(const BrandSettings& settings);
  BrandResult Run();

 private:
  struct AgentState {
    uint8_t branch = 0;
    uint8_t depth = 1;
    bool keeps_units = false;
    uint16_t recruits = 0;
    float sell_through = 0;
    std::array<int32_t, kLedgerSkuCount> stock{};
  };

  BranchKind KindOf(uint32_t agent) const { return settings_.branches[state_[agent].branch]; }
  LedgerAgent& Agent(uint32_t agent) { return ledger().agents[agent]; }
  Ledger& ledger() { return result_.ledger; }
  bool Active(uint32_t agent, int day) const { return result_.ledger.Active(agent, day); }
  int LastDay(uint32_t agent) const {
    const int left = result_.ledger.agents[agent].left;
    return left == kStillIn ? settings_.span : left - 1;
  }
  // A day in [from, from + most], not after the agent's last active day.
  int DayWithin(uint32_t agent, int from, int most) {
    return std::min(LastDay(agent), from + static_cast<int>(rng_.Below(most + 1)));
  }
  void Push(int day, Event event) {
    if (day <= settings_.span) calendar_[day].push_back(event);
  }

  void PlanTops();
  void PlanMonths();
  void Handle(const Event& event, int day);
  void Join(uint32_t agent, int day);
  uint32_t ChooseSponsor(uint32_t agent, int day);
  uint32_t Candidate(uint32_t agent);
  uint32_t DeepLevelSponsor(uint32_t agent, int day);
  void DecideLeaving(uint32_t agent, const LeaveRule& rule);

  void LawfulJoin(uint32_t agent, int day);
  void LawfulBuy(uint32_t agent, int day);
  void LawfulKit(uint32_t agent, int day);
  void LawfulLeave(uint32_t agent, int day);

  void LoadingJoin(uint32_t agent, int day);
  void LoadingRestock(uint32_t agent, int day, uint32_t remaining);
  void Deliver(uint32_t buyer, uint32_t units, int sku, int day);
  uint32_t FindSeller(uint32_t buyer, int day) const;
  uint32_t QuotaUnits(int sku, int tier) const;

  void FeeJoin(uint32_t agent, int day);
  void RetailFromStock(uint32_t agent, int day);
  void PlanRetailDays(uint32_t agent, int day, uint32_t count);

  // Company pay settled monthly: `cents_percent` is cents times percent.
  void Accrue(uint32_t payee, int day, PaymentKind kind, int64_t cents_percent);
  void Settle();

  const BrandSettings settings_;
  Rng rng_;
  BrandResult result_;
  std::vector<AgentState> state_;
  std::vector<std::vector<uint32_t>> members_;  // per branch, in joining order
  std::vector<std::vector<Event>> calendar_;    // per day
  std::vector<int> month_of_day_;
  std::vector<int> month_end_;  // per month: its last day within the period
  std::map<std::tuple<int, uint32_t, PaymentKind>, int64_t> accrued_;
  uint32_t deep_level_from_ = 0;  // agents from here on form the planted deep level
  uint8_t max_depth_ = 0;         // among agents before deep_level_from_
};

Brand::Brand(const BrandSettings& settings)
    : settings_(settings), rng_(HashOf(settings.seed, kStreamSalt, 0)) {
  Rng plan(HashOf(settings.seed, kPlanSalt, 0));
  LawfulPlan& lawful = result_.lawful;
  lawful.training_fee_cents = 199 * kCny;
  lawful.training_fee_share = 0.12 + 0.06 * plan.Unit();
  lawful.starter_kit_share = 0.25 + 0.10 * plan.Unit();
  lawful.starter_kit_cents = std::array<int64_t, 3>{198, 268, 298}[plan.Below(3)] * kCny;
  lawful.override_percent = static_cast<int>(plan.Between(3, 5));
  lawful.retail_commission_percent = 8;
  lawful.leave_probability = 0.15 + 0.05 * plan.Unit();

  LoadingPlan& loading = result_.loading;
  loading.thresholds = {0, 28000 * kCny, 8000 * kCny, 3000 * kCny, 600 * kCny};
  loading.quota_cents = {20000 * kCny, 6000 * kCny, 2000 * kCny, 800 * kCny, 300 * kCny};
  loading.override_percent = {22, 16, 12, 8, 5};
  loading.second_level_override_percent = 3;

  result_.fee = {.entry_fee_cents = 980 * kCny,
                 .sponsor_share_cents = 300 * kCny,
                 .sponsor_share_probability = 0.3,
                 .recruitment_bonus_cents = 300 * kCny,
                 .second_level_bonus_cents = 100 * kCny};

  const uint32_t n = settings.agents;
  ledger().agents.resize(n);
  state_.resize(n);
  members_.resize(settings.branches.size());
  calendar_.resize(static_cast<size_t>(settings.span) + 1);
  const JoinCalendar joins(settings.span, settings.growth_offset, settings.growth_power,
                           settings.decline_offset);
  for (uint32_t i = 0; i < n; ++i) Agent(i).joined = joins.DayOf(i, n);
  deep_level_from_ = settings.plant_deep_level ? n - static_cast<uint32_t>(plan.Between(2, 5)) : n;
  PlanTops();
  PlanMonths();
}

void Brand::PlanTops() {
  // Tops join front-loaded (top k near N * (k / T)^2), or all on day 0 for
  // branches that grow side by side.
  const uint64_t n = settings_.agents;
  const uint64_t count = settings_.branches.size();
  uint64_t previous = 0;
  for (uint64_t k = 0; k < count; ++k) {
    uint64_t position = settings_.even_branches ? k : n * k * k / (count * count);
    if (k > 0) position = std::max(position, previous + 1);
    previous = position;
    result_.tops.push_back(static_cast<uint32_t>(position));
    state_[position].branch = static_cast<uint8_t>(k);
    if (settings_.even_branches) Agent(static_cast<uint32_t>(position)).joined = 0;
  }
}

void Brand::PlanMonths() {
  month_of_day_.resize(static_cast<size_t>(settings_.span) + 1);
  int previous_key = -1;
  for (int d = 0; d <= settings_.span; ++d) {
    const base::YearMonthDay date = base::CalendarDateOf(settings_.first_day + d);
    const int key = date.year * 12 + static_cast<int>(date.month);
    if (key != previous_key) month_end_.push_back(d);
    previous_key = key;
    month_of_day_[d] = static_cast<int>(month_end_.size()) - 1;
    month_end_.back() = d;
  }
}

BrandResult Brand::Run() {
  for (uint32_t i = 0; i < settings_.agents; ++i) Push(Agent(i).joined, {.agent = i});
  for (int day = 0; day <= settings_.span; ++day) {
    // Handlers may add events for the same day: index, never iterate.
    for (size_t i = 0; i < calendar_[day].size(); ++i) {
      const Event event = calendar_[day][i];
      Handle(event, day);
    }
    calendar_[day].clear();
    calendar_[day].shrink_to_fit();
  }
  Settle();
  AssignRegions(ledger(), settings_.seed);
  for (uint32_t i = deep_level_from_; i < settings_.agents; ++i) result_.deep_level.push_back(i);
  return std::move(result_);
}

void Brand::Handle(const Event& event, int day) {
  const uint32_t a = event.agent;
  switch (event.type) {
    case EventType::kJoin:
      return Join(a, day);
    case EventType::kBuy:
      return LawfulBuy(a, day);
    case EventType::kKit:
      return LawfulKit(a, day);
    case EventType::kTrainingFee:
      return ledger().Pay(day, a, kNoParty, result_.lawful.training_fee_cents,
                          PaymentKind::kTrainingFee);
    case EventType::kLeave:
      return LawfulLeave(a, day);
    case EventType::kQualify:
      return Deliver(a, event.units, event.sku, day);
    case EventType::kRestock:
      return LoadingRestock(a, day, event.units);
    case EventType::kRetail:
      return RetailFromStock(a, day);
  }
}

void Brand::Join(uint32_t agent, int day) {
  const bool top = std::find(result_.tops.begin(), result_.tops.end(), agent) != result_.tops.end();
  if (top) {
    Agent(agent).tier = 0;
  } else {
    const uint32_t sponsor = ChooseSponsor(agent, day);
    Agent(agent).sponsor = sponsor;
    state_[agent].branch = state_[sponsor].branch;
    state_[agent].depth = static_cast<uint8_t>(std::min(state_[sponsor].depth + 1, 255));
    if (state_[sponsor].recruits < 0xFFFF) ++state_[sponsor].recruits;
    // Fee pyramids promote by head-count (FeeJoin).
    switch (KindOf(agent)) {
      case BranchKind::kLawful:
        Agent(agent).tier =
            std::max({PickWeighted(rng_, kLawfulTierWeights), Agent(sponsor).tier, 1});
        break;
      case BranchKind::kLoading:
        Agent(agent).tier = std::max(PickWeighted(rng_, kLoadingTierWeights), 1);
        break;
      case BranchKind::kFeePyramid:
        Agent(agent).tier = kLowestTier;
        break;
    }
  }
  if (agent < deep_level_from_) max_depth_ = std::max(max_depth_, state_[agent].depth);
  members_[state_[agent].branch].push_back(agent);
  switch (KindOf(agent)) {
    case BranchKind::kLawful:
      return LawfulJoin(agent, day);
    case BranchKind::kLoading:
      return LoadingJoin(agent, day);
    case BranchKind::kFeePyramid:
      return FeeJoin(agent, day);
  }
}

uint32_t Brand::Candidate(uint32_t agent) {
  const std::vector<uint32_t>* pool =
      settings_.even_branches ? &members_[rng_.Below(members_.size())] : nullptr;
  const uint64_t size = pool != nullptr ? pool->size() : agent;
  const int draws = PickWeighted(rng_, settings_.recency_weights) + 1;
  uint64_t latest = 0;
  for (int i = 0; i < draws; ++i) latest = std::max(latest, rng_.Below(size));
  return pool != nullptr ? (*pool)[latest] : static_cast<uint32_t>(latest);
}

uint32_t Brand::ChooseSponsor(uint32_t agent, int day) {
  if (agent >= deep_level_from_) return DeepLevelSponsor(agent, day);
  uint32_t sponsor = Candidate(agent);
  for (int attempt = 0; attempt < 3 && !Active(sponsor, day); ++attempt) sponsor = Candidate(agent);
  if (rng_.Chance(settings_.two_choice_probability)) {
    const uint32_t other = Candidate(agent);
    if (Active(other, day) && state_[other].recruits > state_[sponsor].recruits) sponsor = other;
  }
  while (!Active(sponsor, day)) sponsor = Agent(sponsor).sponsor;  // tops never leave
  return sponsor;
}

uint32_t Brand::DeepLevelSponsor(uint32_t agent, int day) {
  for (int depth = max_depth_; depth >= 1; --depth) {
    std::vector<uint32_t> deepest;
    for (uint32_t i = 0; i < deep_level_from_; ++i) {
      if (state_[i].depth == depth && Active(i, day)) deepest.push_back(i);
    }
    if (!deepest.empty()) return deepest[rng_.Below(deepest.size())];
  }
  return result_.tops.front();
}

void Brand::DecideLeaving(uint32_t agent, const LeaveRule& rule) {
  const int joined = Agent(agent).joined;
  const int room = std::min(rule.max_tenure, settings_.span - joined);
  const bool top = Agent(agent).sponsor == kNoParty;
  if (top || agent >= deep_level_from_ || room < rule.min_tenure) return;
  if (ScaleUnit(HashOf(settings_.seed, kLeaveSalt, agent)) >= rule.probability) return;
  const uint64_t range = static_cast<uint64_t>(room - rule.min_tenure) + 1;
  Agent(agent).left =
      joined + rule.min_tenure +
      static_cast<int>(ScaleBelow(HashOf(settings_.seed, kTenureSalt, agent), range));
}

// --- lawful ---------------------------------------------------------------

void Brand::LawfulJoin(uint32_t agent, int day) {
  const LawfulPlan& plan = result_.lawful;
  DecideLeaving(agent, {plan.leave_probability, 60, 540});
  AgentState& s = state_[agent];
  if (agent >= deep_level_from_) {
    s.sell_through = static_cast<float>(0.25 + 0.25 * rng_.Unit());
  } else if (rng_.Chance(kSteadySellerShare)) {
    s.sell_through = static_cast<float>(0.78 + 0.20 * rng_.Unit());
  } else {
    s.sell_through = static_cast<float>(0.50 + 0.25 * rng_.Unit());
  }
  s.keeps_units = rng_.Chance(kConsumerShare);
  if (rng_.Chance(plan.starter_kit_share)) {
    Push(DayWithin(agent, day, kFirstDays - 1), {.agent = agent, .type = EventType::kKit});
  }
  if (rng_.Chance(plan.training_fee_share)) {
    Push(DayWithin(agent, day, LastDay(agent) - day),
         {.agent = agent, .type = EventType::kTrainingFee});
  }
  if (agent >= deep_level_from_ || !rng_.Chance(kLawfulIdleShare)) {
    Push(DayWithin(agent, day, 7), {.agent = agent, .type = EventType::kBuy});
  }
  if (Agent(agent).left != kStillIn) {
    Push(Agent(agent).left, {.agent = agent, .type = EventType::kLeave});
  }
}

void Brand::LawfulBuy(uint32_t agent, int day) {
  const int tier = Agent(agent).tier;
  const auto units =
      static_cast<uint32_t>(rng_.Between(kLawfulBatchMin[tier], kLawfulBatchMax[tier]));
  const int sku = PickProductSku(rng_);
  const int64_t cents = TierUnitCents(sku, tier) * units;
  ledger().Order(day, kNoParty, agent, sku, units, cents);
  const uint32_t sponsor = Agent(agent).sponsor;
  if (sponsor != kNoParty && Active(sponsor, day)) {
    Accrue(sponsor, day, PaymentKind::kOverride, cents * result_.lawful.override_percent);
  }

  // What this batch becomes: retailed over the next weeks, a unit kept now
  // and then, the rest left on the shelf.
  AgentState& s = state_[agent];
  const auto retailed =
      static_cast<uint32_t>(std::min<uint64_t>(units, rng_.RoundRandomly(units * s.sell_through)));
  const uint32_t kept = s.keeps_units && retailed < units && rng_.Chance(kKeepUnitProbability);
  s.stock[sku] += static_cast<int32_t>(units - retailed - kept);
  const uint32_t lines = std::min<uint32_t>(retailed, static_cast<uint32_t>(rng_.Between(1, 3)));
  for (uint32_t i = 0; i < lines; ++i) {
    const uint32_t line_units = retailed / lines + (i < retailed % lines ? 1 : 0);
    const int retail_day = DayWithin(agent, day + 1, 24);
    const int64_t revenue = kSkus[sku].retail_cents * line_units;
    ledger().Order(retail_day, agent, kNoParty, sku, line_units, revenue);
    Accrue(agent, retail_day, PaymentKind::kRetailCommission,
           revenue * result_.lawful.retail_commission_percent);
  }
  const int next = day + static_cast<int>(rng_.Between(20, 50));
  if (next <= LastDay(agent)) Push(next, {.agent = agent, .type = EventType::kBuy});
}

void Brand::LawfulKit(uint32_t agent, int day) {
  const int64_t cents = result_.lawful.starter_kit_cents;
  ledger().Order(day, kNoParty, agent, kStarterKitSku, 1, cents);
  ++state_[agent].stock[kStarterKitSku];
  const uint32_t sponsor = Agent(agent).sponsor;
  if (sponsor != kNoParty && Active(sponsor, day)) {
    Accrue(sponsor, day, PaymentKind::kOverride, cents * result_.lawful.override_percent);
  }
}

void Brand::LawfulLeave(uint32_t agent, int day) {
  // The company buys back what is on the shelf at what the agent paid.
  const int return_day = std::min(settings_.span, day + static_cast<int>(rng_.Below(11)));
  for (int sku = 0; sku < kLedgerSkuCount; ++sku) {
    const int32_t units = state_[agent].stock[sku];
    if (units <= 0) continue;
    const int64_t unit = sku == kStarterKitSku ? result_.lawful.starter_kit_cents
                                               : TierUnitCents(sku, Agent(agent).tier);
    ledger().Order(return_day, kNoParty, agent, sku, static_cast<uint32_t>(units), unit * units,
                   true);
    state_[agent].stock[sku] = 0;
  }
}

// --- loading ---------------------------------------------------------------

void Brand::LoadingJoin(uint32_t agent, int day) {
  DecideLeaving(agent, {0.3, 30, 400});
  const int tier = Agent(agent).tier;
  const int sku = PickProductSku(rng_);
  const int64_t unit = TierUnitCents(sku, tier);
  if (Agent(agent).sponsor == kNoParty) {
    Deliver(agent, static_cast<uint32_t>(CeilDiv(kLoadingTopStockCents, unit)), sku, day);
  } else {
    // The pack of the tier's threshold, at least, within the first 30 days.
    const auto units = static_cast<uint32_t>(CeilDiv(result_.loading.thresholds[tier], unit));
    const int room = std::min(kFirstDays - 1, LastDay(agent) - day);
    if (units >= 2 && room >= 3 && rng_.Chance(kSplitPackProbability)) {
      Deliver(agent, units / 2, sku, day);
      Push(day + static_cast<int>(rng_.Between(3, room)), {.agent = agent,
                                                           .type = EventType::kQualify,
                                                           .sku = static_cast<uint8_t>(sku),
                                                           .units = units - units / 2});
    } else {
      Deliver(agent, units, sku, day);
    }
  }
  if (!rng_.Chance(kLoadingIdleShare)) {
    const auto restocks = static_cast<uint32_t>(rng_.Between(1, 4));
    Push(day + static_cast<int>(rng_.Between(30, 90)),
         {.agent = agent, .type = EventType::kRestock, .units = restocks});
  }
  if (rng_.Chance(kLoadingRetailShare)) {
    PlanRetailDays(agent, day, static_cast<uint32_t>(rng_.Between(1, 3)));
  }
}

void Brand::LoadingRestock(uint32_t agent, int day, uint32_t remaining) {
  if (!Active(agent, day)) return;
  const int sku = PickProductSku(rng_);
  Deliver(agent, QuotaUnits(sku, Agent(agent).tier), sku, day);
  const int next = day + static_cast<int>(rng_.Between(30, 90));
  if (remaining > 1 && next <= LastDay(agent)) {
    Push(next, {.agent = agent, .type = EventType::kRestock, .units = remaining - 1});
  }
}

uint32_t Brand::FindSeller(uint32_t buyer, int day) const {
  const int tier = result_.ledger.agents[buyer].tier;
  uint32_t seller = result_.ledger.agents[buyer].sponsor;
  while (seller != kNoParty &&
         (result_.ledger.agents[seller].tier >= tier || !Active(seller, day))) {
    seller = result_.ledger.agents[seller].sponsor;
  }
  return seller;
}

uint32_t Brand::QuotaUnits(int sku, int tier) const {
  return static_cast<uint32_t>(
      CeilDiv(result_.loading.quota_cents[tier], TierUnitCents(sku, tier)));
}

void Brand::Deliver(uint32_t buyer, uint32_t units, int sku, int day) {
  // Only from the upline: a seller short of units restocks from its own
  // upline first, with its quota on top.
  const uint32_t seller = FindSeller(buyer, day);
  if (seller != kNoParty && state_[seller].stock[sku] < static_cast<int32_t>(units)) {
    const int32_t missing = static_cast<int32_t>(units) - std::max(state_[seller].stock[sku], 0);
    Deliver(seller, static_cast<uint32_t>(missing) + QuotaUnits(sku, Agent(seller).tier), sku, day);
  }
  const int64_t cents = TierUnitCents(sku, Agent(buyer).tier) * units;
  ledger().Order(day, seller, buyer, sku, units, cents);
  if (seller != kNoParty) state_[seller].stock[sku] -= static_cast<int32_t>(units);
  state_[buyer].stock[sku] += static_cast<int32_t>(units);

  const uint32_t sponsor = Agent(buyer).sponsor;
  if (sponsor == kNoParty) return;
  if (Active(sponsor, day)) {
    Accrue(sponsor, day, PaymentKind::kOverride,
           cents * result_.loading.override_percent[Agent(sponsor).tier]);
  }
  const uint32_t grand = Agent(sponsor).sponsor;
  if (grand != kNoParty && Active(grand, day)) {
    Accrue(grand, day, PaymentKind::kOverride,
           cents * result_.loading.second_level_override_percent);
  }
}

// --- fee pyramid and shared ------------------------------------------------

void Brand::FeeJoin(uint32_t agent, int day) {
  DecideLeaving(agent, {0.1, 30, 300});
  JoinByFee(ledger(), agent, day, result_.fee, rng_);
  state_[agent].stock[kMaskSku] += kTokenKitUnits;
  const uint32_t sponsor = Agent(agent).sponsor;
  if (sponsor != kNoParty) {
    for (int tier = 1; tier < kLowestTier; ++tier) {
      if (state_[sponsor].recruits >= kFeePromoteAt[tier] && Agent(sponsor).tier > tier) {
        Agent(sponsor).tier = tier;
        break;
      }
    }
  }
  if (rng_.Chance(kFeeRetailShare)) PlanRetailDays(agent, day, 1);
}

void Brand::PlanRetailDays(uint32_t agent, int day, uint32_t count) {
  for (uint32_t i = 0; i < count; ++i) {
    Push(DayWithin(agent, day + 1, LastDay(agent) - day),
         {.agent = agent, .type = EventType::kRetail});
  }
}

void Brand::RetailFromStock(uint32_t agent, int day) {
  if (!Active(agent, day)) return;
  const int start = static_cast<int>(rng_.Below(kSkuCount));
  for (int i = 0; i < kSkuCount; ++i) {
    const int sku = (start + i) % kSkuCount;
    const int32_t held = state_[agent].stock[sku];
    if (held <= 0) continue;
    const auto units = static_cast<uint32_t>(std::min<int64_t>(held, rng_.Between(1, 2)));
    ledger().Order(day, agent, kNoParty, sku, units, kSkus[sku].retail_cents * units);
    state_[agent].stock[sku] -= static_cast<int32_t>(units);
    return;
  }
}

void Brand::Accrue(uint32_t payee, int day, PaymentKind kind, int64_t cents_percent) {
  accrued_[{month_of_day_[day], payee, kind}] += cents_percent;
}

void Brand::Settle() {
  for (const auto& [key, cents_percent] : accrued_) {
    const auto& [month, payee, kind] = key;
    ledger().Pay(month_end_[month], kNoParty, payee, cents_percent / 100, kind);
  }
}

}  // namespace

void JoinByFee(Ledger& ledger, uint32_t agent, int day, const FeePlan& plan, Rng& rng) {
  const uint32_t sponsor = ledger.agents[agent].sponsor;
  const bool sponsor_active = sponsor != kNoParty && ledger.Active(sponsor, day);
  if (sponsor_active && rng.Chance(plan.sponsor_share_probability)) {
    ledger.Pay(day, agent, kNoParty, plan.entry_fee_cents - plan.sponsor_share_cents,
               PaymentKind::kEntryFee);
    ledger.Pay(day, agent, sponsor, plan.sponsor_share_cents, PaymentKind::kEntryFee);
  } else {
    ledger.Pay(day, agent, kNoParty, plan.entry_fee_cents, PaymentKind::kEntryFee);
  }
  ledger.Order(day, kNoParty, agent, kMaskSku, kTokenKitUnits,
               TierUnitCents(kMaskSku, kLowestTier) * kTokenKitUnits);
  if (!sponsor_active) return;
  ledger.Pay(day, kNoParty, sponsor, plan.recruitment_bonus_cents, PaymentKind::kRecruitmentBonus);
  const uint32_t grand = ledger.agents[sponsor].sponsor;
  if (grand != kNoParty && ledger.Active(grand, day)) {
    ledger.Pay(day, kNoParty, grand, plan.second_level_bonus_cents, PaymentKind::kRecruitmentBonus);
  }
}

BrandResult SimulateBrand(const BrandSettings& settings) { return Brand(settings).Run(); }

}  // namespace tiersight::generate

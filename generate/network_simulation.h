// Day-by-day simulation of a 微商 agent network that streams its order and payment rows.
//
// State is one compact 24-byte record per agent (sponsor, tier, days, stock,
// recruit count, event link); orders and payments are written as they happen
// and never kept. Future activity is a calendar queue: one intrusive list of
// agents per day, so each agent sits in at most one list at a time.
//
// Goods flow down the tiers: an agent buys from its nearest active upline of a
// higher tier (the company above the top, or when the profile has the company
// ship directly), and a seller short of units
// restocks from its own supplier first, so no agent ever sells units it does
// not hold.
#ifndef TIERSIGHT_GENERATE_NETWORK_SIMULATION_H_
#define TIERSIGHT_GENERATE_NETWORK_SIMULATION_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/civil_date.h"
#include "generate/bundle_rows.h"
#include "generate/generator_profile.h"
#include "generate/random.h"
#include "generate/row_writer.h"

namespace tiersight::generate {

struct SimulationSettings {
  const ProfileParams* profile = nullptr;
  uint64_t agents = 0;  // 1 .. 2^32 - 2
  uint64_t seed = 0;
  int64_t first_day = 0;  // day number of simulation day 0
  int span_days = 730;    // simulation day of as_of (the last day)
  double orders_per_agent = 5;
  double payments_per_agent = 2;
};

class NetworkSimulation {
 public:
  explicit NetworkSimulation(const SimulationSettings& settings);

  // Runs the whole period, writing orders.csv and payments.csv (headers included).
  void Run(RowWriter& orders, RowWriter& payments);
  // Writes agents.csv (header included) with each agent's final tier; call after Run.
  void WriteAgents(RowWriter& agents) const;

  uint64_t orders() const { return order_count_; }
  uint64_t payments() const { return payment_count_; }
  int max_depth() const { return max_depth_; }
  // Final number of agents per tier.
  std::array<uint64_t, kTierCount> TierCounts() const;

 private:
  static constexpr uint32_t kNone = kNoParty;
  static constexpr uint16_t kNever = 0xFFFF;  // has not left

  void ComputeJoinDays();
  void ComputeTops();
  void ComputeLeaveDays();

  void Join(uint32_t agent, int day);
  void HandleEvent(uint32_t agent, int day);
  void Activity(uint32_t agent, int day);
  void Leave(uint32_t agent, int day);
  void RetailSale(uint32_t agent, int day);
  void MaybePromote(uint32_t agent, int day);
  void Promote(uint32_t agent, int day);
  void CompanyRetailSale(int day);

  uint32_t ChooseSponsor(uint32_t agent, int day);
  uint32_t Candidate(uint32_t agent);
  // Nearest active upline of a strictly higher tier; kNone: the company.
  uint32_t FindSeller(uint32_t buyer, int day) const;
  // Sells `quantity` units of `sku` to `buyer`, restocking the seller first.
  // `reserve` units of the buyer's stock are spoken for (no return may touch
  // them). Returns the amount in cents.
  int64_t Deliver(uint32_t buyer, uint32_t quantity, int sku, int day, uint32_t reserve);
  void EnsureStock(uint32_t agent, uint32_t quantity, int day);
  uint32_t PackUnits(int sku, int tier, int from_tier) const;
  uint32_t QuotaUnits(int sku, int tier) const;
  int PickSku();
  int ReturnDay(uint32_t agent, int day);
  void ScheduleNext(uint32_t agent, int day);
  void Push(uint32_t agent, int day);
  bool Active(uint32_t agent, int day) const { return agents_[agent].left > day; }
  bool EntryFeePaid(uint32_t agent) const;
  double Scaled(double probability) const;

  void EmitOrder(int day, uint32_t seller, uint32_t buyer, int sku, uint32_t quantity,
                 int64_t amount_cents, bool is_return);
  void Pay(int day, uint32_t payer, uint32_t payee, int64_t cents, PaymentKind kind);
  void CountRow();
  std::string_view Date(int day) const;

  const ProfileParams& profile_;
  const SimulationSettings settings_;
  const uint32_t agent_count_;
  const int span_;
  Rng rng_;

  // Everything the simulation knows about one agent, in one cache line: the
  // walks up the sponsor tree and the calendar queue touch agents at random.
  struct AgentState {
    uint32_t sponsor = kNone;
    uint32_t next_event = kNone;  // calendar queue link
    int32_t stock = 0;            // units on hand
    uint16_t joined = 0;          // simulation day
    uint16_t left = kNever;       // simulation day, kNever if still in
    uint16_t remaining = 0;       // activity events still to come
    uint16_t recruits = 0;        // direct recruits (saturating)
    uint16_t depth = 0;           // 1 for a top (saturating)
    uint8_t tier = kTierCount - 1;
    uint8_t region = 0;
  };
  static_assert(sizeof(AgentState) == 24);

  std::vector<AgentState> agents_;
  std::vector<uint32_t> tops_;      // ascending agent indices with no sponsor
  std::vector<uint32_t> day_head_;  // calendar queue heads, one per day
  std::vector<std::array<char, base::kIsoDateLength>> dates_;
  std::array<std::string, kSkuCount> sku_fields_;  // CSV-ready

  double activity_events_ = 0;  // mean activity events per agent
  double mean_window_ = 1;      // mean active days per agent
  double payment_scale_ = 1;
  bool write_orders_ = true;
  IdWidths ids_;

  RowWriter* orders_ = nullptr;
  RowWriter* payments_ = nullptr;
  uint64_t order_count_ = 0;
  uint64_t payment_count_ = 0;
  uint64_t next_progress_rows_ = 0;
  int current_day_ = 0;
  int max_depth_ = 0;
};

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_NETWORK_SIMULATION_H_

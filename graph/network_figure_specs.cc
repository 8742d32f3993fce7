// The figures of the whole network: the core figures of the bundle format
// (computed exactly in figures.cc), the distributions reports chart, and the
// network figures rules read beyond the core.
#include <algorithm>
#include <functional>

#include "base/str_cat.h"
#include "graph/figure_specs.h"

namespace tiersight::graph::internal {
namespace {

constexpr FigureScope kNet = FigureScope::kNetwork;
constexpr int64_t kRecruitWindowDays = 90;

FigureSpec Exact(std::string name, FigureUnit unit, bool exported, std::string definition,
                 std::function<int64_t(FigureTable&)> value) {
  return FigureSpec{.name = std::move(name),
                    .scope = kNet,
                    .unit = unit,
                    .exported = exported,
                    .definition = std::move(definition),
                    .compute = [value = std::move(value)](FigureTable& t, FigureColumn& c) {
                      c.exact[0] = value(t);
                    }};
}

FigureSpec Real(std::string name, FigureUnit unit, bool exported, std::string definition,
                std::function<double(FigureTable&)> value) {
  return FigureSpec{.name = std::move(name),
                    .scope = kNet,
                    .unit = unit,
                    .exported = exported,
                    .definition = std::move(definition),
                    .compute = [value = std::move(value)](FigureTable& t, FigureColumn& c) {
                      c.real[0] = value(t);
                    }};
}

FigureSpec Table(std::string name, std::string definition) {
  return FigureSpec{.name = std::move(name),
                    .scope = kNet,
                    .unit = FigureUnit::kTable,
                    .exported = true,
                    .definition = std::move(definition),
                    .compute = {}};
}

const NetworkFigures& Net(FigureTable& t) { return t.figures().network; }

// Months between the earliest joined_at and as_of (at least one).
double SpanMonths(const Network& n) {
  base::Day first = base::kNoDay;
  for (base::Day d : n.joined) {
    if (d != base::kNoDay && (first == base::kNoDay || d < first)) first = d;
  }
  if (first == base::kNoDay || n.as_of == base::kNoDay) return 1.0;
  return std::max(1.0, (n.as_of - first + 1) / kDaysPerMonth);
}

// Agents who joined between `from` (inclusive) and `to` (exclusive) days
// before as_of.
int64_t JoinedBetween(const Network& n, int64_t from, int64_t to) {
  if (n.as_of == base::kNoDay) return 0;
  int64_t count = 0;
  for (base::Day d : n.joined) {
    if (d == base::kNoDay) continue;
    const int64_t back = n.as_of - d;
    if (back >= from && back < to) ++count;
  }
  return count;
}

// The sum over all agents of a core figure, from the exact level sums.
int64_t Total(FigureTable& t, AgentFigure figure) {
  int64_t total = 0;
  for (const GroupFigures& g : t.figures().levels) total += g.sums[figure];
  return total;
}

int64_t ColumnTotal(FigureTable& t, std::string_view agent_figure) {
  int64_t total = 0;
  for (int64_t v : t.Column(FigureScope::kAgent, agent_figure).exact) total += v;
  return total;
}

double PayerShare(FigureTable& t, std::string_view agent_figure) {
  const std::vector<int64_t>& paid = t.Column(FigureScope::kAgent, agent_figure).exact;
  const auto payers = std::count_if(paid.begin(), paid.end(), [](int64_t v) { return v > 0; });
  return Ratio(double(payers), double(paid.size()));
}

}  // namespace

void AppendNetworkFigures(std::vector<FigureSpec>& out) {
  using U = FigureUnit;
  // The core figures of the bundle format and the counts behind them.
  out.push_back(Exact("participants", U::kCount, true, "every loaded agent",
                      [](FigureTable& t) { return Net(t).participants; }));
  out.push_back(Exact("max_depth", U::kCount, true, "depth of the deepest agent",
                      [](FigureTable& t) { return int64_t{Net(t).max_depth}; }));
  out.push_back(Exact("tops", U::kCount, true, "agents with no sponsor",
                      [](FigureTable& t) { return int64_t{Net(t).tops}; }));
  out.push_back(Exact("company_goods_revenue", U::kMoney, true,
                      "company sales to agents, net of returns",
                      [](FigureTable& t) { return Net(t).company_goods_revenue; }));
  out.push_back(Exact("company_fee_revenue", U::kMoney, true,
                      "entry and training fees paid to the company",
                      [](FigureTable& t) { return Net(t).company_fee_revenue; }));
  out.push_back(Real("fee_revenue_share", U::kShare, true,
                     "company_fee_revenue / (company_fee_revenue + company_goods_revenue)",
                     [](FigureTable& t) { return Net(t).fee_revenue_share; }));
  out.push_back(Exact("retail_units", U::kUnits, true, "units sold to consumers by agents, net",
                      [](FigureTable& t) { return Net(t).retail_units; }));
  out.push_back(Real("retail_share", U::kShare, true,
                     "retail_units / units the company sold to agents",
                     [](FigureTable& t) { return Net(t).retail_share; }));
  out.push_back(Exact("units_on_hand", U::kUnits, true, "units held by all agents",
                      [](FigureTable& t) { return Net(t).units_on_hand; }));
  out.push_back(Real("loss_share", U::kShare, true, "share of agents with net_cash < 0",
                     [](FigureTable& t) { return Net(t).loss_share; }));
  out.push_back(Real("recruitment_reward_share", U::kShare, true,
                     "recruitment rewards / (recruitment + retail rewards)",
                     [](FigureTable& t) { return Net(t).recruitment_reward_share; }));
  out.push_back(Real("internal_sales_share", U::kShare, true,
                     "agents' wholesale revenue / their sales revenue",
                     [](FigureTable& t) { return Net(t).internal_sales_share; }));
  out.push_back(Real("recruit_spend_share", U::kShare, true,
                     "share of agents' gross buy-in spent in their first 30 days",
                     [](FigureTable& t) { return Net(t).recruit_spend_share; }));
  out.push_back(Exact("company_units_to_agents", U::kUnits, true,
                      "units the company sold to agents, net",
                      [](FigureTable& t) { return Net(t).company_units_to_agents; }));
  out.push_back(Exact("agents_with_negative_on_hand", U::kCount, true,
                      "agents whose records show negative stock",
                      [](FigureTable& t) { return Net(t).agents_with_negative_on_hand; }));
  out.push_back(Exact("agents_with_loss", U::kCount, true, "agents with net_cash < 0",
                      [](FigureTable& t) { return Net(t).agents_with_loss; }));
  out.push_back(Table("recruits_by_month",
                      "agents by the calendar month of joined_at, months without a recruit "
                      "included with 0"));
  out.push_back(Exact("agents_without_joined_at", U::kCount, true,
                      "agents whose joined_at is absent (not in recruits_by_month)",
                      [](FigureTable& t) { return Net(t).recruits_by_month.without_joined_at; }));
  out.push_back(Table("net_cash_percentiles",
                      "nearest-rank percentiles 0, 10, 25, 50, 75, 90 and 100 of the agents' "
                      "net_cash"));
  out.push_back(Table("money_flows",
                      "money by legal form (each payment kind; goods sold to agents and, of "
                      "them, the joining purchases of the buyer's first 30 days; retail sales) "
                      "and by who paid whom (agents to company, company to agents, between "
                      "agents, consumers to agents)"));

  // What rules read beyond the core.
  out.push_back(Real("months_of_stock_cover", U::kMonths, false,
                     "units_on_hand / average monthly retail_units since the first join (999: "
                     "stock, no retail)",
                     [](FigureTable& t) {
                       const NetworkFigures& nf = Net(t);
                       if (nf.units_on_hand <= 0) return 0.0;
                       const double monthly = double(nf.retail_units) / SpanMonths(t.network());
                       return monthly > 0 ? double(nf.units_on_hand) / monthly : kUnbounded;
                     }));
  out.push_back(Real("bottom_levels_on_hand_share", U::kShare, false,
                     "share of units on hand held at levels deeper than half of max_depth",
                     [](FigureTable& t) {
                       int64_t bottom = 0;
                       for (const GroupFigures& g : t.figures().levels) {
                         if (2 * g.depth > Net(t).max_depth) bottom += g.sums[kUnitsOnHand];
                       }
                       return Ratio(double(bottom), double(Net(t).units_on_hand));
                     }));
  out.push_back(Real("stocked_no_retail_share", U::kShare, false,
                     "share of agents holding stock who retailed nothing", [](FigureTable& t) {
                       const FigureColumn& on_hand = t.Column(FigureScope::kAgent, "units_on_hand");
                       const FigureColumn& retailed =
                           t.Column(FigureScope::kAgent, "units_retailed");
                       int64_t stocked = 0, idle = 0;
                       for (size_t a = 0; a < on_hand.exact.size(); ++a) {
                         if (on_hand.exact[a] <= 0) continue;
                         ++stocked;
                         if (retailed.exact[a] <= 0) ++idle;
                       }
                       return Ratio(double(idle), double(stocked));
                     }));
  out.push_back(Real("left_with_stock_share", U::kShare, false,
                     "share of agents who left still holding stock (no buy-back)",
                     [](FigureTable& t) {
                       const FigureColumn& on_hand = t.Column(FigureScope::kAgent, "units_on_hand");
                       const auto& left = t.network().left;
                       int64_t leavers = 0, holding = 0;
                       for (size_t a = 0; a < left.size(); ++a) {
                         if (left[a] == base::kNoDay) continue;
                         ++leavers;
                         if (on_hand.exact[a] > 0) ++holding;
                       }
                       return Ratio(double(holding), double(leavers));
                     }));
  out.push_back(Real("top_1pct_income_share", U::kShare, false,
                     "share of all positive net_cash earned by the top 1% of agents",
                     [](FigureTable& t) {
                       const FigureColumn& net_cash = t.Column(FigureScope::kAgent, "net_cash");
                       std::vector<int64_t> gains;
                       for (int64_t v : net_cash.exact) {
                         if (v > 0) gains.push_back(v);
                       }
                       if (gains.empty()) return 0.0;
                       // Summed exactly, so the order of the gains cannot
                       // change the last bit of the share.
                       const size_t top = std::max<size_t>(1, net_cash.exact.size() / 100);
                       const size_t head_size = std::min(top, gains.size());
                       std::nth_element(gains.begin(), gains.begin() + (head_size - 1), gains.end(),
                                        std::greater<>());
                       int64_t all = 0, head = 0;
                       for (size_t i = 0; i < gains.size(); ++i) {
                         all += gains[i];
                         if (i < head_size) head += gains[i];
                       }
                       return Ratio(double(head), double(all));
                     }));
  out.push_back(Exact(
      "recruits_last_90_days", U::kCount, false, "agents who joined in the 90 days up to as_of",
      [](FigureTable& t) { return JoinedBetween(t.network(), 0, kRecruitWindowDays); }));
  out.push_back(Real("recruit_growth_90_days", U::kRatio, false,
                     "recruits of the last 90 days / recruits of the 90 days before (0 if none "
                     "before)",
                     [](FigureTable& t) {
                       return Ratio(double(JoinedBetween(t.network(), 0, kRecruitWindowDays)),
                                    double(JoinedBetween(t.network(), kRecruitWindowDays,
                                                         2 * kRecruitWindowDays)));
                     }));
  out.push_back(Real("recruitment_bonus_share", U::kShare, false,
                     "per-head recruitment bonuses / all rewards (bonuses, overrides, retail "
                     "commissions): pay for the number of people recruited (拉人头)",
                     [](FigureTable& t) {
                       return Ratio(double(Total(t, kRecruitmentBonuses)),
                                    double(Total(t, kRecruitmentBonuses) + Total(t, kOverrides) +
                                           Total(t, kRetailRewards)));
                     }));
  out.push_back(Real("override_share", U::kShare, false,
                     "overrides on the downline's purchases / all rewards: team pay (团队计酬)",
                     [](FigureTable& t) {
                       return Ratio(double(Total(t, kOverrides)),
                                    double(Total(t, kRecruitmentBonuses) + Total(t, kOverrides) +
                                           Total(t, kRetailRewards)));
                     }));
  out.push_back(Real("entry_fee_payer_share", U::kShare, false,
                     "share of agents who paid an entry fee",
                     [](FigureTable& t) { return PayerShare(t, "entry_fees_paid"); }));
  out.push_back(Real("training_fee_payer_share", U::kShare, false,
                     "share of agents who paid a training fee",
                     [](FigureTable& t) { return PayerShare(t, "training_fees_paid"); }));
  out.push_back(Exact("total_entry_fees_paid", U::kMoney, false, "entry fees paid by all agents",
                      [](FigureTable& t) { return ColumnTotal(t, "entry_fees_paid"); }));
  out.push_back(Exact("total_training_fees_paid", U::kMoney, false,
                      "training fees paid by all agents",
                      [](FigureTable& t) { return ColumnTotal(t, "training_fees_paid"); }));
  out.push_back(
      Exact("total_entry_paid", U::kMoney, false,
            "what all agents paid in their first 30 days (goods and fees, net of returns)",
            [](FigureTable& t) { return ColumnTotal(t, "entry_paid"); }));
  out.push_back(Exact(
      "direct_selling_licence", U::kFlag, false,
      "1 when network.yaml says the brand holds a 直销 licence (直销管理条例)",
      [](FigureTable& t) { return int64_t{t.network().config.direct_selling_licence ? 1 : 0}; }));
  out.push_back(Exact("total_fees_paid", U::kMoney, false,
                      "entry and training fees paid by all agents", [](FigureTable& t) {
                        int64_t total = 0;
                        for (Amount v : t.network().flows.fees_paid) total += v;
                        return total;
                      }));
  for (size_t i = kUnitsBought; i < kAgentFigureCount; ++i) {
    const auto figure = static_cast<AgentFigure>(i);
    const CoreAgentFigure& agent = CoreFigure(figure);
    out.push_back(Exact(StrCat("total_", agent.name), agent.unit, false,
                        StrCat("sum over all agents of ", agent.name),
                        [figure](FigureTable& t) { return Total(t, figure); }));
  }
}

}  // namespace tiersight::graph::internal

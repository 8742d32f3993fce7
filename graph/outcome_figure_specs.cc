// What participants paid in, what stock they are left with at what it cost
// them, and how their losses are spread: the figures the first page of a
// report reads, and rules may.
#include <algorithm>

#include "graph/figure_specs.h"

namespace tiersight::graph::internal {
namespace {

constexpr FigureScope kNet = FigureScope::kNetwork;
constexpr FigureScope kAgent = FigureScope::kAgent;

FigureSpec NetworkMoney(std::string name, std::string definition,
                        std::function<int64_t(FigureTable&)> value) {
  return FigureSpec{.name = std::move(name),
                    .scope = kNet,
                    .unit = FigureUnit::kMoney,
                    .exported = false,
                    .definition = std::move(definition),
                    .compute = [value = std::move(value)](FigureTable& t, FigureColumn& c) {
                      c.exact[0] = value(t);
                    }};
}

int64_t Exact(FigureTable& t, std::string_view network_figure) {
  return t.Column(kNet, network_figure).exact[0];
}

}  // namespace

void AppendOutcomeFigures(std::vector<FigureSpec>& out) {
  out.push_back(FigureSpec{
      .name = "stock_value",
      .scope = kAgent,
      .unit = FigureUnit::kMoney,
      .exported = false,
      .definition = "the agent's units on hand valued product by product at its weighted average "
                    "purchase price (cost of the units it bought ÷ those units, net of returns)",
      .compute = [](FigureTable& t, FigureColumn& c) { c.exact = t.network().stock_value; }});
  out.push_back(
      NetworkMoney("stock_on_hand_value", "stock_value summed over all agents", [](FigureTable& t) {
        int64_t total = 0;
        for (Amount v : t.network().stock_value) {
          total = __builtin_add_overflow(total, v, &total) ? INT64_MAX : total;
        }
        return total;
      }));
  out.push_back(
      NetworkMoney("paid_in_to_company",
                   "what agents paid the company: company_goods_revenue + company_fee_revenue",
                   [](FigureTable& t) {
                     return Exact(t, "company_goods_revenue") + Exact(t, "company_fee_revenue");
                   }));
  out.push_back(NetworkMoney(
      "paid_in_to_agents",
      "what agents paid other agents: goods bought from them (net of returns) and entry and "
      "training fees paid to them (total_wholesale_revenue + total_fees_received)",
      [](FigureTable& t) {
        return Exact(t, "total_wholesale_revenue") + Exact(t, "total_fees_received");
      }));
  out.push_back(NetworkMoney("paid_in_total",
                             "everything agents paid for goods and fees: paid_in_to_company + "
                             "paid_in_to_agents",
                             [](FigureTable& t) {
                               return Exact(t, "paid_in_to_company") +
                                      Exact(t, "paid_in_to_agents");
                             }));
  out.push_back(NetworkMoney(
      "median_loss",
      "the median net_cash of the agents with net_cash < 0 (nearest rank: the ⌈k/2⌉-th largest "
      "loss of k); 0 when no agent lost money",
      [](FigureTable& t) {
        std::vector<int64_t> losses;
        for (int64_t v : t.Column(kAgent, "net_cash").exact) {
          if (v < 0) losses.push_back(v);
        }
        if (losses.empty()) return int64_t{0};
        const size_t rank = (losses.size() + 1) / 2 - 1;
        std::nth_element(losses.begin(), losses.begin() + static_cast<ptrdiff_t>(rank),
                         losses.end());
        return losses[rank];
      }));
}

}  // namespace tiersight::graph::internal

#include "rules/figure_frame.h"

#include <algorithm>
#include <functional>

#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"
#include "base/str_cat.h"

namespace tiersight::rules {
namespace {

using graph::AgentFigureCatalogue;
using graph::FigureUnit;
using graph::Network;

constexpr double kDaysPerMonth = 30.4375;
// Stand-in for "unbounded" (stock with no sales at all), so that comparisons
// such as `months_of_stock_cover > 12` hold.
constexpr double kUnbounded = 999.0;
constexpr uint32_t kLast = 90;  // days in a recruitment window

double Ratio(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

double Value(FigureUnit unit, int64_t v) {
  return unit == FigureUnit::kAmount ? graph::AmountToDouble(v) : static_cast<double>(v);
}

struct NetworkEntry {
  std::string name;
  std::string definition;
  std::function<double(const Network&, const graph::Figures&)> compute;
};

double TotalOf(const graph::Figures& f, graph::AgentFigure figure) {
  double total = 0;
  for (const graph::GroupFigures& g : f.levels) total += Value(AgentFigureCatalogue()[figure].unit, g.sums[figure]);
  return total;
}

// Months between the earliest joined_at and as_of (at least one).
double SpanMonths(const Network& n) {
  base::Day first = base::kNoDay;
  for (base::Day d : n.joined) {
    if (d != base::kNoDay && (first == base::kNoDay || d < first)) first = d;
  }
  if (first == base::kNoDay || n.as_of == base::kNoDay) return 1.0;
  return std::max(1.0, (n.as_of - first + 1) / kDaysPerMonth);
}

int64_t JoinedBetween(const Network& n, int64_t from_days_back, int64_t to_days_back) {
  if (n.as_of == base::kNoDay) return 0;
  int64_t count = 0;
  for (base::Day d : n.joined) {
    if (d == base::kNoDay) continue;
    const int64_t back = n.as_of - d;
    if (back >= from_days_back && back < to_days_back) ++count;
  }
  return count;
}

const std::vector<NetworkEntry>& NetworkEntries() {
  using G = graph::Figures;
  static const std::vector<NetworkEntry> kEntries = [] {
    std::vector<NetworkEntry> e = {
        {"participants", "every loaded agent", [](const Network&, const G& f) { return double(f.network.participants); }},
        {"max_depth", "depth of the deepest agent", [](const Network&, const G& f) { return double(f.network.max_depth); }},
        {"tops", "agents with no sponsor", [](const Network&, const G& f) { return double(f.network.tops); }},
        {"company_goods_revenue", "company sales to agents, net of returns", [](const Network&, const G& f) { return graph::AmountToDouble(f.network.company_goods_revenue); }},
        {"company_fee_revenue", "entry and training fees paid to the company", [](const Network&, const G& f) { return graph::AmountToDouble(f.network.company_fee_revenue); }},
        {"fee_revenue_share", "company_fee_revenue / (company_fee_revenue + company_goods_revenue)", [](const Network&, const G& f) { return f.network.fee_revenue_share; }},
        {"retail_units", "units sold to consumers by agents, net", [](const Network&, const G& f) { return double(f.network.retail_units); }},
        {"retail_share", "retail_units / units the company sold to agents", [](const Network&, const G& f) { return f.network.retail_share; }},
        {"units_on_hand", "units held by all agents", [](const Network&, const G& f) { return double(f.network.units_on_hand); }},
        {"loss_share", "share of agents with net_cash < 0", [](const Network&, const G& f) { return f.network.loss_share; }},
        {"recruitment_reward_share", "recruitment rewards / (recruitment + retail rewards)", [](const Network&, const G& f) { return f.network.recruitment_reward_share; }},
        {"internal_sales_share", "agents' wholesale revenue / their sales revenue", [](const Network&, const G& f) { return f.network.internal_sales_share; }},
        {"recruit_spend_share", "share of agents' gross buy-in spent in their first 30 days", [](const Network&, const G& f) { return f.network.recruit_spend_share; }},
        {"company_units_to_agents", "units the company sold to agents, net", [](const Network&, const G& f) { return double(f.network.company_units_to_agents); }},
        {"agents_with_negative_on_hand", "agents whose records show negative stock", [](const Network&, const G& f) { return double(f.network.agents_with_negative_on_hand); }},
        {"agents_with_loss", "agents with net_cash < 0", [](const Network&, const G& f) { return double(f.network.agents_with_loss); }},
        {"months_of_stock_cover", "units_on_hand / average monthly retail_units since the first join (999: stock, no retail)",
         [](const Network& n, const G& f) {
           if (f.network.units_on_hand <= 0) return 0.0;
           const double monthly = f.network.retail_units / SpanMonths(n);
           return monthly > 0 ? f.network.units_on_hand / monthly : kUnbounded;
         }},
        {"bottom_levels_on_hand_share", "share of units on hand held at levels deeper than half of max_depth",
         [](const Network&, const G& f) {
           double bottom = 0;
           for (const graph::GroupFigures& g : f.levels) {
             if (2 * g.depth > f.network.max_depth) bottom += double(g.sums[graph::kUnitsOnHand]);
           }
           return Ratio(bottom, double(f.network.units_on_hand));
         }},
        {"stocked_no_retail_share", "share of agents holding stock who retailed nothing",
         [](const Network& n, const G& f) {
           int64_t stocked = 0, idle = 0;
           for (uint32_t a = 0; a < n.size(); ++a) {
             const graph::AgentFigureValues v = graph::AgentFiguresOf(n, f.tree, a);
             if (v[graph::kUnitsOnHand] > 0) {
               ++stocked;
               if (v[graph::kUnitsRetailed] <= 0) ++idle;
             }
           }
           return Ratio(double(idle), double(stocked));
         }},
        {"left_with_stock_share", "share of agents who left still holding stock (no buy-back)",
         [](const Network& n, const G& f) {
           int64_t left = 0, holding = 0;
           for (uint32_t a = 0; a < n.size(); ++a) {
             if (n.left[a] == base::kNoDay) continue;
             ++left;
             if (graph::AgentFiguresOf(n, f.tree, a)[graph::kUnitsOnHand] > 0) ++holding;
           }
           return Ratio(double(holding), double(left));
         }},
        {"top_1pct_income_share", "share of all positive net_cash earned by the top 1% of agents",
         [](const Network& n, const G& f) {
           std::vector<double> gains;
           for (uint32_t a = 0; a < n.size(); ++a) {
             const double v = graph::AmountToDouble(graph::AgentFiguresOf(n, f.tree, a)[graph::kNetCash]);
             if (v > 0) gains.push_back(v);
           }
           if (gains.empty()) return 0.0;
           const size_t top = std::max<size_t>(1, n.size() / 100);
           std::sort(gains.begin(), gains.end(), std::greater<>());
           double all = 0, head = 0;
           for (size_t i = 0; i < gains.size(); ++i) {
             all += gains[i];
             if (i < top) head += gains[i];
           }
           return Ratio(head, all);
         }},
        {"recruits_last_90_days", "agents who joined in the 90 days up to as_of",
         [](const Network& n, const G&) { return double(JoinedBetween(n, 0, kLast)); }},
        {"recruit_growth_90_days", "recruits of the last 90 days / recruits of the 90 days before (0 if none before)",
         [](const Network& n, const G&) {
           return Ratio(double(JoinedBetween(n, 0, kLast)), double(JoinedBetween(n, kLast, 2 * kLast)));
         }},
        {"total_fees_paid", "entry and training fees paid by all agents",
         [](const Network& n, const G&) {
           double t = 0;
           for (graph::Amount v : n.flows.fees_paid) t += graph::AmountToDouble(v);
           return t;
         }},
    };
    for (size_t i = graph::kUnitsBought; i < graph::kAgentFigureCount; ++i) {
      const auto figure = static_cast<graph::AgentFigure>(i);
      e.push_back({StrCat("total_", AgentFigureCatalogue()[i].name),
                   StrCat("sum over all agents of ", AgentFigureCatalogue()[i].name),
                   [figure](const Network&, const G& f) { return TotalOf(f, figure); }});
    }
    return e;
  }();
  return kEntries;
}

// Per-agent figures beyond the core, and how to get one agent's value.
struct AgentExtra {
  std::string name;
  std::string definition;
};

const std::vector<AgentExtra>& AgentExtras() {
  static const std::vector<AgentExtra> kExtras = {
      {"fees_paid", "entry and training fees paid by the agent"},
      {"buy_in_first_30_days", "goods bought and fees paid in the agent's first 30 days (returns left out)"},
      {"team_size", "the agent and everyone below it (downline_size + 1)"},
      {"team_levels", "levels of the agent's team, counting its own (downline_depth + 1)"},
      {"own_retail_share", "units_retailed / units_bought (0 when nothing was bought)"},
      {"stock_cover_months", "units_on_hand / average monthly units_retailed since joining (999: stock, no retail)"},
      {"qualification_overbuy", "buy_in_first_30_days / retail_revenue (999: buy-in, no retail)"},
      {"has_left", "1 when the agent has a left_at date, else 0"},
  };
  return kExtras;
}

// Figures summed over an agent's downline (everyone below it).
std::vector<std::string> DownlineSummed() {
  std::vector<std::string> names;
  for (size_t i = graph::kDirectRecruits; i < graph::kAgentFigureCount; ++i) {
    if (i == graph::kDownlineSize || i == graph::kDownlineDepth) continue;
    names.emplace_back(AgentFigureCatalogue()[i].name);
  }
  names.emplace_back("fees_paid");
  names.emplace_back("buy_in_first_30_days");
  return names;
}

std::vector<CatalogueEntry> GroupEntries(Scope scope) {
  std::vector<CatalogueEntry> e;
  if (scope == Scope::kLevel) e.push_back({"depth", "the level (1 for the tops)"});
  if (scope == Scope::kTier) e.push_back({"tier_rank", "1 for the highest tier listed, then down; unlisted tiers after"});
  e.push_back({"agents", "agents in the group"});
  for (size_t i = graph::kDirectRecruits; i < graph::kAgentFigureCount; ++i) {
    e.push_back({std::string(AgentFigureCatalogue()[i].name),
                 StrCat("sum over the group of ", AgentFigureCatalogue()[i].name)});
  }
  e.push_back({"agents_share", "agents / network participants"});
  e.push_back({"on_hand_share", "units_on_hand / network units_on_hand"});
  e.push_back({"retail_sell_through", "units_retailed / units_bought (0 when nothing was bought)"});
  e.push_back({"group_loss_share", "share of the group's agents with net_cash < 0"});
  return e;
}

void AppendNetwork(std::vector<CatalogueEntry>& e) {
  for (const NetworkEntry& n : NetworkEntries()) {
    e.push_back({StrCat("network_", n.name), StrCat("network figure: ", n.definition)});
  }
}

}  // namespace

std::string_view ScopeName(Scope scope) {
  switch (scope) {
    case Scope::kNetwork: return "network";
    case Scope::kLevel: return "level";
    case Scope::kTier: return "tier";
    case Scope::kAgent: return "agent";
  }
  return "?";
}

bool ParseScope(std::string_view name, Scope& scope) {
  for (Scope s : {Scope::kNetwork, Scope::kLevel, Scope::kTier, Scope::kAgent}) {
    if (ScopeName(s) == name) {
      scope = s;
      return true;
    }
  }
  return false;
}

const std::vector<CatalogueEntry>& FigureCatalogue(Scope scope) {
  static const std::vector<CatalogueEntry> kNetworkCat = [] {
    std::vector<CatalogueEntry> e;
    for (const NetworkEntry& n : NetworkEntries()) e.push_back({n.name, n.definition});
    return e;
  }();
  static const std::vector<CatalogueEntry> kLevelCat = [] {
    auto e = GroupEntries(Scope::kLevel);
    AppendNetwork(e);
    return e;
  }();
  static const std::vector<CatalogueEntry> kTierCat = [] {
    auto e = GroupEntries(Scope::kTier);
    AppendNetwork(e);
    return e;
  }();
  static const std::vector<CatalogueEntry> kAgentCat = [] {
    std::vector<CatalogueEntry> e;
    for (const graph::FigureInfo& f : AgentFigureCatalogue()) {
      e.push_back({std::string(f.name), std::string(f.definition)});
    }
    for (const AgentExtra& x : AgentExtras()) e.push_back({x.name, x.definition});
    for (const std::string& name : DownlineSummed()) {
      e.push_back({StrCat("downline_", name), StrCat("sum of ", name, " over everyone below the agent")});
    }
    e.push_back({"downline_retail_share", "downline units_retailed / downline units_bought"});
    e.push_back({"downline_recruitment_reward_share",
                 "downline recruitment_rewards / (downline recruitment + retail rewards)"});
    AppendNetwork(e);
    return e;
  }();
  switch (scope) {
    case Scope::kNetwork: return kNetworkCat;
    case Scope::kLevel: return kLevelCat;
    case Scope::kTier: return kTierCat;
    case Scope::kAgent: return kAgentCat;
  }
  return kNetworkCat;
}

bool IsKnownFigure(Scope scope, std::string_view name) {
  for (const CatalogueEntry& e : FigureCatalogue(scope)) {
    if (e.name == name) return true;
  }
  return false;
}

const std::vector<double>* FigureFrame::Column(std::string_view name) const {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return &columns[i];
  }
  return nullptr;
}

namespace {

double NetworkValue(std::string_view name, const Network& n, const graph::Figures& f) {
  for (const NetworkEntry& e : NetworkEntries()) {
    if (e.name == name) return e.compute(n, f);
  }
  return 0.0;
}

// One column of group sums/shares over levels or tiers.
std::vector<double> GroupColumn(const std::string& name, const std::vector<graph::GroupFigures>& groups,
                                const std::vector<double>& losers, const graph::Figures& f,
                                const Network& n) {
  std::vector<double> col(groups.size(), 0.0);
  const auto& cat = AgentFigureCatalogue();
  for (size_t r = 0; r < groups.size(); ++r) {
    const graph::GroupFigures& g = groups[r];
    double v = 0;
    if (name == "depth") v = g.depth;
    else if (name == "tier_rank") v = double(r + 1);
    else if (name == "agents") v = double(g.agents);
    else if (name == "agents_share") v = Ratio(double(g.agents), double(f.network.participants));
    else if (name == "on_hand_share") v = Ratio(double(g.sums[graph::kUnitsOnHand]), double(f.network.units_on_hand));
    else if (name == "retail_sell_through") v = Ratio(double(g.sums[graph::kUnitsRetailed]), double(g.sums[graph::kUnitsBought]));
    else if (name == "group_loss_share") v = Ratio(losers[r], double(g.agents));
    else if (name.rfind("network_", 0) == 0) v = NetworkValue(std::string_view(name).substr(8), n, f);
    else {
      for (size_t i = graph::kDirectRecruits; i < cat.size(); ++i) {
        if (cat[i].name == name) v = Value(cat[i].unit, g.sums[i]);
      }
    }
    col[r] = v;
  }
  return col;
}

class AgentColumns {
 public:
  AgentColumns(const Network& n, const graph::Figures& f) : n_(n), f_(f) {}

  std::vector<double> Build(const std::string& name) {
    const size_t count = n_.size();
    std::vector<double> col(count, 0.0);
    if (name.rfind("network_", 0) == 0) {
      std::fill(col.begin(), col.end(), NetworkValue(std::string_view(name).substr(8), n_, f_));
      return col;
    }
    if (name == "downline_retail_share" || name == "downline_recruitment_reward_share") {
      const bool retail = name == "downline_retail_share";
      const std::vector<double> top = Downline(retail ? "units_retailed" : "recruitment_rewards");
      const std::vector<double> other = Downline(retail ? "units_bought" : "retail_rewards");
      for (size_t a = 0; a < count; ++a) {
        col[a] = retail ? Ratio(top[a], other[a]) : Ratio(top[a], top[a] + other[a]);
      }
      return col;
    }
    if (name.rfind("downline_", 0) == 0 && name != "downline_size" && name != "downline_depth") {
      return Downline(name.substr(9));
    }
    const std::function<double(uint32_t)> get = Getter(name);
    for (uint32_t a = 0; a < count; ++a) col[a] = get(a);
    return col;
  }

 private:
  // How to read one agent's value of an own (not downline) figure; the name
  // is resolved once per column, not once per agent.
  std::function<double(uint32_t)> Getter(const std::string& name) const {
    const auto& cat = AgentFigureCatalogue();
    for (size_t i = 0; i < cat.size(); ++i) {
      if (cat[i].name == name) {
        const FigureUnit unit = cat[i].unit;
        const auto figure = static_cast<graph::AgentFigure>(i);
        return [this, figure, unit](uint32_t a) {
          return Value(unit, graph::AgentFigureOf(n_, f_.tree, a, figure));
        };
      }
    }
    const graph::AgentFlows& flows = n_.flows;
    if (name == "fees_paid") return [&flows](uint32_t a) { return graph::AmountToDouble(flows.fees_paid[a]); };
    if (name == "buy_in_first_30_days") {
      return [&flows](uint32_t a) { return graph::AmountToDouble(flows.buy_in_first_30_days[a]); };
    }
    if (name == "team_size") return [this](uint32_t a) { return double(f_.tree.downline_size[a] + 1); };
    if (name == "team_levels") return [this](uint32_t a) { return double(f_.tree.downline_depth[a] + 1); };
    if (name == "has_left") return [this](uint32_t a) { return n_.left[a] == base::kNoDay ? 0.0 : 1.0; };
    if (name == "own_retail_share") {
      return [this](uint32_t a) {
        const graph::AgentFigureValues v = graph::AgentFiguresOf(n_, f_.tree, a);
        return Ratio(double(v[graph::kUnitsRetailed]), double(v[graph::kUnitsBought]));
      };
    }
    if (name == "stock_cover_months") {
      return [this](uint32_t a) {
        const graph::AgentFigureValues v = graph::AgentFiguresOf(n_, f_.tree, a);
        const double on_hand = double(v[graph::kUnitsOnHand]);
        const double retailed = double(v[graph::kUnitsRetailed]);
        if (on_hand <= 0) return 0.0;
        double months = 1.0;
        if (n_.joined[a] != base::kNoDay && n_.as_of != base::kNoDay) {
          months = std::max(1.0, (n_.as_of - n_.joined[a] + 1) / kDaysPerMonth);
        }
        return retailed > 0 ? on_hand / (retailed / months) : kUnbounded;
      };
    }
    if (name == "qualification_overbuy") {
      return [this](uint32_t a) {
        const double buy_in = graph::AmountToDouble(n_.flows.buy_in_first_30_days[a]);
        const double retail = graph::AmountToDouble(n_.flows.retail_revenue[a]);
        if (buy_in <= 0) return 0.0;
        return retail > 0 ? buy_in / retail : kUnbounded;
      };
    }
    return [](uint32_t) { return 0.0; };
  }

  // Sum of an own figure over everyone below each agent: one pass up the
  // tree in reverse breadth-first order.
  std::vector<double> Downline(const std::string& own) const {
    const size_t count = n_.size();
    std::vector<double> sum(count, 0.0);
    const std::function<double(uint32_t)> get = Getter(own);
    for (auto it = f_.tree.bfs_order.rbegin(); it != f_.tree.bfs_order.rend(); ++it) {
      const uint32_t a = *it;
      const uint32_t s = n_.sponsor[a];
      if (s != graph::kNoAgent) sum[s] += sum[a] + get(a);
    }
    return sum;
  }

  const Network& n_;
  const graph::Figures& f_;
};

}  // namespace

FigureFrame BuildFrame(Scope scope, const Network& network, const graph::Figures& figures,
                       const absl::flat_hash_set<std::string>& wanted) {
  FigureFrame frame;
  frame.scope = scope;
  std::vector<std::string> names;
  for (const CatalogueEntry& e : FigureCatalogue(scope)) {
    if (wanted.contains(e.name)) names.push_back(e.name);
  }
  switch (scope) {
    case Scope::kNetwork:
      frame.rows = 1;
      for (const std::string& name : names) {
        frame.columns.push_back({NetworkValue(name, network, figures)});
      }
      break;
    case Scope::kLevel:
    case Scope::kTier: {
      const bool level = scope == Scope::kLevel;
      const auto& groups = level ? figures.levels : figures.tiers;
      frame.rows = groups.size();
      std::vector<double> losers(groups.size(), 0.0);
      std::vector<int> tier_row(network.tier_labels.size(), 0);
      for (size_t r = 0; r < network.tier_order.size(); ++r) tier_row[network.tier_order[r]] = int(r);
      for (uint32_t a = 0; a < network.size(); ++a) {
        if (graph::AgentFiguresOf(network, figures.tree, a)[graph::kNetCash] >= 0) continue;
        losers[level ? figures.tree.depth[a] - 1 : size_t(tier_row[network.tier[a]])] += 1;
      }
      for (const std::string& name : names) {
        frame.columns.push_back(GroupColumn(name, groups, losers, figures, network));
      }
      break;
    }
    case Scope::kAgent: {
      frame.rows = network.size();
      AgentColumns builder(network, figures);
      for (const std::string& name : names) frame.columns.push_back(builder.Build(name));
      break;
    }
  }
  frame.names = std::move(names);
  return frame;
}

}  // namespace tiersight::rules

#include "core/organiser_teams.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "core/audit_proto.h"
#include "graph/exact_amount.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;
using graph::kNoAgent;

int32_t Clamp(int64_t v) { return v > INT32_MAX ? INT32_MAX : static_cast<int32_t>(v); }

// The thresholds of the 情节严重 test (2013 两高一部《意见》): the people a
// team must hold to be criminal and to be serious, and the money it must
// have taken in to be serious. The values of the cn pack's parameters when a
// finding read them, else these.
struct Thresholds {
  double criminal_people = 30;
  double serious_people = 120;
  double serious_money = 2'500'000;
};

Thresholds ThresholdsOf(const std::vector<rules::Finding>& findings) {
  Thresholds t;
  bool criminal = false, people = false, money = false;
  for (const rules::Finding& f : findings) {
    if (f.organisers.empty()) continue;
    for (const rules::FigureValue& p : f.params) {
      if (p.name == "criminal_people" && !criminal) {
        t.criminal_people = p.value;
        criminal = true;
      } else if (p.name == "serious_people" && !people) {
        t.serious_people = p.value;
        people = true;
      } else if (p.name == "serious_money" && !money) {
        t.serious_money = p.value;
        money = true;
      }
    }
  }
  return t;
}

// One organiser as the findings name it.
struct Entry {
  const rules::OrganiserRow* row = nullptr;
  std::vector<std::string> rule_ids;
  uint32_t within = kNoAgent;
};

// Every organiser once, with the rule ids of the findings naming it, in
// the order the findings first name them.
std::vector<Entry> CollectOrganisers(const std::vector<rules::Finding>& findings) {
  absl::flat_hash_map<uint32_t, size_t> index_of;
  std::vector<Entry> entries;
  for (const rules::Finding& f : findings) {
    for (const rules::OrganiserRow& o : f.organisers) {
      const auto [it, inserted] = index_of.try_emplace(o.agent, entries.size());
      if (inserted) entries.push_back(Entry{.row = &o, .rule_ids = {}, .within = kNoAgent});
      std::vector<std::string>& ids = entries[it->second].rule_ids;
      if (std::find(ids.begin(), ids.end(), f.rule_id) == ids.end()) ids.push_back(f.rule_id);
    }
  }
  return entries;
}

// The outermost organiser above each organiser, of any finding: sponsors
// come before their recruits in breadth-first order, so one pass finds it.
void SetWithin(const graph::Network& network, const graph::TreeMetrics& tree,
               std::vector<Entry>& entries) {
  std::vector<uint8_t> organiser(network.size(), 0);
  for (const Entry& e : entries) organiser[e.row->agent] = 1;
  std::vector<uint32_t> outermost(network.size(), kNoAgent);
  for (uint32_t a : tree.bfs_order) {
    const uint32_t s = network.sponsor[a];
    if (s == kNoAgent) continue;
    outermost[a] = outermost[s] != kNoAgent ? outermost[s] : (organiser[s] ? s : kNoAgent);
  }
  for (Entry& e : entries) e.within = outermost[e.row->agent];
}

// "2026-09" of a day, and the index of its month counted from year 0.
int64_t MonthIndex(base::Day day) {
  const base::YearMonthDay d = base::CalendarDateOf(day);
  return int64_t{d.year} * 12 + (d.month - 1);
}

std::string MonthText(int64_t index) {
  return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1);
}

v1::FigureValue Money(const std::string& name, graph::Amount exact) {
  return FigureValueToProto(rules::FigureValue{.name = name,
                                               .value = graph::AmountToDouble(exact),
                                               .unit = graph::FigureUnit::kMoney,
                                               .exact = exact});
}

// A charted team while it is built: its members level by level, and what
// the timeline needs of them.
struct Team {
  uint32_t organiser = kNoAgent;
  graph::Amount paid_in = 0;       // what the load counted (downline_spend)
  std::vector<int64_t> per_level;  // agents per level below the organiser, its own first
  // Members who joined in each month (by MonthIndex), and the day the team
  // reached each of PeopleThresholds (empty: never).
  absl::flat_hash_map<int64_t, int64_t> joined_by_month;
  std::vector<std::string> people_reached;
  absl::flat_hash_map<base::Day, graph::Amount> paid_by_day;  // members below the organiser
  bool paid_in_dated = true;
};

// The people thresholds, ascending, each once.
std::vector<double> PeopleThresholds(const Thresholds& thresholds) {
  std::vector<double> people{thresholds.criminal_people};
  if (thresholds.serious_people != thresholds.criminal_people) {
    people.push_back(thresholds.serious_people);
  }
  std::sort(people.begin(), people.end());
  return people;
}

// Walks the team breadth first: counts each level, draws the first levels
// whole while the budget lasts, bands the others, marks the members below
// the organiser with `bit` in `member_of` for the spends, and finds when
// the team reached each of `people` members. Keeps nothing per member.
void WalkTeam(const graph::Network& network, const graph::TreeMetrics& tree,
              const TeamChartLimits& limits, const std::vector<double>& people, uint32_t bit,
              Team& team, std::vector<uint32_t>& member_of, v1::OrganiserTeam& out) {
  std::vector<uint32_t> order{team.organiser};
  team.per_level = {1};
  for (size_t begin = 0; begin < order.size();) {
    const size_t end = order.size();
    for (size_t i = begin; i < end; ++i) {
      for (auto [child, last] = boost::adjacent_vertices(order[i], network.tree); child != last;
           ++child) {
        order.push_back(*child);
        member_of[*child] |= bit;
      }
    }
    if (order.size() > end) team.per_level.push_back(static_cast<int64_t>(order.size() - end));
    begin = end;
  }
  std::vector<base::Day> joined;
  for (uint32_t a : order) {
    if (network.joined[a] == base::kNoDay) continue;
    joined.push_back(network.joined[a]);
    ++team.joined_by_month[MonthIndex(network.joined[a])];
  }
  out.set_members_without_joined(Clamp(static_cast<int64_t>(order.size() - joined.size())));
  // The n-th member to join took the team to n people.
  for (double threshold : people) {
    const auto n = static_cast<size_t>(std::max(1.0, std::ceil(threshold)));
    if (n > joined.size()) {
      team.people_reached.emplace_back();
      continue;
    }
    std::nth_element(joined.begin(), joined.begin() + static_cast<ptrdiff_t>(n - 1), joined.end());
    team.people_reached.push_back(base::FormatDay(joined[n - 1]));
  }

  // Levels drawn whole: the organiser's, then each next one that fits.
  size_t drawn = 1;
  size_t drawn_levels = 1;
  while (drawn_levels < team.per_level.size() &&
         static_cast<int>(drawn_levels) <= limits.drawn_levels &&
         drawn + static_cast<size_t>(team.per_level[drawn_levels]) <= limits.node_budget) {
    drawn += static_cast<size_t>(team.per_level[drawn_levels]);
    ++drawn_levels;
  }
  absl::flat_hash_map<uint32_t, int32_t> node_of;
  for (size_t i = 0; i < drawn; ++i) {
    const uint32_t a = order[i];
    v1::GenealogyNode* node = out.add_nodes();
    node->set_agent_id(std::string(network.id(a)));
    node->set_parent(i == 0 ? -1 : node_of.at(network.sponsor[a]));
    node->set_level(Clamp(tree.depth[a] - tree.depth[team.organiser]));
    node->set_tier(std::string(network.tier_labels.Get(network.tier[a])));
    node->set_team_size(Clamp(int64_t{tree.downline_size[a]} + 1));
    node_of.emplace(a, static_cast<int32_t>(i));
  }
  for (size_t level = drawn_levels; level < team.per_level.size();) {
    v1::GenealogyBand* band = out.add_bands();
    const bool last = static_cast<size_t>(out.bands_size()) >= limits.bands;
    const size_t until = last ? team.per_level.size() : level + 1;
    int64_t agents = 0;
    for (size_t l = level; l < until; ++l) agents += team.per_level[l];
    band->set_first_level(Clamp(static_cast<int64_t>(level)));
    band->set_last_level(Clamp(static_cast<int64_t>(until - 1)));
    band->set_agents(Clamp(agents));
    level = until;
  }
}

// The team's months, from its first dated member or spend to the as-of
// month, and the days it reached each threshold.
void Timeline(const graph::Network& network, const Thresholds& thresholds,
              const std::vector<double>& people, Team& team, v1::OrganiserTeam& out) {
  std::vector<std::pair<base::Day, graph::Amount>> paid(team.paid_by_day.begin(),
                                                        team.paid_by_day.end());
  std::sort(paid.begin(), paid.end());
  int64_t first = INT64_MAX, last = INT64_MIN;
  auto extend = [&](base::Day day) {
    first = std::min(first, MonthIndex(day));
    last = std::max(last, MonthIndex(day));
  };
  for (const auto& [month, count] : team.joined_by_month) {
    first = std::min(first, month);
    last = std::max(last, month);
  }
  if (team.paid_in_dated) {
    for (const auto& [day, amount] : paid) extend(day);
  }
  if (network.as_of != base::kNoDay) last = std::max(last, MonthIndex(network.as_of));

  if (first == INT64_MAX) first = last = INT64_MIN;  // nothing dated: no months
  std::vector<int64_t> joined_in(first == INT64_MIN ? 0 : static_cast<size_t>(last - first + 1), 0);
  std::vector<graph::Amount> paid_in(joined_in.size(), 0);
  for (const auto& [month, count] : team.joined_by_month) {
    joined_in[static_cast<size_t>(month - first)] += count;
  }
  if (team.paid_in_dated) {
    for (const auto& [day, amount] : paid) {
      paid_in[static_cast<size_t>(MonthIndex(day) - first)] += amount;
    }
  }
  int64_t members = 0;
  graph::Amount cumulative = 0;
  for (size_t m = 0; m < joined_in.size(); ++m) {
    members += joined_in[m];
    cumulative += paid_in[m];
    v1::TeamMonth* month = out.add_months();
    month->set_month(MonthText(first + static_cast<int64_t>(m)));
    month->set_team_size(Clamp(members));
    month->set_paid_in(graph::AmountToDouble(cumulative));
  }

  for (size_t i = 0; i < people.size(); ++i) {
    v1::TeamThreshold* t = out.add_thresholds();
    t->set_measure("team_size");
    t->set_threshold(people[i]);
    t->set_reached_on(team.people_reached[i]);
  }
  v1::TeamThreshold* t = out.add_thresholds();
  t->set_measure("team_paid_in");
  t->set_threshold(thresholds.serious_money);
  if (!team.paid_in_dated) return;
  const auto goal = static_cast<graph::Amount>(
      std::llround(thresholds.serious_money * static_cast<double>(graph::kAmountScale)));
  graph::Amount sum = 0;
  for (const auto& [day, amount] : paid) {
    sum += amount;
    if (sum >= goal) {
      t->set_reached_on(base::FormatDay(day));
      break;
    }
  }
}

}  // namespace

void AddOrganiserTeams(const graph::Network& network, const graph::Figures& figures,
                       const std::vector<rules::Finding>& findings, const SpendSource& spends,
                       v1::AuditReport& report, const TeamChartLimits& limits) {
  std::vector<Entry> entries = CollectOrganisers(findings);
  if (entries.empty()) return;
  const graph::TreeMetrics& tree = figures.tree;
  SetWithin(network, tree, entries);
  auto larger = [&](const Entry& a, const Entry& b) {
    if (a.row->team_size != b.row->team_size) return a.row->team_size > b.row->team_size;
    return a.row->agent_id < b.row->agent_id;
  };
  // Outermost first, each group from the largest team down.
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    const bool nested_a = a.within != kNoAgent, nested_b = b.within != kNoAgent;
    if (nested_a != nested_b) return nested_b;
    return larger(a, b);
  });
  std::vector<size_t> by_size(entries.size());
  std::iota(by_size.begin(), by_size.end(), 0);
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](size_t a, size_t b) { return larger(entries[a], entries[b]); });
  const size_t charted = std::min({by_size.size(), limits.charted, size_t{32}});

  const int first = report.organiser_teams_size();
  for (const Entry& e : entries) {
    const rules::OrganiserRow& o = *e.row;
    v1::OrganiserTeam* team = report.add_organiser_teams();
    team->set_agent_id(o.agent_id);
    if (e.within != kNoAgent) team->set_within(std::string(network.id(e.within)));
    team->set_team_size(Clamp(o.team_size));
    team->set_team_levels(Clamp(o.team_levels));
    team->set_tier(std::string(network.tier_labels.Get(network.tier[o.agent])));
    if (network.joined[o.agent] != base::kNoDay) {
      team->set_joined(base::FormatDay(network.joined[o.agent]));
    }
    *team->mutable_team_paid_in() = Money("team_paid_in", o.team_paid_in);
    *team->mutable_own_net_cash() = Money("own_net_cash", o.own_net_cash);
    for (const std::string& id : e.rule_ids) team->add_rule_ids(id);
  }
  if (charted == 0) return;

  const Thresholds thresholds = ThresholdsOf(findings);
  const std::vector<double> people = PeopleThresholds(thresholds);
  std::vector<uint32_t> member_of(network.size(), 0);
  std::vector<Team> teams(charted);
  std::vector<v1::OrganiserTeam*> outs(charted);
  for (size_t t = 0; t < charted; ++t) {
    const Entry& e = entries[by_size[t]];
    teams[t].organiser = e.row->agent;
    teams[t].paid_in = e.row->team_paid_in;
    outs[t] = report.mutable_organiser_teams(first + static_cast<int>(by_size[t]));
    outs[t]->set_charted(true);
    WalkTeam(network, tree, limits, people, uint32_t{1} << t, teams[t], member_of, *outs[t]);
  }
  const absl::Status read = spends([&](const graph::DatedSpend& s) {
    for (uint32_t bits = member_of[s.agent]; bits != 0; bits &= bits - 1) {
      teams[static_cast<size_t>(__builtin_ctz(bits))].paid_by_day[s.day] += s.amount;
    }
  });
  if (!read.ok()) {
    spdlog::warn("organisers' paid-in timelines left out: {}", std::string(read.message()));
  }
  for (size_t t = 0; t < charted; ++t) {
    Team& team = teams[t];
    graph::Amount total = 0;
    for (const auto& [day, amount] : team.paid_by_day) total += amount;
    team.paid_in_dated = read.ok() && total == team.paid_in;
    if (read.ok() && !team.paid_in_dated) {
      spdlog::warn(
          "organiser {}: dated payments sum to {}, the load counted {}; its paid-in "
          "timeline is left out",
          network.id(team.organiser), graph::FormatAmount(total),
          graph::FormatAmount(team.paid_in));
    }
    outs[t]->set_paid_in_dated(team.paid_in_dated);
    Timeline(network, thresholds, people, team, *outs[t]);
  }
}

void AddBranchPyramids(const graph::Network& network, const graph::Figures& figures,
                       v1::AuditReport& report, const TeamChartLimits& limits) {
  const std::vector<graph::GroupFigures>& branches = figures.branches;
  std::vector<size_t> rows(branches.size());
  std::iota(rows.begin(), rows.end(), 0);
  std::stable_sort(rows.begin(), rows.end(),
                   [&](size_t a, size_t b) { return branches[a].agents > branches[b].agents; });
  rows.resize(std::min(rows.size(), limits.branch_pyramids));
  std::vector<int> slot(branches.size(), -1);
  for (size_t i = 0; i < rows.size(); ++i) slot[rows[i]] = static_cast<int>(i);

  struct Level {
    int64_t agents = 0;
    int64_t on_hand = 0;
    int64_t retailed = 0;
  };
  std::vector<std::vector<Level>> levels(rows.size());
  const graph::TreeMetrics& tree = figures.tree;
  for (uint32_t a = 0; a < network.size(); ++a) {
    const int s = slot[figures.branch_of[a]];
    if (s < 0) continue;
    const uint32_t head = branches[figures.branch_of[a]].top;
    const size_t level = tree.depth[a] - tree.depth[head];
    std::vector<Level>& of = levels[static_cast<size_t>(s)];
    if (of.size() <= level) of.resize(level + 1);
    ++of[level].agents;
    of[level].on_hand += graph::AgentFigureOf(network, tree, a, graph::kUnitsOnHand);
    of[level].retailed += network.flows.units_retailed[a];
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint32_t head = branches[rows[i]].top;
    v1::BranchPyramid* pyramid = report.add_branch_pyramids();
    pyramid->set_top(std::string(network.id(head)));
    for (size_t l = 0; l < levels[i].size(); ++l) {
      v1::BranchLevel* level = pyramid->add_levels();
      level->set_depth(Clamp(int64_t{tree.depth[head]} + static_cast<int64_t>(l)));
      level->set_agents(Clamp(levels[i][l].agents));
      level->set_units_on_hand(static_cast<double>(levels[i][l].on_hand));
      level->set_units_retailed(static_cast<double>(levels[i][l].retailed));
    }
  }
}

}  // namespace tiersight::core

// The one catalogue of figures: every figure of every scope (agent, level,
// tier, network), declared once with its name, unit, definition, whether the
// figure outputs (proto/JSON, text, CSV) list it, and how it is computed.
// Rules, the proto conversion, the text and CSV outputs and the HTML report's
// method section all read it; nothing guesses a unit from a name.
//
// The core per-agent figures of the bundle format keep their enum
// (AgentFigure) because the level and tier sums are computed in one pass over
// them (figures.h); their entries here say the same in words.
// Thread-safe (constant data built on first use).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tiersight::graph {

// What a row of a figure is: one agent, one depth level, one tier, or the
// whole network (one row).
// A branch is the subtree of one top (with a single top: of each of its
// direct recruits), so that a lawful branch and a loading one are told apart.
enum class FigureScope : uint8_t { kNetwork, kLevel, kTier, kBranch, kAgent };
inline constexpr FigureScope kFigureScopes[] = {FigureScope::kNetwork, FigureScope::kLevel,
                                                FigureScope::kTier, FigureScope::kBranch,
                                                FigureScope::kAgent};

// "network", "level", "tier", "branch" or "agent".
std::string_view ScopeName(FigureScope scope);
bool ParseScope(std::string_view name, FigureScope& scope);

enum class FigureUnit : uint8_t {
  kCount,   // people, levels, recruits: an integer
  kUnits,   // units of stock: an integer
  kMoney,   // an amount in the network's currency, exact to 1/10,000
  kShare,   // a part of a whole, 0..1
  kRatio,   // a quotient that may exceed 1
  kMonths,  // a duration in months (30.4375 days)
  kFlag,    // 1 or 0
  kTable,   // a structured figure (a distribution): in outputs, not in rules
};

// "count", "units", "money", "share", "ratio", "months", "flag", "table".
std::string_view UnitName(FigureUnit unit);

// Units whose values are exact integers (money in 1/10,000 of the currency).
bool IsExactUnit(FigureUnit unit);

class FigureTable;
struct FigureColumn;

// Fills `out` (already sized to the scope's rows, exact or real as the unit
// says) from the network, the aggregates and other figures of the table.
using FigureCompute = std::function<void(FigureTable& table, FigureColumn& out)>;

// A value some figures are computed with that is a judgement, not a fact of
// the data (e.g. the share of a tier's joiners whose payment makes it an
// entry condition). A pack may set it; the catalogue gives the default.
struct FigureParamSpec {
  std::string name;
  FigureUnit unit = FigureUnit::kShare;
  double default_value = 0;
  double min = 0;
  double max = 0;
  std::string definition;
};

// Every figure parameter.
const std::vector<FigureParamSpec>& FigureParams();
const FigureParamSpec* FindFigureParam(std::string_view name);

struct FigureSpec {
  std::string name;
  FigureScope scope = FigureScope::kNetwork;
  FigureUnit unit = FigureUnit::kCount;
  // Listed by the figure outputs (FiguresReport and its text and CSV forms).
  bool exported = false;
  std::string definition;
  // Empty for kTable entries, which the proto conversion fills from Figures.
  FigureCompute compute;
  // The figure parameters its value depends on, directly or through the
  // figures it is computed from.
  std::vector<std::string> params;
};

// Every figure: network, level, tier, then agent figures, each scope in
// report order.
const std::vector<FigureSpec>& FigureCatalogue();

// The figures of one scope in catalogue order.
std::vector<const FigureSpec*> FiguresOf(FigureScope scope);

// The figure `name` of `scope`, or null.
const FigureSpec* FindFigure(FigureScope scope, std::string_view name);

// Where a figure named from a scope is read.
enum class FigureReach : uint8_t {
  kOwn,      // the row itself
  kNetwork,  // the network's one row (`network_` prefix)
  kBranch,   // the row of the agent's branch (`branch_` prefix, agent scope)
};

struct FigureRef {
  const FigureSpec* spec = nullptr;
  FigureReach reach = FigureReach::kOwn;
  explicit operator bool() const { return spec != nullptr; }
};

// What `name` means where a rule of `scope` (or a finding's values) names a
// figure: a figure of that scope; a network figure under a `network_` prefix
// (in every scope, network rules included, so that one name means one
// figure wherever it is written); from agent rules, a figure of the agent's
// branch under a `branch_` prefix. Distributions (unit table) are not named
// this way. Empty when the name means nothing in that scope.
FigureRef ResolveFigureRef(FigureScope scope, std::string_view name);
inline const FigureSpec* ResolveFigureName(FigureScope scope, std::string_view name) {
  return ResolveFigureRef(scope, name).spec;
}

// The core per-agent figures of the bundle format, in the format's order.
enum AgentFigure : uint8_t {
  kDepth,
  kDirectRecruits,
  kDownlineSize,
  kDownlineDepth,
  kUnitsBought,
  kUnitsSoldToAgents,
  kUnitsRetailed,
  kUnitsOnHand,
  kSpend,
  kWholesaleRevenue,
  kRetailRevenue,
  kSalesRevenue,
  kFeesReceived,
  kRecruitmentBonuses,
  kOverrides,
  kRecruitmentRewards,
  kRetailRewards,
  kNetCash,
  kAgentFigureCount,
};

// The catalogue entry of a core per-agent figure.
const FigureSpec& SpecOf(AgentFigure figure);

// One agent's core figures, indexed by AgentFigure. Amounts are in
// ten-thousandths of the currency unit (exact_amount.h); counts and units
// are plain integers.
using AgentFigureValues = std::array<int64_t, kAgentFigureCount>;

}  // namespace tiersight::graph

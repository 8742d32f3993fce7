// The names, units and definitions of the core per-agent figures of the
// bundle format, in the format's order. One list drives the per-agent CSV,
// the level and tier sums and the JSON fields, so they cannot drift apart.
// Thread-safe (constant data).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tiersight::graph {

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

enum class FigureUnit { kCount, kUnits, kAmount };

struct FigureInfo {
  std::string_view name;
  FigureUnit unit;
  std::string_view definition;
};

// Indexed by AgentFigure.
const std::array<FigureInfo, kAgentFigureCount>& AgentFigureCatalogue();

// One agent's figures, indexed by AgentFigure. Amounts are in ten-thousandths
// of the currency unit (exact_amount.h); counts and units are plain integers.
using AgentFigureValues = std::array<int64_t, kAgentFigureCount>;

}  // namespace tiersight::graph

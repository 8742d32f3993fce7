#include "graph/figure_table.h"

#include <fmt/format.h>

#include <cassert>

#include "graph/exact_amount.h"

namespace tiersight::graph {

double FigureColumn::AsDouble(size_t row) const {
  if (!IsExactUnit(unit)) return real[row];
  return unit == FigureUnit::kMoney ? AmountToDouble(exact[row]) : static_cast<double>(exact[row]);
}

FigureTable::FigureTable(const Network& network, const Figures& figures)
    : network_(network), figures_(figures) {}

size_t FigureTable::Rows(FigureScope scope) const {
  switch (scope) {
    case FigureScope::kNetwork:
      return 1;
    case FigureScope::kLevel:
      return figures_.levels.size();
    case FigureScope::kTier:
      return figures_.tiers.size();
    case FigureScope::kBranch:
      return figures_.branches.size();
    case FigureScope::kAgent:
      return network_.size();
  }
  return 0;
}

double FigureTable::Param(std::string_view name) const {
  if (auto it = params_.find(std::string(name)); it != params_.end()) return it->second;
  const FigureParamSpec* spec = FindFigureParam(name);
  assert(spec != nullptr);
  return spec->default_value;
}

const FigureColumn& FigureTable::Column(const FigureSpec& spec) {
  std::string key(ScopeName(spec.scope));
  key += '/';
  key += spec.name;
  for (const std::string& p : spec.params) key += fmt::format("/{}={}", p, Param(p));
  if (auto it = columns_.find(key); it != columns_.end()) return it->second;
  FigureColumn column;
  column.unit = spec.unit;
  const size_t rows = Rows(spec.scope);
  if (IsExactUnit(spec.unit)) {
    column.exact.assign(rows, 0);
  } else {
    column.real.assign(rows, 0.0);
  }
  // Computing may ask for other columns first; the new one is added after.
  spec.compute(*this, column);
  return columns_.emplace(std::move(key), std::move(column)).first->second;
}

const FigureColumn& FigureTable::Column(FigureScope scope, std::string_view name) {
  const FigureSpec* spec = FindFigure(scope, name);
  assert(spec != nullptr);
  return Column(*spec);
}

double FigureTable::ValueAt(const FigureRef& ref, size_t row) {
  const FigureColumn& column = Column(*ref.spec);
  switch (ref.reach) {
    case FigureReach::kOwn:
      return column.AsDouble(row);
    case FigureReach::kNetwork:
      return column.AsDouble(0);
    case FigureReach::kBranch:
      return column.AsDouble(figures_.branch_of[row]);
  }
  return 0;
}

const std::vector<uint32_t>& FigureTable::GroupRowOfAgent(FigureScope group) {
  if (group == FigureScope::kBranch) return figures_.branch_of;
  const size_t n = network_.size();
  if (group == FigureScope::kLevel) {
    if (level_row_.size() != n) {
      level_row_.resize(n);
      for (uint32_t a = 0; a < n; ++a) level_row_[a] = figures_.tree.depth[a] - 1;
    }
    return level_row_;
  }
  if (tier_row_.size() != n) {
    std::vector<uint32_t> row_of_label(network_.tier_labels.size(), 0);
    for (size_t r = 0; r < network_.tier_order.size(); ++r) {
      row_of_label[network_.tier_order[r]] = static_cast<uint32_t>(r);
    }
    tier_row_.resize(n);
    for (uint32_t a = 0; a < n; ++a) tier_row_[a] = row_of_label[network_.tier[a]];
  }
  return tier_row_;
}

}  // namespace tiersight::graph

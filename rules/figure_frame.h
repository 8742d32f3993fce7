// The figures a rule can name, per scope, as columns of doubles: one row for
// the network, one per depth level, one per tier, one per agent. Only the
// columns some rule uses are built, so a 10M-agent frame costs 80 MB a column
// actually used, not the whole catalogue. Thread-compatible.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "graph/figures.h"
#include "graph/network.h"

namespace tiersight::rules {

enum class Scope { kNetwork, kLevel, kTier, kAgent };

std::string_view ScopeName(Scope scope);
bool ParseScope(std::string_view name, Scope& scope);

struct CatalogueEntry {
  std::string name;
  std::string definition;
};

// Every name a rule of `scope` may use, with its one-line definition, in a
// stable order. Non-network scopes also see the network's figures, prefixed
// `network_`.
const std::vector<CatalogueEntry>& FigureCatalogue(Scope scope);

bool IsKnownFigure(Scope scope, std::string_view name);

// Named columns of one scope.
struct FigureFrame {
  Scope scope = Scope::kNetwork;
  size_t rows = 0;
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;

  // The column of `name`, or nullptr.
  const std::vector<double>* Column(std::string_view name) const;
};

// Builds the frame of `scope` holding the columns named in `wanted` (names
// not in the catalogue are ignored; the compiler has refused them already).
FigureFrame BuildFrame(Scope scope, const graph::Network& network, const graph::Figures& figures,
                       const absl::flat_hash_set<std::string>& wanted);

}  // namespace tiersight::rules

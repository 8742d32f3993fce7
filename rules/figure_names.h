// The figure names a rule may use: the figures of its own scope, and the
// network's figures under a `network_` prefix (graph::ResolveFigureName).
// Thread-safe (reads the constant catalogue).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/figure_catalogue.h"

namespace tiersight::rules {

// The catalogue entry `name` means in a rule of `scope`, or null. A network
// figure read from another scope has one value for every row.
inline const graph::FigureSpec* ResolveFigure(graph::FigureScope scope, std::string_view name) {
  return graph::ResolveFigureName(scope, name);
}

struct RuleFigureName {
  std::string name;  // as a rule writes it
  const graph::FigureSpec* spec = nullptr;
};

// Every name a rule of `scope` may use, own figures first, in catalogue
// order (network rules may also write their figures with the prefix).
std::vector<RuleFigureName> RuleFigureNames(graph::FigureScope scope);

}  // namespace tiersight::rules

#include "rules/figure_names.h"

#include "base/str_cat.h"

namespace tiersight::rules {

std::vector<RuleFigureName> RuleFigureNames(graph::FigureScope scope) {
  std::vector<RuleFigureName> names;
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (spec->unit != graph::FigureUnit::kTable) names.push_back({spec->name, spec});
  }
  if (scope != graph::FigureScope::kNetwork) {
    for (const graph::FigureSpec* spec : graph::FiguresOf(graph::FigureScope::kNetwork)) {
      if (spec->unit != graph::FigureUnit::kTable)
        names.push_back({StrCat("network_", spec->name), spec});
    }
  }
  return names;
}

}  // namespace tiersight::rules

#include "tests/services/latency_figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tiersight::services::testing {

void LatencyFigures::Add(const std::string& name, std::chrono::steady_clock::duration took) {
  const double ms = std::chrono::duration<double, std::milli>(took).count();
  std::lock_guard lock(mu_);
  millis_[name].push_back(ms);
}

std::vector<LatencyRow> LatencyFigures::Rows() const {
  std::lock_guard lock(mu_);
  std::vector<LatencyRow> rows;
  for (const auto& [name, values] : millis_) {
    rows.push_back({name, values.size(), Percentile(values, 0.50), Percentile(values, 0.99),
                    *std::max_element(values.begin(), values.end())});
  }
  return rows;
}

std::string LatencyFigures::Table() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-40s %7s %9s %9s %9s\n", "call", "count", "p50 ms", "p99 ms",
                "max ms");
  out += line;
  for (const LatencyRow& row : Rows()) {
    std::snprintf(line, sizeof line, "%-40s %7zu %9.1f %9.1f %9.1f\n", row.name.c_str(), row.count,
                  row.p50_ms, row.p99_ms, row.max_ms);
    out += line;
  }
  return out;
}

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

}  // namespace tiersight::services::testing

// Durations kept by name, and their percentiles, for the figures the load
// and crash-safety runs print. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tiersight::services::testing {

struct LatencyRow {
  std::string name;
  size_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

class LatencyFigures {
 public:
  void Add(const std::string& name, std::chrono::steady_clock::duration took);
  // One row per name, sorted by name.
  std::vector<LatencyRow> Rows() const;
  // "name  count  p50  p99  max" lines under a header.
  std::string Table() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::vector<double>> millis_;
};

// The nearest-rank percentile `q` (0 < q <= 1) of `values`; 0 when empty.
double Percentile(std::vector<double> values, double q);

}  // namespace tiersight::services::testing

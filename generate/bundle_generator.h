// Seeded generator of realistic 微商 agent-network bundles (see BUNDLE-FORMAT.md).
//
// GenerateBundle writes agents.csv, orders.csv, payments.csv and network.yaml
// for a brand with the tiers [联创, 总代, 一级代理, 二级代理, 特约]. The same
// options always give byte-identical files. Memory grows with the number of
// agents (about 25 bytes each), never with the number of orders or payments.
#ifndef TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_
#define TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tiersight::generate {

enum class Profile {
  // Goods mostly reach consumers: small starter kits, retail commissions dominate rewards.
  kHealthy,
  // 多层级代理囤货: big entry packs per tier, fees and recruitment rewards, stock piling up.
  kHoarding,
};

struct GeneratorOptions {
  std::string out_dir;  // created if missing; existing bundle files are overwritten
  uint64_t agents = 1000;
  uint64_t seed = 1;
  Profile profile = Profile::kHealthy;
  double orders_per_agent = 5.0;     // average order lines per agent
  double payments_per_agent = 2.0;   // average payments per agent
  std::string name;                  // network.yaml name; default derived from profile
  std::string as_of = "2026-09-30";  // last day of the data; every date is on or before it
};

struct GeneratorStats {
  uint64_t agents = 0, orders = 0, payments = 0;
};

// "healthy" | "hoarding".
absl::StatusOr<Profile> ParseProfile(std::string_view name);

// Writes the bundle into options.out_dir. Errors name the offending option or path.
absl::StatusOr<GeneratorStats> GenerateBundle(const GeneratorOptions& options);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_

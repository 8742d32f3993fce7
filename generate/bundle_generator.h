// Seeded generator of realistic 微商 agent-network bundles (see BUNDLE-FORMAT.md).
//
// GenerateBundle writes agents.csv, orders.csv, payments.csv and network.yaml
// for a brand with the tiers [联创, 总代, 一级代理, 二级代理, 特约]. The same
// options always give byte-identical files. The healthy and hoarding profiles
// stream their rows: memory grows with the number of agents (about 25 bytes
// each), never with the number of orders or payments. The corpus profiles
// (lawful .. mixed-brand) build their bundle in memory and also write
// truth.yaml, the ground truth a test of the audit checks against
// (docs/corpora.md). Thread-safe: calls share no state.
#ifndef TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_
#define TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tiersight::generate {

enum class Profile {
  // Goods mostly reach consumers: small starter kits, retail commissions dominate rewards.
  kHealthy,
  // 多层级代理囤货: big entry packs per tier, fees and recruitment rewards, stock piling up.
  kHoarding,
  // Corpus profiles, each with its ground truth in truth.yaml:
  // retail-driven direct selling with the traps a naive audit falls into.
  kLawful,
  // Pay to join, paid per head: entry fees and per-recruit bonuses, a token product.
  kFeePyramid,
  // A qualification-purchase ladder (平顶山/衡阳): goods packs by tier, overrides, stock piling up.
  kLadder,
  // Constructed trees just at, below and above the criminal threshold (30 people, 3 levels).
  kHeadcountChains,
  // One brand, two tops: a lawful branch and a loading branch.
  kMixedBrand,
};

struct GeneratorOptions {
  std::string out_dir;  // created if missing; existing bundle files are overwritten
  uint64_t agents = 1000;
  uint64_t seed = 1;
  Profile profile = Profile::kHealthy;
  // Healthy and hoarding only: the corpus profiles' behaviour is fixed by
  // what they plant, so other values are refused for them.
  double orders_per_agent = 5.0;     // average order lines per agent
  double payments_per_agent = 2.0;   // average payments per agent
  std::string name;                  // network.yaml name; default derived from profile
  std::string as_of = "2026-09-30";  // last day of the data; every date is on or before it
};

struct GeneratorStats {
  uint64_t agents = 0, orders = 0, payments = 0;
};

// "healthy" | "hoarding" | "lawful" | "fee-pyramid" | "ladder" | "headcount-chains" |
// "mixed-brand".
absl::StatusOr<Profile> ParseProfile(std::string_view name);

// "healthy", "fee-pyramid", ...: the name ParseProfile reads.
std::string_view ProfileName(Profile profile);

// Every profile's name, in the order of Profile.
std::vector<std::string_view> ProfileNames();

// Writes the bundle into options.out_dir. Errors name the offending option or path.
absl::StatusOr<GeneratorStats> GenerateBundle(const GeneratorOptions& options);

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_BUNDLE_GENERATOR_H_

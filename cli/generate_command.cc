#include "cli/generate_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "generate/bundle_generator.h"

namespace tiersight::cli {

void AddGenerateOptions(CLI::App& command, GenerateCommandOptions& options) {
  command.add_option("OUT_DIR", options.out_dir, "directory to write the bundle into")->required();
  command.add_option("--agents", options.agents, "number of agents (default 1000)")
      ->check(CLI::PositiveNumber);
  command.add_option("--seed", options.seed, "random seed (default 1): same seed, same bytes");
  std::vector<std::string> profiles;
  for (std::string_view name : tiersight::generate::ProfileNames()) profiles.emplace_back(name);
  command
      .add_option("--profile", options.profile,
                  "healthy (retail-driven) or hoarding (stock piles up, recruitment pays); the "
                  "corpus profiles lawful, fee-pyramid, ladder, headcount-chains and mixed-brand "
                  "also write truth.yaml, what an audit must find (docs/corpora.md)")
      ->check(CLI::IsMember(profiles));
  command
      .add_option("--orders-per-agent", options.orders_per_agent,
                  "average order lines per agent (healthy and hoarding only)")
      ->check(CLI::NonNegativeNumber);
  command
      .add_option("--payments-per-agent", options.payments_per_agent,
                  "average payments per agent (healthy and hoarding only)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--as-of", options.as_of, "last day of the data (YYYY-MM-DD)");
  command.add_option("--name", options.name, "network name written to network.yaml");
}

int RunGenerateCommand(const GenerateCommandOptions& options) {
  namespace gen = tiersight::generate;
  absl::StatusOr<gen::Profile> profile = gen::ParseProfile(options.profile);
  if (!profile.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(profile.status().message()));
    return 1;
  }
  gen::GeneratorOptions g;
  g.out_dir = options.out_dir;
  g.agents = options.agents;
  g.seed = options.seed;
  g.profile = *profile;
  g.orders_per_agent = options.orders_per_agent;
  g.payments_per_agent = options.payments_per_agent;
  g.as_of = options.as_of;
  g.name = options.name;
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<gen::GeneratorStats> stats = gen::GenerateBundle(g);
  if (!stats.ok()) {
    fmt::print(stderr, "tiersight: {}\n", std::string(stats.status().message()));
    return 1;
  }
  spdlog::info("{}: {} agents, {} orders, {} payments written in {:.1f} s", options.out_dir,
               stats->agents, stats->orders, stats->payments,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}

}  // namespace tiersight::cli

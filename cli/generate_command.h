// The `generate` verb: writes an example bundle with the seeded generator.
#pragma once

#include <CLI/App.hpp>
#include <cstdint>
#include <string>

namespace tiersight::cli {

struct GenerateCommandOptions {
  std::string out_dir;
  uint64_t agents = 1000;
  uint64_t seed = 1;
  std::string profile = "healthy";
  double orders_per_agent = 5.0;
  double payments_per_agent = 2.0;
  std::string as_of = "2026-09-30";
  std::string name;
};

void AddGenerateOptions(CLI::App& command, GenerateCommandOptions& options);

// Exit codes: 0 written, 1 failed.
int RunGenerateCommand(const GenerateCommandOptions& options);

}  // namespace tiersight::cli

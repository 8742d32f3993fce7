// The `figures` and `check` verbs of the tiersight CLI.
#pragma once

#include <string>

namespace tiersight::cli {

struct FiguresCommandOptions {
  std::string bundle;
  std::string format = "text";  // text | json
  std::string agents_csv;       // per-agent figures, when set
  std::string rejects_csv;      // rejected rows, when set
  bool lenient = false;
};

struct CheckCommandOptions {
  std::string bundle;
  std::string format = "text";
  std::string rejects_csv;
  bool lenient = false;
};

// Exit codes: 0 figures produced, 1 bundle refused or (strict) erroneous.
int RunFiguresCommand(const FiguresCommandOptions& options);

// Exit codes: 0 clean bundle, 1 any error in either mode.
int RunCheckCommand(const CheckCommandOptions& options);

}  // namespace tiersight::cli

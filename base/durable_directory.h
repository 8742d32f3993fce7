// A directory of output files replaced whole or not at all.
//
// A multi-file output (the CSV tables of a report) that fails midway — a full
// disk, a killed process — must never leave a directory that mixes tables of
// two audits, which would read as one report. The files are written and
// fsync'd in a temporary directory beside the target, which then takes the
// target's place in one rename (RENAME_EXCHANGE when the target exists), and
// the earlier contents are removed afterwards.
//
// A target that exists is replaced only when it is empty or holds nothing but
// regular files that `earlier_output` accepts (the tables of an earlier
// export): a directory of other files, a brand's bundle for one, is refused,
// not deleted. Thread-safe (no shared state); one writer per target.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tiersight::base {

struct OutputFile {
  std::string name;  // a plain file name, no '/'
  std::string_view data;
  // When set, the content instead: called once with where to append each
  // chunk, for a file too large to be made in memory first.
  std::function<absl::Status(const std::function<absl::Status(std::string_view)>& append)> write;
};

absl::Status ReplaceDirectoryWhole(const std::string& dir, const std::vector<OutputFile>& files,
                                   const std::function<bool(std::string_view)>& earlier_output);

}  // namespace tiersight::base

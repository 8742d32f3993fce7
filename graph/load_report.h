// What happened when a bundle was read: counts per file, and every error and
// warning with the file, line and reason, so that nothing is dropped silently.
// Plain data; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/message.h"

namespace tiersight::graph {

// One diagnostic. `line` is the physical line where the record starts (the
// header is line 1); 0 for a diagnostic about the whole file or bundle.
// The reason is kept as a template with its arguments too (base/message.h):
// every agent id it names is an argument, so an export replaces ids without
// reading the text. `reason` is the rendered text.
struct LoadIssue {
  std::string file;
  int64_t line = 0;
  std::string reason;
  std::string record;           // the rejected row as written, for the rejects file
  std::string reason_template;  // empty: `reason` names no agent
  std::vector<base::MessageArg> reason_args;

  // An issue whose reason is `reason`, rendered.
  static LoadIssue Of(std::string file, int64_t line, const base::Message& reason,
                      std::string record = {});
};

struct FileCounts {
  std::string file;
  bool present = false;
  std::string encoding;  // of CSV files: "utf-8" or "gb18030"
  int64_t loaded = 0;
  int64_t rejected = 0;
  int64_t ignored = 0;  // valid rows dated after as_of
  // Lower-case hex SHA-256 of the file's bytes as read (what `sha256sum`
  // prints for it); empty for an absent file.
  std::string sha256;
};

struct LoadReport {
  bool lenient = false;
  // A file-level defect (missing required column, undecodable file, bad
  // network.yaml): the bundle is refused whatever the mode.
  bool refused = false;
  std::string as_of;              // YYYY-MM-DD, empty when the bundle holds no date
  bool as_of_declared = false;    // from network.yaml rather than the latest date
  std::vector<FileCounts> files;  // agents.csv, orders.csv, payments.csv, network.yaml
  std::vector<LoadIssue> errors;
  std::vector<LoadIssue> warnings;

  int64_t TotalLoaded() const;
  int64_t TotalRejected() const;
  int64_t TotalIgnored() const;

  // True when the figures can be trusted under the load's mode: nothing was
  // refused, and a strict load found no error at all.
  bool Usable() const { return !refused && (lenient || errors.empty()); }

  FileCounts& CountsFor(const std::string& file);

  // Orders errors and warnings by file (bundle order) and line, so that the
  // report is the same however the checks were scheduled.
  void SortIssues();
};

}  // namespace tiersight::graph

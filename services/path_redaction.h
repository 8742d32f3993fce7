// Server paths kept out of the messages clients receive. A status made deep
// down (the store, a file read, SQLite) names the file it concerns by its
// full path, which is right for the server's log but tells a client where
// the server keeps its data and packs. The edge (rpc_edge.h) passes every
// message through here: a shipped pack's file becomes its resource name
// (`rulePacks/cn`), a stored network's or audit's path its resource name
// (`networks/ID`, `audits/ID`), an upload's staging path is dropped, and
// whatever else lies in the data or packs directory is named relative to
// it. Thread-safe (immutable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tiersight::services {

class PathRedactor {
 public:
  PathRedactor() = default;  // redacts nothing
  // Either may be empty. Each is matched as given, made absolute, and with
  // its symbolic links resolved.
  PathRedactor(const std::string& data_dir, const std::string& packs_dir);

  std::string Redact(std::string_view message) const;
  // The same status with its message redacted.
  absl::Status Redact(const absl::Status& status) const;

 private:
  enum class Kind { kData, kPacks };
  struct Root {
    std::string path;  // no trailing '/'
    Kind kind;
  };
  void Add(const std::string& dir, Kind kind);
  std::string RedactRoot(std::string_view message, const Root& root) const;

  std::vector<Root> roots_;  // longest first, so a nested root wins
};

}  // namespace tiersight::services

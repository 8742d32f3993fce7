// An upload's bundle files while they are written, in a staging directory no
// reader looks at. Rows arrive as field strings and are written as RFC 4180
// CSV under the bundle's header. Not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/durable_file.h"
#include "store/records.h"

namespace tiersight::store {

// What Finish reports about the durable bundle.
struct FinishedBundle {
  std::string digest;
  std::array<int64_t, 3> rows{};  // by RowKind
  int64_t bytes = 0;
};

class StagedBundle {
 public:
  // Creates `dir` (which must not exist) with an agents.csv header.
  static absl::StatusOr<StagedBundle> Create(std::string dir);
  StagedBundle(StagedBundle&&) = default;
  StagedBundle& operator=(StagedBundle&&) = default;

  absl::Status AppendRow(RowKind kind, std::span<const std::string_view> fields);
  void SetNetworkYaml(std::string text) { network_yaml_ = std::move(text); }

  int64_t rows(RowKind kind) const { return rows_[static_cast<size_t>(kind)]; }
  int64_t bytes() const;

  // Writes network.yaml, fsyncs every file and the directory, and computes
  // the digest of the files as stored. No row may be appended afterwards.
  absl::StatusOr<FinishedBundle> Finish();

  const std::string& dir() const { return dir_; }

 private:
  explicit StagedBundle(std::string dir) : dir_(std::move(dir)) {}

  std::string dir_;
  // Heap-held so a moved StagedBundle keeps its open files.
  std::array<std::unique_ptr<base::DurableFileWriter>, 3>
      files_;  // by RowKind; null until first row
  std::array<int64_t, 3> rows_{};
  std::optional<std::string> network_yaml_;
  std::string line_;  // reused for every row
};

}  // namespace tiersight::store

// Packs named files into a zip archive in memory (libzip). Entries keep the
// given order and carry a fixed modification time, so the same files always
// give the same archive bytes. Thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tiersight::exports {

struct ZipEntry {
  std::string name;
  std::string data;
};

absl::StatusOr<std::string> ZipArchive(const std::vector<ZipEntry>& entries);

// The entries of an archive, in order; for tests and tools that read what
// ZipArchive wrote.
absl::StatusOr<std::vector<ZipEntry>> UnzipArchive(const std::string& archive);

}  // namespace tiersight::exports

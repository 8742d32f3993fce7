// The bundle digest of the format: SHA-256 of the text `sha256sum` prints for
// agents.csv, orders.csv, payments.csv and network.yaml (absent files
// skipped), so that anyone can recompute it with
// `sha256sum agents.csv orders.csv payments.csv network.yaml | sha256sum`.
// Files are streamed, never read whole. Thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace tiersight::graph {

// Lower-case hex SHA-256 of one file.
absl::StatusOr<std::string> Sha256OfFile(const std::string& path);

// Lower-case hex SHA-256 of a byte string.
std::string Sha256OfText(std::string_view text);

// The digest of the bundle in directory `dir`.
absl::StatusOr<std::string> BundleDigest(const std::string& dir);

}  // namespace tiersight::graph

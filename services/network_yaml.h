// network.yaml written from an upload's NetworkFacts, so that a stored
// network is a bundle the bundle reader (and the CLI) reads like any other.
// Thread-safe.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "tiersight/v1/bundle.pb.h"

namespace tiersight::services {

// Only the facts that are set become keys; no facts at all give "" (no
// network.yaml), as a CLI bundle without one.
// Records travel as protobuf strings, which are UTF-8: an `encoding` other
// than UTF-8 is INVALID_ARGUMENT. Other values (e.g. a malformed as_of) are
// for the bundle reader to judge.
absl::StatusOr<std::string> NetworkYamlFromFacts(const tiersight::v1::NetworkFacts& facts);

}  // namespace tiersight::services

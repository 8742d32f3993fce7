// Reads one UploadNetwork stream into a store upload: the header's facts
// become network.yaml, each record a row of its bundle file in the order it
// arrives. Limits are enforced as rows arrive, so an oversized upload stops
// early instead of filling the disk first. Not thread-safe (one per call).
#pragma once

#include <grpcpp/support/sync_stream.h>

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "store/network_store.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::services {

// An upload's ceilings (the tenant's, from the configuration).
struct UploadLimits {
  int64_t max_bytes = 0;  // bundle bytes written (CSV and network.yaml)
  int64_t max_rows = 0;   // agents, orders and payments together
};

// Returns the header once the client has half-closed the stream. Errors:
// INVALID_ARGUMENT for a missing or second header or unusable facts,
// RESOURCE_EXHAUSTED naming the limit passed, CANCELLED when `cancelled`
// says so after the stream ended, or the writer's own error. On any error
// the caller aborts `writer`.
absl::StatusOr<tiersight::v1::UploadNetworkHeader> ReceiveUpload(
    grpc::ServerReaderInterface<tiersight::v1::UploadNetworkRequest>& stream,
    const std::function<bool()>& cancelled, const UploadLimits& limits,
    store::UploadWriter& writer);

}  // namespace tiersight::services

// Reads one UploadNetwork stream into a store upload: the header's facts
// become network.yaml, each record a row of its bundle file in the order it
// arrives. Messages arrive as bytes and are parsed here, so that one that
// does not parse fails the upload instead of reading as the stream's end.
// Limits are enforced as rows arrive, so an oversized upload stops early
// instead of filling the disk first. Not thread-safe (one per call).
#pragma once

#include <grpcpp/support/byte_buffer.h>

#include <cstdint>
#include <functional>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "store/network_store.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::services {

// An upload's ceilings (the tenant's, from the configuration).
struct UploadLimits {
  int64_t max_bytes = 0;  // bundle bytes written (CSV and network.yaml) and the display name
  int64_t max_rows = 0;   // agents, orders and payments together
};

// The next message of the stream into `*message`; false once the stream has
// ended (half-closed by the client, broken or cancelled).
using ReadUploadMessage = absl::FunctionRef<bool(grpc::ByteBuffer* message)>;

// Returns the header once the client has half-closed the stream. Errors:
// INVALID_ARGUMENT for a message that does not parse, a missing or second
// header, unusable facts, a bad display name, a message after the counts or
// counts that differ from what arrived; RESOURCE_EXHAUSTED naming the limit
// passed; CANCELLED when `cancelled` says so after the stream ended; or the
// writer's own error. On any error the caller aborts `writer`.
absl::StatusOr<tiersight::v1::UploadNetworkHeader> ReceiveUpload(
    ReadUploadMessage read, const std::function<bool()>& cancelled, const UploadLimits& limits,
    store::UploadWriter& writer);

// The name the network is stored under: the header's display name, or the
// network's own name when it gives none.
const std::string& StoredDisplayName(const tiersight::v1::UploadNetworkHeader& header);

}  // namespace tiersight::services

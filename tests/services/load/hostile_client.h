// A client of its own tenant that attacks the server in the ways a load run
// must withstand, each call expecting the status listed for its kind:
//
//   stalled upload       opens uploads, sends the header and nothing more;
//                        gives up at its own deadline: DEADLINE_EXCEEDED or
//                        CANCELLED, or RESOURCE_EXHAUSTED once in-flight
//                        uploads are capped (a server idle timeout ends
//                        them sooner with one of the same).
//   near-limit pack      a valid inline pack padded to just under the
//                        server's message limit: ValidateRulePack OK (and
//                        valid); AuditNetwork OK or RESOURCE_EXHAUSTED (the
//                        audit pool).
//   over-limit pack      the same padded past the limit: RESOURCE_EXHAUSTED.
//   forged token         every method with a near-miss token, a random one,
//                        a non-Bearer header and none: UNAUTHENTICATED.
//   unparsable request   bytes that are no request, to every method that
//                        takes one message: INTERNAL, gRPC's own answer to a
//                        request it cannot parse before the service sees it.
//   unparsable upload    a header, then a message that does not parse:
//                        INVALID_ARGUMENT with nothing stored.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/services/load/load_recorder.h"

namespace tiersight::services::testing {

enum class HostileKind {
  kStalledUpload,
  kNearLimitPack,
  kOverLimitPack,
  kForgedToken,
  kUnparsableRequest,
  kUnparsableUpload,
};

std::string_view HostileKindName(HostileKind kind);

// Every kind but kUnparsableUpload: until uploads parse their own messages
// (issue 11, item 1) such an upload is answered OK with the rows before the
// bad message stored, so it joins the mix with that fix.
std::vector<HostileKind> DefaultHostileKinds();

struct HostilePlan {
  int client = 0;
  std::string token;          // the hostile tenant's own, valid token
  std::string network;        // a network of that tenant, for its audits
  int64_t message_limit = 0;  // the server's max_message_bytes
  std::vector<HostileKind> kinds;
  int rounds = 1;           // each kind this many times
  int stalled_streams = 3;  // opened at once by one stalled-upload attack
  std::chrono::milliseconds stall_deadline{1500};
};

void RunHostileClient(const std::shared_ptr<grpc::Channel>& channel, const HostilePlan& plan,
                      LoadRecorder& recorder);

}  // namespace tiersight::services::testing

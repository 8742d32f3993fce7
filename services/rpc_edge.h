// The edge every RPC handler runs behind, unary and streaming alike: it opens
// the call's log line, resolves the bearer token to the caller, runs the
// handler's body, takes server paths out of its message (path_redaction.h),
// turns the body's absl::Status into the call's grpc::Status through
// status_mapping.h (the one place statuses are made, with its truncation)
// and finishes the log line. Handlers therefore build no
// grpc::Status of their own; tests/services/status_construction_test.sh
// checks that services/ keeps it so. Thread-safe: immutable, and each call's
// state lives on its own stack.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/auth.h"
#include "services/path_redaction.h"

namespace tiersight::services {

class RpcEdge {
 public:
  // REQUIRES: `auth` outlives the edge.
  explicit RpcEdge(const Authenticator& auth, PathRedactor redactor = PathRedactor())
      : auth_(auth), redactor_(std::move(redactor)) {}

  // A handler's work once the caller is known; it answers through the
  // response or stream it captures.
  using Body = absl::FunctionRef<absl::Status(const Caller& caller)>;

  // Runs one call of `method` ("Service/Method", as logged):
  // - UNAUTHENTICATED without running `body` when the token is missing or
  //   wrong;
  // - CANCELLED from `body` becomes DEADLINE_EXCEEDED once the deadline has
  //   passed, as that is what stopped the work;
  // - a body that throws is answered INTERNAL with a fixed message (what it
  //   threw may name server paths) and logged with what it threw.
  // Exactly one log line per call, whichever way it ends.
  grpc::Status Serve(const char* method, const grpc::ServerContext& context, Body body) const;

  // The same for a body that returns the whole response, moved into
  // `*response` when it is OK:
  //   absl::StatusOr<Response> body(const Caller& caller);
  template <typename Response, typename F>
  grpc::Status Serve(const char* method, const grpc::ServerContext& context, Response* response,
                     F&& body) const {
    return Serve(method, context, [&](const Caller& caller) -> absl::Status {
      absl::StatusOr<Response> result = std::forward<F>(body)(caller);
      if (!result.ok()) return result.status();
      *response = *std::move(result);
      return absl::OkStatus();
    });
  }

 private:
  const Authenticator& auth_;
  const PathRedactor redactor_;
};

}  // namespace tiersight::services

#include "services/rpc_edge.h"

#include <exception>
#include <string>

#include "base/str_cat.h"
#include "services/call_log.h"
#include "services/service_context.h"
#include "services/status_mapping.h"

namespace tiersight::services {
namespace {

// What the client is told of a failure the server did not expect: nothing of
// the exception, whose text may name files on the server.
absl::Status Unexpected(const char* method) {
  return absl::InternalError(
      StrCat(method, " failed on the server; the server's log has the details"));
}

}  // namespace

grpc::Status RpcEdge::Serve(const char* method, const grpc::ServerContext& context,
                            Body body) const {
  CallLog log(method);
  absl::Status status;
  std::string exception;
  try {
    absl::StatusOr<Caller> caller = auth_.Authenticate(context.client_metadata());
    if (caller.ok()) {
      log.set_tenant(caller->tenant);
      status = WhyStopped(context, body(*caller));
    } else {
      status = caller.status();
    }
  } catch (const std::exception& e) {
    exception = e.what();
    if (exception.empty()) exception = "std::exception";
    status = Unexpected(method);
  } catch (...) {
    // Libraries the server runs may throw anything; the call still gets its line.
    exception = "an exception not derived from std::exception";
    status = Unexpected(method);
  }
  log.Finish(status.code(), exception);
  return ToGrpcStatus(redactor_.Redact(status));
}

}  // namespace tiersight::services

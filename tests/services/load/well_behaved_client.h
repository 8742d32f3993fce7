// A client that uses every call of AuditService and RulePackService as
// intended, round after round on networks it uploads itself, for a fixed
// number of calls. Each call's status must be one of those listed for it
// (AllowedStatuses); what it answers must agree with what was stored.
#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/services/load/load_recorder.h"
#include "tiersight/v1/audit_service.pb.h"

namespace tiersight::services::testing {

struct WellBehavedPlan {
  int client = 0;
  std::string token;
  const std::vector<tiersight::v1::UploadNetworkRequest>* bundle = nullptr;
  std::string agent_id;  // an agent of the bundle, for GetAgent
  int calls = 0;         // how many calls the client makes in all
};

// What the client stored: the networks it kept (name -> digest) and those
// it deleted, to compare with what its tenant lists afterwards.
struct WellBehavedOutcome {
  std::map<std::string, std::string> kept;
  std::set<std::string> deleted;
};

// The statuses a well-behaved call of `rpc` ("AuditService/AuditNetwork")
// may get: OK, and RESOURCE_EXHAUSTED where the server refuses at once
// rather than queue (AuditNetwork, and GetAgent, ListLevels and ListTiers,
// which load the network in a slot of the same pool). Nothing else: a
// well-behaved call on the client's own data has no other reason to fail.
const StatusSet& AllowedStatuses(const std::string& rpc);

WellBehavedOutcome RunWellBehavedClient(const std::shared_ptr<grpc::Channel>& channel,
                                        const WellBehavedPlan& plan, LoadRecorder& recorder);

}  // namespace tiersight::services::testing

// tiersight.v1.RulePackService: lists and reads the shipped rule packs as
// the server compiled them (at start or the last reload, the packs audits
// run), and validates packs sent inline with the same reader and compiler an
// audit uses. Every RPC runs behind the RpcEdge, so it authenticates first.
// Thread-safe: no mutable state of its own; the shipped packs are.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/auth.h"
#include "services/rpc_edge.h"
#include "services/shipped_packs.h"
#include "tiersight/v1/rule_pack_service.grpc.pb.h"

namespace tiersight::services {

class RulePackServiceImpl final : public tiersight::v1::RulePackService::Service {
 public:
  struct Options {
    // Default page size of ListRulePacks, and the most it returns.
    int default_page_size = 50;
    int max_page_size = 500;
  };

  // REQUIRES: `auth` and `shipped_packs` outlive this service.
  RulePackServiceImpl(const Authenticator& auth, const ShippedPacks& shipped_packs,
                      Options options);

  grpc::Status ListRulePacks(grpc::ServerContext* context,
                             const tiersight::v1::ListRulePacksRequest* request,
                             tiersight::v1::ListRulePacksResponse* response) override;
  grpc::Status GetRulePack(grpc::ServerContext* context,
                           const tiersight::v1::GetRulePackRequest* request,
                           tiersight::v1::GetRulePackResponse* response) override;
  grpc::Status ValidateRulePack(grpc::ServerContext* context,
                                const tiersight::v1::ValidateRulePackRequest* request,
                                tiersight::v1::ValidateRulePackResponse* response) override;

 private:
  // The RPCs' work once the caller is known (every tenant sees the same packs).
  absl::Status List(const tiersight::v1::ListRulePacksRequest* request,
                    tiersight::v1::ListRulePacksResponse* response) const;
  absl::Status Get(const tiersight::v1::GetRulePackRequest* request,
                   tiersight::v1::GetRulePackResponse* response) const;
  absl::Status Validate(const tiersight::v1::ValidateRulePackRequest* request,
                        tiersight::v1::ValidateRulePackResponse* response) const;

  RpcEdge edge_;
  const ShippedPacks& shipped_packs_;
  Options options_;
};

}  // namespace tiersight::services

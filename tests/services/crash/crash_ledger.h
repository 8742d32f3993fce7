// What tiersightd acknowledged to the clients of a crash-safety run, what a
// kill cut short (its outcome unknown), and the check of the restarted
// server against both. The rules, per tenant:
//
// - Acknowledged upload: listed, with its digest, until a delete of it is
//   acknowledged; its export recomputes to that digest.
// - Acknowledged delete: never listed again; GetNetwork and ExportNetwork
//   are NOT_FOUND.
// - Nothing half-written: a network is listed only when complete, so every
//   listed network is exported and its files must recompute to the listed
//   digest. A listed network nobody acknowledged must be an upload the kill
//   cut short (committed, its answer lost): one of the same tenant whose
//   bundle has that digest, each cut-short upload explaining one network.
// - A cut-short delete: the network is listed intact, or gone for good.
// - The audit trail is whole: the audits listed at the last check are
//   listed again, unchanged and in the same order, ahead of any newer one;
//   every acknowledged audit follows them, unchanged, and GetAudit gives
//   back the report AuditNetwork answered; an audit nobody acknowledged is
//   one the kill cut short (at most that many); every new audit's report
//   reads back (the store refuses one whose SHA-256 differs).
// - On disk (network_store.h's layout): staging/ is empty, networks/ and
//   audits/ hold the files of the listed records and nothing else.
//
// What the check finds becomes the ledger's new state: a cut-short upload
// found committed is a network like any other from then on.
// Recording is thread-safe; Check must run alone.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "tiersight/v1/audit_service.grpc.pb.h"

namespace tiersight::services::testing {

struct CheckFigures {
  // Acknowledged operations verified by this check.
  int64_t uploads_checked = 0;
  int64_t deletes_checked = 0;
  int64_t audits_checked = 0;
  // Every listed network exported and recomputed; audits read back.
  int64_t networks_exported = 0;
  int64_t audits_read = 0;
  // What became of the operations the kill cut short.
  int64_t uploads_committed = 0;
  int64_t uploads_lost = 0;
  int64_t deletes_done = 0;
  int64_t deletes_not_done = 0;
  int64_t audits_recorded = 0;
  int64_t audits_not_recorded = 0;
  std::vector<std::string> failures;

  CheckFigures& operator+=(const CheckFigures& other);
};

class CrashLedger {
 public:
  explicit CrashLedger(const std::vector<std::string>& tokens);

  void Uploaded(const std::string& token, const std::string& network, const std::string& digest);
  void UploadCutShort(const std::string& token, const std::string& digest);
  void Deleted(const std::string& token, const std::string& network);
  void DeleteCutShort(const std::string& token, const std::string& network);
  void Audited(const std::string& token, const tiersight::v1::AuditNetworkResponse& audited);
  void AuditCutShort(const std::string& token);

  // The tenant's networks (name -> digest) as far as the ledger knows.
  std::map<std::string, std::string> Networks(const std::string& token) const;
  // The names of the tenant's audits as far as the ledger knows.
  std::vector<std::string> Audits(const std::string& token) const;

  // Checks the server behind `stub`, whose data directory is `data_dir`,
  // against the rules above; `sample_seed` picks the older audits read back.
  CheckFigures Check(tiersight::v1::AuditService::Stub& stub, const std::string& data_dir,
                     uint64_t sample_seed);

 private:
  struct Tenant {
    std::map<std::string, std::string> networks;  // name -> digest
    std::set<std::string> deleted;
    std::vector<std::string> deleted_since_check;
    int64_t uploads_since_check = 0;
    std::vector<tiersight::v1::Audit> trail;  // as listed at the last check
    std::map<std::string, tiersight::v1::AuditNetworkResponse> audited_since_check;
    std::multiset<std::string> uploads_cut_short;  // their bundles' digests
    std::set<std::string> deletes_cut_short;
    int64_t audits_cut_short = 0;
  };

  void CheckNetworks(tiersight::v1::AuditService::Stub& stub, const std::string& token,
                     Tenant& tenant, CheckFigures& figures);
  void CheckTrail(tiersight::v1::AuditService::Stub& stub, const std::string& token, Tenant& tenant,
                  uint64_t sample_seed, CheckFigures& figures);
  void CheckDisk(const std::string& data_dir, CheckFigures& figures) const;

  mutable std::mutex mu_;
  std::map<std::string, Tenant> tenants_;  // by token
};

}  // namespace tiersight::services::testing

#include "tests/services/crash/crash_ledger.h"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "base/str_cat.h"
#include "tests/services/service_client_util.h"

namespace tiersight::services::testing {

namespace v1 = tiersight::v1;
using google::protobuf::util::MessageDifferencer;

namespace {

// Older audits read back at each check besides the new ones: enough to
// catch a report rewritten behind the trail's back, few enough that a
// hundred cycles do not read the whole trail a hundred times.
constexpr size_t kOlderAuditsRead = 5;

std::string Describe(const grpc::Status& status) {
  return StrCat(StatusCodeName(status.error_code()), " (", status.error_message(), ")");
}

// The id of "networks/ID" or "audits/ID".
std::string IdOf(const std::string& name) { return name.substr(name.find('/') + 1); }

std::set<std::string> Entries(const std::filesystem::path& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.insert(it->path().filename().string());
  }
  return names;
}

}  // namespace

CheckFigures& CheckFigures::operator+=(const CheckFigures& other) {
  uploads_checked += other.uploads_checked;
  deletes_checked += other.deletes_checked;
  audits_checked += other.audits_checked;
  networks_exported += other.networks_exported;
  audits_read += other.audits_read;
  uploads_committed += other.uploads_committed;
  uploads_lost += other.uploads_lost;
  deletes_done += other.deletes_done;
  deletes_not_done += other.deletes_not_done;
  audits_recorded += other.audits_recorded;
  audits_not_recorded += other.audits_not_recorded;
  failures.insert(failures.end(), other.failures.begin(), other.failures.end());
  return *this;
}

CrashLedger::CrashLedger(const std::vector<std::string>& tokens) {
  for (const std::string& token : tokens) tenants_[token];
}

void CrashLedger::Uploaded(const std::string& token, const std::string& network,
                           const std::string& digest) {
  std::lock_guard lock(mu_);
  Tenant& tenant = tenants_.at(token);
  tenant.networks[network] = digest;
  ++tenant.uploads_since_check;
}

void CrashLedger::UploadCutShort(const std::string& token, const std::string& digest) {
  std::lock_guard lock(mu_);
  tenants_.at(token).uploads_cut_short.insert(digest);
}

void CrashLedger::Deleted(const std::string& token, const std::string& network) {
  std::lock_guard lock(mu_);
  Tenant& tenant = tenants_.at(token);
  tenant.networks.erase(network);
  tenant.deleted.insert(network);
  tenant.deleted_since_check.push_back(network);
}

void CrashLedger::DeleteCutShort(const std::string& token, const std::string& network) {
  std::lock_guard lock(mu_);
  tenants_.at(token).deletes_cut_short.insert(network);
}

void CrashLedger::Audited(const std::string& token, const v1::AuditNetworkResponse& audited) {
  std::lock_guard lock(mu_);
  tenants_.at(token).audited_since_check[audited.audit().name()] = audited;
}

void CrashLedger::AuditCutShort(const std::string& token) {
  std::lock_guard lock(mu_);
  ++tenants_.at(token).audits_cut_short;
}

std::map<std::string, std::string> CrashLedger::Networks(const std::string& token) const {
  std::lock_guard lock(mu_);
  return tenants_.at(token).networks;
}

std::vector<std::string> CrashLedger::Audits(const std::string& token) const {
  std::lock_guard lock(mu_);
  const Tenant& tenant = tenants_.at(token);
  std::vector<std::string> names;
  for (const v1::Audit& a : tenant.trail) names.push_back(a.name());
  for (const auto& [name, audited] : tenant.audited_since_check) names.push_back(name);
  return names;
}

CheckFigures CrashLedger::Check(v1::AuditService::Stub& stub, const std::string& data_dir,
                                uint64_t sample_seed) {
  std::lock_guard lock(mu_);
  CheckFigures figures;
  for (auto& [token, tenant] : tenants_) {
    CheckNetworks(stub, token, tenant, figures);
    CheckTrail(stub, token, tenant, sample_seed, figures);
  }
  CheckDisk(data_dir, figures);
  return figures;
}

void CrashLedger::CheckNetworks(v1::AuditService::Stub& stub, const std::string& token,
                                Tenant& tenant, CheckFigures& figures) {
  auto fail = [&](std::string what) { figures.failures.push_back(StrCat(token, ": ", what)); };
  std::vector<v1::Network> listed;
  grpc::Status status = ListAllNetworks(stub, token, &listed, 7);
  if (!status.ok()) return fail(StrCat("ListNetworks: ", Describe(status)));

  std::set<std::string> seen;
  for (const v1::Network& network : listed) {
    const std::string& name = network.name();
    seen.insert(name);
    grpc::Status exported;
    const std::map<std::string, std::string> files =
        ExportNetworkFiles(stub, name, token, &exported);
    ++figures.networks_exported;
    if (!exported.ok()) {
      fail(StrCat(name, " is listed but its export fails: ", Describe(exported)));
    } else if (BundleDigestOfFiles(files) != network.digest()) {
      fail(StrCat(name, " is listed with digest ", network.digest(), " but its files recompute to ",
                  BundleDigestOfFiles(files), ": half-written"));
    }
    v1::GetNetworkRequest get;
    get.set_name(name);
    v1::GetNetworkResponse got;
    status = stub.GetNetwork(Context(token).get(), get, &got);
    if (!status.ok() || got.network().digest() != network.digest()) {
      fail(StrCat(name, " is listed but GetNetwork answers ", Describe(status), " digest ",
                  got.network().digest()));
    }

    if (auto known = tenant.networks.find(name); known != tenant.networks.end()) {
      if (known->second != network.digest()) {
        fail(StrCat(name, " was acknowledged with digest ", known->second, " but is listed with ",
                    network.digest()));
      }
      if (tenant.deletes_cut_short.erase(name) > 0) ++figures.deletes_not_done;
    } else if (tenant.deleted.contains(name)) {
      fail(StrCat(name, " is listed again after its delete was acknowledged"));
    } else if (auto cut = tenant.uploads_cut_short.find(network.digest());
               cut != tenant.uploads_cut_short.end()) {
      tenant.uploads_cut_short.erase(cut);
      tenant.networks[name] = network.digest();
      ++figures.uploads_committed;
    } else {
      fail(StrCat(name, " (digest ", network.digest(),
                  ") is listed, but no upload of it was acknowledged or cut short"));
    }
  }

  for (auto it = tenant.networks.begin(); it != tenant.networks.end();) {
    if (seen.contains(it->first)) {
      ++it;
      continue;
    }
    if (tenant.deletes_cut_short.erase(it->first) > 0) {
      ++figures.deletes_done;
      tenant.deleted.insert(it->first);
    } else {
      fail(StrCat(it->first, " was acknowledged but is no longer listed"));
    }
    it = tenant.networks.erase(it);
  }
  figures.uploads_checked += tenant.uploads_since_check;
  figures.uploads_lost += static_cast<int64_t>(tenant.uploads_cut_short.size());

  for (const std::string& name : tenant.deleted_since_check) {
    v1::GetNetworkRequest get;
    get.set_name(name);
    v1::GetNetworkResponse got;
    status = stub.GetNetwork(Context(token).get(), get, &got);
    grpc::Status exported;
    ExportNetworkFiles(stub, name, token, &exported);
    if (status.error_code() != grpc::StatusCode::NOT_FOUND ||
        exported.error_code() != grpc::StatusCode::NOT_FOUND) {
      fail(StrCat(name, " was deleted, but GetNetwork answers ", Describe(status),
                  " and ExportNetwork ", Describe(exported)));
    }
    ++figures.deletes_checked;
  }
  tenant.uploads_since_check = 0;
  tenant.deleted_since_check.clear();
  tenant.uploads_cut_short.clear();
  tenant.deletes_cut_short.clear();
}

void CrashLedger::CheckTrail(v1::AuditService::Stub& stub, const std::string& token, Tenant& tenant,
                             uint64_t sample_seed, CheckFigures& figures) {
  auto fail = [&](std::string what) { figures.failures.push_back(StrCat(token, ": ", what)); };
  std::vector<v1::Audit> listed;
  grpc::Status status = ListAllAudits(stub, token, &listed, 9);
  if (!status.ok()) return fail(StrCat("ListAudits: ", Describe(status)));

  // Reads an audit back; whether it did, with the response in `got`.
  auto read_back = [&](const std::string& name, v1::GetAuditResponse* got) {
    v1::GetAuditRequest get;
    get.set_name(name);
    ++figures.audits_read;
    grpc::Status read = stub.GetAudit(Context(token).get(), get, got);
    if (!read.ok()) fail(StrCat(name, " is listed but GetAudit answers ", Describe(read)));
    return read.ok();
  };

  const size_t kept = std::min(tenant.trail.size(), listed.size());
  if (listed.size() < tenant.trail.size()) {
    fail(StrCat("the audit trail lists ", listed.size(), " audits, fewer than the ",
                tenant.trail.size(), " it listed before"));
  }
  for (size_t i = 0; i < kept; ++i) {
    if (!MessageDifferencer::Equals(listed[i], tenant.trail[i])) {
      fail(StrCat("audit ", i, " of the trail was ", tenant.trail[i].ShortDebugString(),
                  " and is now ", listed[i].ShortDebugString()));
    }
  }
  std::vector<size_t> older(kept);
  for (size_t i = 0; i < kept; ++i) older[i] = i;
  std::shuffle(older.begin(), older.end(), std::mt19937_64(sample_seed));
  older.resize(std::min(older.size(), kOlderAuditsRead));
  for (size_t i : older) {
    v1::GetAuditResponse got;
    if (read_back(listed[i].name(), &got) && !MessageDifferencer::Equals(got.audit(), listed[i])) {
      fail(StrCat(listed[i].name(), " reads back as ", got.audit().ShortDebugString()));
    }
  }

  int64_t unacknowledged = 0;
  for (size_t i = kept; i < listed.size(); ++i) {
    const v1::Audit& audit = listed[i];
    v1::GetAuditResponse got;
    const bool read = read_back(audit.name(), &got);
    auto acknowledged = tenant.audited_since_check.find(audit.name());
    if (acknowledged == tenant.audited_since_check.end()) {
      ++unacknowledged;
      continue;
    }
    const v1::AuditNetworkResponse& answered = acknowledged->second;
    if (!MessageDifferencer::Equals(audit, answered.audit())) {
      fail(StrCat(audit.name(), " is listed as ", audit.ShortDebugString(),
                  " but AuditNetwork answered ", answered.audit().ShortDebugString()));
    }
    if (read && (!MessageDifferencer::Equals(got.audit(), answered.audit()) ||
                 !MessageDifferencer::Equals(got.report(), answered.report()))) {
      fail(StrCat(audit.name(), " reads back differently from what AuditNetwork answered"));
    }
    ++figures.audits_checked;
    tenant.audited_since_check.erase(acknowledged);
  }
  for (const auto& [name, answered] : tenant.audited_since_check) {
    fail(StrCat(name, " was acknowledged but is not in the audit trail after the ", kept,
                " audits listed before"));
  }
  if (unacknowledged > tenant.audits_cut_short) {
    fail(StrCat(unacknowledged, " audits nobody acknowledged are listed, but only ",
                tenant.audits_cut_short, " were cut short"));
  }
  figures.audits_recorded += std::min(unacknowledged, tenant.audits_cut_short);
  figures.audits_not_recorded += std::max<int64_t>(0, tenant.audits_cut_short - unacknowledged);
  tenant.trail = std::move(listed);
  tenant.audited_since_check.clear();
  tenant.audits_cut_short = 0;
}

void CrashLedger::CheckDisk(const std::string& data_dir, CheckFigures& figures) const {
  const std::filesystem::path root(data_dir);
  std::set<std::string> networks;
  std::set<std::string> reports;
  for (const auto& [token, tenant] : tenants_) {
    for (const auto& [name, digest] : tenant.networks) networks.insert(IdOf(name));
    for (const v1::Audit& audit : tenant.trail) reports.insert(IdOf(audit.name()) + ".json");
  }
  auto compare = [&](const std::string& dir, const std::set<std::string>& expected) {
    const std::set<std::string> found = Entries(root / dir);
    for (const std::string& name : found) {
      if (!expected.contains(name)) {
        figures.failures.push_back(StrCat(dir, "/", name, " is on disk but no record names it"));
      }
    }
    for (const std::string& name : expected) {
      if (!found.contains(name)) {
        figures.failures.push_back(StrCat(dir, "/", name, " is listed but missing on disk"));
      }
    }
  };
  compare("networks", networks);
  compare("audits", reports);
  compare("staging", {});
}

}  // namespace tiersight::services::testing

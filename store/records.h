// What the store keeps: the catalogue entries of stored networks and of the
// audits run on them. Plain values, copied freely.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace tiersight::store {

// The three CSV files of a bundle, in the format's order. An upload writes
// every column of graph/bundle_columns.h, and a writer is given each row's
// fields in exactly that order.
enum class RowKind { kAgent, kOrder, kPayment };

// One stored network. The digest is graph::BundleDigest of the stored files,
// so it can be recomputed with sha256sum from the bundle directory.
struct NetworkRecord {
  std::string id;
  std::string tenant;
  std::string name;
  std::string digest;
  absl::Time created_at;
  int64_t agent_rows = 0;
  int64_t order_rows = 0;
  int64_t payment_rows = 0;
  int64_t bytes = 0;  // total size of the stored bundle files
  // What the caller keeps with the network so that it need not reread the
  // bundle to describe it (the service keeps the facts and the strict load
  // report here). Opaque to the store; UTF-8 text.
  std::string details;
};

// A rule pack an audit ran with, as the report's provenance names it.
struct PackRef {
  std::string name;
  std::string version;
  std::string sha256;
  friend bool operator==(const PackRef&, const PackRef&) = default;
};

// What the caller hands over to record an audit. The store stamps the id and
// the time itself, so the trail cannot be backdated by a caller.
struct NewAudit {
  std::string network_id;
  // Digest of the network the audit read; empty means "the stored network's
  // digest". A digest that differs from the stored one is refused.
  std::string network_digest;
  std::vector<PackRef> packs;
  std::string token_name;  // who ran it, within the tenant
  std::string report_json;
  // A summary the caller keeps with the trail entry so that listing audits
  // needs no report (the service keeps mode, engine and finding count).
  // Opaque to the store; UTF-8 text.
  std::string details;
};

// One entry of the audit trail, without the report bytes.
struct AuditRecord {
  std::string id;
  std::string tenant;
  std::string network_id;
  std::string network_digest;
  std::vector<PackRef> packs;
  std::string token_name;
  absl::Time created_at;
  std::string report_sha256;  // checked on every read of the report
  int64_t report_bytes = 0;
  std::string details;  // NewAudit::details
};

// An audit with its report, as GetAudit returns it.
struct StoredAudit {
  AuditRecord record;
  std::string report_json;
};

struct NetworkPage {
  std::vector<NetworkRecord> networks;
  std::string next_page_token;  // empty on the last page
};

struct AuditPage {
  std::vector<AuditRecord> audits;
  std::string next_page_token;  // empty on the last page
};

}  // namespace tiersight::store

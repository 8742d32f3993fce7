// The evidence annex of an audit report: the orders and payments of its
// bundle behind each agent finding (exports/evidence_records.h), read again
// from the bundle the report was made from.
//
// Only agent findings have records behind them: their subjects are agents.
// Findings on the network, a level, a tier or a branch rest on the figures
// the report prints, and contribute no rows. A record is evidence when a
// subject is its seller, buyer, payer or payee, the load accepted it (a row
// a lenient load rejected never is), and it is dated on or before a
// declared as_of (later rows were ignored by the load).
//
// Reads orders.csv and payments.csv once to check them and count the rows;
// the annex reads them again, from `bundle_dir`, when its table is written,
// rather than holding the records. Its memory grows with the subjects, not
// with the records. Thread-safe.
#pragma once

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "exports/evidence_records.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::core {

// `report` as the audit made it (agent ids as the bundle writes them, every
// subject of every finding), `bundle_dir` the bundle it was made from.
// The files must stay as they are until the annex's table is written.
// FAILED_PRECONDITION naming the file when the bundle is no longer the one
// audited (a file's SHA-256 or its accepted rows differ) or cannot be read,
// and naming the finding when its subject list is cut short.
absl::StatusOr<exports::EvidenceAnnex> FindingEvidence(const std::string& bundle_dir,
                                                       const tiersight::v1::AuditReport& report);

}  // namespace tiersight::core

// The evidence annex of a CSV export: the orders and payments behind each
// agent finding, one row per finding, subject and record in which the
// subject is a party (evidence_records.csv; columns in docs/reports.md).
//
// The report model does not hold records (a report of a 10M-agent network
// would carry the bundle); the annex is made from the audited bundle when
// the export is written (core/finding_evidence.h) and printed here with the
// same agent-id mapping as the report's tables, so that its pseudonyms are
// those of finding_subjects.csv. Thread-safe (pure functions).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "exports/report_csv.h"
#include "exports/report_pseudonyms.h"
#include "graph/party_records.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

struct EvidenceRow {
  // The finding's index in the report's findings, as finding_subjects.csv
  // numbers them (0 for the first).
  int32_t finding = 0;
  uint32_t record = 0;  // in EvidenceAnnex::records
  // The subject's part in the record: the subject is the record's `from`
  // for a seller or payer, its `to` for a buyer or payee.
  graph::PartyRole role = graph::PartyRole::kBuyer;
};

struct EvidenceAnnex {
  // Each record once however many findings and subjects it is evidence
  // for, orders.csv's in file order, then payments.csv's.
  std::vector<graph::PartyRecord> records;
  // By finding, then record (file, then line), then role.
  std::vector<EvidenceRow> rows;
};

// evidence_records.csv for `report`, whose findings are those the annex was
// made from, in the same order; agent ids (subject and counterparty) are
// passed through `map`, and the company or a consumer stays empty.
// INVALID_ARGUMENT when a row names a finding the report does not have as
// an agent finding (an annex of another report).
absl::StatusOr<CsvTable> EvidenceRecordsTable(const tiersight::v1::AuditReport& report,
                                              const EvidenceAnnex& annex,
                                              const AgentIdMapping& map);

}  // namespace tiersight::exports

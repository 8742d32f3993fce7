// The evidence annex of a CSV export: the orders and payments behind the
// agent findings, one row per record and subject agent party to it, with
// the findings naming that agent (evidence_records.csv; columns in
// docs/reports.md).
//
// The report model does not hold records (a report of a 10M-agent network
// would carry the bundle), nor does the annex: it holds each subject's
// findings and a way to read the records again from the audited bundle
// (core/finding_evidence.h), so that its memory grows with the subjects,
// not with the records. The table is printed here as the records stream,
// with the same agent-id mapping as the report's tables, so that its
// pseudonyms are those of finding_subjects.csv. Thread-safe (pure
// functions; the annex's reader is called once per table).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "exports/report_csv.h"
#include "exports/report_pseudonyms.h"
#include "graph/party_records.h"
#include "tiersight/v1/findings.pb.h"

namespace tiersight::exports {

// Handed a record in which a subject is a party, and the finding lists
// (indices in EvidenceAnnex::finding_lists) of its `from` and its `to`;
// list 0, empty, for a party who is no subject.
using EvidenceVisitor =
    std::function<void(const graph::PartyRecord& record, uint32_t from_list, uint32_t to_list)>;

struct EvidenceAnnex {
  // The findings naming an agent, as finding_subjects.csv numbers them
  // (0 for the first), ascending. Each distinct list once: most subjects
  // of a loading network share a few lists, so a subject costs an index.
  std::vector<std::vector<int32_t>> finding_lists = {{}};
  // Rows of evidence_records.csv: the subjects' parts in the records.
  int64_t rows = 0;
  // Reads the records again, orders.csv's in file order, then
  // payments.csv's; errors when the files are no longer those audited.
  // Unset: no records.
  std::function<absl::Status(const EvidenceVisitor& visit)> for_each_record;
};

// Where a table is written, chunk by chunk.
using TextSink = std::function<absl::Status(std::string_view chunk)>;

// INVALID_ARGUMENT when the annex names a finding that is not an agent
// finding of `report`, whose findings are those the annex was made from, in
// the same order (an annex of another report).
absl::Status CheckEvidenceAnnex(const tiersight::v1::AuditReport& report,
                                const EvidenceAnnex& annex);

// evidence_records.csv, written to `sink` in chunks of about a megabyte as
// the records are read, so that it is never whole in memory: agent ids
// (subject and counterparty) passed through `map`, the company or a
// consumer left empty. FAILED_PRECONDITION when the records read give
// another count of rows than the annex's (the bundle changed).
absl::Status WriteEvidenceRecords(const EvidenceAnnex& annex, const AgentIdMapping& map,
                                  const TextSink& sink);

// The same table whole, checked against `report` first.
absl::StatusOr<CsvTable> EvidenceRecordsTable(const tiersight::v1::AuditReport& report,
                                              const EvidenceAnnex& annex,
                                              const AgentIdMapping& map);

}  // namespace tiersight::exports

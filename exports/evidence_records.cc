#include "exports/evidence_records.h"

#include <fmt/format.h>

#include "absl/container/flat_hash_map.h"
#include "base/str_cat.h"
#include "exports/csv_writer.h"

namespace tiersight::exports {

absl::StatusOr<CsvTable> EvidenceRecordsTable(const tiersight::v1::AuditReport& report,
                                              const EvidenceAnnex& annex,
                                              const AgentIdMapping& map) {
  // A subject stands in a row per record and finding: each id is mapped
  // once (a keyed hash per call would dominate the table's cost).
  absl::flat_hash_map<std::string, std::string> mapped_ids;
  const auto mapped = [&](const std::string& id) -> const std::string& {
    if (id.empty()) return id;
    auto [it, inserted] = mapped_ids.try_emplace(id);
    if (inserted) it->second = map(id);
    return it->second;
  };
  CsvWriter csv({"finding", "pack", "rule_id", "subject", "file", "record_id", "date", "role",
                 "kind", "quantity", "amount", "counterparty"});
  for (const EvidenceRow& row : annex.rows) {
    if (row.finding < 0 || row.finding >= report.findings_size() ||
        report.findings(row.finding).scope() != "agent" || row.record >= annex.records.size()) {
      return absl::InvalidArgumentError(StrCat("the evidence annex names finding ", row.finding,
                                               ", which is not an agent finding of the report"));
    }
    const tiersight::v1::Finding& f = report.findings(row.finding);
    const graph::PartyRecord& r = annex.records[row.record];
    const bool from = row.role == r.from_role();
    csv.Row({fmt::format("{}", row.finding), f.pack(), f.rule_id(), mapped(from ? r.from : r.to),
             std::string(r.file), r.id, r.date, std::string(graph::PartyRoleName(row.role)), r.kind,
             r.quantity, r.amount, mapped(from ? r.to : r.from)});
  }
  return CsvTable{"evidence_records.csv", csv.Take()};
}

}  // namespace tiersight::exports

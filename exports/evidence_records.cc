#include "exports/evidence_records.h"

#include <fmt/format.h>

#include <tuple>

#include "absl/container/node_hash_map.h"
#include "base/str_cat.h"
#include "exports/csv_writer.h"

namespace tiersight::exports {
namespace {

// Written to the sink whenever this much text has gathered: large enough
// that a write costs little, small enough to be nothing beside the report.
constexpr size_t kChunkBytes = 1 << 20;

// "3;7;12": the finding numbers of a list.
std::string FindingsText(const std::vector<int32_t>& findings) {
  std::string text;
  for (int32_t f : findings) {
    if (!text.empty()) text += ';';
    text += fmt::format("{}", f);
  }
  return text;
}

}  // namespace

absl::Status CheckEvidenceAnnex(const tiersight::v1::AuditReport& report,
                                const EvidenceAnnex& annex) {
  for (const std::vector<int32_t>& list : annex.finding_lists) {
    for (int32_t finding : list) {
      if (finding < 0 || finding >= report.findings_size() ||
          report.findings(finding).scope() != "agent") {
        return absl::InvalidArgumentError(StrCat("the evidence annex names finding ", finding,
                                                 ", which is not an agent finding of the report"));
      }
    }
  }
  return absl::OkStatus();
}

absl::Status WriteEvidenceRecords(const EvidenceAnnex& annex, const AgentIdMapping& map,
                                  const TextSink& sink) {
  // Agents stand in many rows: each id is mapped once (a keyed hash per
  // row would dominate the table's cost), each list printed once. A row
  // holds references to two mapped ids at once, so the map keeps its
  // entries in place as it grows (a flat map would move the first).
  absl::node_hash_map<std::string, std::string> mapped_ids;
  const auto mapped = [&](const std::string& id) -> const std::string& {
    if (id.empty()) return id;
    auto [it, inserted] = mapped_ids.try_emplace(id);
    if (inserted) it->second = map(id);
    return it->second;
  };
  std::vector<std::string> findings;
  findings.reserve(annex.finding_lists.size());
  for (const std::vector<int32_t>& list : annex.finding_lists) {
    findings.push_back(FindingsText(list));
  }
  CsvWriter csv({"file", "record_id", "date", "kind", "quantity", "amount", "subject", "role",
                 "counterparty", "findings"});
  absl::Status written = absl::OkStatus();
  int64_t rows = 0;
  const auto flush = [&] {
    if (written.ok()) written = sink(csv.Take());
  };
  if (annex.for_each_record) {
    absl::Status read = annex.for_each_record(
        [&](const graph::PartyRecord& r, uint32_t from_list, uint32_t to_list) {
          // Once the sink has failed, the rest of the records are only read.
          if (!written.ok()) return;
          // The seller or payer first: the order of the roles.
          for (const auto& [list, subject, role, counterparty] :
               {std::tuple{from_list, &r.from, r.from_role(), &r.to},
                std::tuple{to_list, &r.to, r.to_role(), &r.from}}) {
            if (list == 0 || list >= findings.size()) continue;
            csv.Row({r.file, r.id, r.date, r.kind, r.quantity, r.amount, mapped(*subject),
                     graph::PartyRoleName(role), mapped(*counterparty), findings[list]});
            ++rows;
          }
          if (csv.size() >= kChunkBytes) flush();
        });
    if (!read.ok()) return read;
  }
  flush();
  if (!written.ok()) return written;
  if (rows != annex.rows) {
    return absl::FailedPreconditionError(
        StrCat("evidence_records.csv: ", rows, " rows read again, ", annex.rows,
               " when the annex was made (the bundle changed since)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<CsvTable> EvidenceRecordsTable(const tiersight::v1::AuditReport& report,
                                              const EvidenceAnnex& annex,
                                              const AgentIdMapping& map) {
  if (absl::Status s = CheckEvidenceAnnex(report, annex); !s.ok()) return s;
  CsvTable table{"evidence_records.csv", {}};
  absl::Status s = WriteEvidenceRecords(annex, map, [&](std::string_view chunk) {
    table.data += chunk;
    return absl::OkStatus();
  });
  if (!s.ok()) return s;
  return table;
}

}  // namespace tiersight::exports

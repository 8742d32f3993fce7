#include "core/finding_evidence.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string_view>
#include <tuple>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "base/civil_date.h"
#include "base/str_cat.h"
#include "graph/bundle_files.h"
#include "graph/party_records.h"
#include "graph/text_encoding.h"

namespace tiersight::core {
namespace {

namespace v1 = tiersight::v1;

// Agent id -> the agent findings naming it as a subject, ascending. The
// views point into the report.
using SubjectFindings = absl::flat_hash_map<std::string_view, std::vector<int32_t>>;

absl::StatusOr<SubjectFindings> AgentSubjects(const v1::AuditReport& report) {
  SubjectFindings subjects;
  for (int32_t i = 0; i < report.findings_size(); ++i) {
    const v1::Finding& f = report.findings(i);
    if (f.scope() != "agent") continue;
    if (f.subjects_truncated() || f.subjects_size() < f.subject_count()) {
      return absl::FailedPreconditionError(
          StrCat("finding ", i, " (", f.pack(), " ", f.rule_id(), ") lists ", f.subjects_size(),
                 " of its ", f.subject_count(), " subjects; its evidence needs every subject"));
    }
    for (const std::string& s : f.subjects()) {
      std::vector<int32_t>& findings = subjects[s];
      if (findings.empty() || findings.back() != i) findings.push_back(i);
    }
  }
  return subjects;
}

// What the report's load section says of `file`: the rows to read again.
absl::StatusOr<graph::AcceptedRows> AcceptedRowsOf(const v1::LoadReport& load,
                                                   const v1::FileLoadCounts& counts,
                                                   std::string_view file) {
  graph::AcceptedRows rows{.file = file, .sha256 = counts.sha256(), .loaded = counts.loaded()};
  if (!counts.encoding().empty()) {
    absl::StatusOr<graph::TextEncoding> encoding = graph::ParseEncodingName(counts.encoding());
    if (!encoding.ok()) {
      return absl::FailedPreconditionError(
          StrCat(file, ": the report's load names encoding \"", counts.encoding(), "\""));
    }
    rows.encoding = *encoding;
  }
  if (load.as_of_declared()) {
    rows.as_of = base::ParseDay(load.as_of());
    if (!rows.as_of) {
      return absl::FailedPreconditionError(
          StrCat("the report's load names as_of \"", load.as_of(), "\", not a date"));
    }
  }
  for (const v1::LoadIssue& e : load.errors()) {
    if (e.file() == file && e.line() > 0) rows.rejected_lines.push_back(e.line());
  }
  return rows;
}

// Appends the records of `file` that name a subject, and a row per finding
// and subject party to each.
absl::Status AddRecords(const std::string& bundle_dir, const v1::AuditReport& report,
                        std::string_view file, const SubjectFindings& subjects,
                        exports::EvidenceAnnex& annex) {
  for (const v1::FileLoadCounts& counts : report.load().files()) {
    if (counts.file() != file || !counts.present()) continue;
    absl::StatusOr<graph::AcceptedRows> rows = AcceptedRowsOf(report.load(), counts, file);
    if (!rows.ok()) return rows.status();
    return graph::ForEachPartyRecord(
        bundle_dir, *rows, [&](std::string_view id) { return subjects.contains(id); },
        [&](graph::PartyRecord record) {
          const auto index = static_cast<uint32_t>(annex.records.size());
          for (const auto& [id, role] : {std::pair{&record.from, record.from_role()},
                                         std::pair{&record.to, record.to_role()}}) {
            auto it = subjects.find(*id);
            if (it == subjects.end()) continue;
            for (int32_t finding : it->second) annex.rows.push_back({finding, index, role});
          }
          annex.records.push_back(std::move(record));
        });
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<exports::EvidenceAnnex> FindingEvidence(const std::string& bundle_dir,
                                                       const v1::AuditReport& report) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<SubjectFindings> subjects = AgentSubjects(report);
  if (!subjects.ok()) return subjects.status();
  exports::EvidenceAnnex annex;
  if (subjects->empty()) return annex;
  for (std::string_view file : {graph::kOrdersFile, graph::kPaymentsFile}) {
    if (absl::Status s = AddRecords(bundle_dir, report, file, *subjects, annex); !s.ok()) return s;
  }
  // Records were appended in file order, so their index orders them.
  std::sort(annex.rows.begin(), annex.rows.end(),
            [](const exports::EvidenceRow& a, const exports::EvidenceRow& b) {
              return std::tie(a.finding, a.record, a.role) < std::tie(b.finding, b.record, b.role);
            });
  spdlog::info("evidence annex: {} rows for {} subjects from {} records in {:.2f} s",
               annex.rows.size(), subjects->size(), annex.records.size(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return annex;
}

}  // namespace tiersight::core

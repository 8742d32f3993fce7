#include "core/finding_evidence.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <memory>
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

// Agent id -> its list in `lists`, the agent findings naming it as a
// subject, ascending. A list is made by extending a shorter one by a
// finding, and each extension is made once: subjects named by the same
// findings share one list, so a subject costs its id and an index.
struct SubjectFindings {
  absl::flat_hash_map<std::string, uint32_t> list_of;
  std::vector<std::vector<int32_t>> lists = {{}};

  uint32_t ListOf(std::string_view id) const {
    if (id.empty()) return 0;
    auto it = list_of.find(absl::string_view(id.data(), id.size()));
    return it == list_of.end() ? 0 : it->second;
  }
};

absl::StatusOr<SubjectFindings> AgentSubjects(const v1::AuditReport& report) {
  SubjectFindings subjects;
  absl::flat_hash_map<std::pair<uint32_t, int32_t>, uint32_t> extended;
  for (int32_t i = 0; i < report.findings_size(); ++i) {
    const v1::Finding& f = report.findings(i);
    if (f.scope() != "agent") continue;
    if (f.subjects_truncated() || f.subjects_size() < f.subject_count()) {
      return absl::FailedPreconditionError(
          StrCat("finding ", i, " (", f.pack(), " ", f.rule_id(), ") lists ", f.subjects_size(),
                 " of its ", f.subject_count(), " subjects; its evidence needs every subject"));
    }
    for (const std::string& s : f.subjects()) {
      uint32_t& list = subjects.list_of.try_emplace(s, 0).first->second;
      if (!subjects.lists[list].empty() && subjects.lists[list].back() == i) continue;
      const auto [it, inserted] =
          extended.try_emplace(std::pair{list, i}, static_cast<uint32_t>(subjects.lists.size()));
      if (inserted) {
        std::vector<int32_t> longer = subjects.lists[list];
        longer.push_back(i);
        subjects.lists.push_back(std::move(longer));
      }
      list = it->second;
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

// What the annex reads again: the files present in the bundle, as the load
// accepted them.
struct EvidenceSource {
  std::string bundle_dir;
  std::vector<graph::AcceptedRows> files;
  SubjectFindings subjects;

  absl::Status ForEachRecord(const exports::EvidenceVisitor& visit) const {
    for (const graph::AcceptedRows& rows : files) {
      absl::Status s = graph::ForEachPartyRecord(
          bundle_dir, rows,
          [&](std::string_view id) {
            return subjects.list_of.contains(absl::string_view(id.data(), id.size()));
          },
          [&](graph::PartyRecord record) {
            visit(record, subjects.ListOf(record.from), subjects.ListOf(record.to));
          });
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  }
};

}  // namespace

absl::StatusOr<exports::EvidenceAnnex> FindingEvidence(const std::string& bundle_dir,
                                                       const v1::AuditReport& report) {
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<SubjectFindings> subjects = AgentSubjects(report);
  if (!subjects.ok()) return subjects.status();
  exports::EvidenceAnnex annex;
  if (subjects->list_of.empty()) return annex;
  auto source = std::make_shared<EvidenceSource>();
  source->bundle_dir = bundle_dir;
  for (std::string_view file : {graph::kOrdersFile, graph::kPaymentsFile}) {
    for (const v1::FileLoadCounts& counts : report.load().files()) {
      if (counts.file() != file || !counts.present()) continue;
      absl::StatusOr<graph::AcceptedRows> rows = AcceptedRowsOf(report.load(), counts, file);
      if (!rows.ok()) return rows.status();
      source->files.push_back(*std::move(rows));
      break;
    }
  }
  annex.finding_lists = subjects->lists;
  source->subjects = *std::move(subjects);
  // Read once here to check the files and count the rows, which
  // provenance.csv gives before the table is written; the table reads them
  // again rather than holding them.
  int64_t records = 0;
  absl::Status read =
      source->ForEachRecord([&](const graph::PartyRecord&, uint32_t from, uint32_t to) {
        ++records;
        annex.rows += (from != 0) + (to != 0);
      });
  if (!read.ok()) return read;
  annex.for_each_record = [source](const exports::EvidenceVisitor& visit) {
    return source->ForEachRecord(visit);
  };
  spdlog::info(
      "evidence annex: {} rows for {} subjects ({} distinct finding lists) from {} records in "
      "{:.2f} s",
      annex.rows, source->subjects.list_of.size(), annex.finding_lists.size() - 1, records,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  return annex;
}

}  // namespace tiersight::core

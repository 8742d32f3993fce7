#include "graph/dated_spend.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_files.h"
#include "graph/csv_table.h"

namespace tiersight::graph {
namespace {

// The lines of `file` the load rejected, ascending.
std::vector<int64_t> RejectedLines(const LoadReport& load, std::string_view file) {
  std::vector<int64_t> lines;
  for (const LoadIssue& e : load.errors) {
    if (e.file == file && e.line > 0) lines.push_back(e.line);
  }
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  return lines;
}

int64_t LoadedRows(const LoadReport& load, std::string_view file) {
  for (const FileCounts& c : load.files) {
    if (c.file == file) return c.loaded;
  }
  return 0;
}

absl::Status Changed(std::string_view file, int64_t line, std::string_view what) {
  return absl::FailedPreconditionError(
      StrCat(file, ":", line, ": ", what, " (the bundle changed since it was loaded)"));
}

// Reads `file` again and hands each row the load accepted to `row`, which
// returns false when the row no longer reads as it did.
template <typename Row>
absl::Status ForEachAcceptedRow(const std::string& dir, const Network& network,
                                const LoadReport& load, std::string_view file,
                                std::span<const BundleColumn> columns, Row row) {
  const std::string path = (std::filesystem::path(dir) / file).string();
  std::vector<LoadIssue> warnings;
  absl::StatusOr<CsvTable> table =
      CsvTable::Open(path, std::string(file), network.config.encoding, columns, warnings);
  if (!table.ok()) {
    return absl::FailedPreconditionError(
        StrCat(file, ": cannot be read again: ", std::string(table.status().message())));
  }
  const std::vector<int64_t> rejected = RejectedLines(load, file);
  auto next_rejected = rejected.begin();
  const int c_date = table->Column("date");
  int64_t accepted = 0;
  CsvRecord rec;
  while (table->Next(rec)) {
    while (next_rejected != rejected.end() && *next_rejected < rec.line) ++next_rejected;
    if (next_rejected != rejected.end() && *next_rejected == rec.line) continue;
    if (!rec.error.empty() || !table->HasAllFields(rec)) {
      return Changed(file, rec.line, "a row the load accepted is malformed");
    }
    const std::optional<base::Day> day = base::ParseDay(CsvTable::Field(rec, c_date));
    if (!day) return Changed(file, rec.line, "a row the load accepted has no date");
    if (network.config.as_of && *day > *network.config.as_of) continue;
    if (!row(*table, rec, *day)) return Changed(file, rec.line, "a row the load accepted differs");
    ++accepted;
  }
  if (accepted != LoadedRows(load, file)) {
    return absl::FailedPreconditionError(
        StrCat(file, ": ", accepted, " rows read again, ", LoadedRows(load, file),
               " loaded (the bundle changed since it was loaded)"));
  }
  return absl::OkStatus();
}

// The agent an accepted row names, or kNoAgent for an empty id (the company
// or a consumer). False when the id names no loaded agent.
bool PartyOf(const Network& network, std::string_view id, uint32_t& agent) {
  agent = kNoAgent;
  if (id.empty()) return true;
  agent = network.Find(id);
  return agent != kNoAgent;
}

}  // namespace

absl::Status ForEachDatedSpend(const std::string& dir, const Network& network,
                               const LoadReport& load, const SpendVisitor& visit) {
  for (const FileCounts& c : load.files) {
    if (c.file != kOrdersFile || !c.present) continue;
    absl::Status status = ForEachAcceptedRow(
        dir, network, load, kOrdersFile, kOrderColumns,
        [&](const CsvTable& table, const CsvRecord& rec, base::Day day) {
          uint32_t buyer = kNoAgent;
          if (!PartyOf(network, CsvTable::Field(rec, table.Column("buyer_id")), buyer)) {
            return false;
          }
          if (buyer == kNoAgent) return true;
          const Parsed<Amount> amount = ParseAmount(CsvTable::Field(rec, table.Column("amount")));
          if (!amount.ok()) return false;
          const bool is_return = AsciiLower(CsvTable::Field(rec, table.Column("kind"))) == "return";
          visit(DatedSpend{
              .agent = buyer, .day = day, .amount = is_return ? -amount.value : amount.value});
          return true;
        });
    if (!status.ok()) return status;
  }
  for (const FileCounts& c : load.files) {
    if (c.file != kPaymentsFile || !c.present) continue;
    absl::Status status = ForEachAcceptedRow(
        dir, network, load, kPaymentsFile, kPaymentColumns,
        [&](const CsvTable& table, const CsvRecord& rec, base::Day day) {
          uint32_t payer = kNoAgent;
          if (!PartyOf(network, CsvTable::Field(rec, table.Column("payer_id")), payer)) {
            return false;
          }
          const std::string kind = AsciiLower(CsvTable::Field(rec, table.Column("kind")));
          if (payer == kNoAgent || (kind != "entry_fee" && kind != "training_fee")) return true;
          const Parsed<Amount> amount = ParseAmount(CsvTable::Field(rec, table.Column("amount")));
          if (!amount.ok()) return false;
          visit(DatedSpend{.agent = payer, .day = day, .amount = amount.value});
          return true;
        });
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace tiersight::graph

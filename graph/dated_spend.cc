#include "graph/dated_spend.h"

#include "base/str_cat.h"
#include "graph/accepted_rows.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_files.h"
#include "graph/csv_table.h"

namespace tiersight::graph {
namespace {

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
        dir, AcceptedRowsOf(network, load, kOrdersFile), kOrderColumns,
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
        dir, AcceptedRowsOf(network, load, kPaymentsFile), kPaymentColumns,
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

#include "graph/party_records.h"

#include "base/str_cat.h"
#include "graph/bundle_columns.h"
#include "graph/bundle_files.h"

namespace tiersight::graph {

std::string_view PartyRoleName(PartyRole role) {
  switch (role) {
    case PartyRole::kSeller:
      return "seller";
    case PartyRole::kBuyer:
      return "buyer";
    case PartyRole::kPayer:
      return "payer";
    case PartyRole::kPayee:
      return "payee";
  }
  return "";
}

PartyRole PartyRecord::from_role() const {
  return file == kOrdersFile ? PartyRole::kSeller : PartyRole::kPayer;
}

PartyRole PartyRecord::to_role() const {
  return file == kOrdersFile ? PartyRole::kBuyer : PartyRole::kPayee;
}

absl::Status ForEachPartyRecord(const std::string& dir, const AcceptedRows& rows,
                                const AgentFilter& wanted,
                                const std::function<void(PartyRecord)>& visit) {
  const bool orders = rows.file == kOrdersFile;
  const std::span<const BundleColumn> columns =
      orders ? std::span<const BundleColumn>(kOrderColumns)
             : std::span<const BundleColumn>(kPaymentColumns);
  int c_id = -1, c_from = -1, c_to = -1, c_quantity = -1, c_amount = -1, c_kind = -1;
  return ForEachAcceptedRow(
      dir, rows, columns, [&](const CsvTable& table, const CsvRecord& rec, base::Day day) {
        if (c_id < 0) {
          c_id = table.Column(orders ? "order_id" : "payment_id");
          c_from = table.Column(orders ? "seller_id" : "payer_id");
          c_to = table.Column(orders ? "buyer_id" : "payee_id");
          c_quantity = table.Column("quantity");
          c_amount = table.Column("amount");
          c_kind = table.Column("kind");
        }
        const std::string_view from = CsvTable::Field(rec, c_from);
        const std::string_view to = CsvTable::Field(rec, c_to);
        const bool from_wanted = !from.empty() && wanted(from);
        if (!from_wanted && (to.empty() || !wanted(to))) return true;
        std::string kind = AsciiLower(CsvTable::Field(rec, c_kind));
        if (kind.empty() && orders) kind = "sale";
        visit(PartyRecord{.file = rows.file,
                          .line = rec.line,
                          .id = std::string(CsvTable::Field(rec, c_id)),
                          .date = base::FormatDay(day),
                          .kind = std::move(kind),
                          .quantity = std::string(CsvTable::Field(rec, c_quantity)),
                          .amount = std::string(CsvTable::Field(rec, c_amount)),
                          .from = std::string(from),
                          .to = std::string(to)});
        return true;
      });
}

}  // namespace tiersight::graph

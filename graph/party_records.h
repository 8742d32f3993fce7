// The orders and payments that some agents are parties to, read again from
// a bundle: the records behind a finding about those agents. Only the rows
// the load accepted (graph/accepted_rows.h), and only those naming one of
// the agents, are kept, so memory grows with what is found, not with the
// bundle. Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "graph/accepted_rows.h"

namespace tiersight::graph {

// An agent's part in a record: orders have a seller and a buyer, payments
// a payer and a payee.
enum class PartyRole : uint8_t { kSeller, kBuyer, kPayer, kPayee };

// "seller", "buyer", "payer" or "payee".
std::string_view PartyRoleName(PartyRole role);

// One accepted row of orders.csv or payments.csv, its fields as written
// (trimmed) except where noted.
struct PartyRecord {
  std::string_view file;  // kOrdersFile or kPaymentsFile
  int64_t line = 0;       // where the record starts (the header is line 1)
  std::string id;         // order_id or payment_id
  std::string date;       // YYYY-MM-DD: the day, without a time
  std::string kind;       // lower case; "sale" for an order that names none
  std::string quantity;   // orders only
  std::string amount;     // the exact decimal as the bundle writes it
  // The seller or payer, and the buyer or payee; empty for the company or
  // a consumer outside the network.
  std::string from;
  std::string to;

  PartyRole from_role() const;
  PartyRole to_role() const;
};

// Whether an agent id is one of those whose records are wanted.
using AgentFilter = std::function<bool(std::string_view agent_id)>;

// Calls `visit` for every row of `rows.file` (orders.csv or payments.csv)
// in `dir` that the load accepted and whose seller, buyer, payer or payee
// passes `wanted`, in file order. Errors as ForEachAcceptedRow's.
absl::Status ForEachPartyRecord(const std::string& dir, const AcceptedRows& rows,
                                const AgentFilter& wanted,
                                const std::function<void(PartyRecord)>& visit);

}  // namespace tiersight::graph

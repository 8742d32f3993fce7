// The generator's rows of orders.csv and payments.csv, formatted in place
// for a RowWriter, and the agent ids they name. Every profile writes its rows
// through these, so all generated bundles spell ids, dates and amounts alike.
// Stateless functions; thread-safe.
#ifndef TIERSIGHT_GENERATE_BUNDLE_ROWS_H_
#define TIERSIGHT_GENERATE_BUNDLE_ROWS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "generate/row_writer.h"
#include "graph/money_forms.h"

namespace tiersight::generate {

// No agent: the company as a party, or a consumer outside the network.
inline constexpr uint32_t kNoParty = 0xFFFFFFFFu;

// The kinds and their payments.csv spelling are the reader's.
using graph::PaymentKind;
using graph::PaymentKindName;

// Agent number `agent` (0-based) as a brand numbers its members: "A" and the
// 1-based number zero-padded to `width` digits.
char* PutAgentId(char* p, uint32_t agent, int width);

struct OrderRow {
  uint64_t number = 0;    // 1-based; the order id is "O" and this, zero-padded
  std::string_view date;  // YYYY-MM-DD
  uint32_t seller = kNoParty;
  uint32_t buyer = kNoParty;
  std::string_view sku_field;  // already CSV-ready
  uint32_t quantity = 0;
  int64_t cents = 0;
  bool is_return = false;
};

struct PaymentRow {
  uint64_t number = 0;  // 1-based; the payment id is "P" and this, zero-padded
  std::string_view date;
  uint32_t payer = kNoParty;
  uint32_t payee = kNoParty;
  int64_t cents = 0;
  PaymentKind kind = PaymentKind::kOther;
};

// Widths of the zero-padded numbers in ids.
struct IdWidths {
  int agent = 1;
  int row = 1;
};

// One row in the column order of graph/bundle_columns.h, line feed included.
char* PutOrderRow(char* p, const OrderRow& row, const IdWidths& widths);
char* PutPaymentRow(char* p, const PaymentRow& row, const IdWidths& widths);

// Writes agents.csv: the header on construction, then one row per Write,
// with the personal columns (region text, name) drawn from the seed so that
// every profile spells them alike.
class AgentRowWriter {
 public:
  AgentRowWriter(RowWriter& out, uint64_t seed, const IdWidths& widths);

  // `sponsor` kNoParty: recruited by the company; `left` empty: still in.
  void Write(uint32_t agent, uint32_t sponsor, std::string_view tier, std::string_view joined,
             std::string_view left, uint8_t region);

 private:
  RowWriter& out_;
  const uint64_t seed_;
  const IdWidths widths_;
  std::string region_;
  std::string name_;
};

}  // namespace tiersight::generate

#endif  // TIERSIGHT_GENERATE_BUNDLE_ROWS_H_

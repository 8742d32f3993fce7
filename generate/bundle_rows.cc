#include "generate/bundle_rows.h"

#include "generate/chinese_names.h"
#include "generate/random.h"
#include "generate/regions.h"
#include "generate/row_writer.h"
#include "graph/bundle_columns.h"

namespace tiersight::generate {
namespace {

// Salts of the per-agent hashes of the personal columns.
constexpr uint64_t kNameSalt = 4;
constexpr uint64_t kRegionTextSalt = 6;

char* PutParty(char* p, uint32_t agent, int width) {
  return agent == kNoParty ? p : PutAgentId(p, agent, width);
}

// The columns orders and payments share: id, date and the two parties.
char* PutRowStart(char* p, char prefix, uint64_t number, std::string_view date, uint32_t from,
                  uint32_t to, const IdWidths& widths) {
  *p++ = prefix;
  p = PutZeroPadded(p, number, widths.row);
  *p++ = ',';
  p = PutText(p, date);
  *p++ = ',';
  p = PutParty(p, from, widths.agent);
  *p++ = ',';
  p = PutParty(p, to, widths.agent);
  *p++ = ',';
  return p;
}

}  // namespace

char* PutAgentId(char* p, uint32_t agent, int width) {
  *p++ = 'A';
  return PutZeroPadded(p, uint64_t{agent} + 1, width);
}

AgentRowWriter::AgentRowWriter(RowWriter& out, uint64_t seed, const IdWidths& widths)
    : out_(out), seed_(seed), widths_(widths) {
  out_.EndRow(PutHeaderRow(out_.BeginRow(), graph::kAgentColumnNames));
}

void AgentRowWriter::Write(uint32_t agent, uint32_t sponsor, std::string_view tier,
                           std::string_view joined, std::string_view left, uint8_t region) {
  MakeRegionText(region, HashOf(seed_, kRegionTextSalt, agent), region_);
  MakePersonName(HashOf(seed_, kNameSalt, agent), name_);
  char* p = PutAgentId(out_.BeginRow(), agent, widths_.agent);
  *p++ = ',';
  p = PutParty(p, sponsor, widths_.agent);
  *p++ = ',';
  p = PutText(p, tier);
  *p++ = ',';
  p = PutText(p, joined);
  *p++ = ',';
  p = PutText(p, left);
  *p++ = ',';
  p = PutCsvField(p, region_);
  *p++ = ',';
  p = PutCsvField(p, name_);
  *p++ = '\n';
  out_.EndRow(p);
}

char* PutOrderRow(char* p, const OrderRow& row, const IdWidths& widths) {
  p = PutRowStart(p, 'O', row.number, row.date, row.seller, row.buyer, widths);
  p = PutText(p, row.sku_field);
  *p++ = ',';
  p = PutUint(p, row.quantity);
  *p++ = ',';
  p = PutCents(p, row.cents);
  return PutText(p, row.is_return ? ",return\n" : ",sale\n");
}

char* PutPaymentRow(char* p, const PaymentRow& row, const IdWidths& widths) {
  p = PutRowStart(p, 'P', row.number, row.date, row.payer, row.payee, widths);
  p = PutCents(p, row.cents);
  *p++ = ',';
  p = PutText(p, PaymentKindName(row.kind));
  *p++ = '\n';
  return p;
}

}  // namespace tiersight::generate

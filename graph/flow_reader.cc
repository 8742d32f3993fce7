#include "graph/flow_reader.h"

#include <algorithm>
#include <array>
#include <string>

#include "base/str_cat.h"
#include "graph/exact_amount.h"
#include "graph/row_id_registry.h"
#include "graph/stock_ledger.h"

namespace tiersight::graph {
namespace {

// Days 0..29 after the start are the first 30 days.
constexpr base::Day kFirstDaysWindow = 30;

// Adds several deltas at once, or none of them if any sum would overflow, so
// that a row is either counted whole or rejected whole.
class CheckedAdds {
 public:
  void Add(int64_t& target, int64_t delta) { items_[size_++] = {&target, delta}; }
  bool Commit() {
    std::array<int64_t, kMax> sums{};
    for (size_t i = 0; i < size_; ++i) {
      if (__builtin_add_overflow(*items_[i].target, items_[i].delta, &sums[i])) return false;
    }
    for (size_t i = 0; i < size_; ++i) *items_[i].target = sums[i];
    return true;
  }

 private:
  static constexpr size_t kMax = 12;
  struct Item {
    int64_t* target;
    int64_t delta;
  };
  std::array<Item, kMax> items_{};
  size_t size_ = 0;
};

// The joining-purchase sum a goods buy-in adds to; none for a fee.
Amount* JoiningPurchases(MoneyLedger& money, BuyInSource source) {
  switch (source) {
    case BuyInSource::kGoodsFromCompany:
      return &money.joining_from_company;
    case BuyInSource::kGoodsFromAgent:
      return &money.joining_from_agents;
    case BuyInSource::kFee:
      break;
  }
  return nullptr;
}

constexpr std::string_view kOverflow = "a figure would overflow 64 bits with this row";

class RowChecker {
 public:
  RowChecker(CsvTable& table, FlowReadContext& ctx)
      : table_(table), ctx_(ctx), counts_(ctx.report.CountsFor(table.file_name())) {}

  void Reject(const CsvRecord& rec, const base::Message& reason) {
    ctx_.report.errors.push_back(
        LoadIssue::Of(table_.file_name(), rec.line, reason, std::string(rec.raw)));
    ++counts_.rejected;
  }
  void Reject(const CsvRecord& rec, std::string_view reason) {
    Reject(rec, base::PlainMessage(reason));
  }

  // Malformed record or wrong field count: rejects and returns false.
  bool WellFormed(const CsvRecord& rec) {
    if (!rec.error.empty()) {
      Reject(rec, rec.error);
      return false;
    }
    if (!table_.HasAllFields(rec)) {
      Reject(rec, StrCat("row has ", rec.fields.size(), " fields; the header has ",
                         table_.header_size()));
      return false;
    }
    return true;
  }

  base::Day ReadDate(std::string_view text, std::vector<base::Message>& problems) {
    if (text.empty()) {
      problems.push_back(base::PlainMessage("date is empty"));
      return base::kNoDay;
    }
    // Exports are usually sorted by date, so the previous row's date is the
    // best guess for this one.
    std::optional<base::Day> day;
    if (text == last_date_text_) {
      day = last_day_;
    } else {
      day = base::ParseDay(text);
      if (!day) {
        problems.push_back(
            base::PlainMessage(StrCat("date '", text, "' is not a date (YYYY-MM-DD)")));
        return base::kNoDay;
      }
      last_date_text_.assign(text);
      last_day_ = *day;
    }
    if (ctx_.tally.latest_day == base::kNoDay || *day > ctx_.tally.latest_day) {
      ctx_.tally.latest_day = *day;
    }
    return *day;
  }

  Amount ReadAmount(std::string_view text, bool must_be_positive,
                    std::vector<base::Message>& problems) {
    if (text.empty()) {
      problems.push_back(base::PlainMessage("amount is empty"));
      return 0;
    }
    Parsed<Amount> amount = ParseAmount(text);
    if (!amount.ok()) {
      problems.push_back(base::PlainMessage(StrCat("amount ", amount.error)));
    } else if (must_be_positive && amount.value <= 0) {
      problems.push_back(
          base::PlainMessage(StrCat("amount must be greater than 0 (got '", text, "')")));
    } else if (amount.value < 0) {
      problems.push_back(
          base::PlainMessage(StrCat("amount must not be negative (got '", text, "')")));
    }
    return amount.value;
  }

  void CheckId(std::string_view column, std::string_view id, RowIdRegistry& registry,
               const CsvRecord& rec, std::vector<base::Message>& problems) {
    if (id.empty()) {
      problems.push_back(base::PlainMessage(StrCat(column, " is empty")));
      return;
    }
    const auto offset = static_cast<uint64_t>(rec.raw.data() - table_.text().data());
    if (const int64_t earlier = registry.Register(id, offset, rec.line); earlier != 0) {
      // Order and payment ids are the brand's own record numbers, not people.
      problems.insert(problems.begin(),
                      base::PlainMessage(StrCat("duplicate ", column, " '", id, "' (first on line ",
                                                earlier, ")")));
    }
  }

  // The accepted agent `id` names, or kNoAgent (with a problem) for an id
  // that is not one. An empty id stands for the company or a consumer.
  uint32_t Party(std::string_view column, std::string_view id,
                 std::vector<base::Message>& problems) const {
    if (id.empty()) return kNoAgent;
    const uint32_t slot = ctx_.network.ids.Find(id);
    if (slot == StringInterner::kNotFound || ctx_.roster.state[slot] == SlotState::kUndefined) {
      problems.push_back(base::MessageBuilder()
                             .Text(StrCat("unknown ", column, " '"))
                             .Agent("agent", id)
                             .Text("': no such agent in agents.csv")
                             .message());
      return kNoAgent;
    }
    const uint32_t agent = ctx_.network.agent_of[slot];
    if (agent != kNoAgent) return agent;
    if (ctx_.roster.state[slot] == SlotState::kIgnored) {
      problems.push_back(
          base::MessageBuilder()
              .Text(StrCat(column, " '"))
              .Agent("agent", id)
              .Text(StrCat("' names an agent who joined after as_of (agents.csv line ",
                           ctx_.roster.line[slot], ")"))
              .message());
    } else {
      problems.push_back(
          base::MessageBuilder()
              .Text(StrCat(column, " '"))
              .Agent("agent", id)
              .Text(StrCat("' names an agent rejected at agents.csv line ", ctx_.roster.line[slot]))
              .message());
    }
    return kNoAgent;
  }

  bool AfterAsOf(base::Day day) {
    if (ctx_.as_of && day > *ctx_.as_of) {
      ++counts_.ignored;
      return true;
    }
    return false;
  }

  void Loaded() { ++counts_.loaded; }

  // Counts a buy-in toward recruit_spend_share. Returns true when the agent
  // has no joined_at, so the buy-in waits until its first day is known.
  bool BuyIn(CheckedAdds& adds, uint32_t agent, base::Day day, Amount amount, BuyInSource source) {
    FlowTally& t = ctx_.tally;
    adds.Add(t.buy_in_total[agent], amount);
    const base::Day joined = ctx_.network.joined[agent];
    if (joined == base::kNoDay) return true;
    if (day >= joined && day - joined < kFirstDaysWindow) {
      adds.Add(t.buy_in_first_30_days[agent], amount);
      if (Amount* joining = JoiningPurchases(ctx_.network.money, source))
        adds.Add(*joining, amount);
    }
    return false;
  }

  // A return within the agent's first 30 days, for what it paid to join.
  void EarlyReturn(CheckedAdds& adds, uint32_t agent, base::Day day, Amount amount,
                   BuyInSource source) {
    const base::Day joined = ctx_.network.joined[agent];
    if (joined != base::kNoDay && day >= joined && day - joined < kFirstDaysWindow) {
      adds.Add(ctx_.network.flows.returns_first_30_days[agent], amount);
      if (Amount* joining = JoiningPurchases(ctx_.network.money, source)) {
        adds.Add(*joining, -amount);
      }
    }
  }

  void Pending(uint32_t agent, base::Day day, Amount amount, BuyInSource source) {
    ctx_.tally.pending.push_back({agent, day, amount, source});
  }

  void Seen(uint32_t agent, base::Day day) {
    base::Day& first = ctx_.tally.first_seen[agent];
    if (first == base::kNoDay || day < first) first = day;
  }

  FlowReadContext& ctx() { return ctx_; }

 private:
  CsvTable& table_;
  FlowReadContext& ctx_;
  FileCounts& counts_;
  std::string last_date_text_;
  base::Day last_day_ = base::kNoDay;
};

}  // namespace

void ReadOrders(CsvTable& table, FlowReadContext& ctx) {
  const int c_id = table.Column("order_id"), c_date = table.Column("date");
  const int c_seller = table.Column("seller_id"), c_buyer = table.Column("buyer_id");
  const int c_qty = table.Column("quantity"), c_amount = table.Column("amount");
  const int c_kind = table.Column("kind"), c_sku = table.Column("sku");
  RowChecker check(table, ctx);
  StockLedger ledger;
  RowIdRegistry registry(table.text(), c_id);
  AgentFlows& f = ctx.network.flows;
  CompanyFlows& company = ctx.network.company;
  std::vector<base::Message> problems;
  CsvRecord rec;
  while (table.Next(rec)) {
    if (!check.WellFormed(rec)) continue;
    problems.clear();
    check.CheckId("order_id", CsvTable::Field(rec, c_id), registry, rec, problems);
    const base::Day day = check.ReadDate(CsvTable::Field(rec, c_date), problems);
    const std::string_view seller_id = CsvTable::Field(rec, c_seller);
    const std::string_view buyer_id = CsvTable::Field(rec, c_buyer);
    int64_t quantity = 0;
    if (const std::string_view q = CsvTable::Field(rec, c_qty); q.empty()) {
      problems.push_back(base::PlainMessage("quantity is empty"));
    } else if (Parsed<int64_t> parsed = ParseQuantity(q); !parsed.ok()) {
      problems.push_back(base::PlainMessage(StrCat("quantity ", parsed.error)));
    } else if (parsed.value <= 0) {
      problems.push_back(
          base::PlainMessage(StrCat("quantity must be greater than 0 (got '", q, "')")));
    } else {
      quantity = parsed.value;
    }
    const Amount amount = check.ReadAmount(CsvTable::Field(rec, c_amount), false, problems);
    bool is_return = false;
    if (const std::string kind = AsciiLower(CsvTable::Field(rec, c_kind)); kind == "return") {
      is_return = true;
    } else if (!kind.empty() && kind != "sale") {
      problems.push_back(base::PlainMessage(
          StrCat("unknown kind '", CsvTable::Field(rec, c_kind), "' (sale or return)")));
    }
    if (!problems.empty()) {
      check.Reject(rec, base::JoinMessages(problems, "; "));
      continue;
    }
    if (check.AfterAsOf(day)) continue;
    if (!seller_id.empty() && seller_id == buyer_id) {
      problems.push_back(base::MessageBuilder()
                             .Text("seller_id and buyer_id are the same agent '")
                             .Agent("agent", seller_id)
                             .Text("'")
                             .message());
    }
    const uint32_t seller = check.Party("seller_id", seller_id, problems);
    const uint32_t buyer = check.Party("buyer_id", buyer_id, problems);
    if (!problems.empty()) {
      check.Reject(rec, base::JoinMessages(problems, "; "));
      continue;
    }

    const int64_t units = is_return ? -quantity : quantity;
    const Amount money = is_return ? -amount : amount;
    CheckedAdds adds;
    bool pending = false;
    const BuyInSource source =
        seller == kNoAgent ? BuyInSource::kGoodsFromCompany : BuyInSource::kGoodsFromAgent;
    if (buyer != kNoAgent) {
      adds.Add(f.units_bought[buyer], units);
      adds.Add(f.goods_spend[buyer], money);
      if (!is_return) {
        pending = check.BuyIn(adds, buyer, day, amount, source);
      } else {
        check.EarlyReturn(adds, buyer, day, amount, source);
      }
    }
    if (seller != kNoAgent) {
      if (buyer != kNoAgent) {
        adds.Add(f.units_sold_to_agents[seller], units);
        adds.Add(f.wholesale_revenue[seller], money);
      } else {
        adds.Add(f.units_retailed[seller], units);
        adds.Add(f.retail_revenue[seller], money);
      }
    } else if (buyer != kNoAgent) {
      adds.Add(company.goods_revenue, money);
      adds.Add(company.units_to_agents, units);
    }
    if (!adds.Commit()) {
      check.Reject(rec, std::string(kOverflow));
      continue;
    }
    if (pending) check.Pending(buyer, day, amount, source);
    if (buyer != kNoAgent || seller != kNoAgent) {
      const uint32_t sku = ledger.Sku(CsvTable::Field(rec, c_sku));
      if (buyer != kNoAgent) ledger.Bought(buyer, sku, units, money);
      if (seller != kNoAgent) ledger.SoldOn(seller, sku, units);
    }
    if (buyer != kNoAgent) check.Seen(buyer, day);
    if (seller != kNoAgent) check.Seen(seller, day);
    check.Loaded();
  }
  ctx.network.stock_value = ledger.ValueOnHand(ctx.network.size());
}

void ReadPayments(CsvTable& table, FlowReadContext& ctx) {
  const int c_id = table.Column("payment_id"), c_date = table.Column("date");
  const int c_payer = table.Column("payer_id"), c_payee = table.Column("payee_id");
  const int c_amount = table.Column("amount"), c_kind = table.Column("kind");
  RowChecker check(table, ctx);
  RowIdRegistry registry(table.text(), c_id);
  AgentFlows& f = ctx.network.flows;
  CompanyFlows& company = ctx.network.company;
  std::vector<base::Message> problems;
  CsvRecord rec;
  while (table.Next(rec)) {
    if (!check.WellFormed(rec)) continue;
    problems.clear();
    check.CheckId("payment_id", CsvTable::Field(rec, c_id), registry, rec, problems);
    const base::Day day = check.ReadDate(CsvTable::Field(rec, c_date), problems);
    const std::string_view payer_id = CsvTable::Field(rec, c_payer);
    const std::string_view payee_id = CsvTable::Field(rec, c_payee);
    const Amount amount = check.ReadAmount(CsvTable::Field(rec, c_amount), true, problems);
    const std::optional<PaymentKind> kind =
        ParsePaymentKind(AsciiLower(CsvTable::Field(rec, c_kind)));
    const bool is_fee = kind == PaymentKind::kEntryFee || kind == PaymentKind::kTrainingFee;
    if (CsvTable::Field(rec, c_kind).empty()) {
      problems.push_back(base::PlainMessage("kind is empty"));
    } else if (!kind) {
      problems.push_back(base::PlainMessage(StrCat(
          "unknown kind '", CsvTable::Field(rec, c_kind),
          "' (entry_fee, training_fee, recruitment_bonus, override, retail_commission, refund or "
          "other)")));
    }
    if (!problems.empty()) {
      check.Reject(rec, base::JoinMessages(problems, "; "));
      continue;
    }
    if (check.AfterAsOf(day)) continue;
    if (payer_id.empty() && payee_id.empty()) {
      problems.push_back(base::PlainMessage("payer_id and payee_id are both empty"));
    } else if (payer_id == payee_id) {
      problems.push_back(base::MessageBuilder()
                             .Text("payer_id and payee_id are the same agent '")
                             .Agent("agent", payer_id)
                             .Text("'")
                             .message());
    }
    const uint32_t payer = check.Party("payer_id", payer_id, problems);
    const uint32_t payee = check.Party("payee_id", payee_id, problems);
    if (!problems.empty()) {
      check.Reject(rec, base::JoinMessages(problems, "; "));
      continue;
    }

    CheckedAdds adds;
    bool pending = false;
    const MoneyDirection direction = DirectionOf(payer != kNoAgent, payee != kNoAgent);
    adds.Add(ctx.network.money.payments[static_cast<size_t>(*kind)][static_cast<size_t>(direction)],
             amount);
    if (payer != kNoAgent) {
      if (is_fee) {
        adds.Add(f.fees_paid[payer], amount);
        if (kind == PaymentKind::kTrainingFee) adds.Add(f.training_fees_paid[payer], amount);
        pending = check.BuyIn(adds, payer, day, amount, BuyInSource::kFee);
      } else {
        adds.Add(f.other_payments_made[payer], amount);
      }
    }
    if (payee != kNoAgent) {
      adds.Add(f.payments_received[payee], amount);
      if (is_fee) {
        adds.Add(f.fees_received[payee], amount);
      } else if (kind == PaymentKind::kRecruitmentBonus) {
        adds.Add(f.recruitment_bonuses[payee], amount);
      } else if (kind == PaymentKind::kOverride) {
        adds.Add(f.overrides[payee], amount);
      } else if (kind == PaymentKind::kRetailCommission) {
        adds.Add(f.retail_rewards[payee], amount);
      }
    } else if (is_fee) {
      adds.Add(company.fee_revenue, amount);
    }
    if (!adds.Commit()) {
      check.Reject(rec, std::string(kOverflow));
      continue;
    }
    if (pending) check.Pending(payer, day, amount, BuyInSource::kFee);
    if (payer != kNoAgent) check.Seen(payer, day);
    if (payee != kNoAgent) check.Seen(payee, day);
    check.Loaded();
  }
}

FlowTally::FlowTally(size_t agents)
    : buy_in_total(agents, 0), buy_in_first_30_days(agents, 0), first_seen(agents, base::kNoDay) {}

void MergeTallies(const FlowTally& orders, const FlowTally& payments, AgentFlows& flows,
                  MoneyLedger& money) {
  // Each tally's sums were checked row by row; a sum of two 63-bit values
  // saturates rather than wraps in the implausible case that it overflows.
  auto add = [](Amount a, Amount b) {
    Amount sum;
    return __builtin_add_overflow(a, b, &sum) ? INT64_MAX : sum;
  };
  const size_t n = flows.buy_in_total.size();
  for (size_t a = 0; a < n; ++a) {
    flows.buy_in_total[a] = add(orders.buy_in_total[a], payments.buy_in_total[a]);
    flows.buy_in_first_30_days[a] =
        add(orders.buy_in_first_30_days[a], payments.buy_in_first_30_days[a]);
  }
  auto first_seen = [&](uint32_t a) {
    const base::Day x = orders.first_seen[a], y = payments.first_seen[a];
    if (x == base::kNoDay) return y;
    if (y == base::kNoDay) return x;
    return std::min(x, y);
  };
  for (const auto* pending : {&orders.pending, &payments.pending}) {
    for (const PendingBuyIn& p : *pending) {
      const base::Day start = first_seen(p.agent);
      if (start != base::kNoDay && p.day >= start && p.day - start < kFirstDaysWindow) {
        flows.buy_in_first_30_days[p.agent] = add(flows.buy_in_first_30_days[p.agent], p.amount);
        if (Amount* joining = JoiningPurchases(money, p.source)) *joining = add(*joining, p.amount);
      }
    }
  }
}

}  // namespace tiersight::graph

// The money section's table of legal forms: the law names the form money
// takes (入门费, 拉人头, 团队计酬, retail), and a case turns on where it
// went, so each form is one row and each payer-payee pair one column.
#include <array>
#include <string>
#include <string_view>

#include "base/str_cat.h"
#include "exports/html_blocks.h"
#include "exports/html_escape.h"
#include "exports/html_sections.h"
#include "exports/number_format.h"
#include "exports/report_labels.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

constexpr std::array<std::string_view, 4> kDirections = {"agents_to_company", "company_to_agents",
                                                         "between_agents", "consumers_to_agents"};

std::string_view FormLabel(const ReportLabels& l, std::string_view form) {
  if (form == "entry_fee") return l.form_entry_fee;
  if (form == "training_fee") return l.form_training_fee;
  if (form == "joining_purchases") return l.form_joining_purchases;
  if (form == "goods") return l.form_goods;
  if (form == "recruitment_bonus") return l.form_recruitment_bonus;
  if (form == "override") return l.form_override;
  if (form == "retail_commission") return l.form_retail_commission;
  if (form == "retail_sales") return l.form_retail_sales;
  if (form == "refund") return l.form_refund;
  if (form == "other") return l.form_other;
  return form;
}

const v1::FigureValue* KeyFigure(const v1::AuditReport& report, std::string_view name) {
  for (const v1::FigureValue& v : report.key_figures()) {
    if (v.name() == name) return &v;
  }
  return nullptr;
}

}  // namespace

std::string MoneyFormsBlock(const Context& ctx) {
  const ReportLabels& l = ctx.labels;
  const v1::NetworkFigures& n = ctx.report.network();
  std::string out = StrCat("<h3>", EscapeHtml(l.money_by_form), "</h3>\n");
  if (n.money_flows().empty()) {
    // A report recorded before the money was split by form.
    return StrCat(out, "<p>", EscapeHtml(l.not_in_report), "</p>\n");
  }
  HtmlTable table{.css_class = "money-forms",
                  .headings = {std::string(l.money_form), std::string(l.agents_to_company),
                               std::string(l.company_to_agents), std::string(l.between_agents),
                               std::string(l.consumers_to_agents), std::string(l.total)},
                  .rows = {},
                  .numeric = {1, 2, 3, 4, 5}};
  for (const v1::MoneyFlow& flow : n.money_flows()) {
    std::vector<std::string> row{std::string(FormLabel(l, flow.form()))};
    for (std::string_view direction : kDirections) {
      std::string cell = "—";  // the form never flows this way
      for (const v1::MoneyDirectionAmount& d : flow.directions()) {
        if (d.direction() == direction) cell = FormatAmount(d.amount(), "", 2);
      }
      row.push_back(std::move(cell));
    }
    row.push_back(FormatAmount(flow.total(), "", 2));
    table.rows.push_back(std::move(row));
  }
  std::string intro(l.money_by_form_intro);
  intro.replace(intro.find("{currency}"), 10, ctx.currency);
  out += StrCat("<p>", EscapeHtml(intro), "</p>\n", RenderTable(table));
  Facts facts{{std::string(l.recruitment_reward_share), FormatShare(n.recruitment_reward_share())}};
  if (const v1::FigureValue* stock = KeyFigure(ctx.report, "stock_on_hand_value")) {
    facts.emplace_back(FigureLabel(l, stock->name()), FormatAmount(stock->value(), ctx.currency));
  }
  return out + RenderFacts(facts);
}

}  // namespace tiersight::exports

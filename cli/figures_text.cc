#include "cli/figures_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <vector>

#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"

namespace tiersight::cli {
namespace {

using graph::FigureUnit;

// Display width of UTF-8 text: CJK ideographs take two columns.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    i += len;
  }
  return width;
}

// A table with a header row; columns after the first are right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header) { rows_.push_back(std::move(header)); }
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Render(std::string_view indent) const {
    std::vector<size_t> widths(rows_[0].size(), 0);
    for (const auto& row : rows_) {
      for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
    }
    std::string out;
    for (const auto& row : rows_) {
      out += indent;
      for (size_t i = 0; i < row.size(); ++i) {
        const std::string pad(widths[i] - DisplayWidth(row[i]), ' ');
        out += i == 0 ? row[i] + pad : "  " + pad + row[i];
      }
      out += '\n';
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

namespace pb = google::protobuf;

// The proto carries counts and amounts as doubles that hold them exactly;
// print them as the exact integers and decimals they are.
std::string FigureText(FigureUnit unit, double v) {
  return unit == FigureUnit::kAmount
             ? graph::FormatAmount(std::llround(v * static_cast<double>(graph::kAmountScale)))
             : fmt::format("{}", std::llround(v));
}

std::vector<std::string> SumHeader(std::string first) {
  std::vector<std::string> header = {std::move(first), "agents"};
  const auto& catalogue = graph::AgentFigureCatalogue();
  for (size_t i = graph::kDirectRecruits; i < catalogue.size(); ++i) {
    header.emplace_back(catalogue[i].name);
  }
  return header;
}

// A level's or tier's sums, read by figure name so that the columns follow
// the catalogue as the graph-side tables did.
std::vector<std::string> SumRow(std::string first, const pb::Message& group) {
  const pb::Descriptor* descriptor = group.GetDescriptor();
  const pb::Reflection* reflection = group.GetReflection();
  std::vector<std::string> row = {
      std::move(first),
      fmt::format("{}", reflection->GetInt32(group, descriptor->FindFieldByName("agents")))};
  const auto& catalogue = graph::AgentFigureCatalogue();
  for (size_t i = graph::kDirectRecruits; i < catalogue.size(); ++i) {
    const pb::FieldDescriptor* field = descriptor->FindFieldByName(std::string(catalogue[i].name));
    if (field == nullptr) {
      row.emplace_back("-");
    } else if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
      row.push_back(fmt::format("{}", reflection->GetInt32(group, field)));
    } else {
      row.push_back(FigureText(catalogue[i].unit, reflection->GetDouble(group, field)));
    }
  }
  return row;
}

std::string Share(double v) { return fmt::format("{:.4f}", v); }

}  // namespace

std::string RenderLoadText(const tiersight::v1::LoadReport& report) {
  std::string out = fmt::format("Load ({}), as_of {}{}\n", report.lenient() ? "lenient" : "strict",
                                report.as_of().empty() ? "-" : report.as_of(),
                                report.as_of_declared() ? " (network.yaml)" : " (latest date)");
  Table files({"file", "loaded", "rejected", "ignored", "encoding"});
  for (const tiersight::v1::FileLoadCounts& f : report.files()) {
    if (!f.present()) {
      files.Add({f.file(), "-", "-", "-", "absent"});
      continue;
    }
    files.Add({f.file(), fmt::format("{}", f.loaded()), fmt::format("{}", f.rejected()),
               fmt::format("{}", f.ignored()), f.encoding()});
  }
  files.Add({"total", fmt::format("{}", report.loaded()), fmt::format("{}", report.rejected()),
             fmt::format("{}", report.ignored()), ""});
  out += files.Render("  ");
  auto list = [&](std::string_view title,
                  const pb::RepeatedPtrField<tiersight::v1::LoadIssue>& issues) {
    if (issues.empty()) return;
    out += fmt::format("{} ({}):\n", title, issues.size());
    for (const tiersight::v1::LoadIssue& i : issues) {
      out += i.line() > 0 ? fmt::format("  {}:{}: {}\n", i.file(), i.line(), i.reason())
                          : fmt::format("  {}: {}\n", i.file(), i.reason());
    }
  };
  list("Errors", report.errors());
  list("Warnings", report.warnings());
  if (report.refused()) out += "The bundle was refused: a file-level defect.\n";
  return out;
}

std::string RenderFiguresText(const FiguresTextInput& in) {
  const tiersight::v1::NetworkFigures& n = in.network;
  const std::string& currency = in.bundle.currency();
  std::string out = fmt::format("Network {}{}\n  bundle digest {}\n",
                                in.bundle.name().empty() ? "(unnamed)" : in.bundle.name(),
                                currency.empty() ? "" : fmt::format(" ({})", currency),
                                in.bundle.digest());
  Table net({"figure", "value"});
  auto count = [&](const char* name, double v) { net.Add({name, FigureText(FigureUnit::kCount, v)}); };
  auto amount = [&](const char* name, double v) { net.Add({name, FigureText(FigureUnit::kAmount, v)}); };
  auto share = [&](const char* name, double v) { net.Add({name, Share(v)}); };
  count("participants", n.participants());
  count("max_depth", n.max_depth());
  count("tops", n.tops());
  amount("company_goods_revenue", n.company_goods_revenue());
  amount("company_fee_revenue", n.company_fee_revenue());
  share("fee_revenue_share", n.fee_revenue_share());
  count("retail_units", n.retail_units());
  share("retail_share", n.retail_share());
  count("units_on_hand", n.units_on_hand());
  share("loss_share", n.loss_share());
  share("recruitment_reward_share", n.recruitment_reward_share());
  share("internal_sales_share", n.internal_sales_share());
  share("recruit_spend_share", n.recruit_spend_share());
  count("company_units_to_agents", n.company_units_to_agents());
  count("agents_with_negative_on_hand", n.agents_with_negative_on_hand());
  count("agents_with_loss", n.agents_with_loss());
  out += net.Render("  ");

  if (!in.negative_on_hand_agent_ids.empty()) {
    const int shown = in.negative_on_hand_agent_ids.size();
    out += fmt::format("  negative units_on_hand (inconsistent records): {}{}\n",
                       fmt::join(in.negative_on_hand_agent_ids, ", "),
                       n.agents_with_negative_on_hand() > shown
                           ? fmt::format(" and {} more", n.agents_with_negative_on_hand() - shown)
                           : "");
  }
  Table levels(SumHeader("depth"));
  for (const tiersight::v1::LevelFigures& g : in.levels) levels.Add(SumRow(fmt::format("{}", g.depth()), g));
  out += "\nLevels\n" + levels.Render("  ");
  Table tiers(SumHeader("tier"));
  for (const tiersight::v1::TierFigures& g : in.tiers) tiers.Add(SumRow(g.tier().empty() ? "\"\"" : g.tier(), g));
  out += "\nTiers\n" + tiers.Render("  ");
  return out;
}

}  // namespace tiersight::cli

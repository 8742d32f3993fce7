#include "services/figures_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <vector>

#include "graph/exact_amount.h"
#include "graph/figure_catalogue.h"

namespace tiersight::services {
namespace {

using graph::FigureUnit;

std::string Figure(FigureUnit unit, int64_t v) {
  return unit == FigureUnit::kAmount ? graph::FormatAmount(v) : fmt::format("{}", v);
}

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

std::vector<std::string> SumHeader(std::string first) {
  std::vector<std::string> header = {std::move(first), "agents"};
  const auto& catalogue = graph::AgentFigureCatalogue();
  for (size_t i = graph::kDirectRecruits; i < catalogue.size(); ++i) {
    header.emplace_back(catalogue[i].name);
  }
  return header;
}

std::vector<std::string> SumRow(std::string first, const graph::GroupFigures& g) {
  std::vector<std::string> row = {std::move(first), fmt::format("{}", g.agents)};
  const auto& catalogue = graph::AgentFigureCatalogue();
  for (size_t i = graph::kDirectRecruits; i < catalogue.size(); ++i) {
    row.push_back(Figure(catalogue[i].unit, g.sums[i]));
  }
  return row;
}

std::string Share(double v) { return fmt::format("{:.4f}", v); }

}  // namespace

std::string RenderLoadText(const graph::LoadReport& report) {
  std::string out = fmt::format("Load ({}), as_of {}{}\n", report.lenient ? "lenient" : "strict",
                                report.as_of.empty() ? "-" : report.as_of,
                                report.as_of_declared ? " (network.yaml)" : " (latest date)");
  Table files({"file", "loaded", "rejected", "ignored", "encoding"});
  for (const graph::FileCounts& f : report.files) {
    if (!f.present) {
      files.Add({f.file, "-", "-", "-", "absent"});
      continue;
    }
    files.Add({f.file, fmt::format("{}", f.loaded), fmt::format("{}", f.rejected),
               fmt::format("{}", f.ignored), f.encoding});
  }
  files.Add({"total", fmt::format("{}", report.TotalLoaded()),
             fmt::format("{}", report.TotalRejected()), fmt::format("{}", report.TotalIgnored()),
             ""});
  out += files.Render("  ");
  auto list = [&](std::string_view title, const std::vector<graph::LoadIssue>& issues) {
    if (issues.empty()) return;
    out += fmt::format("{} ({}):\n", title, issues.size());
    for (const graph::LoadIssue& i : issues) {
      out += i.line > 0 ? fmt::format("  {}:{}: {}\n", i.file, i.line, i.reason)
                        : fmt::format("  {}: {}\n", i.file, i.reason);
    }
  };
  list("Errors", report.errors);
  list("Warnings", report.warnings);
  if (report.refused) out += "The bundle was refused: a file-level defect.\n";
  return out;
}

std::string RenderFiguresText(const graph::Network& network, const graph::Figures& figures,
                              const std::string& digest) {
  const graph::NetworkFigures& n = figures.network;
  const std::string& currency = network.config.currency;
  std::string out = fmt::format("Network {}{}\n  bundle digest {}\n",
                                network.config.name.empty() ? "(unnamed)" : network.config.name,
                                currency.empty() ? "" : fmt::format(" ({})", currency), digest);
  Table net({"figure", "value"});
  auto count = [&](const char* name, int64_t v) { net.Add({name, fmt::format("{}", v)}); };
  auto amount = [&](const char* name, int64_t v) { net.Add({name, graph::FormatAmount(v)}); };
  auto share = [&](const char* name, double v) { net.Add({name, Share(v)}); };
  count("participants", n.participants);
  count("max_depth", n.max_depth);
  count("tops", n.tops);
  amount("company_goods_revenue", n.company_goods_revenue);
  amount("company_fee_revenue", n.company_fee_revenue);
  share("fee_revenue_share", n.fee_revenue_share);
  count("retail_units", n.retail_units);
  share("retail_share", n.retail_share);
  count("units_on_hand", n.units_on_hand);
  share("loss_share", n.loss_share);
  share("recruitment_reward_share", n.recruitment_reward_share);
  share("internal_sales_share", n.internal_sales_share);
  share("recruit_spend_share", n.recruit_spend_share);
  count("company_units_to_agents", n.company_units_to_agents);
  count("agents_with_negative_on_hand", n.agents_with_negative_on_hand);
  count("agents_with_loss", n.agents_with_loss);
  out += net.Render("  ");

  if (!figures.negative_on_hand_agents.empty()) {
    std::vector<std::string> ids;
    for (uint32_t a : figures.negative_on_hand_agents) ids.emplace_back(network.id(a));
    out += fmt::format("  negative units_on_hand (inconsistent records): {}{}\n",
                       fmt::join(ids, ", "),
                       n.agents_with_negative_on_hand > static_cast<int64_t>(ids.size())
                           ? fmt::format(" and {} more", n.agents_with_negative_on_hand -
                                                              static_cast<int64_t>(ids.size()))
                           : "");
  }
  Table levels(SumHeader("depth"));
  for (const graph::GroupFigures& g : figures.levels) levels.Add(SumRow(fmt::format("{}", g.depth), g));
  out += "\nLevels\n" + levels.Render("  ");
  Table tiers(SumHeader("tier"));
  for (const graph::GroupFigures& g : figures.tiers) tiers.Add(SumRow(g.tier.empty() ? "\"\"" : g.tier, g));
  out += "\nTiers\n" + tiers.Render("  ");
  return out;
}

}  // namespace tiersight::services

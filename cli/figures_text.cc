#include "cli/figures_text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <type_traits>
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

// A figure as the proto carries it (counts and amounts as doubles that hold
// them exactly), printed in its unit: exact integers and decimals, shares
// with four decimals.
std::string FigureText(const graph::FigureSpec& spec, const pb::Message& message) {
  const pb::FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(spec.name);
  if (field == nullptr) return "-";
  const pb::Reflection* reflection = message.GetReflection();
  if (field->cpp_type() == pb::FieldDescriptor::CPPTYPE_INT32) {
    return fmt::format("{}", reflection->GetInt32(message, field));
  }
  const double v = reflection->GetDouble(message, field);
  switch (spec.unit) {
    case FigureUnit::kMoney:
      return graph::FormatAmount(std::llround(v * static_cast<double>(graph::kAmountScale)));
    case FigureUnit::kCount:
    case FigureUnit::kUnits:
    case FigureUnit::kFlag:
      return fmt::format("{}", std::llround(v));
    default:
      return fmt::format("{:.4f}", v);
  }
}

// The exported figures of a scope that outputs print as columns or rows.
std::vector<const graph::FigureSpec*> Printed(graph::FigureScope scope) {
  std::vector<const graph::FigureSpec*> out;
  for (const graph::FigureSpec* spec : graph::FiguresOf(scope)) {
    if (spec->exported && spec->unit != FigureUnit::kTable) out.push_back(spec);
  }
  return out;
}

// A table of levels or tiers: one column per exported figure of the scope,
// after `key` for tiers (the label is not a figure).
template <typename Group>
std::string GroupTable(graph::FigureScope scope, const pb::RepeatedPtrField<Group>& groups) {
  const bool tiers = scope == graph::FigureScope::kTier;
  std::vector<std::string> header;
  if (tiers) header.emplace_back("tier");
  for (const graph::FigureSpec* spec : Printed(scope)) header.push_back(spec->name);
  Table table(std::move(header));
  for (const Group& g : groups) {
    std::vector<std::string> row;
    if constexpr (std::is_same_v<Group, tiersight::v1::TierFigures>) {
      row.push_back(g.tier().empty() ? "\"\"" : g.tier());
    }
    for (const graph::FigureSpec* spec : Printed(scope)) row.push_back(FigureText(*spec, g));
    table.Add(std::move(row));
  }
  return table.Render("  ");
}

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
  std::string out =
      fmt::format("Network {}{}\n  bundle digest {}\n",
                  in.bundle.name().empty() ? "(unnamed)" : in.bundle.name(),
                  currency.empty() ? "" : fmt::format(" ({})", currency), in.bundle.digest());
  Table net({"figure", "value"});
  for (const graph::FigureSpec* spec : Printed(graph::FigureScope::kNetwork)) {
    net.Add({spec->name, FigureText(*spec, n)});
  }
  out += net.Render("  ");

  if (!in.negative_on_hand_agent_ids.empty()) {
    const int shown = in.negative_on_hand_agent_ids.size();
    out += fmt::format("  negative units_on_hand (inconsistent records): {}{}\n",
                       fmt::join(in.negative_on_hand_agent_ids, ", "),
                       n.agents_with_negative_on_hand() > shown
                           ? fmt::format(" and {} more", n.agents_with_negative_on_hand() - shown)
                           : "");
  }
  out += "\nLevels\n" + GroupTable(graph::FigureScope::kLevel, in.levels);
  out += "\nTiers\n" + GroupTable(graph::FigureScope::kTier, in.tiers);
  return out;
}

}  // namespace tiersight::cli

#include "exports/report_labels.h"

#include <algorithm>
#include <span>

#include "base/str_cat.h"
#include "exports/number_format.h"
#include "exports/report_languages.h"

namespace tiersight::exports {
namespace {

// The text of `key` in a group (sorted by key by the catalogue generator);
// null when the group has none.
const std::string_view* Find(std::span<const LabelWord> words, std::string_view key) {
  const auto it =
      std::lower_bound(words.begin(), words.end(), key,
                       [](const LabelWord& w, std::string_view k) { return w.key < k; });
  return it != words.end() && it->key == key ? &it->text : nullptr;
}

// The text of `key`, or `key` itself.
std::string_view TextOr(std::span<const LabelWord> words, std::string_view key) {
  const std::string_view* text = Find(words, key);
  return text != nullptr ? *text : key;
}

// `text` with `placeholder` (which the catalogue check guarantees is there)
// replaced by `value`.
std::string Fill(std::string_view text, std::string_view placeholder, std::string_view value) {
  const size_t at = text.find(placeholder);
  if (at == std::string_view::npos) return std::string(text);
  return StrCat(text.substr(0, at), value, text.substr(at + placeholder.size()));
}

}  // namespace

absl::StatusOr<const ReportLabels*> LabelsFor(std::string_view lang) {
  for (const ReportLabels& labels : EmbeddedReportLabels()) {
    if (labels.language == lang) return &labels;
  }
  // No catalogue, so no report language: the error names the ones there are.
  return CheckReportLanguage(lang);
}

std::string_view SeverityLabel(const ReportLabels& labels, std::string_view severity) {
  return TextOr(labels.severity_names, severity);
}

std::string_view ScopeLabel(const ReportLabels& labels, std::string_view scope) {
  return TextOr(labels.scope_names, scope);
}

std::string_view RiskBandLabel(const ReportLabels& labels, std::string_view band) {
  return TextOr(labels.risk_bands, band);
}

std::string FigureLabel(const ReportLabels& labels, std::string_view figure) {
  if (figure.starts_with("network_")) figure.remove_prefix(std::string_view("network_").size());
  if (const std::string_view* label = Find(labels.figure_names, figure)) return std::string(*label);
  // Sums of a core figure over a downline or over every agent.
  for (auto [prefix, sum] : {std::pair{std::string_view("downline_"), labels.downline_figure},
                             std::pair{std::string_view("total_"), labels.total_figure}}) {
    if (!figure.starts_with(prefix)) continue;
    const std::string_view* summed = Find(labels.figure_names, figure.substr(prefix.size()));
    if (summed == nullptr) break;
    // The name runs on after the prefix ("Downline: spend"), so a Latin
    // capital is lowered; other scripts have none.
    return Fill(sum, "{figure}", StrCat(AsciiLower(summed->substr(0, 1)), summed->substr(1)));
  }
  return std::string(figure);
}

std::string LevelName(const ReportLabels& labels, int depth) {
  return Fill(labels.level_name, "{level}", StrCat(depth));
}

std::string ChainOmittedText(const ReportLabels& labels, int64_t omitted) {
  return Fill(labels.chain_omitted, "{count}", StrCat(omitted));
}

std::string SubjectsShownText(const ReportLabels& labels, int64_t shown, int64_t count) {
  return Fill(Fill(labels.subjects_shown, "{shown}", FormatCount(shown)), "{count}",
              FormatCount(count));
}

std::string FillLabel(std::string_view text,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  std::string out(text);
  for (const auto& [name, value] : values) out = Fill(out, StrCat("{", name, "}"), value);
  return out;
}

std::string TeamText(const ReportLabels& labels, int64_t people, int64_t levels) {
  return Fill(Fill(labels.team_text, "{people}", FormatCount(people)), "{levels}",
              FormatCount(levels));
}

std::string FindingsInAllText(const ReportLabels& labels, int64_t count) {
  return Fill(labels.findings_in_all, "{count}", FormatCount(count));
}

std::string ChartDataText(const ReportLabels& labels, std::string_view chart) {
  return Fill(labels.chart_data, "{chart}", chart);
}

std::string PrintShownText(const ReportLabels& labels, int64_t shown, int64_t count) {
  return Fill(Fill(labels.print_shown, "{shown}", FormatCount(shown)), "{count}",
              FormatCount(count));
}

std::string PercentileName(const ReportLabels& labels, int percentile) {
  return Fill(labels.percentile_name, "{percentile}", StrCat(percentile));
}

}  // namespace tiersight::exports

// The words of the HTML report in each of its languages. Every string a
// reader sees comes from a label catalogue (exports/languages/*.yaml,
// embedded at build time; report_label_catalogues.h declares ReportLabels,
// a field per key), so that a language is complete or absent, never mixed.
// Thread-safe (constant data).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "exports/report_label_catalogues.h"

namespace tiersight::exports {

// The labels of `lang`; INVALID_ARGUMENT naming it and the report languages
// (report_languages.h) when it is none of them.
absl::StatusOr<const ReportLabels*> LabelsFor(std::string_view lang);

// A severity ("info" ... "critical") or scope ("network" ... "agent") in the
// report's language; unknown words are returned as they are.
std::string_view SeverityLabel(const ReportLabels& labels, std::string_view severity);
std::string_view ScopeLabel(const ReportLabels& labels, std::string_view scope);
// A band of the risk index ("general" ... "highest").
std::string_view RiskBandLabel(const ReportLabels& labels, std::string_view band);

// A figure's name for readers ("units_on_hand" -> "Units on hand" / "库存数量",
// "downline_spend" -> "Downline: spend" / "下线支出", "total_spend" -> "All
// agents: spend" / "全体代理支出"); figures without one keep their catalogue
// name.
std::string FigureLabel(const ReportLabels& labels, std::string_view figure);

// "Level 3" / "第3层".
std::string LevelName(const ReportLabels& labels, int depth);

// "1,204 people over 9 levels": an organiser's team.
std::string TeamText(const ReportLabels& labels, int64_t people, int64_t levels);

// "45 findings in all, each in section 5."
std::string FindingsInAllText(const ReportLabels& labels, int64_t count);

// "P10" / "第10百分位".
std::string PercentileName(const ReportLabels& labels, int percentile);

// "… 12 more …": the agents left out of a long sponsor chain.
std::string ChainOmittedText(const ReportLabels& labels, int64_t omitted);

// "10 of 743 shown": the subjects a finding's card lists of those it
// concerns.
std::string SubjectsShownText(const ReportLabels& labels, int64_t shown, int64_t count);

// `text` (a label) with each {name} of `values` replaced by its value;
// placeholders not given are left as they are.
std::string FillLabel(std::string_view text,
                      std::initializer_list<std::pair<std::string_view, std::string_view>> values);
// "Data table: Units on hand by level": the <details> of a chart's data.
std::string ChartDataText(const ReportLabels& labels, std::string_view chart);

// "5 of 10 shown in print; ...": a list shortened on paper.
std::string PrintShownText(const ReportLabels& labels, int64_t shown, int64_t count);

}  // namespace tiersight::exports

// The words of the HTML report in each of its languages (English and
// Simplified Chinese as Chinese regulators write it). Every string a reader
// sees comes from here, so that a language is complete or absent, never
// mixed. Thread-safe (constant data).
#pragma once

#include <string>
#include <string_view>

namespace tiersight::exports {

struct ReportLabels {
  std::string_view html_lang;
  std::string_view report_title;
  std::string_view contents;
  // 1. Summary.
  std::string_view summary;
  std::string_view network_name;
  std::string_view as_of;
  std::string_view participants;
  std::string_view levels;
  std::string_view tops;
  std::string_view currency;
  std::string_view records_loaded;
  std::string_view records_rejected;
  std::string_view records_ignored;
  std::string_view verdicts;
  std::string_view pack;
  std::string_view version;
  std::string_view rules_fired;
  std::string_view highest_severity;
  std::string_view no_rule_fired;
  std::string_view digests;
  std::string_view bundle_digest;
  std::string_view pack_digest;
  std::string_view engine_version;
  std::string_view generated_at;
  std::string_view agent_ids;
  std::string_view ids_pseudonymised;
  std::string_view ids_included;
  std::string_view ids_unexported;
  std::string_view pseudonym_key_id;
  // 2. The pyramid.
  std::string_view pyramid;
  std::string_view pyramid_intro;
  std::string_view level;
  std::string_view level_prefix;  // "Level 3" / "第3层"
  std::string_view level_suffix;
  std::string_view agents;
  std::string_view units_on_hand;
  std::string_view units_retailed;
  // 3. Where the stock is.
  std::string_view stock;
  std::string_view stock_intro;
  std::string_view on_hand_by_level;
  std::string_view on_hand_by_tier;
  std::string_view tier;
  std::string_view no_tier;
  std::string_view units_bought;
  std::string_view sell_through;
  std::string_view sell_through_definition;
  std::string_view network_on_hand;
  std::string_view retail_share;
  std::string_view negative_on_hand;
  // 4. Where the money comes from.
  std::string_view money;
  std::string_view money_intro;
  std::string_view company_revenue;
  std::string_view goods_revenue;
  std::string_view fee_revenue;
  std::string_view fee_revenue_share;
  std::string_view rewards_paid;
  std::string_view recruitment_rewards;
  std::string_view retail_rewards;
  std::string_view recruitment_reward_share;
  std::string_view net_cash_by_level;
  std::string_view net_cash;
  std::string_view loss_share;
  std::string_view net_cash_distribution;
  std::string_view percentile_prefix;  // "P" / "第"
  std::string_view percentile_suffix;  // ""  / "百分位"
  std::string_view lowest;
  std::string_view median;
  std::string_view highest;
  std::string_view recruits_per_month;
  std::string_view recruits;
  std::string_view month;
  std::string_view recruits_without_date;
  std::string_view not_in_report;
  // 5. Findings.
  std::string_view findings;
  std::string_view no_findings;
  std::string_view severity;
  std::string_view rule;
  std::string_view scope;
  std::string_view subjects;
  std::string_view citation;
  std::string_view tags;
  std::string_view triggering_figures;
  std::string_view figure;
  std::string_view value;
  std::string_view evidence;
  std::string_view deepest_chain;
  std::string_view top_subjects;
  std::string_view subject;
  std::string_view rows_matched;
  std::string_view rows_evaluated;
  // 6. Method.
  std::string_view method;
  std::string_view method_intro;
  std::string_view definitions;
  std::string_view definition;
  std::string_view label;
  std::string_view definitions_note;
  std::string_view packs;
  std::string_view pack_file;
  std::string_view verify;
  std::string_view verify_intro;
  std::string_view verify_bundle_note;
  std::string_view embedded_json;
  std::string_view no_embedded_json;
  std::string_view downline_prefix;
  std::string_view total_prefix;
  std::string_view recruits_per_month_definition;
  std::string_view net_cash_percentiles_definition;
};

// "en" or "zh".
bool IsReportLanguage(std::string_view lang);

// The labels of `lang`; English for anything but "zh".
const ReportLabels& LabelsFor(std::string_view lang);

// A severity ("info" ... "critical") or scope ("network" ... "agent") in the
// report's language; unknown words are returned as they are.
std::string_view SeverityLabel(const ReportLabels& labels, std::string_view severity);
std::string_view ScopeLabel(const ReportLabels& labels, std::string_view scope);

// A figure's name for readers ("units_on_hand" -> "Units on hand" / "库存数量",
// "downline_spend" -> "Downline: spend" / "下线支出", "total_spend" -> "All
// agents: spend" / "全体代理支出"); figures without one keep their catalogue
// name.
std::string FigureLabel(const ReportLabels& labels, std::string_view figure);

// "Level 3" / "第3层".
std::string LevelName(const ReportLabels& labels, int depth);

}  // namespace tiersight::exports

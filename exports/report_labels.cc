#include "exports/report_labels.h"

#include <array>

#include "base/str_cat.h"

namespace tiersight::exports {
namespace {

constexpr ReportLabels kEnglish{
    .html_lang = "en",
    .report_title = "Agent network audit report",
    .contents = "Contents",
    .summary = "Summary",
    .network_name = "Network",
    .as_of = "As of",
    .participants = "Participants",
    .levels = "Depth levels",
    .tops = "Agents recruited by the company (level 1)",
    .currency = "Currency",
    .records_loaded = "Records loaded",
    .records_rejected = "Records rejected",
    .records_ignored = "Records ignored (dated after the as-of date)",
    .verdicts = "Verdict per rule pack",
    .pack = "Rule pack",
    .version = "Version",
    .rules_fired = "Rules that fired",
    .highest_severity = "Highest severity",
    .no_rule_fired = "no rule fired",
    .digests = "Digests and provenance",
    .bundle_digest = "Bundle digest (SHA-256)",
    .pack_digest = "Pack SHA-256",
    .engine_version = "Engine version",
    .generated_at = "Generated at",
    .agent_ids = "Agent identifiers",
    .ids_pseudonymised = "pseudonymised (keyed HMAC)",
    .ids_included = "as written in the bundle",
    .ids_unexported = "as written in the bundle (report not exported)",
    .pseudonym_key_id = "Pseudonym key id",
    .pyramid = "The pyramid",
    .pyramid_intro =
        "Agents per depth level (level 1: agents recruited by the company itself), "
        "with the units they hold and the units they sold to consumers.",
    .level = "Level",
    .level_prefix = "Level ",
    .level_suffix = "",
    .agents = "Agents",
    .units_on_hand = "Units on hand",
    .units_retailed = "Units retailed",
    .stock = "Where the stock is",
    .stock_intro =
        "Units bought and not resold, by depth level and by tier, and the share of the "
        "units bought that reached consumers.",
    .on_hand_by_level = "Units on hand by level",
    .on_hand_by_tier = "Units on hand by tier",
    .tier = "Tier",
    .no_tier = "(no tier)",
    .units_bought = "Units bought",
    .sell_through = "Retail sell-through",
    .sell_through_definition = "units retailed / units bought (0 when nothing was bought)",
    .network_on_hand = "Units on hand in the network",
    .retail_share = "Units retailed / units the company sold to agents",
    .negative_on_hand = "Agents whose records show negative stock",
    .money = "Where the money comes from",
    .money_intro =
        "What the company earned from goods and from fees, what the agents were paid "
        "for recruiting and for retailing, and what the participants were left with.",
    .company_revenue = "Company revenue",
    .goods_revenue = "Goods sold to agents",
    .fee_revenue = "Entry and training fees",
    .fee_revenue_share = "Fee share of company revenue",
    .rewards_paid = "Rewards paid to agents",
    .recruitment_rewards = "Recruitment rewards (bonuses and overrides)",
    .retail_rewards = "Retail commissions",
    .recruitment_reward_share = "Recruitment share of rewards",
    .net_cash_by_level = "Participants' net cash by level",
    .net_cash = "Net cash",
    .loss_share = "Participants who lost money",
    .net_cash_distribution = "Distribution of participants' net cash",
    .percentile_prefix = "P",
    .percentile_suffix = "",
    .lowest = "Lowest",
    .median = "Median",
    .highest = "Highest",
    .recruits_per_month = "Recruits per month",
    .recruits = "Recruits",
    .month = "Month",
    .recruits_without_date = "Agents without a joining date",
    .not_in_report = "Not in this report.",
    .findings = "Findings",
    .no_findings = "No rule fired.",
    .severity = "Severity",
    .rule = "Rule",
    .scope = "Scope",
    .subjects = "Subjects",
    .citation = "Citation",
    .tags = "Tags",
    .triggering_figures = "Figures that made the rule fire",
    .figure = "Figure",
    .value = "Value",
    .evidence = "Evidence",
    .deepest_chain = "Deepest sponsor chain (top first)",
    .top_subjects = "Top agents",
    .subject = "Subject",
    .rows_matched = "Rows matched",
    .rows_evaluated = "Rows evaluated",
    .method = "Method",
    .method_intro =
        "Every figure is computed from the bundle's agents, orders and payments as "
        "the bundle format defines it; amounts are summed exactly before any share "
        "is taken.",
    .definitions = "Figure definitions",
    .definition = "Definition",
    .label = "Name",
    .definitions_note = "",
    .packs = "Rule packs",
    .pack_file = "File",
    .verify = "How to verify this report",
    .verify_intro =
        "The signed JSON report carries the bundle digest, each pack's SHA-256 and "
        "the engine version. With the brand's public key and the bundle, run:",
    .verify_bundle_note =
        "The command checks the signature, then audits the bundle again and "
        "compares the findings.",
    .embedded_json =
        "The signed JSON report is embedded in this file (element "
        "\"tiersight-report\").",
    .no_embedded_json =
        "This file does not embed a signed JSON report; verify the report.json "
        "exported with it.",
    .downline_prefix = "Downline: ",
    .total_prefix = "All agents: ",
    .recruits_per_month_definition =
        "agents by the calendar month of joined_at, from the first "
        "month to the last; agents without joined_at counted apart",
    .net_cash_percentiles_definition =
        "the net_cash at or below which 10%, 25%, 50%, 75% and 90% "
        "of the agents fall (nearest rank), with the lowest and "
        "highest",
};

constexpr ReportLabels kChinese{
    .html_lang = "zh-CN",
    .report_title = "代理网络审计报告",
    .contents = "目录",
    .summary = "概要",
    .network_name = "网络名称",
    .as_of = "截止日期",
    .participants = "参与人数",
    .levels = "层级数",
    .tops = "公司直接招募的代理人数（第1层）",
    .currency = "币种",
    .records_loaded = "已载入记录",
    .records_rejected = "被拒绝记录",
    .records_ignored = "已忽略记录（日期晚于截止日期）",
    .verdicts = "各规则包结论",
    .pack = "规则包",
    .version = "版本",
    .rules_fired = "触发的规则",
    .highest_severity = "最高严重程度",
    .no_rule_fired = "未触发任何规则",
    .digests = "摘要与来源",
    .bundle_digest = "数据包摘要（SHA-256）",
    .pack_digest = "规则包 SHA-256",
    .engine_version = "引擎版本",
    .generated_at = "生成时间",
    .agent_ids = "代理人标识",
    .ids_pseudonymised = "已假名化（带密钥的 HMAC）",
    .ids_included = "与数据包一致（未假名化）",
    .ids_unexported = "与数据包一致（报告未导出）",
    .pseudonym_key_id = "假名密钥标识",
    .pyramid = "层级结构",
    .pyramid_intro =
        "各层级代理人数（第1层为公司直接招募的代理），以及各层级的库存数量和零售数量。",
    .level = "层级",
    .level_prefix = "第",
    .level_suffix = "层",
    .agents = "代理人数",
    .units_on_hand = "库存数量",
    .units_retailed = "零售数量",
    .stock = "库存分布",
    .stock_intro = "按层级和代理级别列示已进货但未售出的库存，以及进货中实际零售给消费者的比例。",
    .on_hand_by_level = "各层级库存数量",
    .on_hand_by_tier = "各代理级别库存数量",
    .tier = "代理级别",
    .no_tier = "（无级别）",
    .units_bought = "进货数量",
    .sell_through = "零售动销率",
    .sell_through_definition = "零售数量 ÷ 进货数量（未进货时为 0）",
    .network_on_hand = "网络库存总量",
    .retail_share = "零售数量 ÷ 公司向代理销售的数量",
    .negative_on_hand = "记录显示负库存的代理人数",
    .money = "资金来源",
    .money_intro =
        "公司来自商品销售和收费的收入、代理因招募和零售获得的奖励，以及参与者的净现金状况。",
    .company_revenue = "公司收入",
    .goods_revenue = "向代理销售商品",
    .fee_revenue = "入门费和培训费",
    .fee_revenue_share = "收费占公司收入比例",
    .rewards_paid = "向代理支付的奖励",
    .recruitment_rewards = "招募奖励（推荐奖和管理奖）",
    .retail_rewards = "零售佣金",
    .recruitment_reward_share = "招募奖励占奖励总额比例",
    .net_cash_by_level = "各层级参与者净现金",
    .net_cash = "净现金",
    .loss_share = "亏损参与者比例",
    .net_cash_distribution = "参与者净现金分布",
    .percentile_prefix = "第",
    .percentile_suffix = "百分位",
    .lowest = "最低",
    .median = "中位数",
    .highest = "最高",
    .recruits_per_month = "每月新增代理人数",
    .recruits = "新增代理",
    .month = "月份",
    .recruits_without_date = "无加入日期的代理人数",
    .not_in_report = "本报告未包含此项。",
    .findings = "发现",
    .no_findings = "未触发任何规则。",
    .severity = "严重程度",
    .rule = "规则",
    .scope = "范围",
    .subjects = "对象",
    .citation = "依据",
    .tags = "标签",
    .triggering_figures = "触发规则的指标",
    .figure = "指标",
    .value = "数值",
    .evidence = "证据",
    .deepest_chain = "最深推荐链（自上而下）",
    .top_subjects = "排名靠前的代理",
    .subject = "对象",
    .rows_matched = "符合条件的行数",
    .rows_evaluated = "评估的行数",
    .method = "方法",
    .method_intro =
        "所有指标均按数据包格式的定义，由数据包中的代理、订单和支付记录计算；"
        "金额先精确求和，再计算比例。",
    .definitions = "指标定义",
    .definition = "定义",
    .label = "名称",
    .definitions_note = "定义以规则包使用的英文原文列示，以便与规则条件逐字对照。",
    .packs = "规则包",
    .pack_file = "文件",
    .verify = "如何验证本报告",
    .verify_intro =
        "已签名的 JSON 报告载明数据包摘要、各规则包的 SHA-256 和引擎版本。"
        "使用品牌方公钥和数据包，运行：",
    .verify_bundle_note = "该命令先核验签名，再对数据包重新审计并比对发现。",
    .embedded_json = "本文件内嵌已签名的 JSON 报告（元素 \"tiersight-report\"）。",
    .no_embedded_json = "本文件未内嵌已签名的 JSON 报告；请验证随附导出的 report.json。",
    .downline_prefix = "下线",
    .total_prefix = "全体代理",
    .recruits_per_month_definition =
        "按加入日期（joined_at）所在自然月统计的代理人数，"
        "从最早月份至最晚月份；无加入日期的代理单独计数",
    .net_cash_percentiles_definition =
        "代理净现金的第10、25、50、75、90百分位数（最近秩法），"
        "以及最低值和最高值",
};

struct WordPair {
  std::string_view key;
  std::string_view en;
  std::string_view zh;
};

constexpr std::array kSeverities{
    WordPair{"info", "info", "提示"},         WordPair{"low", "low", "低"},
    WordPair{"medium", "medium", "中"},       WordPair{"high", "high", "高"},
    WordPair{"critical", "critical", "严重"},
};

constexpr std::array kScopes{
    WordPair{"network", "network", "网络"},
    WordPair{"level", "level", "层级"},
    WordPair{"tier", "tier", "代理级别"},
    WordPair{"agent", "agent", "代理"},
};

constexpr std::array kFigures{
    WordPair{"depth", "Depth level", "层级"},
    WordPair{"agents", "Agents", "代理人数"},
    WordPair{"direct_recruits", "Direct recruits", "直接招募人数"},
    WordPair{"downline_size", "Downline size", "下线人数"},
    WordPair{"downline_depth", "Downline depth", "下线层级数"},
    WordPair{"units_bought", "Units bought", "进货数量"},
    WordPair{"units_sold_to_agents", "Units sold to agents", "向代理销售数量"},
    WordPair{"units_retailed", "Units retailed", "零售数量"},
    WordPair{"units_on_hand", "Units on hand", "库存数量"},
    WordPair{"spend", "Spend", "支出"},
    WordPair{"wholesale_revenue", "Wholesale revenue", "批发收入"},
    WordPair{"retail_revenue", "Retail revenue", "零售收入"},
    WordPair{"sales_revenue", "Sales revenue", "销售收入"},
    WordPair{"fees_received", "Fees received", "收取的费用"},
    WordPair{"recruitment_bonuses", "Recruitment bonuses", "推荐奖"},
    WordPair{"overrides", "Overrides", "管理奖"},
    WordPair{"recruitment_rewards", "Recruitment rewards", "招募奖励"},
    WordPair{"retail_rewards", "Retail commissions", "零售佣金"},
    WordPair{"net_cash", "Net cash", "净现金"},
    WordPair{"participants", "Participants", "参与人数"},
    WordPair{"max_depth", "Depth levels", "层级数"},
    WordPair{"tops", "Top agents", "顶层代理人数"},
    WordPair{"company_goods_revenue", "Company goods revenue", "公司商品收入"},
    WordPair{"company_fee_revenue", "Company fee revenue", "公司收费收入"},
    WordPair{"fee_revenue_share", "Fee share of company revenue", "收费占公司收入比例"},
    WordPair{"retail_units", "Units retailed by agents", "代理零售数量"},
    WordPair{"retail_share", "Retail share", "零售比例"},
    WordPair{"loss_share", "Loss share", "亏损比例"},
    WordPair{"recruitment_reward_share", "Recruitment share of rewards", "招募奖励占比"},
    WordPair{"internal_sales_share", "Internal sales share", "内部销售占比"},
    WordPair{"recruit_spend_share", "Newcomer buy-in share", "新人首月投入占比"},
    WordPair{"company_units_to_agents", "Units sold by the company to agents",
             "公司向代理销售数量"},
    WordPair{"agents_with_negative_on_hand", "Agents with negative stock", "负库存代理人数"},
    WordPair{"agents_with_loss", "Agents who lost money", "亏损代理人数"},
    WordPair{"months_of_stock_cover", "Months of stock cover", "库存可售月数"},
    WordPair{"bottom_levels_on_hand_share", "Stock share of the lower levels", "下层库存占比"},
    WordPair{"stocked_no_retail_share", "Stocked agents with no retail", "有库存无零售代理占比"},
    WordPair{"left_with_stock_share", "Leavers still holding stock", "退出时仍有库存代理占比"},
    WordPair{"top_1pct_income_share", "Income share of the top 1%", "前1%代理收入占比"},
    WordPair{"recruits_last_90_days", "Recruits in the last 90 days", "近90天新增代理人数"},
    WordPair{"recruit_growth_90_days", "Recruit growth over 90 days", "90天新增代理增长率"},
    WordPair{"total_fees_paid", "Fees paid by agents", "代理支付的费用总额"},
    WordPair{"fees_paid", "Fees paid", "支付的费用"},
    WordPair{"buy_in_first_30_days", "Buy-in in the first 30 days", "加入首30天投入"},
    WordPair{"team_size", "Team size", "团队人数"},
    WordPair{"team_levels", "Team levels", "团队层级数"},
    WordPair{"own_retail_share", "Own retail share", "自身零售比例"},
    WordPair{"stock_cover_months", "Months of stock cover", "库存可售月数"},
    WordPair{"qualification_overbuy", "Qualification overbuy", "资格囤货倍数"},
    WordPair{"has_left", "Has left", "已退出"},
    WordPair{"tier_rank", "Tier rank", "级别排序"},
    WordPair{"agents_share", "Share of participants", "占参与人数比例"},
    WordPair{"on_hand_share", "Share of the network's stock", "占网络库存比例"},
    WordPair{"retail_sell_through", "Retail sell-through", "零售动销率"},
    WordPair{"group_loss_share", "Loss share of the group", "组内亏损比例"},
    WordPair{"downline_retail_share", "Downline retail share", "下线零售比例"},
};

template <size_t N>
std::string_view Lookup(const std::array<WordPair, N>& words, const ReportLabels& labels,
                        std::string_view key) {
  for (const WordPair& w : words) {
    if (w.key == key) return &labels == &kChinese ? w.zh : w.en;
  }
  return key;
}

}  // namespace

bool IsReportLanguage(std::string_view lang) { return lang == "en" || lang == "zh"; }

const ReportLabels& LabelsFor(std::string_view lang) { return lang == "zh" ? kChinese : kEnglish; }

std::string_view SeverityLabel(const ReportLabels& labels, std::string_view severity) {
  return Lookup(kSeverities, labels, severity);
}

std::string_view ScopeLabel(const ReportLabels& labels, std::string_view scope) {
  return Lookup(kScopes, labels, scope);
}

std::string FigureLabel(const ReportLabels& labels, std::string_view figure) {
  if (figure.starts_with("network_")) figure.remove_prefix(std::string_view("network_").size());
  const std::string_view label = Lookup(kFigures, labels, figure);
  if (label != figure) return std::string(label);
  // Sums of a core figure over a downline or over every agent.
  for (auto [prefix, shown] : {std::pair{std::string_view("downline_"), labels.downline_prefix},
                               std::pair{std::string_view("total_"), labels.total_prefix}}) {
    if (!figure.starts_with(prefix)) continue;
    const std::string_view summed = figure.substr(prefix.size());
    const std::string_view summed_label = Lookup(kFigures, labels, summed);
    if (summed_label == summed) break;
    if (&labels == &kChinese) return StrCat(shown, summed_label);
    // "Downline: spend": the figure's name in lower case after the prefix.
    return StrCat(shown, AsciiLower(summed_label.substr(0, 1)), summed_label.substr(1));
  }
  return std::string(figure);
}

std::string LevelName(const ReportLabels& labels, int depth) {
  return StrCat(labels.level_prefix, depth, labels.level_suffix);
}

}  // namespace tiersight::exports

#include "exports/localized_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;
using ::testing::HasSubstr;

const ReportLabels& Labels(std::string_view lang) { return **LabelsFor(lang); }

void AddArg(v1::Finding& f, const std::string& name, const std::string& text,
            v1::MessageArgKind kind = v1::MESSAGE_ARG_KIND_NUMBER) {
  v1::MessageArg* arg = f.add_message_args();
  arg->set_name(name);
  arg->set_text(text);
  arg->set_kind(kind);
}

// A report that ran the shipped cn and inventory packs (at `version`), with
// a tier finding, a network finding with a duration and an agent finding.
v1::AuditReport Report(const std::string& version = "2.0.0") {
  v1::AuditReport r;
  for (const char* pack : {"cn", "inventory"}) {
    v1::PackProvenance* p = r.mutable_provenance()->add_packs();
    p->set_name(pack);
    p->set_version(version);
  }
  v1::Finding* ladder = r.add_findings();
  ladder->set_pack("cn");
  ladder->set_rule_id("cn-7-2-entry-ladder");
  ladder->set_title("入门费 ladder — tiers whose joiners pay to join");
  ladder->set_severity("medium");
  ladder->set_scope("tier");
  ladder->add_tags("entry_fee");
  ladder->add_subjects("tier 总代");
  ladder->set_message_template(
      "{subject}: at least {join_share:%} of its {joiners} joiners paid {entry_step} or more in "
      "their first 30 days.");
  AddArg(*ladder, "subject", "tier 总代", v1::MESSAGE_ARG_KIND_TEXT);
  AddArg(*ladder, "join_share", "80.0%");
  AddArg(*ladder, "joiners", "91");
  AddArg(*ladder, "entry_step", "CNY 742.50");
  ladder->set_message(
      "tier 总代: at least 80.0% of its 91 joiners paid CNY 742.50 or more in their first 30 "
      "days.");
  ladder->set_cite("《禁止传销条例》第七条第（二）项");

  v1::Finding* cover = r.add_findings();
  cover->set_pack("inventory");
  cover->set_rule_id("inventory-stock-cover");
  cover->set_title("Stock on hand covers more than a year of retail sales");
  cover->set_severity("high");
  cover->set_scope("network");
  cover->add_tags("inventory_loading");
  cover->set_message_template(
      "Agents hold {units_on_hand} units, {months_of_stock_cover} of retail sales at the network's "
      "pace.");
  AddArg(*cover, "units_on_hand", "86,101");
  AddArg(*cover, "months_of_stock_cover", "88.2 months");
  cover->set_message(
      "Agents hold 86,101 units, 88.2 months of retail sales at the network's pace.");

  v1::Finding* fee = r.add_findings();
  fee->set_pack("cn");
  fee->set_rule_id("cn-training-fee");
  fee->set_title("Training fees charged to agents");
  fee->set_severity("low");
  fee->set_scope("network");
  fee->add_tags("training_fee");
  fee->set_message_template(
      "Agents paid {total_training_fees_paid} in training fees; {training_fee_payer_share:%} of "
      "them paid one.");
  AddArg(*fee, "total_training_fees_paid", "CNY 100.00");
  AddArg(*fee, "training_fee_payer_share", "9.1%");
  fee->set_message("Agents paid CNY 100.00 in training fees; 9.1% of them paid one.");

  v1::JurisdictionVerdict* cn = r.add_verdicts();
  cn->set_jurisdiction("cn");
  cn->add_packs("cn");
  cn->set_verdict(
      "CN: elements of 传销 met — 入门费 (paying or buying goods to join); 1 note: "
      "Training fees charged to agents (low)");
  cn->add_elements("入门费 (paying or buying goods to join)");
  cn->add_notes("Training fees charged to agents (low)");
  cn->set_elements_met(true);
  return r;
}

TEST(LocalizedText, FillsTheTranslatedTemplateWithTheReportsValuesInItsLanguage) {
  const v1::AuditReport r = Report();
  const LocalizedText zh(Labels("zh"), r);
  EXPECT_TRUE(zh.translated());
  EXPECT_EQ(zh.FindingTitle(r.findings(0)), "入门费阶梯——新加入者须缴费方可加入的代理级别");
  EXPECT_EQ(zh.FindingMessage(r.findings(0)),
            "代理级别“总代”：其 91 名新加入者中至少 80.0% 在加入后首30天内缴纳了 CNY 742.50 "
            "或以上。");
  EXPECT_THAT(zh.FindingMessage(r.findings(1)), HasSubstr("可售时间：88.2 个月。"));
  EXPECT_EQ(zh.Tag("entry_fee"), "入门费");
  EXPECT_EQ(zh.Jurisdiction("cn"), "中国");
  EXPECT_EQ(zh.Jurisdiction("xx"), "xx");
}

TEST(LocalizedText, SpellsOutWhatTheEngineWritesInEnglish) {
  v1::AuditReport r = Report();
  r.mutable_findings(1)->mutable_message_args(1)->set_text("unbounded (no retail)");
  const LocalizedText zh(Labels("zh"), r);
  EXPECT_THAT(zh.FindingMessage(r.findings(1)), HasSubstr("可售时间：无上限（无零售）。"));
  EXPECT_EQ(zh.Subject("level 9"), "第9层");
  EXPECT_EQ(zh.Subject("network"), "网络");
  EXPECT_EQ(zh.Subject("tier \"\""), "代理级别“（无级别）”");
  EXPECT_EQ(zh.Subject("P-8a9c93bd915a9f87"), "P-8a9c93bd915a9f87");
  EXPECT_EQ(zh.Subject("level nine"), "level nine");
  const LocalizedText en(Labels("en"), r);
  EXPECT_EQ(en.Subject("level 9"), "level 9");
  EXPECT_EQ(en.Subject("tier 总代"), "tier 总代");
}

// Only words that translate the report's own: another pack version, a pack
// the report did not run, or a template of other placeholders shows the
// report's text.
TEST(LocalizedText, ShowsTheReportsOwnTextWhereTheCatalogueTranslatesOtherWords) {
  {
    const v1::AuditReport r = Report("2.1.0");
    const LocalizedText zh(Labels("zh"), r);
    EXPECT_EQ(zh.FindingTitle(r.findings(0)), r.findings(0).title());
    EXPECT_EQ(zh.FindingMessage(r.findings(0)), r.findings(0).message());
    EXPECT_EQ(zh.CiteHtml(r.findings(0)), "《禁止传销条例》第七条第（二）项");
    EXPECT_EQ(zh.VerdictPlain(r.verdicts(0)), r.verdicts(0).verdict());
  }
  {
    v1::AuditReport r = Report();
    r.mutable_provenance()->clear_packs();
    const LocalizedText zh(Labels("zh"), r);
    EXPECT_EQ(zh.FindingMessage(r.findings(0)), r.findings(0).message());
  }
  {
    v1::AuditReport r = Report();
    r.mutable_findings(0)->set_message_template("{subject} paid {entry_step}.");
    r.mutable_findings(0)->mutable_message_args()->DeleteSubrange(1, 2);
    r.mutable_findings(0)->set_message("tier 总代 paid CNY 742.50.");
    const LocalizedText zh(Labels("zh"), r);
    EXPECT_EQ(zh.FindingMessage(r.findings(0)), "tier 总代 paid CNY 742.50.");
  }
  {
    const v1::AuditReport r = Report();
    const LocalizedText en(Labels("en"), r);
    EXPECT_FALSE(en.translated());
    EXPECT_EQ(en.FindingTitle(r.findings(0)), r.findings(0).title());
    EXPECT_EQ(en.FindingMessage(r.findings(0)), r.findings(0).message());
    EXPECT_EQ(en.VerdictPlain(r.verdicts(0)), r.verdicts(0).verdict());
    EXPECT_EQ(en.Tag("entry_fee"), "entry_fee");
  }
}

TEST(LocalizedText, TellsTheVerdictAgainFromTheFindingsOfItsPacks) {
  v1::AuditReport r = Report();
  const LocalizedText zh(Labels("zh"), r);
  EXPECT_EQ(zh.VerdictPlain(r.verdicts(0)),
            "中国：具备传销的要件——入门费（以缴纳费用或者购买商品获得加入资格）；另有 1 项提示："
            "向代理收取培训费（低风险）");
  // Elements or notes it cannot account for: the report's text.
  r.mutable_verdicts(0)->add_notes("another note");
  EXPECT_EQ(LocalizedText(Labels("zh"), r).VerdictPlain(r.verdicts(0)), r.verdicts(0).verdict());
}

TEST(LocalizedText, MarksCodeAndForeignLawAndEscapesTheRest) {
  EXPECT_EQ(MarkedTextHtml("依据 [[In re Amway & Co.]]，见 `a<b`"),
            "依据 <span lang=\"en\">In re Amway &amp; Co.</span>，见 <code>a&lt;b</code>");
  EXPECT_EQ(MarkedTextPlain("依据 [[In re Amway]]，见 `x`"), "依据 In re Amway，见 x");
  // Marks inside code are code.
  EXPECT_EQ(MarkedTextHtml("`[[x]]`"), "<code>[[x]]</code>");
}

// An agent id or a tier name is the brand's text: marks in it are shown,
// never read.
TEST(LocalizedText, ValuesAreNeverReadAsMarks) {
  v1::AuditReport r = Report();
  r.mutable_findings(0)->mutable_message_args(0)->set_text("tier [[A]]`<b>`");
  const LocalizedText zh(Labels("zh"), r);
  EXPECT_THAT(zh.FindingMessageHtml(r.findings(0)), HasSubstr("代理级别“[[A]]`&lt;b&gt;`”："));
}

TEST(LocalizedText, SaysWhatTheSeverityRestsOnWithTheMeasureInCode) {
  const v1::AuditReport r = Report();
  const LocalizedText zh(Labels("zh"), r);
  const LocalizedText en(Labels("en"), r);
  v1::Grading g;
  EXPECT_EQ(en.GradingBasisHtml(g), "the rule&#39;s own severity");
  g.set_basis("value of end_user_share - retail_share");
  EXPECT_EQ(en.GradingBasisHtml(g), "value of <code>end_user_share - retail_share</code>");
  EXPECT_EQ(zh.GradingBasisHtml(g), "<code>end_user_share - retail_share</code> 的取值");
  g.set_basis("share of the agent rows");
  EXPECT_EQ(en.GradingBasisHtml(g), "share of the agent rows");
  EXPECT_EQ(zh.GradingBasisHtml(g), "所涉代理占全部代理的比例");
  g.set_basis("share of units_on_hand");
  EXPECT_EQ(en.GradingBasisHtml(g), "share of <code>units_on_hand</code>");
  EXPECT_EQ(zh.GradingBasisHtml(g), "所涉对象在 <code>units_on_hand</code> 总量中的占比");
}

TEST(LocalizedText, NamesRiskIndicatorsInThePagesLanguage) {
  const v1::AuditReport r = Report();
  v1::RiskIndicatorScore s;
  s.set_pack("cn");
  s.set_id("headcount_pay");
  s.set_title("拉人头 — per-head bonuses' share of all pay");
  EXPECT_EQ(LocalizedText(Labels("zh"), r).RiskIndicatorTitle(s),
            "拉人头——按人头计算的推荐奖占全部报酬的比例");
  EXPECT_EQ(LocalizedText(Labels("en"), r).RiskIndicatorTitle(s), s.title());
}

TEST(LocalizedText, DefinesFiguresAndParametersInThePagesLanguage) {
  const v1::AuditReport r = Report();
  const LocalizedText zh(Labels("zh"), r);
  EXPECT_EQ(zh.FigureDefinitionHtml("tier", "agents", "agents in the group"), "本组代理人数");
  EXPECT_EQ(zh.FigureDefinitionHtml("agent", "sales_revenue", "x"),
            "<code>wholesale_revenue</code> + <code>retail_revenue</code>");
  EXPECT_EQ(zh.FigureDefinitionHtml("agent", "no_such_figure", "a < b"), "a &lt; b");
  EXPECT_THAT(zh.ParamDocHtml("cn", "serious_people"), HasSubstr("情节严重"));
  EXPECT_THAT(zh.ParamDocHtml("cn", "min_joiners"), HasSubstr("新加入者"));
  EXPECT_EQ(LocalizedText(Labels("en"), r).ParamDocHtml("cn", "serious_people"), "");
}

}  // namespace
}  // namespace tiersight::exports

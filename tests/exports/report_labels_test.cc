#include "exports/report_labels.h"

#include <gtest/gtest.h>

#include <string>

#include "exports/report_languages.h"

namespace tiersight::exports {
namespace {

const ReportLabels& Labels(std::string_view lang) {
  static const ReportLabels kNone{};
  absl::StatusOr<const ReportLabels*> labels = LabelsFor(lang);
  EXPECT_TRUE(labels.ok()) << labels.status();
  return labels.ok() ? **labels : kNone;
}

TEST(ReportLabels, FigureNamesInEnglishAndChinese) {
  const ReportLabels& en = Labels("en");
  const ReportLabels& zh = Labels("zh");
  EXPECT_EQ(FigureLabel(en, "units_on_hand"), "Units on hand");
  EXPECT_EQ(FigureLabel(zh, "units_on_hand"), "库存数量");
  EXPECT_EQ(FigureLabel(en, "network_loss_share"), "Loss share");
  EXPECT_EQ(FigureLabel(zh, "network_loss_share"), "亏损比例");
  // Sums: the figure's name runs on after the prefix.
  EXPECT_EQ(FigureLabel(en, "downline_spend"), "Downline: spend");
  EXPECT_EQ(FigureLabel(zh, "downline_spend"), "下线支出");
  EXPECT_EQ(FigureLabel(en, "total_spend"), "All agents: spend");
  EXPECT_EQ(FigureLabel(zh, "total_spend"), "全体代理支出");
  // A figure's own name wins over reading it as a sum.
  EXPECT_EQ(FigureLabel(en, "downline_retail_share"), "Downline retail share");
  // Without a name: the catalogue name.
  EXPECT_EQ(FigureLabel(zh, "made_up_figure"), "made_up_figure");
  EXPECT_EQ(FigureLabel(en, "downline_made_up"), "downline_made_up");
}

TEST(ReportLabels, SeveritiesAndScopesOrTheWordAsItIs) {
  EXPECT_EQ(SeverityLabel(Labels("zh"), "critical"), "极高风险");
  EXPECT_EQ(SeverityLabel(Labels("en"), "critical"), "critical");
  EXPECT_EQ(ScopeLabel(Labels("zh"), "tier"), "代理级别");
  EXPECT_EQ(SeverityLabel(Labels("zh"), "catastrophic"), "catastrophic");
  EXPECT_EQ(ScopeLabel(Labels("zh"), "region"), "region");
}

TEST(ReportLabels, LevelAndPercentileNamesFillTheirPlaceholder) {
  EXPECT_EQ(LevelName(Labels("en"), 3), "Level 3");
  EXPECT_EQ(LevelName(Labels("zh"), 12), "第12层");
  EXPECT_EQ(PercentileName(Labels("en"), 10), "P10");
  EXPECT_EQ(PercentileName(Labels("zh"), 90), "第90百分位");
}

TEST(ReportLabels, EveryReportLanguageHasLabelsAndNoOtherDoes) {
  for (const std::string& lang : ReportLanguages()) {
    absl::StatusOr<const ReportLabels*> labels = LabelsFor(lang);
    ASSERT_TRUE(labels.ok()) << lang;
    EXPECT_EQ((*labels)->language, lang);
    EXPECT_EQ(ReportLanguageOfHtmlLang((*labels)->html_lang), lang);
  }
  for (const char* lang : {"fr", "", "zh-CN", "EN"}) {
    EXPECT_EQ(LabelsFor(lang).status().code(), absl::StatusCode::kInvalidArgument) << lang;
    EXPECT_FALSE(IsReportLanguage(lang)) << lang;
  }
  EXPECT_TRUE(IsReportLanguage(kDefaultReportLanguage));
}

TEST(ReportLanguages, AnUnknownOneIsNamedWithTheList) {
  const absl::Status s = CheckReportLanguage("fr");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  const std::string message(s.message());
  EXPECT_TRUE(message.starts_with("unknown report language \"fr\": the report is available in "))
      << message;
  for (const std::string& lang : ReportLanguages()) {
    EXPECT_NE(message.find(lang), std::string::npos) << message;
  }
  EXPECT_TRUE(CheckReportLanguage("zh").ok());
}

}  // namespace
}  // namespace tiersight::exports

#include "exports/report_languages.h"

#include <algorithm>

#include "base/str_cat.h"
#include "exports/report_label_catalogues.h"

namespace tiersight::exports {

const std::vector<std::string>& ReportLanguages() {
  static const std::vector<std::string> kLanguages = [] {
    std::vector<std::string> out;
    for (const ReportLabels& labels : EmbeddedReportLabels()) out.emplace_back(labels.language);
    return out;
  }();
  return kLanguages;
}

bool IsReportLanguage(std::string_view lang) {
  const std::vector<std::string>& languages = ReportLanguages();
  return std::find(languages.begin(), languages.end(), lang) != languages.end();
}

absl::Status CheckReportLanguage(std::string_view lang) {
  if (IsReportLanguage(lang)) return absl::OkStatus();
  return absl::InvalidArgumentError(StrCat("unknown report language \"", lang,
                                           "\": the report is available in ",
                                           StrJoin(ReportLanguages(), ", ")));
}

std::string ReportLanguageOfHtmlLang(std::string_view html_lang) {
  for (const ReportLabels& labels : EmbeddedReportLabels()) {
    if (labels.html_lang == html_lang) return std::string(labels.language);
  }
  return {};
}

}  // namespace tiersight::exports

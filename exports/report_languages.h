// The languages the HTML report is rendered in: one per label catalogue in
// exports/languages/, embedded at build time. The one list every caller
// (the CLI, the service, verify) checks a language against, so that an
// unknown language is refused rather than rendered in another. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tiersight::exports {

// The language of a report when none is asked for.
inline constexpr std::string_view kDefaultReportLanguage = "en";

// The language codes, sorted: "en", "zh", ...
const std::vector<std::string>& ReportLanguages();

bool IsReportLanguage(std::string_view lang);

// OK for a report language; INVALID_ARGUMENT naming `lang` and the report
// languages otherwise.
absl::Status CheckReportLanguage(std::string_view lang);

// The report language whose pages start <html lang="`html_lang`"> ("zh"
// for "zh-CN"); empty when no catalogue has that tag.
std::string ReportLanguageOfHtmlLang(std::string_view html_lang);

}  // namespace tiersight::exports

#include "exports/finding_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace tiersight::exports {

std::string PlainValueText(const tiersight::v1::FigureValue& value, std::string_view currency) {
  if (value.exact().empty()) return fmt::format("{}", value.value());
  if (value.unit() != "money" || currency.empty()) return value.exact();
  return fmt::format("{} {}", value.exact(), currency);
}

std::string PlainValuesText(
    const google::protobuf::RepeatedPtrField<tiersight::v1::FigureValue>& values,
    std::string_view currency, std::string_view separator) {
  std::string out;
  for (const tiersight::v1::FigureValue& v : values) {
    if (!out.empty()) out += separator;
    out += v.name() + "=" + PlainValueText(v, currency);
  }
  return out;
}

int64_t SubjectCount(const tiersight::v1::Finding& finding) {
  return std::max<int64_t>(finding.subject_count(), finding.subjects_size());
}

int64_t ShownCount(const tiersight::v1::Finding& finding) {
  // Reports recorded before findings counted their subjects named only
  // those they showed.
  if (finding.subject_count() == 0) return finding.subjects_size();
  return std::clamp<int64_t>(finding.shown(), 0, SubjectCount(finding));
}

std::string_view SubjectsNoun(const tiersight::v1::Finding& finding) {
  if (finding.organisers_size() > 0) return "organisers";
  const std::string& scope = finding.scope();
  if (scope == "agent") return "agents";
  if (scope == "level") return "levels";
  if (scope == "tier") return "tiers";
  if (scope == "branch") return "branches";
  return "subjects";
}

}  // namespace tiersight::exports

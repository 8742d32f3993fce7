// The words of the pack format: severities, tags and versions.
#include <charconv>

#include "rules/pack_reader.h"
#include "rules/rule_pack.h"

namespace tiersight::rules {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kInfo:
      return "info";
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
  }
  return "?";
}

bool ParseSeverity(std::string_view name, Severity& s) {
  for (Severity v :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (SeverityName(v) == name) {
      s = v;
      return true;
    }
  }
  return false;
}

const std::vector<std::pair<std::string, std::string>>& TagVocabulary() {
  static const std::vector<std::pair<std::string, std::string>> kTags = {
      {"pyramid", "rewards or revenue driven by recruitment rather than sales to consumers"},
      {"entry_fee", "paying a fee, or buying goods, to join or to rise a tier"},
      {"training_fee", "fees for training, which licensed direct selling must give free"},
      {"team_pay", "pay computed on the downline's purchases or team volume"},
      {"inventory_loading", "stock bought to qualify or rise, piling up unsold"},
      {"deep_hierarchy", "many levels of sponsors above the participants"},
      {"criminal_threshold", "a criminal-law threshold (headcount, levels, money) is reached"},
      {"data_quality", "the records are inconsistent or incomplete"},
      {"participant_loss", "most participants lose money"},
      {"buy_back", "unsold stock is not bought back when participants leave"},
  };
  return kTags;
}

bool ParseVersion(std::string_view text, int& major, int& minor, int& patch) {
  int* parts[] = {&major, &minor, &patch};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    const size_t end = i < 2 ? text.find('.', pos) : text.size();
    if (end == std::string_view::npos || end == pos) return false;
    const auto [p, ec] = std::from_chars(text.data() + pos, text.data() + end, *parts[i]);
    if (ec != std::errc() || p != text.data() + end) return false;
    pos = end + 1;
  }
  return true;
}

}  // namespace tiersight::rules

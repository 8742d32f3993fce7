#include "exports/report_pseudonyms.h"

#include <algorithm>
#include <array>
#include <set>
#include <vector>

namespace tiersight::exports {
namespace {

using tiersight::v1::AuditReport;

bool IsIdChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  // Bytes of multi-byte UTF-8 characters count as id characters, so that a
  // CJK id is never cut in the middle.
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}

// The ids the structured fields name, longest first so that an id that
// contains another is replaced whole.
std::vector<std::string> KnownIds(const AuditReport& report) {
  std::set<std::string> ids(report.negative_on_hand_agent_ids().begin(),
                            report.negative_on_hand_agent_ids().end());
  for (const tiersight::v1::Finding& f : report.findings()) {
    if (f.scope() == "agent") ids.insert(f.subjects().begin(), f.subjects().end());
    ids.insert(f.evidence().deepest_chain().begin(), f.evidence().deepest_chain().end());
    for (const auto& s : f.evidence().top_subjects()) ids.insert(s.subject());
  }
  std::vector<std::string> out(ids.begin(), ids.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}

// Replaces whole-token occurrences of `ids` in `text`, left to right, never
// looking inside text already replaced.
std::string ReplaceKnownIds(std::string_view text, const std::vector<std::string>& ids,
                            const AgentIdMapping& map) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const bool at_token_start = i == 0 || !IsIdChar(text[i - 1]);
    bool replaced = false;
    if (at_token_start) {
      for (const std::string& id : ids) {
        if (id.empty() || text.compare(i, id.size(), id) != 0) continue;
        const size_t end = i + id.size();
        if (end < text.size() && IsIdChar(text[end])) continue;
        out += map(id);
        i = end;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

bool EndsWithAgentLabel(std::string_view before) {
  static constexpr std::array<std::string_view, 7> kLabels = {
      "agent_id ", "sponsor_id ", "seller_id ", "buyer_id ", "payer_id ", "payee_id ", "agent "};
  return std::any_of(kLabels.begin(), kLabels.end(), [&](std::string_view label) {
    return before.size() >= label.size() && before.substr(before.size() - label.size()) == label;
  });
}

// `agent 'X'`, `sponsor_id 'X'`, `buyer_id 'X'`, ...: the quoted value is an
// agent id. Other quoted values (dates, amounts, kinds, tiers) stay.
std::string ReplaceQuotedAgentIds(std::string_view text, const AgentIdMapping& map) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('\'', i);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('\'', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open + 1 - i));
    const std::string_view value = text.substr(open + 1, close - open - 1);
    if (EndsWithAgentLabel(text.substr(0, open))) {
      out += map(value);
    } else {
      out.append(value);
    }
    out += '\'';
    i = close + 1;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

// "sponsor cycle: A -> B -> ... (N agents in the cycle) -> A".
std::string ReplaceCycleMembers(std::string_view text, const AgentIdMapping& map) {
  static constexpr std::string_view kPrefix = "sponsor cycle: ";
  static constexpr std::string_view kArrow = " -> ";
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::string(text);
  std::string out(kPrefix);
  size_t i = kPrefix.size();
  while (true) {
    const size_t next = text.find(kArrow, i);
    const std::string_view member = text.substr(i, next == std::string_view::npos ? next : next - i);
    out += member.substr(0, 3) == "..." ? std::string(member) : map(member);
    if (next == std::string_view::npos) break;
    out += kArrow;
    i = next + kArrow.size();
  }
  return out;
}

void ReplaceInReasons(google::protobuf::RepeatedPtrField<tiersight::v1::LoadIssue>& issues,
                      const std::vector<std::string>& known, const AgentIdMapping& map) {
  for (tiersight::v1::LoadIssue& issue : issues) {
    // Quoted and cycle ids first, then known ids in the remaining text; a
    // pseudonym is never itself an id, so the passes cannot compound.
    std::string reason = ReplaceCycleMembers(issue.reason(), map);
    reason = ReplaceQuotedAgentIds(reason, map);
    issue.set_reason(ReplaceKnownIds(reason, known, map));
  }
}

void MapAll(google::protobuf::RepeatedPtrField<std::string>& ids, const AgentIdMapping& map) {
  for (std::string& id : ids) id = map(id);
}

}  // namespace

void ReplaceAgentIds(AuditReport& report, const AgentIdMapping& map) {
  const std::vector<std::string> known = KnownIds(report);
  for (tiersight::v1::Finding& f : *report.mutable_findings()) {
    f.set_message(ReplaceKnownIds(f.message(), known, map));
    if (f.scope() == "agent") MapAll(*f.mutable_subjects(), map);
    tiersight::v1::Evidence& e = *f.mutable_evidence();
    MapAll(*e.mutable_deepest_chain(), map);
    for (auto& s : *e.mutable_top_subjects()) s.set_subject(map(s.subject()));
  }
  MapAll(*report.mutable_negative_on_hand_agent_ids(), map);
  ReplaceInReasons(*report.mutable_load()->mutable_errors(), known, map);
  ReplaceInReasons(*report.mutable_load()->mutable_warnings(), known, map);
}

}  // namespace tiersight::exports

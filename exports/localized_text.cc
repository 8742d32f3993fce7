#include "exports/localized_text.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "base/str_cat.h"
#include "exports/finding_text.h"
#include "exports/html_escape.h"
#include "exports/report_finding_texts.h"

namespace tiersight::exports {
namespace {

namespace v1 = tiersight::v1;

constexpr std::string_view kSeverityOrder[] = {"info", "low", "medium", "high", "critical"};

int SeverityRank(std::string_view severity) {
  for (size_t i = 0; i < std::size(kSeverityOrder); ++i) {
    if (kSeverityOrder[i] == severity) return static_cast<int>(i);
  }
  return -1;
}

std::span<const FindingText> TextsOf(std::string_view lang) {
  for (const FindingTexts& c : EmbeddedFindingTexts()) {
    if (c.language == lang) return c.texts;
  }
  return {};
}

// `text` with every `placeholder` replaced by `value`.
std::string FillAll(std::string_view text, std::string_view placeholder, std::string_view value) {
  std::string out;
  for (size_t at = 0;;) {
    const size_t found = text.find(placeholder, at);
    out += text.substr(at, found - at);
    if (found == std::string_view::npos) return out;
    out += value;
    at = found + placeholder.size();
  }
}

// A label's text (plain) escaped, with `placeholder` replaced by `html`.
std::string FillHtml(std::string_view text, std::string_view placeholder, std::string_view html) {
  std::string out;
  for (size_t at = 0;;) {
    const size_t found = text.find(placeholder, at);
    out += EscapeHtml(text.substr(at, found - at));
    if (found == std::string_view::npos) return out;
    out += html;
    at = found + placeholder.size();
  }
}

std::string Code(std::string_view text) { return StrCat("<code>", EscapeHtml(text), "</code>"); }

// The placeholders of a message template in order ("join_share:%"), as the
// rule evaluator fills them: `{{` is a literal brace.
std::vector<std::string> TemplatePlaceholders(std::string_view templ) {
  std::vector<std::string> out;
  for (size_t open = templ.find('{'); open != std::string_view::npos;
       open = templ.find('{', open + 1)) {
    if (open + 1 < templ.size() && templ[open + 1] == '{') {
      ++open;
      continue;
    }
    const size_t close = templ.find('}', open);
    if (close == std::string_view::npos) break;
    out.emplace_back(templ.substr(open + 1, close - open - 1));
    open = close;
  }
  return out;
}

// Renders a marked template: `code`, [[foreign]], {placeholder} filled by
// `value` (plain text, escaped here), `{{` and `}}` literal braces. Null
// when a placeholder has no value.
std::optional<std::string> RenderMarked(
    std::string_view templ,
    const std::function<std::optional<std::string>(std::string_view)>& value, bool html) {
  std::string out, literal;
  auto flush = [&] {
    out += html ? EscapeHtml(literal) : literal;
    literal.clear();
  };
  bool code = false, foreign = false;
  for (size_t i = 0; i < templ.size(); ++i) {
    const std::string_view rest = templ.substr(i);
    if (rest.starts_with("{{") || rest.starts_with("}}")) {
      literal += rest[0];
      ++i;
    } else if (rest[0] == '{') {
      const size_t close = rest.find('}');
      if (close == std::string_view::npos) {
        literal += rest;
        break;
      }
      const std::optional<std::string> v = value(rest.substr(1, close - 1));
      if (!v) return std::nullopt;
      literal += *v;
      i += close;
    } else if (rest[0] == '`') {
      flush();
      if (html) out += code ? "</code>" : "<code>";
      code = !code;
    } else if (!code && (rest.starts_with("[[") || rest.starts_with("]]"))) {
      flush();
      if (html) out += rest[0] == '[' ? "<span lang=\"en\">" : "</span>";
      foreign = rest[0] == '[';
      ++i;
    } else {
      literal += rest[0];
    }
  }
  flush();
  if (html && code) out += "</code>";
  if (html && foreign) out += "</span>";
  return out;
}

std::string Marked(std::string_view text, bool html) {
  return *RenderMarked(
      text, [](std::string_view key) { return StrCat("{", key, "}"); }, html);
}

}  // namespace

std::string MarkedTextHtml(std::string_view text) { return Marked(text, true); }
std::string MarkedTextPlain(std::string_view text) { return Marked(text, false); }

bool HasFindingTexts(std::string_view lang) { return !TextsOf(lang).empty(); }

const std::string_view* FindingTextAt(std::string_view lang, std::string_view path) {
  const std::span<const FindingText> texts = TextsOf(lang);
  const auto it =
      std::lower_bound(texts.begin(), texts.end(), path,
                       [](const FindingText& t, std::string_view p) { return t.path < p; });
  return it != texts.end() && it->path == path ? &it->text : nullptr;
}

LocalizedText::LocalizedText(const ReportLabels& labels, const v1::AuditReport& report)
    : labels_(labels), report_(report), texts_(HasFindingTexts(labels.language)) {
  for (const v1::PackProvenance& p : report.provenance().packs()) {
    pack_versions_.emplace(p.name(), p.version());
  }
}

const std::string_view* LocalizedText::PackText(std::string_view pack,
                                                std::string_view path) const {
  if (!texts_) return nullptr;
  const auto ran = pack_versions_.find(pack);
  if (ran == pack_versions_.end()) return nullptr;
  const std::string_view* version =
      FindingTextAt(labels_.language, StrCat("packs/", pack, "/version"));
  if (version == nullptr || *version != ran->second) return nullptr;
  return FindingTextAt(labels_.language, StrCat("packs/", pack, "/", path));
}

std::string LocalizedText::FindingTitle(const v1::Finding& f) const {
  const std::string_view* text = PackText(f.pack(), StrCat("rules/", f.rule_id(), "/title"));
  return text != nullptr ? MarkedTextPlain(*text) : f.title();
}

std::string LocalizedText::Subject(std::string_view subject) const {
  if (subject == "network") return std::string(ScopeLabel(labels_, "network"));
  if (subject.starts_with("level ")) {
    const std::string_view depth = subject.substr(6);
    if (!depth.empty() &&
        std::all_of(depth.begin(), depth.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return FillAll(labels_.subject_level, "{level}", depth);
    }
  }
  if (subject.starts_with("tier ")) {
    const std::string_view tier = subject.substr(5);
    return FillAll(labels_.subject_tier, "{tier}", tier == "\"\"" ? labels_.no_tier : tier);
  }
  return std::string(subject);
}

std::string LocalizedText::Message(const v1::Finding& f, bool html) const {
  auto as_is = [&] { return html ? EscapeHtml(f.message()) : f.message(); };
  const std::string_view* templ = PackText(f.pack(), StrCat("rules/", f.rule_id(), "/message"));
  if (templ == nullptr) return as_is();
  const std::vector<std::string> placeholders = TemplatePlaceholders(f.message_template());
  if (static_cast<int>(placeholders.size()) != f.message_args_size()) return as_is();
  std::map<std::string, std::string, std::less<>> values;
  for (size_t i = 0; i < placeholders.size(); ++i) {
    const v1::MessageArg& arg = f.message_args(static_cast<int>(i));
    std::string text = arg.text();
    if (arg.kind() == v1::MESSAGE_ARG_KIND_TEXT) {
      text = Subject(text);
    } else if (arg.kind() == v1::MESSAGE_ARG_KIND_NUMBER) {
      if (text == "unbounded (no retail)") {
        text = labels_.unbounded_no_retail;
      } else if (text == "unbounded") {
        text = labels_.unbounded;
      } else if (text.ends_with(" months")) {
        text = FillAll(labels_.months_value, "{months}", text.substr(0, text.size() - 7));
      }
    }
    values.emplace(placeholders[i], std::move(text));
  }
  std::optional<std::string> out = RenderMarked(
      *templ,
      [&](std::string_view key) -> std::optional<std::string> {
        const auto it = values.find(key);
        if (it == values.end()) return std::nullopt;
        return it->second;
      },
      html);
  return out ? *out : as_is();
}

std::string LocalizedText::FindingMessage(const v1::Finding& f) const { return Message(f, false); }
std::string LocalizedText::FindingMessageHtml(const v1::Finding& f) const {
  return Message(f, true);
}

std::string LocalizedText::CiteHtml(const v1::Finding& f) const {
  const std::string_view* text = PackText(f.pack(), StrCat("rules/", f.rule_id(), "/cite"));
  if (text != nullptr) return MarkedTextHtml(*text);
  // Packs mark a threshold of their own making "[HEURISTIC]": the reader
  // is told so in words, before the public sources it was calibrated on.
  constexpr std::string_view kHeuristic = "[HEURISTIC]";
  std::string_view cite = f.cite();
  if (!cite.starts_with(kHeuristic)) return EscapeHtml(cite);
  cite.remove_prefix(kHeuristic.size());
  while (cite.starts_with(' ')) cite.remove_prefix(1);
  return StrCat(EscapeHtml(labels_.heuristic_cite), " ", EscapeHtml(cite));
}

std::string LocalizedText::Tag(std::string_view tag) const {
  const std::string_view* text =
      texts_ ? FindingTextAt(labels_.language, StrCat("tags/", tag)) : nullptr;
  return text != nullptr ? MarkedTextPlain(*text) : std::string(tag);
}

std::string LocalizedText::Jurisdiction(std::string_view code) const {
  const std::string_view* text =
      texts_ ? FindingTextAt(labels_.language, StrCat("jurisdictions/", code)) : nullptr;
  return text != nullptr ? MarkedTextPlain(*text) : std::string(code);
}

std::string LocalizedText::Verdict(const v1::JurisdictionVerdict& v, bool html) const {
  auto as_is = [&] { return html ? EscapeHtml(v.verdict()) : v.verdict(); };
  if (!texts_) return as_is();
  // Every pack of the jurisdiction must have its texts at the version run.
  for (const std::string& pack : v.packs()) {
    if (PackText(pack, "version") == nullptr) return as_is();
  }
  // As rules::Judge: the first pack with a verdict names the jurisdiction
  // and the offence.
  std::string name, offence;
  for (const std::string& pack : v.packs()) {
    const std::string_view* n = PackText(pack, "verdict/name");
    const std::string_view* o = PackText(pack, "verdict/offence");
    if (n != nullptr && o != nullptr) {
      name = *n;
      offence = *o;
      break;
    }
  }
  if (name.empty()) name = Jurisdiction(v.jurisdiction());
  if (offence.empty()) offence = labels_.verdict_any_offence;
  auto phrase_of = [&](const std::string& tag) -> const std::string_view* {
    for (const std::string& pack : v.packs()) {
      if (const std::string_view* p = PackText(pack, StrCat("verdict/elements/", tag))) return p;
    }
    return nullptr;
  };
  // Elements: findings at medium or above, one phrase per tag (the first
  // tag with a phrase), in the findings' order; notes: the others.
  std::vector<std::string> tags_seen;
  std::map<std::string, std::pair<int64_t, int64_t>> counts;  // tag -> (subjects, organisers)
  std::vector<std::string> notes;
  for (const v1::Finding& f : report_.findings()) {
    if (std::find(v.packs().begin(), v.packs().end(), f.pack()) == v.packs().end()) continue;
    if (SeverityRank(f.severity()) >= SeverityRank("medium")) {
      std::string tag = f.tags().empty() ? f.rule_id() : f.tags(0);
      for (const std::string& t : f.tags()) {
        if (phrase_of(t) != nullptr) {
          tag = t;
          break;
        }
      }
      if (!counts.contains(tag)) tags_seen.push_back(tag);
      auto& [subjects, organisers] = counts[tag];
      subjects = std::max(subjects, SubjectCount(f));
      organisers = std::max<int64_t>(organisers, f.organisers_size());
    } else {
      const std::string_view* title = PackText(f.pack(), StrCat("rules/", f.rule_id(), "/title"));
      if (title == nullptr) return as_is();
      notes.push_back(FillAll(FillAll(labels_.verdict_note, "{title}", *title), "{severity}",
                              SeverityLabel(labels_, f.severity())));
    }
  }
  std::vector<std::string> elements;
  for (const std::string& tag : tags_seen) {
    const std::string_view* phrase = phrase_of(tag);
    std::string text = phrase != nullptr ? std::string(*phrase) : Tag(tag);
    text = FillAll(text, "{count}", StrCat(counts[tag].first));
    elements.push_back(FillAll(text, "{organisers}", StrCat(counts[tag].second)));
  }
  if (static_cast<int>(elements.size()) != v.elements_size() ||
      static_cast<int>(notes.size()) != v.notes_size()) {
    return as_is();
  }
  std::string text = FillAll(
      FillAll(elements.empty() ? labels_.verdict_not_met : labels_.verdict_met, "{name}", name),
      "{offence}", offence);
  text = FillAll(text, "{elements}", StrJoin(elements, labels_.verdict_separator));
  if (!notes.empty()) {
    std::string tail = notes.size() == 1
                           ? std::string(labels_.verdict_one_note)
                           : FillAll(labels_.verdict_notes, "{count}", StrCat(notes.size()));
    text += FillAll(tail, "{notes}", StrJoin(notes, labels_.verdict_separator));
  }
  return html ? MarkedTextHtml(text) : MarkedTextPlain(text);
}

std::string LocalizedText::VerdictHtml(const v1::JurisdictionVerdict& v) const {
  return Verdict(v, true);
}
std::string LocalizedText::VerdictPlain(const v1::JurisdictionVerdict& v) const {
  return Verdict(v, false);
}

std::string LocalizedText::RiskIndicatorTitle(const v1::RiskIndicatorScore& s) const {
  const std::string_view* text = PackText(s.pack(), StrCat("risk/", s.id()));
  return text != nullptr ? MarkedTextPlain(*text) : s.title();
}

std::string LocalizedText::ParamDocHtml(std::string_view pack, std::string_view param) const {
  if (const std::string_view* doc = PackText(pack, StrCat("params/", param))) {
    return MarkedTextHtml(*doc);
  }
  const std::string_view* doc =
      texts_ ? FindingTextAt(labels_.language, StrCat("figure_params/", param)) : nullptr;
  return doc != nullptr ? MarkedTextHtml(*doc) : std::string();
}

std::string LocalizedText::FigureDefinitionHtml(std::string_view scope, std::string_view figure,
                                                std::string_view english) const {
  if (texts_) {
    const std::string_view* text =
        FindingTextAt(labels_.language, StrCat("definitions/", scope, "/", figure));
    if (text == nullptr && (scope == "level" || scope == "tier" || scope == "branch")) {
      text = FindingTextAt(labels_.language, StrCat("definitions/group/", figure));
    }
    if (text != nullptr) return MarkedTextHtml(*text);
  }
  return EscapeHtml(english);
}

std::string LocalizedText::GradingBasisHtml(const v1::Grading& g) const {
  const std::string& basis = g.basis();
  if (basis.empty() || basis == "rule") return EscapeHtml(labels_.basis_rule);
  constexpr std::string_view kValue = "value of ";
  constexpr std::string_view kShareOfThe = "share of the ";
  constexpr std::string_view kRows = " rows";
  constexpr std::string_view kShareOf = "share of ";
  const std::string_view b = basis;
  if (b.starts_with(kValue)) {
    return FillHtml(labels_.basis_value, "{measure}", Code(b.substr(kValue.size())));
  }
  if (b.starts_with(kShareOfThe) && b.ends_with(kRows)) {
    const std::string_view scope =
        b.substr(kShareOfThe.size(), b.size() - kShareOfThe.size() - kRows.size());
    return EscapeHtml(FillAll(labels_.basis_subjects, "{scope}", ScopeLabel(labels_, scope)));
  }
  if (b.starts_with(kShareOf)) {
    return FillHtml(labels_.basis_share, "{figure}", Code(b.substr(kShareOf.size())));
  }
  return EscapeHtml(basis);
}

}  // namespace tiersight::exports

#include "tests/exports/english_runs.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <regex>

namespace tiersight::testing {
namespace {

namespace v1 = tiersight::v1;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// `text` with its character references decoded.
std::string Decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name == "amp")
      out += '&';
    else if (name == "lt")
      out += '<';
    else if (name == "gt")
      out += '>';
    else if (name == "quot")
      out += '"';
    else if (name == "apos")
      out += '\'';
    else if (name == "nbsp")
      AppendUtf8(0xA0, out);
    else if (name.starts_with("#x") || name.starts_with("#X"))
      AppendUtf8(
          static_cast<uint32_t>(std::strtoul(std::string(name.substr(2)).c_str(), nullptr, 16)),
          out);
    else if (name.starts_with("#"))
      AppendUtf8(
          static_cast<uint32_t>(std::strtoul(std::string(name.substr(1)).c_str(), nullptr, 10)),
          out);
    else {
      out += text.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

struct Tag {
  std::string name;  // lower case, without '/'
  bool closing = false;
  bool self_closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;  // name lower case, value decoded
};

// The tag starting at html[at] == '<'; `end` is set past its '>'.
Tag ParseTag(std::string_view html, size_t at, size_t& end) {
  Tag tag;
  size_t i = at + 1;
  if (i < html.size() && html[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const size_t name_begin = i;
  while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '>' &&
         html[i] != '/') {
    ++i;
  }
  tag.name = Lower(html.substr(name_begin, i - name_begin));
  while (i < html.size() && html[i] != '>') {
    if (std::isspace(static_cast<unsigned char>(html[i]))) {
      ++i;
      continue;
    }
    if (html[i] == '/') {
      tag.self_closing = true;
      ++i;
      continue;
    }
    const size_t attr_begin = i;
    while (i < html.size() && html[i] != '=' && html[i] != '>' &&
           !std::isspace(static_cast<unsigned char>(html[i])) && html[i] != '/') {
      ++i;
    }
    std::string name = Lower(html.substr(attr_begin, i - attr_begin));
    std::string value;
    if (i < html.size() && html[i] == '=') {
      ++i;
      if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
        const char quote = html[i];
        const size_t close = html.find(quote, i + 1);
        value = Decode(html.substr(i + 1, close - i - 1));
        i = close == std::string_view::npos ? html.size() : close + 1;
      } else {
        const size_t begin = i;
        while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) &&
               html[i] != '>') {
          ++i;
        }
        value = Decode(html.substr(begin, i - begin));
      }
    }
    tag.attributes.emplace_back(std::move(name), std::move(value));
  }
  end = i < html.size() ? i + 1 : html.size();
  return tag;
}

bool IsVoid(const std::string& name) {
  static const std::set<std::string> kVoid = {"area",   "base",  "br",    "col",  "embed",
                                              "hr",     "img",   "input", "link", "meta",
                                              "source", "track", "wbr"};
  return kVoid.contains(name);
}

// Whether an element's content is not checked: code, and text marked as
// English.
bool Skipped(const Tag& tag) {
  if (tag.name == "code" || tag.name == "pre") return true;
  for (const auto& [name, value] : tag.attributes) {
    if (name == "lang" && Lower(value).starts_with("en") && tag.name != "html") return true;
  }
  return false;
}

struct Page {
  std::vector<std::string> texts;
  std::set<std::string> ids;
};

Page Read(std::string_view html) {
  Page page;
  // Open elements, and how many of them are skipped.
  std::vector<std::pair<std::string, bool>> open;
  int skipped = 0;
  for (size_t i = 0; i < html.size();) {
    if (html.substr(i, 4) == "<!--") {
      const size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    if (html[i] == '<' && i + 1 < html.size() &&
        (std::isalpha(static_cast<unsigned char>(html[i + 1])) || html[i + 1] == '/' ||
         html[i + 1] == '!')) {
      if (html[i + 1] == '!') {  // <!DOCTYPE ...>
        const size_t close = html.find('>', i);
        i = close == std::string_view::npos ? html.size() : close + 1;
        continue;
      }
      size_t end = 0;
      const Tag tag = ParseTag(html, i, end);
      i = end;
      if (tag.closing) {
        for (size_t k = open.size(); k > 0; --k) {
          if (open[k - 1].first != tag.name) continue;
          for (size_t j = k - 1; j < open.size(); ++j) skipped -= open[j].second ? 1 : 0;
          open.resize(k - 1);
          break;
        }
        continue;
      }
      for (const auto& [name, value] : tag.attributes) {
        if (name == "id") page.ids.insert(value);
      }
      if (tag.name == "script" || tag.name == "style") {
        const std::string close = "</" + tag.name;
        size_t at = i;
        while (at < html.size()) {
          at = html.find('<', at);
          if (at == std::string_view::npos) break;
          if (Lower(html.substr(at, close.size())) == close) break;
          ++at;
        }
        if (at == std::string_view::npos) at = html.size();
        size_t close_end = html.find('>', at);
        i = close_end == std::string_view::npos ? html.size() : close_end + 1;
        continue;
      }
      const bool skip = Skipped(tag);
      if (skipped == 0 && !skip) {
        for (const auto& [name, value] : tag.attributes) {
          if ((name == "aria-label" || name == "alt" || name == "title") && !value.empty()) {
            page.texts.push_back(value);
          }
        }
      }
      if (!tag.self_closing && !IsVoid(tag.name)) {
        open.emplace_back(tag.name, skip);
        skipped += skip ? 1 : 0;
      }
      continue;
    }
    const size_t next = html.find('<', i + 1);
    const size_t end = next == std::string_view::npos ? html.size() : next;
    if (skipped == 0) page.texts.push_back(Decode(html.substr(i, end - i)));
    i = end;
  }
  return page;
}

bool HasTwoLetters(std::string_view token) {
  for (size_t i = 0; i + 1 < token.size(); ++i) {
    if (std::isalpha(static_cast<unsigned char>(token[i])) &&
        std::isalpha(static_cast<unsigned char>(token[i + 1]))) {
      return true;
    }
  }
  return false;
}

bool AllowedToken(const std::string& token, const EnglishRunAllowList& allow,
                  const std::set<std::string>& ids) {
  static const std::regex kCode("[A-Z0-9]+(-[A-Z0-9]+)*");
  static const std::regex kHex("([A-Z]+-)?[0-9a-f]{8,}");
  static const std::regex kFile("[A-Za-z0-9_.-]+\\.(json|html|csv|zip|yaml|pub|key|pdf|png|txt)");
  return allow.tokens.contains(token) || ids.contains(token) || std::regex_match(token, kCode) ||
         std::regex_match(token, kHex) || std::regex_match(token, kFile);
}

std::string Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

// The offending runs of one text.
void RunsOf(std::string text, const EnglishRunAllowList& allow, const std::set<std::string>& ids,
            std::vector<std::string>& out) {
  // Longest first, so that a string holding another is taken out whole.
  std::vector<std::string> strings(allow.strings.begin(), allow.strings.end());
  std::sort(strings.begin(), strings.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& s : strings) {
    if (s.empty()) continue;
    for (size_t at = text.find(s); at != std::string::npos; at = text.find(s, at + 1)) {
      text.replace(at, s.size(), " ");
    }
  }
  size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
    const std::string_view run(text.data() + i, end - i);
    bool offends = false;
    static const std::string kSeparators = " \t\r\n,;()[]{}\"'<>=|*!?+&";
    for (size_t t = 0; t < run.size() && !offends;) {
      const size_t begin = run.find_first_not_of(kSeparators, t);
      if (begin == std::string_view::npos) break;
      size_t stop = run.find_first_of(kSeparators, begin);
      if (stop == std::string_view::npos) stop = run.size();
      std::string token(run.substr(begin, stop - begin));
      while (!token.empty() && std::string_view(".:/-").find(token.back()) != std::string::npos) {
        token.pop_back();
      }
      while (!token.empty() && std::string_view(".:/-").find(token.front()) != std::string::npos) {
        token.erase(0, 1);
      }
      offends = HasTwoLetters(token) && !AllowedToken(token, allow, ids);
      t = stop;
    }
    if (offends) {
      std::string trimmed = Trim(run);
      if (std::find(out.begin(), out.end(), trimmed) == out.end()) out.push_back(trimmed);
    }
    i = end;
  }
}

void AddSubjects(const v1::Finding& f, std::set<std::string>& strings) {
  // Level, tier and network subjects are the engine's words, not ids.
  if (f.scope() != "agent" && f.scope() != "branch") return;
  for (const std::string& s : f.subjects()) strings.insert(s);
  for (const v1::SubjectEvidence& s : f.evidence().top_subjects()) strings.insert(s.subject());
}

// The brand's text whole and its Latin stretches on their own: a page marks
// the Chinese inside a name like "Example 微商 brand" apart, which leaves
// the stretches around it as text nodes of their own.
void InsertWithLatinPieces(std::set<std::string>& strings, const std::string& text) {
  strings.insert(text);
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) ++i;
    size_t end = i;
    while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80) ++end;
    if (const std::string piece = Trim(std::string_view(text).substr(i, end - i)); !piece.empty()) {
      strings.insert(piece);
    }
    i = end;
  }
}

}  // namespace

EnglishRunAllowList AllowListOf(const v1::AuditReport& report) {
  EnglishRunAllowList allow;
  std::set<std::string>& s = allow.strings;
  InsertWithLatinPieces(s, report.bundle().name());
  s.insert(report.bundle().currency());
  s.insert(report.bundle().as_of());
  s.insert(report.bundle().digest());
  for (const v1::TierFigures& t : report.tiers()) s.insert(t.tier());
  for (const v1::BranchFigures& b : report.branches()) s.insert(b.top());
  for (const std::string& id : report.negative_on_hand_agent_ids()) s.insert(id);
  for (const v1::MonthCount& m : report.network().recruits_by_month()) s.insert(m.month());
  for (const v1::OrganiserRisk& o : report.organiser_risks()) s.insert(o.agent_id());
  for (const v1::Finding& f : report.findings()) {
    AddSubjects(f, s);
    for (const std::string& id : f.evidence().deepest_chain()) s.insert(id);
    for (const v1::Organiser& o : f.organisers()) {
      s.insert(o.agent_id());
      s.insert(o.within());
    }
    for (const v1::MessageArg& arg : f.message_args()) {
      if (arg.kind() == v1::MESSAGE_ARG_KIND_AGENT_ID) s.insert(arg.text());
    }
    allow.tokens.insert(f.rule_id());
    allow.tokens.insert(f.pack());
  }
  const v1::Provenance& p = report.provenance();
  for (const std::string& text :
       {p.bundle_digest(), p.engine_version(), p.as_of(), p.generated_at(), p.pseudonym_key_id()}) {
    s.insert(text);
  }
  for (const v1::PackProvenance& pack : p.packs()) {
    s.insert(pack.version());
    s.insert(pack.sha256());
    s.insert(pack.file());
    allow.tokens.insert(pack.name());
  }
  allow.tokens.insert("tiersight");
  s.erase("");
  allow.tokens.erase("");
  return allow;
}

std::vector<std::string> VisibleTexts(std::string_view html) { return Read(html).texts; }

std::vector<std::string> EnglishRuns(std::string_view html, const EnglishRunAllowList& allow) {
  const Page page = Read(html);
  std::vector<std::string> out;
  for (const std::string& text : page.texts) RunsOf(text, allow, page.ids, out);
  return out;
}

}  // namespace tiersight::testing

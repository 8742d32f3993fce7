#include "exports/html_text_runs.h"

#include <array>

#include "base/utf8.h"

namespace tiersight::exports {
namespace {

constexpr std::string_view kPseudonymPrefix = "P-";
constexpr size_t kPseudonymDigits = 16;

bool IsHan(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

// Han, and the radicals, punctuation (、《》「」) and full-width forms
// (（）：，) that Chinese text sets around it.
bool IsCjk(char32_t cp) {
  return IsHan(cp) || (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFF00 && cp <= 0xFFEF);
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// The code point at text[at] and its length; a stray byte counts as one
// character that is not CJK (the renderer escapes text, so there is none).
size_t CharAt(std::string_view text, size_t at, char32_t& cp) {
  const size_t n = base::Utf8SequenceAt(text, at, cp);
  if (n == 0) {
    cp = 0xFFFD;
    return 1;
  }
  return n;
}

// `text` with each pseudonym wrapped in <span class="id">.
std::string MarkIds(std::string_view text) {
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find(kPseudonymPrefix); at != std::string_view::npos;
       at = text.find(kPseudonymPrefix, at + 1)) {
    const size_t end = at + kPseudonymPrefix.size() + kPseudonymDigits;
    if (end > text.size() || (at > 0 && IsAsciiAlnum(text[at - 1])) ||
        (end < text.size() && IsAsciiAlnum(text[end]))) {
      continue;
    }
    bool hex = true;
    for (size_t i = at + kPseudonymPrefix.size(); i < end && hex; ++i) hex = IsLowerHex(text[i]);
    if (!hex) continue;
    out.append(text.substr(copied, at - copied));
    out += "<span class=\"id\">";
    out.append(text.substr(at, end - at));
    out += "</span>";
    copied = end;
    at = end - 1;
  }
  out.append(text.substr(copied));
  return out;
}

// Words of two or more Latin letters, standing alone (not part of a token
// with digits, such as a hex id): character references (&amp;) are not
// words.
int LatinWords(std::string_view text) {
  int words = 0;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '&') {
      const size_t semicolon = text.find(';', i);
      i = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
      continue;
    }
    if (!IsAsciiAlnum(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    bool letters = true;
    while (end < text.size() && IsAsciiAlnum(text[end])) letters &= IsAsciiLetter(text[end++]);
    if (letters && end - i >= 2) ++words;
    i = end;
  }
  return words;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// A stretch of a Chinese page outside CJK runs: in English when it holds two
// words or more.
std::string MarkLatinStretch(std::string_view text) {
  if (LatinWords(text) < 2) return MarkIds(text);
  size_t begin = 0, end = text.size();
  while (begin < end && IsSpace(text[begin])) ++begin;
  while (end > begin && IsSpace(text[end - 1])) --end;
  return std::string(text.substr(0, begin)) + "<span lang=\"en\">" +
         MarkIds(text.substr(begin, end - begin)) + "</span>" + std::string(text.substr(end));
}

// The end of the CJK run starting at `at`: CJK characters, and the digits,
// spaces and separators between two of them ("第 3 层").
size_t CjkRunEnd(std::string_view text, size_t at, bool& has_han) {
  size_t end = at;
  while (end < text.size()) {
    char32_t cp;
    const size_t n = CharAt(text, end, cp);
    if (IsCjk(cp)) {
      has_han |= IsHan(cp);
      end += n;
      continue;
    }
    size_t gap = end;
    while (gap < text.size() && (IsSpace(text[gap]) || (text[gap] >= '0' && text[gap] <= '9') ||
                                 text[gap] == ',' || text[gap] == '.')) {
      ++gap;
    }
    if (gap == end || gap >= text.size()) break;
    char32_t next;
    CharAt(text, gap, next);
    if (!IsCjk(next)) break;
    end = gap;
  }
  return end;
}

// Text between two tags.
std::string MarkText(std::string_view text, bool chinese_page) {
  std::string out;
  size_t stretch = 0;  // where the text outside CJK runs began
  auto flush = [&](size_t to) {
    const std::string_view part = text.substr(stretch, to - stretch);
    out += chinese_page ? MarkLatinStretch(part) : MarkIds(part);
  };
  size_t at = 0;
  while (at < text.size()) {
    char32_t cp;
    const size_t n = CharAt(text, at, cp);
    if (!IsCjk(cp)) {
      at += n;
      continue;
    }
    bool has_han = false;
    const size_t end = CjkRunEnd(text, at, has_han);
    flush(at);
    const std::string_view run = text.substr(at, end - at);
    if (!chinese_page && has_han) {
      out += "<span lang=\"zh\">";
      out.append(run);
      out += "</span>";
    } else {
      out.append(run);
    }
    at = stretch = end;
  }
  flush(text.size());
  return out;
}

// The lower-case name of the tag at html[at] == '<' ("svg", "/svg", "!doctype").
std::string_view TagName(std::string_view tag) {
  size_t end = 1;
  if (end < tag.size() && tag[end] == '/') ++end;
  while (end < tag.size() && !IsSpace(tag[end]) && tag[end] != '>' && tag[end] != '/') ++end;
  return tag.substr(1, end - 1);
}

// Elements whose content is copied as it is.
constexpr std::array<std::string_view, 5> kVerbatim = {"script", "style", "svg", "title",
                                                       "textarea"};

}  // namespace

std::string MarkTextRuns(std::string_view html, std::string_view html_lang) {
  const bool chinese_page = html_lang.starts_with("zh");
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t at = html.find("<body");
  if (at == std::string_view::npos) at = 0;
  out.append(html.substr(0, at));
  while (at < html.size()) {
    if (html[at] != '<') {
      const size_t next = std::min(html.find('<', at), html.size());
      out += MarkText(html.substr(at, next - at), chinese_page);
      at = next;
      continue;
    }
    // Attribute values are escaped, so the first '>' closes the tag.
    const size_t close = html.find('>', at);
    if (close == std::string_view::npos) {
      out.append(html.substr(at));
      break;
    }
    const std::string_view tag = html.substr(at, close + 1 - at);
    out.append(tag);
    at = close + 1;
    std::string name(TagName(tag));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (tag.ends_with("/>")) continue;
    for (std::string_view verbatim : kVerbatim) {
      if (name != verbatim) continue;
      const size_t end = html.find("</" + name, at);
      const size_t stop = end == std::string_view::npos ? html.size() : end;
      out.append(html.substr(at, stop - at));
      at = stop;
      break;
    }
  }
  return out;
}

}  // namespace tiersight::exports

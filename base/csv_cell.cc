#include "base/csv_cell.h"

namespace tiersight::base {
namespace {

// Advances `i` over one or more digits; false if there is none.
bool SkipDigits(std::string_view text, size_t& i) {
  const size_t start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  return i > start;
}

// [+-]digits[.digits][e[+-]digits]: what a spreadsheet reads as a number
// (as the reports print doubles), never as a formula.
bool IsPlainNumber(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  if (!SkipDigits(text, i)) return false;
  if (i < text.size() && text[i] == '.' && !SkipDigits(text, ++i)) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!SkipDigits(text, i)) return false;
  }
  return i == text.size();
}

bool StartsAFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !IsPlainNumber(text);
    default:
      return false;
  }
}

}  // namespace

std::string CsvCell(std::string_view field) {
  std::string text;
  if (StartsAFormula(field)) text += '\'';
  text += field;
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace tiersight::base

// Concatenation for diagnostics. absl::StrCat cannot be used here: Debian's
// abseil is built with its own string_view, which std::string_view does not
// convert to. Thread-safe.
#pragma once

#include <fmt/format.h>

#include <concepts>
#include <string>
#include <string_view>

namespace tiersight {

namespace internal_str_cat {
inline void AppendOne(std::string& out, std::string_view s) { out.append(s); }
inline void AppendOne(std::string& out, char c) { out.push_back(c); }
template <typename T>
requires std::integral<T> || std::floating_point<T>
void AppendOne(std::string& out, T v) { fmt::format_to(std::back_inserter(out), "{}", v); }
}  // namespace internal_str_cat

template <typename... Args>
void StrAppend(std::string& out, const Args&... args) {
  (internal_str_cat::AppendOne(out, args), ...);
}

template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  StrAppend(out, args...);
  return out;
}

template <typename Range>
std::string StrJoin(const Range& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out.append(separator);
    first = false;
    internal_str_cat::AppendOne(out, part);
  }
  return out;
}

}  // namespace tiersight

namespace tiersight {

// ASCII lower case; other bytes (UTF-8 included) are kept as they are.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace tiersight

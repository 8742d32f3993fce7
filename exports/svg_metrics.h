// What the SVG charts share to place text without a renderer: an estimate
// of a label's width and coordinates written to a tenth. Internal to the
// chart files. Thread-safe.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace tiersight::exports::svg {

// The charts' text size, in user units.
inline constexpr double kFontSize = 12;

// SVG has no text metrics without a renderer; this estimate (Latin glyphs
// about 0.6 em, CJK glyphs 1 em) keeps labels clear of the plot.
inline double TextWidth(std::string_view text) {
  double width = 0;
  for (unsigned char c : text) {
    if (c < 0x80) {
      width += 0.6 * kFontSize;
    } else if (c >= 0xC0) {
      width += 1.0 * kFontSize;
    }
  }
  return width;
}

inline double MaxTextWidth(const std::vector<std::string>& texts) {
  double width = 0;
  for (const std::string& t : texts) width = std::max(width, TextWidth(t));
  return width;
}

// A coordinate to a tenth, never "-0.0".
inline std::string Num(double v) { return fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v); }

}  // namespace tiersight::exports::svg

// Text made safe to place in HTML and inline SVG, in element content and in
// double-quoted attribute values alike. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tiersight::exports {

// Replaces & < > " ' with character references. Characters that would act on
// the page unseen are shown instead as "[U+XXXX]": control characters (but
// tab and line feed), and the bidirectional controls (U+061C, U+200E/F,
// U+202A-E, U+2066-9) with which a tier or network name could reorder the
// text around it, e.g. make "gnisaercni" read as "increasing". A byte that
// is not part of valid UTF-8 shows as U+FFFD.
std::string EscapeHtml(std::string_view text);

// JSON made safe inside <script type="application/json">: every "<" becomes
// \u003c, which JSON reads back as the same character (it can only occur
// inside strings), so "</script>" in a message cannot end the element and a
// signature over the parsed value still holds.
std::string JsonForScriptElement(std::string_view json);

}  // namespace tiersight::exports

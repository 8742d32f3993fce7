// Text made safe to place in HTML and inline SVG, in element content and in
// double-quoted attribute values alike. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tiersight::exports {

// Replaces & < > " ' with character references.
std::string EscapeHtml(std::string_view text);

// JSON made safe inside <script type="application/json">: every "<" becomes
// \u003c, which JSON reads back as the same character (it can only occur
// inside strings), so "</script>" in a message cannot end the element and a
// signature over the parsed value still holds.
std::string JsonForScriptElement(std::string_view json);

}  // namespace tiersight::exports

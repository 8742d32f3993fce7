// Code points of UTF-8 text, one at a time, for the places that judge single
// characters: HTML escaping and the names a tenant may choose. (Validating
// whole CSV files is graph/text_encoding's faster scan.)
#pragma once

#include <cstddef>
#include <string_view>

namespace tiersight::base {

// The length (1-4) of the well-formed UTF-8 sequence at text[at], with its
// code point in `cp`; 0 if the bytes there are not one (a stray or cut-short
// byte, an overlong form, a surrogate or a value past U+10FFFF).
size_t Utf8SequenceAt(std::string_view text, size_t at, char32_t& cp);

// Characters that act on text without being seen: C0 and C1 controls and DEL
// (but tab and line feed), and the bidirectional controls U+061C, U+200E/F,
// U+202A-E and U+2066-9, with which a name can reorder the text around it.
bool IsHiddenControl(char32_t cp);

}  // namespace tiersight::base

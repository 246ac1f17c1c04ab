#pragma once
// Letters as a family may have written them on a form: the Latin capitals a letter of
// Latin or Cyrillic script can be spelt with, so that an initial typed on a Cyrillic
// (or Polish, Romanian, Portuguese) keyboard meets a surname stored in Latin letters,
// and the other way round. Cyrillic follows UK documents, the Ukrainian national
// transliteration and ICAO 9303 (Г as H or G, Х as Kh or H, Ю as Yu, Iu or Ju, ...);
// accented Latin letters are their base letter (Ł L, Ș S, Ã A). Thread-safety: pure.

#include <cstdint>
#include <string_view>

namespace frontdoor::shared::letters {

/// A set of Latin capitals: bit i stands for 'A' + i.
using LatinSet = std::uint32_t;

/// The set holding the one ASCII capital `c` ('A'..'Z'); 0 for anything else.
constexpr LatinSet latin(char c) { return c >= 'A' && c <= 'Z' ? LatinSet{1} << (c - 'A') : 0; }

/// The Latin capitals `c` may be written as, in either case; 0 for a letter these
/// tables do not cover (Greek, Arabic, ...), for a non-letter, and for Ь and Ъ, which
/// never begin a name.
LatinSet latin_spellings(char32_t c);

/// True when latin_spellings() knows `c`: a letter with Latin spellings, or Ь or Ъ.
/// Other letters (Greek, Serbian Ђ, ...) are not covered: compare them as they are.
bool is_covered(char32_t c);

/// The first code point of UTF-8 text after leading spaces; 0 when empty or malformed.
char32_t first_letter(std::string_view text);

} // namespace frontdoor::shared::letters

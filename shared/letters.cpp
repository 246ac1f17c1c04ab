#include "shared/letters.hpp"

namespace frontdoor::shared::letters {
namespace {

/// Base letters of U+00C0..U+017F (Latin-1 Supplement and Latin Extended-A), upper and
/// lower case alike; '.' for the two signs among them (× ÷).
constexpr std::string_view kLatinBase =
    "AAAAAAAC" "EEEEIIII" "DNOOOOO." "OUUUUYTS"  // U+00C0 À .. U+00DF ß
    "AAAAAAAC" "EEEEIIII" "DNOOOOO." "OUUUUYTY"  // U+00E0 à .. U+00FF ÿ
    "AAAAAA" "CCCCCCCC" "DDDD" "EEEEEEEEEE"       // Ā ā Ă ă Ą ą, Ć .. č, Ď .. đ, Ē .. ě
    "GGGGGGGG" "HHHH" "IIIIIIIIII" "II" "JJ"      // Ĝ .. ģ, Ĥ .. ħ, Ĩ .. ı, Ĳ ĳ, Ĵ ĵ
    "KKK" "LLLLLLLLLL" "NNNNNNNNN" "OOOOOOOO"     // Ķ ķ ĸ, Ĺ .. ł, Ń .. ŋ, Ō .. œ
    "RRRRRR" "SSSSSSSS" "TTTTTT" "UUUUUUUUUUUU"   // Ŕ .. ř, Ś .. š (Ş ş), Ţ .. ŧ, Ũ .. ų
    "WW" "YYY" "ZZZZZZ" "S";                      // Ŵ ŵ, Ŷ ŷ Ÿ, Ź .. ž, ſ
static_assert(kLatinBase.size() == 0x180 - 0xC0);

/// The Cyrillic capitals А (U+0410) .. Я (U+042F), in order.
constexpr std::string_view kCyrillic[32] = {
    "A",   "B",  "V",   "HG", "D", "EY", "Z", "Z", "YI", "YI", "K", "L", "M",   "N",   "O",  "P",
    "R",   "S",  "T",   "U",  "F", "KH", "TC", "C", "S", "S",  "",  "Y", "",   "E",   "YIJ", "YIJ"};

constexpr LatinSet set_of(std::string_view letters) {
    LatinSet s = 0;
    for (char c : letters) s |= latin(c);
    return s;
}

/// Cyrillic beyond А..Я: Ё Є І Ї Ґ (and their lower case, folded by the caller).
LatinSet other_cyrillic(char32_t upper) {
    switch (upper) {
    case 0x401: return set_of("YE");  // Ё
    case 0x404: return set_of("YIE"); // Є
    case 0x406: return set_of("I");   // І
    case 0x407: return set_of("YI");  // Ї
    case 0x490: return set_of("G");   // Ґ
    default: return 0;
    }
}

/// Upper case of a Cyrillic letter; anything else unchanged.
char32_t cyrillic_upper(char32_t c) {
    if (c >= 0x430 && c <= 0x44F) return c - 0x20; // а .. я
    if (c >= 0x450 && c <= 0x45F) return c - 0x50; // ѐ .. џ
    if (c == 0x491) return 0x490;                  // ґ
    return c;
}

bool never_initial(char32_t upper) { return upper == 0x42A || upper == 0x42C; } // Ъ, Ь

} // namespace

LatinSet latin_spellings(char32_t c) {
    if (c >= 'a' && c <= 'z') return latin(static_cast<char>(c - 32));
    if (c >= 'A' && c <= 'Z') return latin(static_cast<char>(c));
    if (c >= 0xC0 && c < 0x180) return latin(kLatinBase[c - 0xC0]);
    if (c >= 0x218 && c <= 0x21B) return latin(c < 0x21A ? 'S' : 'T'); // Ș ș Ț ț (comma below)
    auto upper = cyrillic_upper(c);
    if (upper >= 0x410 && upper <= 0x42F) return set_of(kCyrillic[upper - 0x410]);
    return other_cyrillic(upper);
}

bool is_covered(char32_t c) {
    return latin_spellings(c) != 0 || never_initial(cyrillic_upper(c));
}

char32_t first_letter(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    if (s.empty()) return 0;
    auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return c;
    int n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (n == 0 || s.size() < static_cast<size_t>(n + 1)) return 0;
    char32_t cp = c & (0x3F >> n);
    for (int i = 1; i <= n; ++i) {
        auto next = static_cast<unsigned char>(s[i]);
        if ((next & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    return cp;
}

} // namespace frontdoor::shared::letters

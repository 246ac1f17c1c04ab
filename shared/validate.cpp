#include "shared/validate.hpp"

#include <algorithm>
#include <cctype>

namespace frontdoor::shared {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string digits_only(std::string_view s, bool& other_chars) {
    std::string out;
    other_chars = false;
    for (char c : s) {
        if (c >= '0' && c <= '9')
            out.push_back(c);
        else if (c != ' ' && c != '-' && c != '(' && c != ')')
            other_chars = true;
    }
    return out;
}

/// The code points of text already checked by is_clean_utf8.
std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
        char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n + 1;
    }
    return out;
}

/// Marks that reorder the text around them: embeddings and overrides (U+202A-U+202E),
/// isolates (U+2066-U+2069), the LRM/RLM/ALM marks. A name holding one can show as
/// another name, or push the text after it out of place.
bool is_bidi_control(char32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
           cp == 0x200F || cp == 0x061C;
}

/// Characters that draw nothing: spaces of every width, zero-width space, joiners,
/// word joiner and invisible operators, byte-order mark, soft hyphen, Hangul fillers.
bool is_invisible(char32_t cp) {
    return cp == 0x20 || cp == 0xA0 || cp == 0xAD || cp == 0x034F || cp == 0x115F || cp == 0x1160 ||
           cp == 0x180E || (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x3000 ||
           cp == 0x3164 || cp == 0xFEFF || cp == 0xFFA0 || is_bidi_control(cp);
}

/// Invisible characters with no place inside a name: unlike the joiners (U+200C, U+200D),
/// which some scripts need between letters, these only make one name look like another.
bool is_stray_invisible(char32_t cp) { return cp == 0x200B || cp == 0x2060 || cp == 0xFEFF; }

} // namespace

bool is_clean_utf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        size_t n;
        char32_t cp;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) return false;
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size()) return false;
        for (size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates, out of range, C1 controls.
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (cp >= 0x80 && cp < 0xA0))
            return false;
        i += n + 1;
    }
    return true;
}

size_t utf8_length(std::string_view s) {
    return static_cast<size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Result<std::string> validate_text(std::string_view text, std::string_view field,
                                  size_t max_chars) {
    auto t = trim(text);
    if (!is_clean_utf8(t))
        return make_error(ErrorCode::invalid_field, "contains characters that are not allowed",
                          std::string{field});
    if (utf8_length(t) > max_chars)
        return make_error(ErrorCode::invalid_field,
                          "is longer than " + std::to_string(max_chars) + " characters",
                          std::string{field});
    return std::string{t};
}

Result<std::string> validate_name(std::string_view text, std::string_view field,
                                  size_t max_chars) {
    auto r = validate_text(text, field, max_chars);
    if (!r) return r;
    if (r->empty()) return make_error(ErrorCode::invalid_field, "must not be empty", std::string{field});
    auto cps = code_points(*r);
    if (std::any_of(cps.begin(), cps.end(), is_bidi_control))
        return make_error(ErrorCode::invalid_field, "contains a character that reorders text", std::string{field});
    if (std::any_of(cps.begin(), cps.end(), is_stray_invisible))
        return make_error(ErrorCode::invalid_field, "contains an invisible character", std::string{field});
    if (std::all_of(cps.begin(), cps.end(), is_invisible))
        return make_error(ErrorCode::invalid_field, "must have a visible letter", std::string{field});
    return r;
}

Result<Date> validate_date_of_birth(std::string_view text, std::string_view field,
                                    const Date& today) {
    auto d = parse_date(text);
    if (!d)
        return make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD",
                          std::string{field});
    if (date::sys_days{*d} > date::sys_days{today})
        return make_error(ErrorCode::invalid_field, "must not be in the future",
                          std::string{field});
    if (days_between(*d, today) > 120 * 366)
        return make_error(ErrorCode::invalid_field, "is too far in the past", std::string{field});
    return *d;
}

Result<std::string> validate_uk_mobile(std::string_view text, std::string_view field) {
    auto t = trim(text);
    bool plus = !t.empty() && t.front() == '+';
    if (plus) t.remove_prefix(1);
    bool other = false;
    auto digits = digits_only(t, other);
    if (other)
        return make_error(ErrorCode::invalid_field, "must be a UK mobile number",
                          std::string{field});
    if (plus || digits.rfind("44", 0) == 0) {
        if (digits.rfind("44", 0) != 0)
            return make_error(ErrorCode::invalid_field, "must be a UK mobile number",
                              std::string{field});
        digits.replace(0, 2, "0"); // 44 7... -> 07...
    }
    if (digits.size() != 11 || digits.rfind("07", 0) != 0)
        return make_error(ErrorCode::invalid_field, "must be a UK mobile number, like 07700 900123",
                          std::string{field});
    return digits;
}

Result<std::string> validate_postcode(std::string_view text, std::string_view field) {
    std::string s;
    for (char c : text)
        if (c != ' ') s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    auto bad = make_error(ErrorCode::invalid_field, "must be a UK postcode", std::string{field});
    if (s.size() < 5 || s.size() > 7) return bad;
    auto inward = s.substr(s.size() - 3);
    auto outward = s.substr(0, s.size() - 3);
    if (!std::isdigit(static_cast<unsigned char>(inward[0])) ||
        !std::isalpha(static_cast<unsigned char>(inward[1])) ||
        !std::isalpha(static_cast<unsigned char>(inward[2])))
        return bad;
    if (!std::isalpha(static_cast<unsigned char>(outward[0]))) return bad;
    for (char c : outward)
        if (!std::isalnum(static_cast<unsigned char>(c))) return bad;
    return outward + " " + inward;
}

Result<std::string> validate_nhs_number(std::string_view text, std::string_view field) {
    bool other = false;
    auto digits = digits_only(trim(text), other);
    auto bad = make_error(ErrorCode::invalid_field, "must be a 10-digit NHS number",
                          std::string{field});
    if (other || digits.size() != 10) return bad;
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10 || check != digits[9] - '0') return bad;
    return digits;
}

Result<std::string> validate_email(std::string_view text, std::string_view field) {
    auto t = trim(text);
    auto at = t.find('@');
    auto bad = make_error(ErrorCode::invalid_field, "must be an email address", std::string{field});
    if (t.size() > 254 || at == std::string_view::npos || at == 0 || !is_clean_utf8(t)) return bad;
    auto domain = t.substr(at + 1);
    auto dot = domain.rfind('.');
    if (domain.find('@') != std::string_view::npos || dot == std::string_view::npos || dot == 0 ||
        dot + 1 >= domain.size() || t.find(' ') != std::string_view::npos)
        return bad;
    return std::string{t};
}

Result<std::string> normalise_reference(std::string_view text) {
    auto t = trim(text);
    std::string s;
    for (char c : t)
        if (c != ' ' && c != '-')
            s.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    if (s.size() != kReferenceLength ||
        !std::all_of(s.begin(), s.end(),
                     [](char c) { return kReferenceAlphabet.find(c) != std::string_view::npos; }))
        return make_error(ErrorCode::invalid_field,
                          "must be 8 letters and numbers from your booking", "reference");
    return s;
}

} // namespace frontdoor::shared

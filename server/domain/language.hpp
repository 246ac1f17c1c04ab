#pragma once
// The kiosk's languages, by the codes clients ask for (`Accept-Language: pl`) and
// set-up gives names in. English ("en") is what every name falls back to.

#include <array>
#include <string_view>

namespace frontdoor::server::domain {

inline constexpr std::string_view kEnglish = "en";
inline constexpr std::array<std::string_view, 5> kKioskLanguages{"en", "pl", "pt", "ro", "uk"};

/// True for one of kKioskLanguages, exactly (lower case, no region).
constexpr bool is_kiosk_language(std::string_view code) {
    for (auto known : kKioskLanguages)
        if (code == known) return true;
    return false;
}

} // namespace frontdoor::server::domain

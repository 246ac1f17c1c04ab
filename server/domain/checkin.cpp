#include "server/domain/checkin.hpp"

#include "shared/letters.hpp"

namespace frontdoor::server::domain {
namespace {

char32_t fold(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;        // Latin-1
    // Latin Extended-A pairs: upper case even in 0100-0137 and 014A-0177, odd in 0139-0148 and 0179-017E.
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) && c % 2 == 1 && c != 0x131) return c - 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) && c % 2 == 0) return c - 1;
    if (c >= 0x430 && c <= 0x44F) return c - 32;                   // Cyrillic а-я
    if (c >= 0x450 && c <= 0x45F) return c - 80;                   // Cyrillic ѐ-џ
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;     // Greek
    return c;
}

} // namespace

char32_t initial_of(std::string_view name) {
    auto c = shared::letters::first_letter(name);
    if (shared::letters::is_covered(c) && shared::letters::latin_spellings(c) == 0) return 0; // Ь, Ъ
    return fold(c);
}

bool initial_matches(std::string_view surname, std::string_view initial) {
    auto typed = initial_of(initial);
    auto first = initial_of(surname);
    if (typed == 0 || first == 0) return false;
    using shared::letters::is_covered;
    using shared::letters::latin_spellings;
    // Latin and Cyrillic meet through the Latin letters each may be written as.
    if (is_covered(typed) && is_covered(first)) return (latin_spellings(typed) & latin_spellings(first)) != 0;
    return typed == first; // other scripts: the same letter in either case
}

std::optional<int> minutes_late(shared::Instant start, shared::Instant arrived, int allowance_minutes) {
    if (arrived <= start) return std::nullopt;
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(arrived - start).count();
    if (minutes <= allowance_minutes) return std::nullopt;
    return static_cast<int>(minutes);
}

shared::Result<std::vector<std::int64_t>>
choose_checkin(const std::vector<CheckinCandidate>& candidates) {
    using shared::ErrorCode;
    if (candidates.empty())
        return shared::make_error(ErrorCode::no_appointment_found,
                                  "no appointment today matches; please see reception");
    for (const auto& c : candidates)
        if (c.client_id != candidates.front().client_id)
            return shared::make_error(ErrorCode::ambiguous_match,
                                      "more than one family matches; please use your booking reference");
    std::vector<std::int64_t> ids;
    for (const auto& c : candidates) ids.push_back(c.booking_id);
    return ids;
}

} // namespace frontdoor::server::domain

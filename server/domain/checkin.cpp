#include "server/domain/checkin.hpp"

namespace frontdoor::server::domain {
namespace {

char32_t first_code_point(std::string_view s) {
    if (s.empty()) return 0;
    auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return c;
    int n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (n == 0 || s.size() < static_cast<size_t>(n + 1)) return 0;
    char32_t cp = c & (0x3F >> n);
    for (int i = 1; i <= n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
    return cp;
}

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
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    return fold(first_code_point(name));
}

bool initial_matches(std::string_view surname, std::string_view initial) {
    auto i = initial_of(initial);
    return i != 0 && i == initial_of(surname);
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

#pragma once
// Check-in matching, pure: which of today's bookings a person at the kiosk means.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.hpp"
#include "shared/time.hpp"

namespace frontdoor::server::domain {

/// The first letter of a name (after leading spaces) folded for comparison: ASCII,
/// Latin-1/Latin Extended-A, Cyrillic and Greek upper and lower case compare equal.
/// Returns the folded code point; 0 for an empty name, malformed UTF-8, or Ь/Ъ (which
/// never begin a name).
char32_t initial_of(std::string_view name);

/// True when `initial` (one letter as typed) can be the first letter of `surname` as
/// either may have been written: Latin and Cyrillic letters are folded to the Latin
/// capitals they can be spelt with (shared/letters.hpp), and match when those meet
/// (Cyrillic А and "Abdi", Ł and "Lewandowski", "Шевченко" and S). Letters of other
/// scripts match the same letter in either case.
bool initial_matches(std::string_view surname, std::string_view initial);

/// How late an arrival at `arrived` is for a booking starting at `start`: the whole
/// minutes past the start when they are more than `allowance_minutes`, else nullopt
/// (on time, early, or within the allowance).
std::optional<int> minutes_late(shared::Instant start, shared::Instant arrived, int allowance_minutes);

struct CheckinCandidate {
    std::int64_t booking_id = 0;
    std::int64_t client_id = 0;
};

/// Decides a match: none -> no_appointment_found; bookings of more than one family ->
/// ambiguous_match; otherwise the booking ids, all of one family.
shared::Result<std::vector<std::int64_t>>
choose_checkin(const std::vector<CheckinCandidate>& candidates);

} // namespace frontdoor::server::domain

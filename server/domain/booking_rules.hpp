#pragma once
// Booking statuses and the moves between them, pure. A child's missed appointment is
// "was not brought", an adult's "did not attend".

#include <optional>
#include <string>
#include <string_view>

#include "shared/result.hpp"

namespace frontdoor::server::domain {

enum class BookingStatus {
    held, // offered to a waitlisted family, not yet accepted
    booked,
    arrived,
    in_progress,
    seen,
    did_not_attend,
    was_not_brought,
    cancelled,
    released, // a held place whose offer lapsed or was declined
};

std::string_view status_name(BookingStatus s);
std::optional<BookingStatus> parse_status(std::string_view name);

/// True while the booking takes its place (room, practitioner, group capacity).
bool occupies_place(BookingStatus s);

/// The status a staff request moves a booking to. `requested` is one of arrived,
/// in_progress, seen, missed, cancelled. Asking for the status it already has is
/// allowed (nothing changes). A move the booking's state does not allow is `conflict`;
/// an unknown word is `invalid_field`.
shared::Result<BookingStatus> next_status(BookingStatus current, std::string_view requested,
                                          bool for_child);

} // namespace frontdoor::server::domain

#pragma once
// Booking statuses and the moves between them, pure. A child's missed appointment is
// "was not brought", an adult's "did not attend".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Who asks for a status change, as the rules see them.
enum class Mover {
    desk,               // reception, manager, admin
    own_practitioner,   // the practitioner of the booking, or the leader of its session
    other_practitioner, // any other practitioner: may touch nothing
    kiosk,              // the family, checking in
};

/// What the rules need to know about one booking and who asks.
struct StatusMove {
    BookingStatus current = BookingStatus::booked;
    bool for_child = false;
    bool day_reached = false; // its local date is today at the hub, or past
    bool started = false;     // its start time has passed
    Mover who = Mover::desk;
};

/// The one table of status changes. A request is one of arrived, in_progress, seen,
/// missed, cancelled; `missed` becomes was_not_brought for a child, did_not_attend for
/// an adult.
///
///   from                          request      who                       when
///   booked                        arrived      desk, kiosk (check-in)    from its day on
///   booked                        missed       desk, own practitioner    once its start has passed
///   booked                        cancelled    desk                      any time
///   arrived                       in_progress  desk, own practitioner    from its day on
///   arrived                       seen         desk, own practitioner    from its day on
///   in_progress                   seen         desk, own practitioner    -
///   in_progress                   arrived      desk, own practitioner    - (started by mistake)
///   did_not_attend, was_not_brought  arrived   desk                      - (came late after all)
///
/// Everything else is refused: arrived never becomes missed (they came: a "was not
/// brought" would be a false safeguarding flag), seen and cancelled are final, held and
/// released places are the waitlist's, a booking still to come is never in progress,
/// seen or missed. Asking for the status a booking already has changes nothing and is
/// allowed to whoever may touch it.
///
/// Checked in this order: an unknown word is `invalid_field` (field "status"); another
/// practitioner's booking is `forbidden`; a move the table does not hold, or not yet,
/// is `conflict`; a move the table holds for others only is `forbidden`.
shared::Result<BookingStatus> next_status(const StatusMove& move, std::string_view requested);

/// The requests that would change this booking's status and that `move.who` may make
/// now, in the table's order (for the staff page's buttons).
std::vector<std::string_view> allowed_requests(const StatusMove& move);

/// True when the table holds a move from `from` to `to` that `who` may make (at some
/// time): whoever may make a change may also undo it (status_undo.hpp).
bool table_allows(BookingStatus from, BookingStatus to, Mover who);

} // namespace frontdoor::server::domain

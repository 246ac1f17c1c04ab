#pragma once
// A weekly series of group sessions (sessions sharing a series_id, the id of the first)
// and the bookings in them, as a series is changed or cancelled. Functions run on the
// caller's connection inside the caller's transaction.

#include <optional>
#include <vector>

#include "server/storage/booking_repo.hpp"
#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

/// Every session of the series, cancelled ones too, in time order; empty when none.
std::vector<SessionRow> series_sessions(Connection& c, Id series_id);
/// Writes a session's capacity, leader, times and cancelled flag.
void update_session(Connection& c, const SessionRow& s);
/// Live bookings (held, booked, arrived, ...) in a session, in booking order.
std::vector<BookingRow> live_bookings_of_session(Connection& c, Id session_id);
/// Moves a session's live bookings with it: its times and its leader.
void follow_session(Connection& c, const SessionRow& s, Instant now);
/// Whether the room, or the leader, has something else in [from, to): a 1:1 booking or
/// a session outside this series.
bool room_taken(Connection& c, Id room_id, Instant from, Instant to, Id series_id);
bool leader_taken(Connection& c, Id staff_id, Instant from, Instant to, Id series_id);

} // namespace frontdoor::server::storage

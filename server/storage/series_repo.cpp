#include "server/storage/series_repo.hpp"

namespace frontdoor::server::storage {
namespace {

Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

} // namespace

std::vector<SessionRow> series_sessions(Connection& c, Id series_id) {
    Statement s(c, "SELECT id, service_id, hub_id, room_id, staff_id, start_utc, end_utc, capacity, series_id, "
                   "cancelled FROM sessions WHERE series_id = ? ORDER BY start_utc, id");
    s.bind(1, series_id);
    std::vector<SessionRow> out;
    while (s.step())
        out.push_back({s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.opt_integer(4), instant(s.integer(5)),
                       instant(s.integer(6)), static_cast<int>(s.integer(7)), s.opt_integer(8), s.integer(9) != 0});
    return out;
}

void update_session(Connection& c, const SessionRow& r) {
    Statement s(c, "UPDATE sessions SET capacity = ?, staff_id = ?, start_utc = ?, end_utc = ?, cancelled = ? "
                   "WHERE id = ?");
    s.bind_all(r.capacity, r.staff_id, secs(r.start), secs(r.end), r.cancelled ? 1 : 0, r.id).run();
}

std::vector<BookingRow> live_bookings_of_session(Connection& c, Id session_id) {
    Statement s(c, std::string("SELECT id FROM bookings WHERE session_id = ? AND ") + kLiveBooking + " ORDER BY id");
    s.bind(1, session_id);
    std::vector<Id> ids;
    while (s.step()) ids.push_back(s.integer(0));
    std::vector<BookingRow> out;
    for (Id id : ids)
        if (auto b = find_booking(c, id)) out.push_back(std::move(*b));
    return out;
}

void follow_session(Connection& c, const SessionRow& r, Instant now) {
    Statement s(c, std::string("UPDATE bookings SET start_utc = ?, end_utc = ?, staff_id = ?, updated_at = ? "
                               "WHERE session_id = ? AND ") + kLiveBooking);
    s.bind_all(secs(r.start), secs(r.end), r.staff_id, secs(now), r.id).run();
}

bool room_taken(Connection& c, Id room_id, Instant from, Instant to, Id series_id) {
    Statement s(c, std::string("SELECT 1 FROM sessions WHERE room_id = ?1 AND cancelled = 0 AND "
                               "(series_id IS NULL OR series_id <> ?4) AND start_utc < ?3 AND end_utc > ?2 "
                               "UNION ALL SELECT 1 FROM bookings WHERE room_id = ?1 AND session_id IS NULL AND "
                               "start_utc < ?3 AND end_utc > ?2 AND ") + kLiveBooking + " LIMIT 1");
    s.bind_all(room_id, secs(from), secs(to), series_id);
    return s.step();
}

bool leader_taken(Connection& c, Id staff_id, Instant from, Instant to, Id series_id) {
    Statement s(c, std::string("SELECT 1 FROM sessions WHERE staff_id = ?1 AND cancelled = 0 AND "
                               "(series_id IS NULL OR series_id <> ?4) AND start_utc < ?3 AND end_utc > ?2 "
                               "UNION ALL SELECT 1 FROM bookings WHERE staff_id = ?1 AND session_id IS NULL AND "
                               "start_utc < ?3 AND end_utc > ?2 AND ") + kLiveBooking + " LIMIT 1");
    s.bind_all(staff_id, secs(from), secs(to), series_id);
    return s.step();
}

} // namespace frontdoor::server::storage

#include "server/storage/diary_repo.hpp"

namespace frontdoor::server::storage {
namespace {

Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

} // namespace

std::vector<DiaryBookingRow> diary_bookings(Connection& c, Id staff_id, Instant from, Instant to) {
    Statement s(c, std::string("SELECT b.id, b.start_utc, b.end_utc, b.status, sv.name, r.name, cl.first_name, sv.discreet "
                               "FROM bookings b JOIN services sv ON sv.id = b.service_id "
                               "JOIN rooms r ON r.id = b.room_id JOIN clients cl ON cl.id = b.client_id "
                               "WHERE b.staff_id = ? AND b.session_id IS NULL AND b.start_utc >= ? AND "
                               "b.start_utc < ? AND ") +
                       kLiveBooking + " ORDER BY b.start_utc, b.id");
    s.bind_all(staff_id, secs(from), secs(to));
    std::vector<DiaryBookingRow> out;
    while (s.step())
        out.push_back({s.integer(0), instant(s.integer(1)), instant(s.integer(2)), s.text(3), s.text(4),
                       s.text(5), s.text(6), s.integer(7) != 0});
    return out;
}

std::vector<DiarySessionRow> diary_sessions(Connection& c, Id staff_id, Instant from, Instant to) {
    Statement s(c, std::string("SELECT se.id, se.start_utc, se.end_utc, sv.name, r.name, se.capacity, "
                               "(SELECT COUNT(*) FROM bookings b WHERE b.session_id = se.id AND ") +
                       kLiveBooking + "), sv.discreet "
                   "FROM sessions se JOIN services sv ON sv.id = se.service_id "
                   "JOIN rooms r ON r.id = se.room_id "
                   "WHERE se.staff_id = ? AND se.start_utc >= ? AND se.start_utc < ? AND se.cancelled = 0 "
                   "ORDER BY se.start_utc, se.id");
    s.bind_all(staff_id, secs(from), secs(to));
    std::vector<DiarySessionRow> out;
    while (s.step())
        out.push_back({s.integer(0), instant(s.integer(1)), instant(s.integer(2)), s.text(3), s.text(4),
                       static_cast<int>(s.integer(5)), static_cast<int>(s.integer(6)), s.integer(7) != 0});
    return out;
}

} // namespace frontdoor::server::storage

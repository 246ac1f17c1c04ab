#include "server/storage/day_repo.hpp"

namespace frontdoor::server::storage {
namespace {
Instant at(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

constexpr const char* kDayColumns = R"SQL(
SELECT b.id, b.reference, b.start_utc, b.end_utc, sv.id, sv.name, sv.discreet, r.id, r.name,
       st.id, st.name, cl.id, cl.first_name, cl.last_name, cl.date_of_birth, cl.interpreter,
       ch.id, ch.first_name, ch.date_of_birth, b.status, b.arrived_at, b.told_phone, b.told_email,
       b.told_interpreter, b.minutes_late
FROM bookings b
JOIN services sv ON sv.id = b.service_id
JOIN rooms r ON r.id = b.room_id
JOIN clients cl ON cl.id = b.client_id
LEFT JOIN staff st ON st.id = b.staff_id
LEFT JOIN children ch ON ch.id = b.child_id
)SQL";

std::vector<DayRow> day_rows(Statement& s) {
    std::vector<DayRow> out;
    while (s.step()) {
        DayRow d;
        d.booking_id = s.integer(0);
        d.reference = s.text(1);
        d.start = at(s.integer(2));
        d.end = at(s.integer(3));
        d.service_id = s.integer(4);
        d.service_name = s.text(5);
        d.discreet = s.integer(6) != 0;
        d.room_id = s.integer(7);
        d.room_name = s.text(8);
        d.staff_id = s.opt_integer(9);
        d.staff_name = s.opt_text(10);
        d.client_id = s.integer(11);
        d.client_first_name = s.text(12);
        d.client_last_name = s.text(13);
        d.client_dob = s.text(14);
        d.interpreter = s.opt_text(15);
        d.child_id = s.opt_integer(16);
        d.child_name = s.opt_text(17);
        d.child_dob = s.opt_text(18);
        d.status = s.text(19);
        if (auto a = s.opt_integer(20)) d.arrived_at = at(*a);
        d.told = {s.opt_text(21), s.opt_text(22), s.opt_text(23)};
        if (auto late = s.opt_integer(24)) d.minutes_late = static_cast<int>(*late);
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace

std::vector<DayRow> bookings_between(Connection& c, Id hub_id, Instant from, Instant to) {
    Statement s(c, std::string(kDayColumns) +
                       "WHERE b.hub_id = ? AND b.start_utc >= ? AND b.start_utc < ? AND b.status NOT IN ('held','released') "
                       "ORDER BY b.start_utc, r.name, b.id");
    s.bind_all(hub_id, secs(from), secs(to));
    return day_rows(s);
}

std::vector<DayRow> arrivals_by_reference(Connection& c, Id hub_id, Instant from, Instant to, const std::string& reference) {
    Statement s(c, std::string(kDayColumns) +
                       "WHERE b.reference = ? AND b.hub_id = ? AND b.start_utc >= ? AND b.start_utc < ? "
                       "AND b.status IN ('booked','arrived')");
    s.bind_all(reference, hub_id, secs(from), secs(to));
    return day_rows(s);
}

std::vector<DayRow> arrivals_by_birth_date(Connection& c, Id hub_id, Instant from, Instant to, const std::string& dob) {
    Statement s(c, std::string(kDayColumns) +
                       "WHERE b.hub_id = ?1 AND b.start_utc >= ?2 AND b.start_utc < ?3 AND b.status IN ('booked','arrived') "
                       "AND (cl.date_of_birth = ?4 OR ch.date_of_birth = ?4) ORDER BY b.start_utc, r.name, b.id");
    s.bind_all(hub_id, secs(from), secs(to), dob);
    return day_rows(s);
}

int earlier_missed(Connection& c, Id client_id, std::optional<Id> child_id, Instant before) {
    Statement s(c, "SELECT COUNT(*) FROM bookings WHERE start_utc < ?1 AND status IN ('was_not_brought','did_not_attend') "
                   "AND ((CAST(?2 AS BIGINT) IS NOT NULL AND child_id = ?2) OR (CAST(?2 AS BIGINT) IS NULL AND client_id = ?3 AND child_id IS NULL))");
    s.bind_all(secs(before), child_id, client_id);
    s.step();
    return static_cast<int>(s.integer(0));
}

bool has_earlier_booking(Connection& c, Id client_id, Instant before) {
    Statement s(c, "SELECT 1 FROM bookings WHERE client_id = ? AND start_utc < ? AND status NOT IN "
                   "('cancelled','released','held') LIMIT 1");
    s.bind_all(client_id, secs(before));
    return s.step();
}

} // namespace frontdoor::server::storage

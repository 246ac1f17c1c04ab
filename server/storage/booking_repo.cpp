#include "server/storage/booking_repo.hpp"

namespace frontdoor::server::storage {
namespace {

Instant at(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }
std::optional<std::int64_t> secs(std::optional<Instant> t) {
    if (!t) return std::nullopt;
    return secs(*t);
}

constexpr const char* kBookingCols =
    "id, reference, hub_id, service_id, session_id, room_id, staff_id, start_utc, end_utc, "
    "client_id, child_id, status, held_until, arrived_at, source, told_phone, told_email, told_interpreter";

BookingRow read_booking(Statement& s) {
    BookingRow b;
    b.id = s.integer(0);
    b.reference = s.text(1);
    b.hub_id = s.integer(2);
    b.service_id = s.integer(3);
    b.session_id = s.opt_integer(4);
    b.room_id = s.integer(5);
    b.staff_id = s.opt_integer(6);
    b.start = at(s.integer(7));
    b.end = at(s.integer(8));
    b.client_id = s.integer(9);
    b.child_id = s.opt_integer(10);
    b.status = s.text(11);
    if (auto h = s.opt_integer(12)) b.held_until = at(*h);
    if (auto a = s.opt_integer(13)) b.arrived_at = at(*a);
    b.source = s.text(14);
    b.told = {s.opt_text(15), s.opt_text(16), s.opt_text(17)};
    return b;
}


std::vector<domain::Interval> intervals(Statement& s) {
    std::vector<domain::Interval> out;
    while (s.step()) out.push_back({at(s.integer(0)), at(s.integer(1))});
    return out;
}

} // namespace

std::optional<BookingRow> find_booking(Connection& c, Id id) {
    Statement s(c, std::string("SELECT ") + kBookingCols + " FROM bookings WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_booking(s);
}

std::optional<BookingRow> find_booking_by_reference(Connection& c, const std::string& reference) {
    Statement s(c, std::string("SELECT ") + kBookingCols + " FROM bookings WHERE reference = ?");
    s.bind(1, reference);
    if (!s.step()) return std::nullopt;
    return read_booking(s);
}

bool reference_exists(Connection& c, const std::string& reference) {
    Statement s(c, "SELECT 1 FROM bookings WHERE reference = ?");
    s.bind(1, reference);
    return s.step();
}

Id insert_booking(Connection& c, const BookingRow& b, Instant now, const std::string& actor) {
    Statement s(c, "INSERT INTO bookings(reference, hub_id, service_id, session_id, room_id, staff_id, "
                   "start_utc, end_utc, client_id, child_id, status, held_until, arrived_at, source, "
                   "created_at, updated_at, told_phone, told_email, told_interpreter) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind_all(b.reference, b.hub_id, b.service_id, b.session_id, b.room_id, b.staff_id, secs(b.start),
               secs(b.end), b.client_id, b.child_id, b.status, secs(b.held_until), secs(b.arrived_at),
               b.source, secs(now), secs(now), b.told.phone, b.told.email, b.told.interpreter)
        .run();
    Id id = c.last_insert_id();
    Statement h(c, "INSERT INTO booking_history(booking_id, at, status, actor) VALUES (?, ?, ?, ?)");
    h.bind_all(id, secs(now), b.status, actor).run();
    return id;
}

void set_booking_status(Connection& c, Id id, const std::string& status,
                        std::optional<Instant> arrived_at, Instant now, const std::string& actor) {
    Statement s(c, "UPDATE bookings SET status = ?, arrived_at = COALESCE(?, arrived_at), "
                   "held_until = CASE WHEN ? = 'held' THEN held_until ELSE NULL END, updated_at = ? "
                   "WHERE id = ?");
    s.bind_all(status, secs(arrived_at), status, secs(now), id).run();
    Statement h(c, "INSERT INTO booking_history(booking_id, at, status, actor) VALUES (?, ?, ?, ?)");
    h.bind_all(id, secs(now), status, actor).run();
}

void set_minutes_late(Connection& c, Id id, std::optional<int> minutes) {
    Statement s(c, "UPDATE bookings SET minutes_late = ? WHERE id = ?");
    s.bind_all(minutes, id).run();
}

std::vector<HistoryRow> latest_history(Connection& c, Id booking_id, int n) {
    Statement s(c, "SELECT id, status, at, undo_of FROM booking_history WHERE booking_id = ? ORDER BY id DESC LIMIT ?");
    s.bind_all(booking_id, n);
    std::vector<HistoryRow> out;
    while (s.step()) out.push_back({s.integer(0), s.text(1), at(s.integer(2)), s.opt_integer(3)});
    return out;
}

void undo_booking_status(Connection& c, Id id, const std::string& status, Id undone, bool clear_arrival, Instant now,
                         const std::string& actor) {
    Statement s(c, "UPDATE bookings SET status = ?, arrived_at = CASE WHEN ?2 THEN NULL ELSE arrived_at END, "
                   "minutes_late = CASE WHEN ?2 THEN NULL ELSE minutes_late END, updated_at = ?3 WHERE id = ?4");
    s.bind_all(status, clear_arrival ? 1 : 0, secs(now), id).run();
    Statement h(c, "INSERT INTO booking_history(booking_id, at, status, actor, undo_of) VALUES (?, ?, ?, ?, ?)");
    h.bind_all(id, secs(now), status, actor, undone).run();
}

int live_bookings_in_session(Connection& c, Id session_id) {
    Statement s(c, std::string("SELECT COUNT(*) FROM bookings WHERE session_id = ? AND ") + kLiveBooking);
    s.bind(1, session_id);
    s.step();
    return static_cast<int>(s.integer(0));
}

int count_bookings_for_session(Connection& c, Id session_id) {
    Statement s(c, "SELECT COUNT(*) FROM bookings WHERE session_id = ?");
    s.bind(1, session_id);
    s.step();
    return static_cast<int>(s.integer(0));
}

std::vector<domain::Interval> staff_busy(Connection& c, Id staff_id, Instant from, Instant to) {
    Statement s(c, std::string("SELECT start_utc, end_utc FROM bookings WHERE staff_id = ?1 AND "
                               "session_id IS NULL AND start_utc < ?3 AND end_utc > ?2 AND ") + kLiveBooking +
                       " UNION ALL SELECT start_utc, end_utc FROM sessions WHERE staff_id = ?1 AND "
                       "cancelled = 0 AND start_utc < ?3 AND end_utc > ?2");
    s.bind_all(staff_id, secs(from), secs(to));
    return intervals(s);
}

std::vector<domain::Interval> room_busy(Connection& c, Id room_id, Instant from, Instant to) {
    Statement s(c, std::string("SELECT start_utc, end_utc FROM bookings WHERE room_id = ?1 AND "
                               "session_id IS NULL AND start_utc < ?3 AND end_utc > ?2 AND ") + kLiveBooking +
                       " UNION ALL SELECT start_utc, end_utc FROM sessions WHERE room_id = ?1 AND "
                       "cancelled = 0 AND start_utc < ?3 AND end_utc > ?2");
    s.bind_all(room_id, secs(from), secs(to));
    return intervals(s);
}

UpsertedClient upsert_client(Connection& c, const ClientRow& cl, Instant now, ContactUpdate update) {
    Statement find(c, "SELECT id, first_name, last_name, date_of_birth, phone, email, interpreter FROM clients "
                      "WHERE first_name = ? AND last_name = ? AND date_of_birth = ? ORDER BY id LIMIT 1");
    find.bind_all(cl.first_name, cl.last_name, cl.date_of_birth);
    if (find.step()) {
        ClientRow known{find.integer(0), find.text(1),     find.text(2),    find.text(3),
                        find.opt_text(4), find.opt_text(5), find.opt_text(6)};
        if (update == ContactUpdate::replace) {
            Statement u(c, "UPDATE clients SET phone = COALESCE(?, phone), email = COALESCE(?, email), "
                           "interpreter = COALESCE(?, interpreter) WHERE id = ?");
            u.bind_all(cl.phone, cl.email, cl.interpreter, known.id).run();
        }
        return {known.id, std::move(known)};
    }
    Statement s(c, "INSERT INTO clients(first_name, last_name, date_of_birth, phone, email, interpreter, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind_all(cl.first_name, cl.last_name, cl.date_of_birth, cl.phone, cl.email, cl.interpreter, secs(now))
        .run();
    return {c.last_insert_id(), std::nullopt};
}

Id upsert_child(Connection& c, Id client_id, const std::string& first_name, const std::string& dob) {
    Statement find(c, "SELECT id FROM children WHERE client_id = ? AND first_name = ? AND date_of_birth = ?");
    find.bind_all(client_id, first_name, dob);
    if (find.step()) return find.integer(0);
    Statement s(c, "INSERT INTO children(client_id, first_name, date_of_birth) VALUES (?, ?, ?)");
    s.bind_all(client_id, first_name, dob).run();
    return c.last_insert_id();
}

std::optional<ClientRow> find_client(Connection& c, Id id) {
    Statement s(c, "SELECT id, first_name, last_name, date_of_birth, phone, email, interpreter FROM clients "
                   "WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return ClientRow{s.integer(0), s.text(1), s.text(2), s.text(3), s.opt_text(4), s.opt_text(5), s.opt_text(6)};
}

std::optional<ChildRow> find_child(Connection& c, Id id) {
    Statement s(c, "SELECT id, client_id, first_name, date_of_birth FROM children WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return ChildRow{s.integer(0), s.integer(1), s.text(2), s.text(3)};
}

std::optional<IdempotentAnswer> find_idempotent(Connection& c, const std::string& principal,
                                                const std::string& key) {
    Statement s(c, "SELECT request_hash, status, body FROM idempotency_keys WHERE principal = ? AND key = ?");
    s.bind_all(principal, key);
    if (!s.step()) return std::nullopt;
    return IdempotentAnswer{s.text(0), s.integer(1) == 1, s.text(2)};
}

void store_idempotent(Connection& c, const std::string& principal, const std::string& key,
                      const IdempotentAnswer& a, Instant now) {
    Statement s(c, "INSERT INTO idempotency_keys(principal, key, request_hash, status, body, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind_all(principal, key, a.request_hash, a.ok ? 1 : 0, a.body, secs(now)).run();
}

void purge_idempotent(Connection& c, Instant before) {
    Statement s(c, "DELETE FROM idempotency_keys WHERE created_at < ?");
    s.bind(1, secs(before)).run();
}

} // namespace frontdoor::server::storage

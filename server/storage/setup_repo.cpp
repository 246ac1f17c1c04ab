#include "server/storage/setup_repo.hpp"

namespace frontdoor::server::storage {
namespace {

Instant instant(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

HubRow read_hub(Statement& s) { return {s.integer(0), s.text(1), s.text(2), s.opt_text(3)}; }
RoomRow read_room(Statement& s) {
    return {s.integer(0), s.integer(1), s.text(2), static_cast<int>(s.integer(3)), s.integer(4) != 0};
}
constexpr const char* kStaffCols = "id, name, role, hub_id, username, access, active";
StaffRow read_staff(Statement& s) {
    return {s.integer(0), s.text(1), s.text(2), s.opt_integer(3), s.opt_text(4), s.text(5),
            s.integer(6) != 0};
}
constexpr const char* kServiceCols =
    "id, name, kind, duration_minutes, staff_role, capacity, self_bookable, needs_child, discreet, active, description";
ServiceRow read_service(Statement& s) {
    ServiceRow r;
    r.id = s.integer(0);
    r.name = s.text(1);
    r.kind = s.text(2);
    r.duration_minutes = static_cast<int>(s.integer(3));
    r.staff_role = s.opt_text(4);
    if (auto cap = s.opt_integer(5)) r.capacity = static_cast<int>(*cap);
    r.self_bookable = s.integer(6) != 0;
    r.needs_child = s.integer(7) != 0;
    r.discreet = s.integer(8) != 0;
    r.active = s.integer(9) != 0;
    r.description = s.text(10);
    return r;
}
constexpr const char* kSessionCols =
    "id, service_id, hub_id, room_id, staff_id, start_utc, end_utc, capacity, series_id, cancelled";
SessionRow read_session(Statement& s) {
    return {s.integer(0),          s.integer(1),
            s.integer(2),          s.integer(3),
            s.opt_integer(4),      instant(s.integer(5)),
            instant(s.integer(6)), static_cast<int>(s.integer(7)),
            s.opt_integer(8),      s.integer(9) != 0};
}
KioskRow read_kiosk(Statement& s) { return {s.integer(0), s.integer(1), s.text(2), s.integer(3) != 0}; }

} // namespace

std::optional<HubRow> find_hub(Connection& c, Id id) {
    Statement s(c, "SELECT id, name, timezone, address FROM hubs WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_hub(s);
}

std::vector<HubRow> list_hubs(Connection& c) {
    Statement s(c, "SELECT id, name, timezone, address FROM hubs ORDER BY name, id");
    std::vector<HubRow> out;
    while (s.step()) out.push_back(read_hub(s));
    return out;
}

int count_hubs(Connection& c) {
    Statement s(c, "SELECT COUNT(*) FROM hubs");
    s.step();
    return static_cast<int>(s.integer(0));
}

Id insert_hub(Connection& c, const HubRow& h, Instant now) {
    Statement s(c, "INSERT INTO hubs(name, timezone, address, created_at) VALUES (?, ?, ?, ?)");
    s.bind_all(h.name, h.timezone, h.address, secs(now)).run();
    return c.last_insert_id();
}

std::optional<RoomRow> find_room(Connection& c, Id id) {
    Statement s(c, "SELECT id, hub_id, name, capacity, active FROM rooms WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_room(s);
}

std::vector<RoomRow> list_rooms(Connection& c, Id hub_id) {
    Statement s(c, "SELECT id, hub_id, name, capacity, active FROM rooms WHERE hub_id = ? ORDER BY id");
    s.bind(1, hub_id);
    std::vector<RoomRow> out;
    while (s.step()) out.push_back(read_room(s));
    return out;
}

Id insert_room(Connection& c, const RoomRow& r) {
    Statement s(c, "INSERT INTO rooms(hub_id, name, capacity, active) VALUES (?, ?, ?, ?)");
    s.bind_all(r.hub_id, r.name, r.capacity, r.active ? 1 : 0).run();
    return c.last_insert_id();
}

std::vector<Id> staff_hub_ids(Connection& c, Id staff_id) {
    Statement s(c, "SELECT hub_id FROM staff_hubs WHERE staff_id = ? ORDER BY hub_id");
    s.bind(1, staff_id);
    std::vector<Id> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

std::optional<StaffRow> find_staff(Connection& c, Id id) {
    Statement s(c, std::string("SELECT ") + kStaffCols + " FROM staff WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    auto row = read_staff(s);
    row.hub_ids = staff_hub_ids(c, row.id);
    return row;
}

std::vector<StaffRow> list_staff(Connection& c, std::optional<Id> hub_id) {
    Statement s(c, std::string("SELECT ") + kStaffCols +
                       " FROM staff WHERE (CAST(?1 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM staff_hubs h WHERE "
                       "h.staff_id = staff.id AND h.hub_id = ?1)) AND access != 'admin' ORDER BY name, id");
    s.bind(1, hub_id);
    std::vector<StaffRow> out;
    while (s.step()) out.push_back(read_staff(s));
    for (auto& row : out) row.hub_ids = staff_hub_ids(c, row.id);
    return out;
}

void replace_staff_hubs(Connection& c, Id staff_id, const std::vector<Id>& hub_ids, std::optional<Id> home) {
    Statement del(c, "DELETE FROM staff_hubs WHERE staff_id = ?");
    del.bind(1, staff_id).run();
    for (Id hub : hub_ids) {
        Statement one(c, "INSERT INTO staff_hubs(staff_id, hub_id) VALUES (?, ?) ON CONFLICT DO NOTHING");
        one.bind_all(staff_id, hub).run();
    }
    Statement h(c, "UPDATE staff SET hub_id = ? WHERE id = ?");
    h.bind_all(home, staff_id).run();
}

bool username_taken(Connection& c, const std::string& username) {
    Statement s(c, "SELECT 1 FROM staff WHERE lower(username) = lower(?)");
    s.bind(1, username);
    return s.step();
}

Id insert_staff(Connection& c, const StaffRow& st, const std::optional<std::string>& password_hash,
                Instant now) {
    Statement s(c, "INSERT INTO staff(name, role, hub_id, username, password_hash, access, active, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind_all(st.name, st.role, st.hub_id, st.username, password_hash, st.access,
               st.active ? 1 : 0, secs(now))
        .run();
    Id id = c.last_insert_id();
    if (st.hub_id) {
        Statement h(c, "INSERT INTO staff_hubs(staff_id, hub_id) VALUES (?, ?)");
        h.bind_all(id, *st.hub_id).run();
    }
    return id;
}

std::vector<StaffRow> staff_with_role_at_hub(Connection& c, const std::string& role, Id hub_id) {
    Statement s(c, "SELECT s.id, s.name, s.role, s.hub_id, s.username, s.access, s.active FROM staff s "
                   "WHERE s.role = ? AND s.active = 1 AND EXISTS (SELECT 1 FROM working_hours w "
                   "WHERE w.staff_id = s.id AND w.hub_id = ?) ORDER BY s.id");
    s.bind_all(role, hub_id);
    std::vector<StaffRow> out;
    while (s.step()) out.push_back(read_staff(s));
    return out;
}

std::vector<WorkingHoursRow> working_hours(Connection& c, Id staff_id) {
    Statement s(c, "SELECT hub_id, weekday, start_min, end_min FROM working_hours WHERE staff_id = ? "
                   "ORDER BY weekday, start_min");
    s.bind(1, staff_id);
    std::vector<WorkingHoursRow> out;
    while (s.step())
        out.push_back({s.integer(0), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2)),
                       static_cast<int>(s.integer(3))});
    return out;
}

void replace_working_hours(Connection& c, Id staff_id, const std::vector<WorkingHoursRow>& rows) {
    // Working hours are a pattern, not history: replacing the pattern is the operation.
    Statement del(c, "DELETE FROM working_hours WHERE staff_id = ?");
    del.bind(1, staff_id).run();
    for (const auto& r : rows) {
        Statement one(c, "INSERT INTO working_hours(staff_id, hub_id, weekday, start_min, end_min) "
                         "VALUES (?, ?, ?, ?, ?)");
        one.bind_all(staff_id, r.hub_id, r.weekday, r.start_min, r.end_min).run();
    }
}

std::vector<AbsenceRow> absences(Connection& c, Id staff_id) {
    Statement s(c, "SELECT id, staff_id, from_date, to_date, reason FROM absences WHERE staff_id = ? "
                   "ORDER BY from_date");
    s.bind(1, staff_id);
    std::vector<AbsenceRow> out;
    while (s.step()) out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3), s.opt_text(4)});
    return out;
}

Id insert_absence(Connection& c, const AbsenceRow& a) {
    Statement s(c, "INSERT INTO absences(staff_id, from_date, to_date, reason) VALUES (?, ?, ?, ?)");
    s.bind_all(a.staff_id, a.from_date, a.to_date, a.reason).run();
    return c.last_insert_id();
}

std::optional<ServiceRow> find_service(Connection& c, Id id) {
    Statement s(c, std::string("SELECT ") + kServiceCols + " FROM services WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_service(s);
}

std::vector<ServiceRow> list_services(Connection& c) {
    Statement s(c, std::string("SELECT ") + kServiceCols + " FROM services ORDER BY name, id");
    std::vector<ServiceRow> out;
    while (s.step()) out.push_back(read_service(s));
    return out;
}

Id insert_service(Connection& c, const ServiceRow& r) {
    Statement s(c, "INSERT INTO services(name, kind, duration_minutes, staff_role, capacity, "
                   "self_bookable, needs_child, discreet, active, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind_all(r.name, r.kind, r.duration_minutes, r.staff_role, r.capacity, r.self_bookable ? 1 : 0,
               r.needs_child ? 1 : 0, r.discreet ? 1 : 0, r.active ? 1 : 0, r.description)
        .run();
    return c.last_insert_id();
}

std::optional<SessionRow> find_session(Connection& c, Id id) {
    Statement s(c, std::string("SELECT ") + kSessionCols + " FROM sessions WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_session(s);
}

Id insert_session(Connection& c, const SessionRow& r) {
    Statement s(c, "INSERT INTO sessions(service_id, hub_id, room_id, staff_id, start_utc, end_utc, "
                   "capacity, series_id, cancelled) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind_all(r.service_id, r.hub_id, r.room_id, r.staff_id, secs(r.start), secs(r.end), r.capacity,
               r.series_id, r.cancelled ? 1 : 0)
        .run();
    return c.last_insert_id();
}

std::vector<SessionRow> sessions_between(Connection& c, Id hub_id, Id service_id, Instant from,
                                         Instant to) {
    Statement s(c, std::string("SELECT ") + kSessionCols +
                       " FROM sessions WHERE hub_id = ? AND service_id = ? AND start_utc >= ? AND "
                       "start_utc < ? AND cancelled = 0 ORDER BY start_utc, id");
    s.bind_all(hub_id, service_id, secs(from), secs(to));
    std::vector<SessionRow> out;
    while (s.step()) out.push_back(read_session(s));
    return out;
}

std::vector<SessionRow> hub_sessions_between(Connection& c, Id hub_id, Instant from, Instant to) {
    Statement s(c, std::string("SELECT ") + kSessionCols +
                       " FROM sessions WHERE hub_id = ? AND start_utc >= ? AND start_utc < ? AND "
                       "cancelled = 0 ORDER BY start_utc, id");
    s.bind_all(hub_id, secs(from), secs(to));
    std::vector<SessionRow> out;
    while (s.step()) out.push_back(read_session(s));
    return out;
}

void set_session_series(Connection& c, Id session_id, Id series_id) {
    Statement s(c, "UPDATE sessions SET series_id = ? WHERE id = ?");
    s.bind_all(series_id, session_id).run();
}

std::optional<KioskRow> find_kiosk(Connection& c, Id id) {
    Statement s(c, "SELECT id, hub_id, name, revoked FROM kiosks WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_kiosk(s);
}

std::vector<KioskRow> list_kiosks(Connection& c, std::optional<Id> hub_id) {
    Statement s(c, "SELECT id, hub_id, name, revoked FROM kiosks WHERE (CAST(?1 AS BIGINT) IS NULL OR hub_id = ?1) "
                   "ORDER BY id");
    s.bind(1, hub_id);
    std::vector<KioskRow> out;
    while (s.step()) out.push_back(read_kiosk(s));
    return out;
}

Id insert_kiosk(Connection& c, Id hub_id, const std::string& name, Instant now) {
    Statement s(c, "INSERT INTO kiosks(hub_id, name, created_at) VALUES (?, ?, ?)");
    s.bind_all(hub_id, name, secs(now)).run();
    return c.last_insert_id();
}

void revoke_kiosk(Connection& c, Id id) {
    Statement s(c, "UPDATE kiosks SET revoked = 1 WHERE id = ?");
    s.bind(1, id).run();
    Statement t(c, "UPDATE tokens SET revoked = 1 WHERE kiosk_id = ?");
    t.bind(1, id).run();
}

} // namespace frontdoor::server::storage

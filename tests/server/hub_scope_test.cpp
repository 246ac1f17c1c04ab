// Who may act where: staff act at the hubs they are assigned to, admins everywhere.
// Every route that touches a hub's data is walked, for a manager, a receptionist and a
// practitioner of another hub (403 forbidden each time), and for staff of the hub
// itself (the documented success).
#include <doctest/doctest.h>

#include <set>

#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"
#include "server/storage/schema.hpp"
#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

enum class Who { manager, reception, practitioner };

struct Route {
    std::string method;
    std::string path;
    json body; // null: no body
    Who as;    // who of the hub itself may do it
    int ok;    // their status
};

Reply call(const TestServer& server, const Route& r, const std::string& token) {
    if (r.method == "GET") return server.get(r.path, token);
    if (r.method == "PUT") return server.put(r.path, r.body, token);
    return server.http().post(r.path, r.body.is_null() ? json::object() : r.body, token,
                              {{"Idempotency-Key", Fixture::new_key()}});
}

struct Staff {
    Id id = 0;
    std::string token;
};

/// Two hubs, each with a manager, a receptionist and a midwife who can sign in; hub A
/// also has a room, hours, services, a group session, bookings, a waitlist entry and a kiosk.
struct TwoHubs {
    Id a = 0, b = 0, room = 0, hall = 0, antenatal = 0, group = 0, session = 0, kiosk = 0;
    Staff manager_a, reception_a, midwife_a, manager_b, reception_b, midwife_b;
    json first, second, entry; // bookings at A (09:00 and 09:30 today), a waitlist entry at A

    TwoHubs(TestServer& server, Fixture& f) {
        a = f.hub("Hub A");
        b = f.hub("Hub B");
        room = f.room(a, "Room 1");
        hall = f.room(a, "Hall", 20);
        auto person = [&](Id hub, const std::string& user, const std::string& access, const std::string& role) {
            Staff s;
            s.id = f.staff(hub, user, role, access, user, user + "-password-1");
            s.token = server.login(user, user + "-password-1");
            return s;
        };
        manager_a = person(a, "maya", "manager", "family_worker");
        reception_a = person(a, "rita", "reception", "family_worker");
        midwife_a = person(a, "amina", "practitioner", "midwife");
        manager_b = person(b, "mo", "manager", "family_worker");
        reception_b = person(b, "rob", "reception", "family_worker");
        midwife_b = person(b, "bea", "practitioner", "midwife");
        f.every_day(midwife_a.id, a, {{"09:00", "12:00"}});
        f.every_day(midwife_b.id, b, {{"09:00", "12:00"}});
        antenatal = f.appointment_service("Antenatal check", 30, "midwife");
        group = f.group_service("Baby massage", 60, 8);
        session = f.session(group, a, hall, "2027-01-14T14:00:00Z");
        first = f.book(Fixture::appointment_booking(a, antenatal, "2027-01-13T09:00:00Z", family("Ngozi", "Okafor", "1990-05-01")));
        second = f.book(Fixture::appointment_booking(a, antenatal, "2027-01-13T09:30:00Z", family("Tom", "Baker", "1985-01-01")));
        auto joined = server.post("/api/v1/waitlist",
                                  json{{"hub_id", a}, {"service_id", group}, {"client", family("Ana", "Pop", "1993-03-03")}},
                                  server.admin_token());
        REQUIRE_REPLY(joined, 201);
        entry = joined.body;
        auto k = server.post("/api/v1/kiosks", json{{"hub_id", a}, {"name", "Front door"}}, server.admin_token());
        REQUIRE_REPLY(k, 201);
        kiosk = k.body["id"].get<Id>();
    }

    const Staff& of_a(Who w) const { return w == Who::manager ? manager_a : w == Who::reception ? reception_a : midwife_a; }
};

std::string str(Id id) { return std::to_string(id); }

/// Every route that reads or changes hub A's data, in an order in which each succeeds
/// once for hub A's own staff.
std::vector<Route> routes_of_hub_a(const TwoHubs& h) {
    auto A = str(h.a);
    auto midwife = str(h.midwife_a.id);
    auto booking = str(h.first["id"].get<Id>());
    auto reference = h.second["reference"].get<std::string>();
    auto entry = str(h.entry["id"].get<Id>());
    return {
        {"GET", "/api/v1/hubs/" + A, nullptr, Who::reception, 200},
        {"GET", "/api/v1/hubs/" + A + "/rooms", nullptr, Who::practitioner, 200},
        {"POST", "/api/v1/hubs/" + A + "/rooms", json{{"name", "Room 2"}}, Who::manager, 201},
        {"PUT", "/api/v1/hubs/" + A + "/translations", json{{"translations", {{"pl", {{"name", "Centrum A"}}}}}},
         Who::manager, 200},
        {"GET", "/api/v1/hubs/" + A + "/translations", nullptr, Who::reception, 200},
        {"PUT", "/api/v1/rooms/" + str(h.room) + "/translations", json{{"translations", {{"uk", {{"name", "Кабінет 1"}}}}}},
         Who::manager, 200},
        {"GET", "/api/v1/rooms/" + str(h.room) + "/translations", nullptr, Who::practitioner, 200},
        {"GET", "/api/v1/hubs/" + A + "/day?date=2027-01-13", nullptr, Who::practitioner, 200},
        {"GET", "/api/v1/hubs/" + A + "/sessions?from=2027-01-13&to=2027-01-20", nullptr, Who::reception, 200},
        {"GET", "/api/v1/hubs/" + A + "/services", nullptr, Who::reception, 200},
        {"GET", "/api/v1/availability?hub_id=" + A + "&service_id=" + str(h.antenatal) + "&from=2027-01-13&to=2027-01-14",
         nullptr, Who::reception, 200},
        {"POST", "/api/v1/bookings",
         Fixture::appointment_booking(h.a, h.antenatal, "2027-01-13T10:00:00Z", family("Eve", "Stone", "1988-08-08")),
         Who::reception, 201},
        {"POST", "/api/v1/bookings/" + booking + "/status", json{{"status", "arrived"}}, Who::reception, 200},
        {"POST", "/api/v1/checkins", json{{"hub_id", h.a}, {"reference", h.first["reference"]}}, Who::reception, 200},
        {"POST", "/api/v1/bookings/" + booking + "/undo", nullptr, Who::reception, 200},
        {"POST", "/api/v1/bookings/" + reference + "/cancel", nullptr, Who::reception, 200},
        {"POST", "/api/v1/waitlist",
         json{{"hub_id", h.a}, {"service_id", h.group}, {"client", family("Ion", "Rusu", "1991-01-01")}}, Who::reception, 201},
        {"GET", "/api/v1/waitlist?hub_id=" + A, nullptr, Who::practitioner, 200},
        {"GET", "/api/v1/hubs/" + A + "/waitlists", nullptr, Who::practitioner, 200},
        {"GET", "/api/v1/waitlist/" + entry, nullptr, Who::reception, 200},
        {"POST", "/api/v1/waitlist/" + entry + "/accept", nullptr, Who::reception, 409}, // no offer yet: not refused
        {"POST", "/api/v1/waitlist/" + entry + "/decline", nullptr, Who::reception, 200},
        {"GET", "/api/v1/staff?hub_id=" + A, nullptr, Who::reception, 200},
        {"GET", "/api/v1/staff/" + midwife, nullptr, Who::reception, 200},
        {"GET", "/api/v1/staff/" + midwife + "/diary.ics", nullptr, Who::manager, 200},
        {"GET", "/api/v1/staff/" + midwife + "/working-hours", nullptr, Who::reception, 200},
        {"PUT", "/api/v1/staff/" + midwife + "/working-hours",
         json::array({json{{"hub_id", h.a}, {"weekday", 3}, {"start", "09:00"}, {"end", "12:00"}}}), Who::manager, 200},
        {"GET", "/api/v1/staff/" + midwife + "/absences", nullptr, Who::reception, 200},
        {"POST", "/api/v1/staff/" + midwife + "/absences", json{{"from", "2027-02-01"}, {"to", "2027-02-02"}},
         Who::manager, 201},
        {"PUT", "/api/v1/staff/" + midwife + "/hubs", json{{"hub_ids", {h.a}}}, Who::manager, 200},
        {"POST", "/api/v1/staff", json{{"name", "Nia New"}, {"role", "midwife"}, {"hub_id", h.a}}, Who::manager, 201},
        {"POST", "/api/v1/sessions",
         json{{"service_id", h.group}, {"hub_id", h.a}, {"room_id", h.hall}, {"start", "2027-01-15T14:00:00Z"}},
         Who::manager, 201},
        {"POST", "/api/v1/kiosks", json{{"hub_id", h.a}, {"name", "Second kiosk"}}, Who::manager, 201},
        {"GET", "/api/v1/kiosks?hub_id=" + A, nullptr, Who::manager, 200},
        {"POST", "/api/v1/kiosks/" + str(h.kiosk) + "/revoke", nullptr, Who::manager, 200},
    };
}

} // namespace

TEST_SUITE("server: hub scope") {

TEST_CASE("staff of another hub are refused on every route of a hub; its own staff are not") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    DbProbe db(server.db_path());
    const std::vector<std::string> tables{"rooms",   "staff",    "staff_hubs", "working_hours", "absences", "sessions",
                                          "bookings", "waitlist", "kiosks",     "clients", "name_translations"};
    for (const auto& route : routes_of_hub_a(h)) {
        CAPTURE(route.method);
        CAPTURE(route.path);
        auto before = db.fingerprint(tables);
        for (const auto* outsider : {&h.manager_b, &h.reception_b, &h.midwife_b}) {
            CAPTURE(outsider->id);
            REQUIRE_ERROR(call(server, route, outsider->token), 403, "forbidden");
        }
        CHECK(db.fingerprint(tables) == before); // refused means nothing changed
        auto own = call(server, route, h.of_a(route.as).token);
        INFO("hub A's own: " << own.describe());
        CHECK(own.status == route.ok);
    }
}

TEST_CASE("lists show only the caller's hubs, their staff and their kiosks") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    auto hubs = server.get("/api/v1/hubs", h.reception_b.token);
    REQUIRE_REPLY(hubs, 200);
    REQUIRE(hubs.body["hubs"].size() == 1);
    CHECK(hubs.body["hubs"][0]["id"] == h.b);
    REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);
    CHECK(server.get("/api/v1/hubs", server.admin_token()).body["hubs"].size() == 2);

    auto staff = server.get("/api/v1/staff", h.manager_b.token);
    REQUIRE_REPLY(staff, 200);
    std::set<Id> ids;
    for (const auto& s : staff.body["staff"]) ids.insert(s["id"].get<Id>());
    CHECK(ids == std::set<Id>{h.manager_b.id, h.reception_b.id, h.midwife_b.id});

    auto kiosks = server.get("/api/v1/kiosks", h.manager_b.token);
    REQUIRE_REPLY(kiosks, 200);
    CHECK(kiosks.body["kiosks"].empty());
    CHECK(server.get("/api/v1/kiosks", h.manager_a.token).body["kiosks"].size() == 1);
}

TEST_CASE("creating a hub is an admin's; a manager is refused") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    REQUIRE_ERROR(server.post("/api/v1/hubs", json{{"name", "Hub C"}}, h.manager_a.token), 403, "forbidden");
    REQUIRE_REPLY(server.post("/api/v1/hubs", json{{"name", "Hub C"}}, server.admin_token()), 201);
}

TEST_CASE("a staff member with several hubs acts at each; GET staff and the session show them") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    auto A = str(h.a), B = str(h.b);
    // The admin gives Rob (reception at B) hub A too.
    auto both = server.put("/api/v1/staff/" + str(h.reception_b.id) + "/hubs", json{{"hub_ids", {h.b, h.a}}},
                           server.admin_token());
    REQUIRE_REPLY(both, 200);
    CHECK(both.body["hub_ids"] == json::array({h.a, h.b}));
    CHECK(both.body["hub_id"] == h.b); // the home hub stays
    REQUIRE_REPLY(server.get("/api/v1/hubs/" + A + "/day?date=2027-01-13", h.reception_b.token), 200);
    REQUIRE_REPLY(server.get("/api/v1/hubs/" + B + "/day?date=2027-01-13", h.reception_b.token), 200);
    auto session = server.get("/api/v1/auth/session", h.reception_b.token);
    REQUIRE_REPLY(session, 200);
    CHECK(session.body["hub_id"] == h.b);
    CHECK(session.body["hub_ids"] == json::array({h.a, h.b}));
    auto listed = server.get("/api/v1/staff/" + str(h.reception_b.id), h.reception_b.token);
    REQUIRE_REPLY(listed, 200);
    CHECK(listed.body["hub_ids"] == json::array({h.a, h.b}));
    CHECK(server.get("/api/v1/hubs", h.reception_b.token).body["hubs"].size() == 2);

    // The admin takes them off hub B: A stays and becomes their home hub.
    auto moved = server.put("/api/v1/staff/" + str(h.reception_b.id) + "/hubs", json{{"hub_ids", {h.a}}},
                            server.admin_token());
    REQUIRE_REPLY(moved, 200);
    CHECK(moved.body["hub_ids"] == json::array({h.a}));
    CHECK(moved.body["hub_id"] == h.a);
    REQUIRE_ERROR(server.get("/api/v1/hubs/" + B + "/day?date=2027-01-13", h.reception_b.token), 403, "forbidden");
}

TEST_CASE("a manager assigns only hubs they hold, and keeps the others' assignments") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    auto rita = "/api/v1/staff/" + str(h.reception_a.id) + "/hubs";
    // Maya (manager of A) cannot hand out hub B.
    auto refused = server.put(rita, json{{"hub_ids", {h.a, h.b}}}, h.manager_a.token);
    REQUIRE_ERROR(refused, 403, "forbidden");
    CHECK(refused.error_field() == "hub_ids");
    REQUIRE_ERROR(server.post("/api/v1/staff", json{{"name", "Zed"}, {"role", "midwife"}, {"hub_id", h.b}}, h.manager_a.token),
                  403, "forbidden");
    REQUIRE_ERROR(server.post("/api/v1/staff",
                              json{{"name", "Zed"}, {"role", "midwife"}, {"hub_id", h.a}, {"hub_ids", {h.a, h.b}}},
                              h.manager_a.token),
                  403, "forbidden");
    // Mo (manager of B) cannot change Rita, who shares no hub with him.
    REQUIRE_ERROR(server.put(rita, json{{"hub_ids", {h.b}}}, h.manager_b.token), 403, "forbidden");
    // The admin makes Mo manager of both; he then adds B to Rita's hubs, and takes it away
    // again without touching A.
    REQUIRE_REPLY(server.put("/api/v1/staff/" + str(h.manager_b.id) + "/hubs", json{{"hub_ids", {h.a, h.b}}},
                             server.admin_token()),
                  200);
    auto mo = server.login("mo", "mo-password-1");
    REQUIRE_REPLY(server.put(rita, json{{"hub_ids", {h.a, h.b}}}, mo), 200);
    // Maya replaces A's part only: B (not hers) stays.
    auto kept = server.put(rita, json{{"hub_ids", {h.a}}}, h.manager_a.token);
    REQUIRE_REPLY(kept, 200);
    CHECK(kept.body["hub_ids"] == json::array({h.a, h.b}));
    // Bad bodies.
    REQUIRE_ERROR(server.put(rita, json::object(), server.admin_token()), 400, "missing_field");
    REQUIRE_ERROR(server.put(rita, json{{"hub_ids", json::array()}}, server.admin_token()), 400, "invalid_field");
    REQUIRE_ERROR(server.put(rita, json{{"hub_ids", {"one"}}}, server.admin_token()), 400, "invalid_field");
    REQUIRE_ERROR(server.put(rita, json{{"hub_ids", {9999}}}, server.admin_token()), 404, "not_found");
}

TEST_CASE("a diary is for the practitioner and colleagues at their hubs") {
    TestServer server;
    Fixture f(server);
    TwoHubs h(server, f);
    auto diary = "/api/v1/staff/" + str(h.midwife_a.id) + "/diary.ics";
    CHECK(server.get(diary, h.midwife_a.token).status == 200);
    CHECK(server.get(diary, h.reception_a.token).status == 200);
    REQUIRE_ERROR(server.get(diary, h.reception_b.token), 403, "forbidden");
    REQUIRE_ERROR(server.get(diary, h.manager_b.token), 403, "forbidden");
    REQUIRE_ERROR(server.get("/api/v1/staff/" + str(h.midwife_b.id) + "/diary.ics", h.midwife_a.token), 403, "forbidden");
}

TEST_CASE("staff of an older database keep their hub as their one assignment") {
    using namespace frontdoor::server::storage;
    TestServer server; // for a fresh temporary folder
    auto path = server.dir() + "/old.db";
    {
        SqliteConnection c(path); // as schema 2 left it: staff with a home hub, no staff_hubs
        c.exec(migrations().at(0));
        c.exec(migrations().at(1));
        c.exec("PRAGMA user_version=2");
        c.exec("INSERT INTO hubs(name, timezone, created_at) VALUES ('Riverside', 'Europe/London', 0)");
        c.exec("INSERT INTO staff(name, role, hub_id, access, created_at) VALUES ('Amina', 'midwife', 1, 'practitioner', 0)");
        c.exec("INSERT INTO staff(name, role, access, created_at) VALUES ('Admin', 'administrator', 'admin', 0)");
    }
    Database db(path);
    CHECK(db.schema_version() == static_cast<int>(migrations().size()));
    auto hubs = db.read([](Connection& c) {
        Statement s(c, "SELECT staff_id, hub_id FROM staff_hubs ORDER BY staff_id");
        std::vector<std::pair<long long, long long>> out;
        while (s.step()) out.emplace_back(s.integer(0), s.integer(1));
        return out;
    });
    CHECK(hubs == std::vector<std::pair<long long, long long>>{{1, 1}});
}
}

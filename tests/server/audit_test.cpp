// The audit trail (issue 10): every change and every staff read of a family's personal
// data leaves exactly one line naming who, from where and about which record; a change
// that fails leaves none; the table refuses UPDATE and DELETE; GET /api/v1/audit is for
// admins and managers, and each filter narrows as promised.
#include <doctest/doctest.h>

#include "server/services/services.hpp"
#include "server/storage/sql.hpp"
#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

/// One audit line as the test reads it from the file.
struct Line {
    std::string action, actor, staff_id, kiosk_id, address, is_read, booking_id, client_id, hub_id, detail;
};

/// Reads the lines written since the last look.
class Trail {
  public:
    explicit Trail(const TestServer& server) : probe_(server.db_path()) { skip(); }
    /// Forgets what is there now.
    void skip() { mark_ = probe_.integer("SELECT COALESCE(MAX(id), 0) FROM audit"); }
    /// The lines since the last look, oldest first.
    std::vector<Line> fresh() {
        auto rows = probe_.rows(
            "SELECT action, actor, COALESCE(CAST(staff_id AS TEXT), ''), COALESCE(CAST(kiosk_id AS TEXT), ''), COALESCE(CAST(address AS TEXT), ''), is_read, "
            "COALESCE(CAST(booking_id AS TEXT), ''), COALESCE(CAST(client_id AS TEXT), ''), COALESCE(CAST(hub_id AS TEXT), ''), COALESCE(CAST(detail AS TEXT), '') FROM audit "
            "WHERE id > " + std::to_string(mark_) + " ORDER BY id");
        skip();
        std::vector<Line> out;
        for (auto& r : rows) out.push_back({r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]});
        return out;
    }
    /// The one line since the last look; fails the test unless there is exactly one.
    Line one() {
        auto lines = fresh();
        std::string actions;
        for (const auto& l : lines) actions += l.action + " ";
        INFO("lines: " << actions);
        REQUIRE(lines.size() == 1);
        return lines.front();
    }

  private:
    DbProbe probe_;
    std::int64_t mark_ = 0;
};

std::string str(Id id) { return std::to_string(id); }

struct Clinic {
    Id hub = 0, amina = 0, antenatal = 0, desk_id = 0, manager_id = 0, room = 0;
    std::string desk, amina_token, manager;
};

/// A hub with a midwife working every day 09:00-12:00, reception, a manager.
Clinic clinic(TestServer& server, Fixture& f) {
    Clinic c;
    c.hub = f.hub();
    c.room = f.room(c.hub, "Room 1");
    c.amina = f.staff(c.hub, "Amina Khan", "midwife", "practitioner", "amina", "amina-password-1");
    c.desk_id = f.staff(c.hub, "Rita Desk", "family_worker", "reception", "rita", "rita-password-1");
    c.manager_id = f.staff(c.hub, "Mo Manager", "manager", "manager", "mo", "mo-password-1");
    f.every_day(c.amina, c.hub, {{"09:00", "12:00"}});
    c.antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    c.desk = server.login("rita", "rita-password-1");
    c.amina_token = server.login("amina", "amina-password-1");
    c.manager = server.login("mo", "mo-password-1");
    return c;
}

const json kNgozi = family("Ngozi", "Okafor", "1990-05-01");

json appointment(const Clinic& c, const std::string& start, const json& who = kNgozi) {
    return Fixture::appointment_booking(c.hub, c.antenatal, start, who);
}

/// A server whose staff sessions outlast the test's moves of the clock.
TestServer::Options long_sessions() {
    TestServer::Options o;
    o.settings.staff_session_idle = std::chrono::hours{24};
    return o;
}

Reply audit(const TestServer& server, const std::string& query, const std::string& token) {
    return server.get("/api/v1/audit" + query, token);
}

std::vector<std::string> actions_of(const Reply& r) {
    std::vector<std::string> out;
    for (const auto& e : r.body["entries"]) out.push_back(e["action"].get<std::string>());
    return out;
}

} // namespace

TEST_SUITE("server: audit") {

TEST_CASE("sign-in, a failed sign-in and sign-out each leave one line from the client's address") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    Trail trail(server);

    auto token = server.login("rita", "rita-password-1");
    auto in = trail.one();
    CHECK(in.action == "auth.sign_in");
    CHECK(in.actor == "staff:" + str(c.desk_id));
    CHECK(in.staff_id == str(c.desk_id));
    CHECK(in.address == "127.0.0.1");
    CHECK(in.is_read == "0");

    auto wrong = server.post("/api/v1/auth/login", json{{"username", "rita"}, {"password", "not-her-password"}});
    REQUIRE_ERROR(wrong, 401, "unauthenticated");
    auto failed = trail.one();
    CHECK(failed.action == "auth.sign_in_failed");
    CHECK(failed.actor == "anonymous");
    CHECK(failed.staff_id == "");
    CHECK(failed.detail == "rita");
    CHECK(failed.address == "127.0.0.1");

    REQUIRE_REPLY(server.post("/api/v1/auth/logout", json::object(), token), 200);
    auto out = trail.one();
    CHECK(out.action == "auth.sign_out");
    CHECK(out.actor == "staff:" + str(c.desk_id));
    CHECK(out.address == "127.0.0.1");
}

TEST_CASE("behind the trusted proxy the line names the forwarded address; from anyone else, the peer's") {
    SUBCASE("trusted") {
        TestServer::Options o;
        o.trusted_proxy = "127.0.0.1";
        TestServer server(o);
        Trail trail(server);
        auto r = server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "wrong one"}}, {},
                             {{"X-Forwarded-For", "198.51.100.7, 203.0.113.9"}});
        REQUIRE_ERROR(r, 401, "unauthenticated");
        CHECK(trail.one().address == "203.0.113.9");
        auto day = server.http().get("/api/v1/hubs/" + str(server.hub_id()) + "/day", server.admin_token(),
                                     {{"X-Forwarded-For", "203.0.113.10"}});
        REQUIRE_REPLY(day, 200);
        auto lines = trail.fresh();
        REQUIRE(!lines.empty());
        CHECK(lines.back().action == "read.day");
        CHECK(lines.back().address == "203.0.113.10");
    }
    SUBCASE("not trusted") {
        TestServer server;
        Trail trail(server);
        auto r = server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "wrong one"}}, {},
                             {{"X-Forwarded-For", "203.0.113.9"}});
        REQUIRE_ERROR(r, 401, "unauthenticated");
        CHECK(trail.one().address == "127.0.0.1");
    }
}

TEST_CASE("booking at the desk and at the kiosk, cancel, status and undo each leave one line") {
    TestServer server(long_sessions()); // 2027-01-13 08:00 UTC
    Fixture f(server);
    auto c = clinic(server, f);
    Trail trail(server);

    // A new family: the family's row and the booking, one line each.
    auto first = f.book(appointment(c, "2027-01-13T09:00:00Z"), c.desk);
    auto lines = trail.fresh();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].action == "client.create");
    CHECK(lines[0].actor == "staff:" + str(c.desk_id));
    auto client = lines[0].client_id;
    CHECK(!client.empty());
    CHECK(lines[1].action == "booking.create");
    CHECK(lines[1].booking_id == str(first["id"].get<Id>()));
    CHECK(lines[1].client_id == client);
    CHECK(lines[1].hub_id == str(c.hub));
    CHECK(lines[1].detail == first["reference"].get<std::string>());

    SUBCASE("a known family booked at the kiosk: one line, by the kiosk") {
        auto kiosk = server.kiosk_token(c.hub);
        trail.skip();
        auto again = f.book(appointment(c, "2027-01-13T10:00:00Z"), kiosk);
        auto l = trail.one();
        CHECK(l.action == "booking.create");
        CHECK(l.actor.rfind("kiosk:", 0) == 0);
        CHECK(l.kiosk_id == l.actor.substr(6));
        CHECK(l.staff_id == "");
        CHECK(l.booking_id == str(again["id"].get<Id>()));
        CHECK(l.client_id == client);
        CHECK(l.address == "127.0.0.1");
    }
    SUBCASE("cancel") {
        auto r = server.post("/api/v1/bookings/" + first["reference"].get<std::string>() + "/cancel", json::object(),
                             c.desk);
        REQUIRE_REPLY(r, 200);
        auto l = trail.one();
        CHECK(l.action == "booking.cancel");
        CHECK(l.staff_id == str(c.desk_id));
        CHECK(l.booking_id == str(first["id"].get<Id>()));
        CHECK(l.client_id == client);
    }
    SUBCASE("status, then its undo") {
        auto path = "/api/v1/bookings/" + str(first["id"].get<Id>());
        REQUIRE_REPLY(server.post(path + "/status", json{{"status", "arrived"}}, c.desk), 200);
        auto l = trail.one();
        CHECK(l.action == "booking.status");
        CHECK(l.actor == "staff:" + str(c.desk_id));
        CHECK(l.booking_id == str(first["id"].get<Id>()));
        CHECK(l.client_id == client);
        CHECK(l.detail == first["reference"].get<std::string>() + " booked -> arrived");
        REQUIRE_REPLY(server.post(path + "/undo", json::object(), c.desk), 200);
        auto u = trail.one();
        CHECK(u.action == "booking.undo");
        CHECK(u.booking_id == str(first["id"].get<Id>()));
        CHECK(u.detail == first["reference"].get<std::string>() + " arrived -> booked");
    }
    SUBCASE("check-in at the kiosk") {
        auto kiosk = server.kiosk_token(c.hub);
        trail.skip();
        auto r = server.post("/api/v1/checkins",
                             json{{"hub_id", c.hub}, {"reference", first["reference"].get<std::string>()}}, kiosk);
        REQUIRE_REPLY(r, 200);
        auto l = trail.one();
        CHECK(l.action == "booking.check_in");
        CHECK(l.actor.rfind("kiosk:", 0) == 0);
        CHECK(l.booking_id == str(first["id"].get<Id>()));
    }
}

TEST_CASE("a change that fails leaves no line") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    f.book(appointment(c, "2027-01-13T09:00:00Z"), c.desk);
    Trail trail(server);
    // Amina's only 09:00 is taken: 409, and nothing is written, not even the new family.
    auto taken = f.try_book(appointment(c, "2027-01-13T09:00:00Z", family("Ann", "Adams", "1990-01-02")), c.desk);
    REQUIRE_ERROR(taken, 409, "slot_unavailable");
    auto bad = f.try_book(appointment(c, "2027-01-13T09:00:00Z", family("", "Adams", "1990-01-02")), c.desk);
    REQUIRE_ERROR(bad, 400, "invalid_field");
    auto missing = server.post("/api/v1/bookings/NOSUCHREF/cancel", json::object(), c.desk);
    REQUIRE_ERROR(missing, 404, "not_found");
    auto refused = server.post("/api/v1/staff", json{{"name", "X"}}, c.desk);
    REQUIRE_ERROR(refused, 403, "forbidden");
    CHECK(trail.fresh().empty());
}

TEST_CASE("the waitlist: join, offer, accept, decline and expiry each leave their line") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto hub = f.hub();
    auto room = f.room(hub, "Group room", 10);
    auto service = f.group_service("First aid for parents", 90, 1);
    auto session = f.session(service, hub, room, "2027-01-20T10:00:00Z", 1);
    auto held = f.book(Fixture::group_booking(hub, service, session, family("Ann", "Adams", "1990-01-02")));
    auto join = [&](const json& who) {
        auto r = server.post("/api/v1/waitlist",
                             json{{"hub_id", hub}, {"service_id", service}, {"session_id", session}, {"client", who}},
                             server.admin_token());
        REQUIRE_REPLY(r, 201);
        return r.body["id"].get<Id>();
    };
    Trail trail(server);
    auto b = join(family("Bola", "Adeyemi", "1993-04-05"));
    auto joined = trail.fresh();
    REQUIRE(joined.size() == 2);
    CHECK(joined[0].action == "client.create");
    CHECK(joined[1].action == "waitlist.join");
    CHECK(joined[1].actor == "staff:1");
    CHECK(joined[1].detail == "entry " + str(b));
    CHECK(joined[1].hub_id == str(hub));
    CHECK(joined[1].client_id == joined[0].client_id);
    join(family("Chen", "Li", "1994-06-07"));
    trail.skip();

    // The place frees: cancelled by the admin, offered to the first waiting by the server.
    REQUIRE_REPLY(server.post("/api/v1/bookings/" + held["reference"].get<std::string>() + "/cancel", json::object(),
                              server.admin_token()),
                  200);
    auto lines = trail.fresh();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].action == "waitlist.offer");
    CHECK(lines[0].actor == "system");
    CHECK(lines[1].action == "booking.cancel");
    auto first_entry = b;
    CHECK(lines[0].detail.rfind("entry " + str(b) + " holds ", 0) == 0);
    CHECK(lines[0].client_id == joined[0].client_id);

    SUBCASE("accept") {
        auto r = server.post("/api/v1/waitlist/" + str(first_entry) + "/accept", json::object(), server.admin_token());
        REQUIRE_REPLY(r, 200);
        auto l = trail.one();
        CHECK(l.action == "waitlist.accept");
        CHECK(l.booking_id == lines[0].booking_id);
        CHECK(l.client_id == lines[0].client_id);
    }
    SUBCASE("decline passes it on") {
        auto r = server.post("/api/v1/waitlist/" + str(first_entry) + "/decline", json::object(), server.admin_token());
        REQUIRE_REPLY(r, 200);
        auto after = trail.fresh();
        REQUIRE(after.size() == 2);
        CHECK(after[0].action == "waitlist.decline");
        CHECK(after[0].actor == "staff:1");
        CHECK(after[1].action == "waitlist.offer");
        CHECK(after[1].client_id != after[0].client_id);
    }
    SUBCASE("expiry, by the sweep") {
        server.clock().advance(std::chrono::hours{3});
        server.server().services().expire_offers();
        auto after = trail.fresh();
        REQUIRE(after.size() == 2);
        CHECK(after[0].action == "waitlist.expire");
        CHECK(after[0].actor == "system");
        CHECK(after[0].address == "");
        CHECK(after[0].detail == "entry " + str(first_entry));
        CHECK(after[1].action == "waitlist.offer");
    }
}

TEST_CASE("set-up, staff diary, series, kiosks and translations each leave one line") {
    TestServer server;
    Fixture f(server);
    Trail trail(server);
    auto hub = f.hub();
    CHECK(trail.one().action == "hub.create");
    auto room = f.room(hub, "Hall", 20);
    auto l = trail.one();
    CHECK(l.action == "room.create");
    CHECK(l.hub_id == str(hub));
    CHECK(l.actor == "staff:1");
    CHECK(l.address == "127.0.0.1");
    auto amina = f.staff(hub, "Amina Khan", "midwife");
    CHECK(trail.one().action == "staff.create");
    f.every_day(amina, hub, {{"09:00", "12:00"}});
    CHECK(trail.one().action == "staff.hours");
    f.absence(amina, "2027-02-01", "2027-02-05");
    l = trail.one();
    CHECK(l.action == "staff.absence");
    CHECK(l.detail == str(amina) + " 2027-02-01..2027-02-05");
    auto group = f.group_service("Baby massage", 60, 10);
    CHECK(trail.one().action == "service.create");
    auto series = f.sessions(group, hub, room, "2027-01-20T10:00:00Z", 10, 4);
    CHECK(trail.one().action == "session.create");
    auto path = "/api/v1/series/" + str(series.front());
    REQUIRE_REPLY(server.put(path, json{{"capacity", 8}}, server.admin_token()), 200);
    CHECK(trail.one().action == "series.change");
    REQUIRE_REPLY(server.post(path + "/cancel", json{{"from", "2027-02-01"}}, server.admin_token()), 200);
    CHECK(trail.one().action == "series.cancel");
    auto kiosk = server.post("/api/v1/kiosks", json{{"hub_id", hub}, {"name", "Front door"}}, server.admin_token());
    REQUIRE_REPLY(kiosk, 201);
    l = trail.one();
    CHECK(l.action == "kiosk.create");
    CHECK(l.hub_id == str(hub));
    REQUIRE_REPLY(server.post("/api/v1/kiosks/" + str(kiosk.body["id"].get<Id>()) + "/revoke", json::object(),
                              server.admin_token()),
                  200);
    CHECK(trail.one().action == "kiosk.revoke");
    REQUIRE_REPLY(server.put("/api/v1/services/" + str(group) + "/translations",
                             json{{"translations", {{"pl", {{"name", "Masaż niemowląt"}}}}}}, server.admin_token()),
                  200);
    l = trail.one();
    CHECK(l.action == "service.translations");
    CHECK(l.detail == str(group) + " [pl]");
}

TEST_CASE("each staff read of personal data leaves one read line") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    f.book(appointment(c, "2027-01-13T09:00:00Z"), c.desk);
    Trail trail(server);

    auto day = server.get("/api/v1/hubs/" + str(c.hub) + "/day?date=2027-01-13", c.desk);
    REQUIRE_REPLY(day, 200);
    auto l = trail.one();
    CHECK(l.action == "read.day");
    CHECK(l.is_read == "1");
    CHECK(l.actor == "staff:" + str(c.desk_id));
    CHECK(l.hub_id == str(c.hub));
    CHECK(l.detail == "2027-01-13");
    CHECK(l.address == "127.0.0.1");

    REQUIRE_REPLY(server.get("/api/v1/waitlist?hub_id=" + str(c.hub), c.desk), 200);
    l = trail.one();
    CHECK(l.action == "read.waitlist");
    CHECK(l.is_read == "1");
    CHECK(l.hub_id == str(c.hub));

    REQUIRE_REPLY(server.get("/api/v1/hubs/" + str(c.hub) + "/waitlists", c.desk), 200);
    l = trail.one();
    CHECK(l.action == "read.waitlists");
    CHECK(l.is_read == "1");

    auto diary = server.get("/api/v1/staff/" + str(c.amina) + "/diary.ics", c.amina_token);
    REQUIRE(diary.transport_ok);
    REQUIRE(diary.status == 200);
    l = trail.one();
    CHECK(l.action == "read.diary");
    CHECK(l.is_read == "1");
    CHECK(l.staff_id == str(c.amina));
    CHECK(l.detail == "staff " + str(c.amina));

    // A refused read leaves nothing: a colleague's diary is not Amina's to read.
    REQUIRE_ERROR(server.get("/api/v1/staff/" + str(c.desk_id) + "/diary.ics", c.amina_token), 403, "forbidden");
    CHECK(trail.fresh().empty());
}

TEST_CASE("the audit table refuses UPDATE and DELETE") {
    TestServer server;
    Fixture f(server);
    f.hub();
    auto db = frontdoor::server::storage::open_connection(server.db_path());
    auto refused = [&](const std::string& sql) {
        try {
            frontdoor::server::storage::Statement(*db, sql).run();
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(refused("UPDATE audit SET actor = 'nobody'").find("audit is append-only") != std::string::npos);
    CHECK(refused("DELETE FROM audit").find("audit is append-only") != std::string::npos);
    DbProbe probe(server.db_path());
    CHECK(probe.integer("SELECT COUNT(*) FROM audit WHERE action = 'hub.create' AND actor = 'staff:1'") == 1);
}

TEST_CASE("GET /api/v1/audit is for admins and managers only") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    REQUIRE_ERROR(audit(server, "", c.desk), 403, "forbidden");
    REQUIRE_ERROR(audit(server, "", c.amina_token), 403, "forbidden");
    REQUIRE_ERROR(audit(server, "", server.kiosk_token(c.hub)), 403, "forbidden");
    REQUIRE_ERROR(audit(server, "", ""), 401, "unauthenticated");
    auto admin = audit(server, "", server.admin_token());
    REQUIRE_REPLY(admin, 200);
    CHECK(admin.body["more"] == false);
    auto manager = audit(server, "", c.manager);
    REQUIRE_REPLY(manager, 200);
}

TEST_CASE("an entry's shape, newest first") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto r = audit(server, "?limit=1", server.admin_token());
    REQUIRE_REPLY(r, 200);
    REQUIRE(r.body["entries"].size() == 1);
    auto e = r.body["entries"][0];
    CHECK(e["at"] == "2027-01-13T08:00:00Z");
    CHECK(e["actor"] == "staff:1");
    CHECK(e["actor_name"] == "Administrator");
    CHECK(e["staff_id"] == 1);
    CHECK(e["kiosk_id"].is_null());
    CHECK(e["address"] == "127.0.0.1");
    CHECK(e["action"] == "hub.create");
    CHECK(e["read"] == false);
    CHECK(e["booking_id"].is_null());
    CHECK(e["client_id"].is_null());
    CHECK(e["hub_id"] == hub);
    CHECK(e["detail"] == str(hub) + " Riverside Family Hub");
    CHECK(e["id"].is_number_integer());
    CHECK(r.body["more"] == true); // the admin's sign-in is older
}

TEST_CASE("filters narrow: days, staff member, booking, family, limit; a manager sees their hubs and themselves") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto first = f.book(appointment(c, "2027-01-13T09:00:00Z"), c.desk);
    server.clock().set(instant("2027-01-14T07:00:00Z")); // the sessions (24 h) still open
    auto second = f.book(appointment(c, "2027-01-14T09:00:00Z", family("Ann", "Adams", "1990-01-02")), c.desk);
    auto admin = server.admin_token();

    // Days: today (the 14th) by default; the 13th alone; both.
    auto today = audit(server, "", admin);
    REQUIRE_REPLY(today, 200);
    for (const auto& e : today.body["entries"]) CHECK(e["at"].get<std::string>().rfind("2027-01-14", 0) == 0);
    auto thirteenth = audit(server, "?from=2027-01-13&to=2027-01-13", admin);
    REQUIRE_REPLY(thirteenth, 200);
    REQUIRE(!thirteenth.body["entries"].empty());
    for (const auto& e : thirteenth.body["entries"]) CHECK(e["at"].get<std::string>().rfind("2027-01-13", 0) == 0);
    auto both = audit(server, "?from=2027-01-13&to=2027-01-14", admin);
    REQUIRE_REPLY(both, 200);
    CHECK(both.body["entries"].size() == today.body["entries"].size() + thirteenth.body["entries"].size());

    auto span = "?from=2027-01-13&to=2027-01-14";
    auto by_booking = audit(server, std::string(span) + "&booking_id=" + str(first["id"].get<Id>()), admin);
    REQUIRE_REPLY(by_booking, 200);
    CHECK(actions_of(by_booking) == std::vector<std::string>{"booking.create"});

    auto second_client = DbProbe(server.db_path()).integer("SELECT client_id FROM bookings WHERE id = " +
                                                          str(second["id"].get<Id>()));
    auto by_family = audit(server, std::string(span) + "&client_id=" + str(second_client), admin);
    REQUIRE_REPLY(by_family, 200);
    CHECK(actions_of(by_family) == std::vector<std::string>{"booking.create", "client.create"});

    auto by_staff = audit(server, std::string(span) + "&staff_id=" + str(c.desk_id), admin);
    REQUIRE_REPLY(by_staff, 200);
    CHECK(actions_of(by_staff) ==
          std::vector<std::string>{"booking.create", "client.create", "booking.create", "client.create", "auth.sign_in"});
    for (const auto& e : by_staff.body["entries"]) CHECK(e["staff_id"] == c.desk_id);

    auto two = audit(server, std::string(span) + "&staff_id=" + str(c.desk_id) + "&limit=2", admin);
    REQUIRE_REPLY(two, 200);
    CHECK(actions_of(two) == std::vector<std::string>{"booking.create", "client.create"});
    CHECK(two.body["more"] == true);
    auto five = audit(server, std::string(span) + "&staff_id=" + str(c.desk_id) + "&limit=5", admin);
    CHECK(five.body["more"] == false);

    // The manager: lines about their hub and their own, not the admin's sign-in.
    auto managed = audit(server, span, c.manager);
    REQUIRE_REPLY(managed, 200);
    bool own_sign_in = false;
    for (const auto& e : managed.body["entries"]) {
        CHECK((e["hub_id"] == c.hub || e["staff_id"] == c.manager_id));
        if (e["action"] == "auth.sign_in") own_sign_in = e["staff_id"] == c.manager_id;
    }
    CHECK(own_sign_in);
    CHECK(managed.body["entries"].size() < both.body["entries"].size());
}

TEST_CASE("each bad parameter is 400 invalid_field naming it") {
    TestServer server;
    auto admin = server.admin_token();
    struct Bad {
        const char* query;
        const char* field;
    };
    for (auto b : {Bad{"?from=2027-02-30", "from"}, Bad{"?from=yesterday", "from"}, Bad{"?to=2027-13-01", "to"},
                   Bad{"?from=2027-01-14&to=2027-01-13", "to"}, Bad{"?from=2026-01-01&to=2027-01-13", "to"},
                   Bad{"?staff_id=0", "staff_id"}, Bad{"?staff_id=-3", "staff_id"}, Bad{"?booking_id=x", "booking_id"},
                   Bad{"?client_id=0", "client_id"}, Bad{"?limit=0", "limit"}, Bad{"?limit=1001", "limit"},
                   Bad{"?limit=ten", "limit"}}) {
        CAPTURE(b.query);
        auto r = audit(server, b.query, admin);
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == b.field);
    }
    // 366 days is the longest span.
    REQUIRE_REPLY(audit(server, "?from=2026-01-13&to=2027-01-13", admin), 200);
}

} // TEST_SUITE

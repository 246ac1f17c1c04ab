// Status changes over HTTP follow the one table (server/domain/booking_rules.hpp): moves
// outside it are 409 conflict, a practitioner touching another's booking 403 forbidden,
// and the day view offers each viewer exactly the moves they may make.
#include <doctest/doctest.h>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Clinic {
    Id hub = 0, amina = 0, bea = 0, antenatal = 0;
    std::string reception, amina_token, bea_token;
};

Clinic clinic(TestServer& server, Fixture& f) {
    Clinic c;
    c.hub = f.hub();
    f.room(c.hub, "Room 1");
    f.room(c.hub, "Room 2");
    c.amina = f.staff(c.hub, "Amina Khan", "midwife", "practitioner", "amina", "amina-password-1");
    c.bea = f.staff(c.hub, "Bea Jones", "midwife", "practitioner", "bea", "bea-password-1");
    f.staff(c.hub, "Rita Desk", "family_worker", "reception", "rita", "rita-password-1");
    f.every_day(c.amina, c.hub, {{"09:00", "12:00"}});
    f.every_day(c.bea, c.hub, {{"09:00", "12:00"}});
    c.antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    c.reception = server.login("rita", "rita-password-1");
    c.amina_token = server.login("amina", "amina-password-1");
    c.bea_token = server.login("bea", "bea-password-1");
    return c;
}

/// A booking with Amina at `start` (for a child when `child`); returns its id.
Id book_with_amina(Fixture& f, const Clinic& c, const std::string& start, bool child = false,
                   const std::string& last = "Okafor") {
    auto body = Fixture::appointment_booking(c.hub, c.antenatal, start, family("Ngozi", last, "1990-05-01"));
    body["staff_id"] = c.amina;
    if (child) body["child"] = json{{"first_name", "Lily"}, {"date_of_birth", "2026-06-01"}};
    return f.book(body)["id"].get<Id>();
}

Reply mark(const TestServer& server, Id booking, const std::string& status, const std::string& token) {
    return server.post("/api/v1/bookings/" + std::to_string(booking) + "/status", json{{"status", status}}, token);
}

/// A server whose staff sessions outlast the test's moves of the clock.
TestServer::Options long_sessions() {
    TestServer::Options o;
    o.settings.staff_session_idle = std::chrono::hours{24};
    return o;
}

} // namespace

TEST_SUITE("server: statuses") {

TEST_CASE("a future booking cannot be seen, in progress or missed") {
    TestServer server(long_sessions()); // 2027-01-13 08:00 UTC
    Fixture f(server);
    auto c = clinic(server, f);
    auto today = book_with_amina(f, c, "2027-01-13T09:00:00Z", true);
    auto next_week = book_with_amina(f, c, "2027-01-20T09:00:00Z", false, "Baker");
    for (const char* s : {"seen", "in_progress", "missed"}) {
        CAPTURE(s);
        REQUIRE_ERROR(mark(server, today, s, c.reception), 409, "conflict");
        REQUIRE_ERROR(mark(server, next_week, s, c.reception), 409, "conflict");
    }
    REQUIRE_ERROR(mark(server, next_week, "arrived", c.reception), 409, "conflict");
    // Once its time has passed with nobody there, it can be missed.
    server.clock().set(instant("2027-01-13T09:05:00Z"));
    auto missed = mark(server, today, "missed", c.reception);
    REQUIRE_REPLY(missed, 200);
    CHECK(missed.body["status"] == "was_not_brought");
}

TEST_CASE("an arrived child is never marked was-not-brought; seen and cancelled are final") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto child = book_with_amina(f, c, "2027-01-13T09:00:00Z", true);
    auto other = book_with_amina(f, c, "2027-01-13T09:30:00Z", false, "Baker");
    REQUIRE_REPLY(mark(server, child, "arrived", c.reception), 200);
    server.clock().set(instant("2027-01-13T09:40:00Z"));
    REQUIRE_ERROR(mark(server, child, "missed", c.reception), 409, "conflict");
    REQUIRE_ERROR(mark(server, child, "missed", server.admin_token()), 409, "conflict");
    REQUIRE_ERROR(mark(server, child, "cancelled", c.reception), 409, "conflict");
    REQUIRE_REPLY(mark(server, child, "in_progress", c.amina_token), 200);
    REQUIRE_ERROR(mark(server, child, "missed", c.amina_token), 409, "conflict");
    REQUIRE_REPLY(mark(server, child, "seen", c.amina_token), 200);
    for (const char* s : {"arrived", "in_progress", "missed", "cancelled"}) {
        CAPTURE(s);
        REQUIRE_ERROR(mark(server, child, s, c.reception), 409, "conflict");
    }
    REQUIRE_REPLY(mark(server, other, "cancelled", c.reception), 200);
    for (const char* s : {"arrived", "in_progress", "seen", "missed"}) {
        CAPTURE(s);
        REQUIRE_ERROR(mark(server, other, s, c.reception), 409, "conflict");
    }
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT status FROM bookings ORDER BY id") == std::vector<std::string>{"seen", "cancelled"});
}

TEST_CASE("a practitioner moves their own bookings only, and never cancels") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto mine = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    server.clock().set(instant("2027-01-13T09:05:00Z"));
    REQUIRE_REPLY(mark(server, mine, "arrived", c.reception), 200);
    for (const char* s : {"in_progress", "seen", "arrived", "missed", "cancelled"}) {
        CAPTURE(s);
        REQUIRE_ERROR(mark(server, mine, s, c.bea_token), 403, "forbidden");
    }
    REQUIRE_REPLY(mark(server, mine, "in_progress", c.amina_token), 200);
    REQUIRE_REPLY(mark(server, mine, "seen", c.amina_token), 200);
    auto later = book_with_amina(f, c, "2027-01-13T11:00:00Z", false, "Baker");
    REQUIRE_ERROR(mark(server, later, "cancelled", c.amina_token), 403, "forbidden");
    REQUIRE_ERROR(mark(server, later, "arrived", c.amina_token), 403, "forbidden"); // the desk's (or the kiosk's)
    REQUIRE_ERROR(mark(server, later, "teleported", c.amina_token), 400, "invalid_field");
}

TEST_CASE("the day view offers each viewer the moves the table allows them") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto first = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    book_with_amina(f, c, "2027-01-13T10:00:00Z", false, "Baker");
    server.clock().set(instant("2027-01-13T09:10:00Z"));
    REQUIRE_REPLY(mark(server, first, "arrived", c.reception), 200);
    auto allowed = [&](const std::string& token) {
        auto day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", token);
        REQUIRE_REPLY(day, 200);
        std::vector<json> out;
        for (const auto& a : day.body["appointments"]) out.push_back(a["allowed_statuses"]);
        return out;
    };
    CHECK(allowed(c.reception) == std::vector<json>{json{"in_progress", "seen"}, json{"arrived", "cancelled"}});
    CHECK(allowed(c.amina_token) == std::vector<json>{json{"in_progress", "seen"}, json::array()});
    CHECK(allowed(c.bea_token) == std::vector<json>{json::array(), json::array()});
    server.clock().set(instant("2027-01-13T10:05:00Z"));
    CHECK(allowed(c.reception)[1] == json{"arrived", "missed", "cancelled"});
    CHECK(allowed(c.amina_token)[1] == json{"missed"});
}

Reply undo(const TestServer& server, Id booking, const std::string& token) {
    return server.post("/api/v1/bookings/" + std::to_string(booking) + "/undo", json::object(), token);
}

TEST_CASE("'seen' by mistake is undone within 5 minutes: back to arrived, as a new history line") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto id = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    server.clock().set(instant("2027-01-13T09:05:00Z"));
    REQUIRE_REPLY(mark(server, id, "arrived", c.reception), 200);
    DbProbe db(server.db_path());
    auto history = "SELECT status FROM booking_history WHERE booking_id = " + std::to_string(id) + " ORDER BY id";
    auto before = db.column(history);
    server.clock().set(instant("2027-01-13T09:30:00Z"));
    REQUIRE_REPLY(mark(server, id, "seen", c.amina_token), 200);
    server.clock().set(instant("2027-01-13T09:34:59Z"));
    auto back = undo(server, id, c.amina_token);
    REQUIRE_REPLY(back, 200);
    CHECK(back.body == json{{"id", id}, {"status", "arrived"}});
    auto after = db.column(history);
    REQUIRE(after.size() == before.size() + 2);
    CHECK(after[after.size() - 2] == "seen");
    CHECK(after.back() == "arrived");
    CHECK(db.column("SELECT status FROM bookings WHERE id = " + std::to_string(id)) == std::vector<std::string>{"arrived"});
    // The seen line is kept as it was; the undo names it.
    CHECK(db.integer("SELECT COUNT(*) FROM booking_history WHERE booking_id = " + std::to_string(id) +
                     " AND undo_of = (SELECT id FROM booking_history WHERE status = 'seen')") == 1);
    // An undo is not undone: there is nothing more to take back.
    REQUIRE_ERROR(undo(server, id, c.reception), 409, "conflict");
}

TEST_CASE("an undo after 5 minutes is too late, and says so") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto id = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    server.clock().set(instant("2027-01-13T09:05:00Z"));
    REQUIRE_REPLY(mark(server, id, "arrived", c.reception), 200);
    REQUIRE_REPLY(mark(server, id, "seen", c.reception), 200);
    server.clock().set(instant("2027-01-13T09:10:00Z"));
    auto late = undo(server, id, c.reception);
    REQUIRE_ERROR(late, 409, "conflict");
    CHECK(late.body["error"]["message"].get<std::string>().find("too late to undo") != std::string::npos);
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT status FROM bookings") == std::vector<std::string>{"seen"});
    // A booking nobody has moved has nothing to undo.
    auto untouched = book_with_amina(f, c, "2027-01-13T11:00:00Z", false, "Baker");
    REQUIRE_ERROR(undo(server, untouched, c.reception), 409, "conflict");
}

TEST_CASE("another practitioner cannot undo; an undone arrival is a booking again") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto id = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    auto kiosk = server.kiosk_token(c.hub);
    auto reference = DbProbe(server.db_path()).column("SELECT reference FROM bookings").at(0);
    // A late check-in at the kiosk, for the wrong family: the desk takes it back.
    server.clock().set(instant("2027-01-13T09:40:00Z"));
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", reference}}, kiosk), 200);
    REQUIRE_ERROR(undo(server, id, c.bea_token), 403, "forbidden");
    REQUIRE_ERROR(undo(server, id, c.amina_token), 403, "forbidden"); // arrivals are the desk's
    auto back = undo(server, id, c.reception);
    REQUIRE_REPLY(back, 200);
    CHECK(back.body["status"] == "booked");
    DbProbe db(server.db_path());
    CHECK(db.rows("SELECT status, arrived_at, minutes_late FROM bookings") ==
          std::vector<std::vector<std::string>>{{"booked", "", ""}});
    REQUIRE_ERROR(undo(server, 999, c.reception), 404, "not_found");
}

TEST_CASE("the day view says until when the viewer may undo") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto id = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    server.clock().set(instant("2027-01-13T09:05:00Z"));
    REQUIRE_REPLY(mark(server, id, "arrived", c.reception), 200);
    server.clock().set(instant("2027-01-13T09:20:00Z"));
    REQUIRE_REPLY(mark(server, id, "in_progress", c.amina_token), 200);
    auto row = [&](const std::string& token) {
        auto day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", token);
        REQUIRE_REPLY(day, 200);
        return day.body["appointments"].at(0);
    };
    server.clock().set(instant("2027-01-13T09:22:00Z"));
    CHECK(row(c.reception)["undo_until"] == "2027-01-13T09:25:00+00:00");
    CHECK(row(c.amina_token)["undo_until"] == "2027-01-13T09:25:00+00:00");
    CHECK_FALSE(row(c.bea_token).contains("undo_until"));
    server.clock().set(instant("2027-01-13T09:25:00Z"));
    CHECK_FALSE(row(c.reception).contains("undo_until"));
}

TEST_CASE("a kiosk check-in follows the same table: today's booking arrives, once") {
    TestServer server(long_sessions());
    Fixture f(server);
    auto c = clinic(server, f);
    auto id = book_with_amina(f, c, "2027-01-13T09:00:00Z");
    auto kiosk = server.kiosk_token(c.hub);
    DbProbe db(server.db_path());
    auto reference = db.column("SELECT reference FROM bookings WHERE id = " + std::to_string(id)).at(0);
    auto in = server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", reference}}, kiosk);
    REQUIRE_REPLY(in, 200);
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", reference}}, kiosk), 200);
    CHECK(db.column("SELECT status FROM bookings") == std::vector<std::string>{"arrived"});
    CHECK(db.integer("SELECT COUNT(*) FROM booking_history WHERE status = 'arrived'") == 1);
}
}

// A weekly series of group sessions: no more places than its room holds, read whole,
// changed from a date on with its bookings following, cancelled from a date on with the
// families booked on the cancelled sessions listed for the desk to tell.
#include <doctest/doctest.h>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Term {
    Id hub = 0, hall = 0, group = 0, leader = 0, other_leader = 0;
    std::vector<Id> sessions; // Fridays 10:00 from 2027-01-15, 20 weeks
    std::string manager, reception;
};

Term term(TestServer& server, Fixture& f) {
    Term t;
    t.hub = f.hub();
    t.hall = f.room(t.hub, "Hall", 12);
    t.group = f.group_service("Baby massage", 60, 10);
    t.leader = f.staff(t.hub, "Lena Lead", "family_worker");
    t.other_leader = f.staff(t.hub, "Omar Other", "family_worker");
    t.sessions = f.sessions(t.group, t.hub, t.hall, "2027-01-15T10:00:00Z", std::nullopt, 20, t.leader);
    f.staff(t.hub, "Maya Manager", "family_worker", "manager", "maya", "manager-password-1");
    f.staff(t.hub, "Rita Desk", "family_worker", "reception", "rita", "rita-password-1");
    t.manager = server.login("maya", "manager-password-1");
    t.reception = server.login("rita", "rita-password-1");
    return t;
}

std::string series_path(const Term& t) { return "/api/v1/series/" + std::to_string(t.sessions.front()); }

/// Books a family (with a phone) on the session of week `week` (0 = the first).
json book(Fixture& f, const Term& t, int week, const std::string& first, const std::string& last) {
    auto client = family(first, last, "1990-01-02");
    client["phone"] = "07700900" + std::to_string(100 + week);
    return f.book(Fixture::group_booking(t.hub, t.group, t.sessions.at(week), client));
}

} // namespace

TEST_SUITE("server: series") {

TEST_CASE("a group session with more places than its room is refused, naming the room's size") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto small = f.room(hub, "Small room", 6);
    auto group = f.group_service("Stay and play", 60, 10);
    auto body = json{{"service_id", group}, {"hub_id", hub}, {"room_id", small}, {"start", "2027-01-15T10:00:00Z"}};
    auto refused = server.post("/api/v1/sessions", body, server.admin_token());
    REQUIRE_ERROR(refused, 400, "invalid_field");
    CHECK(refused.error_field() == "capacity");
    CHECK(refused.body["error"]["message"] == "Small room holds 6: a session there can have at most 6 places, not 10");
    body["capacity"] = 7;
    REQUIRE_ERROR(server.post("/api/v1/sessions", body, server.admin_token()), 400, "invalid_field");
    body["capacity"] = 6;
    REQUIRE_REPLY(server.post("/api/v1/sessions", body, server.admin_token()), 201);
}

TEST_CASE("a series is read whole, to its last week") {
    TestServer server;
    Fixture f(server);
    auto t = term(server, f);
    auto all = server.get(series_path(t), t.reception);
    REQUIRE_REPLY(all, 200);
    CHECK(all.body["series_id"] == t.sessions.front());
    const auto& sessions = all.body["sessions"];
    REQUIRE(sessions.size() == 20);
    CHECK(sessions.front()["start"] == "2027-01-15T10:00:00+00:00");
    CHECK(sessions.back()["start"] == "2027-05-28T10:00:00+01:00"); // 19 weeks on, 10:00 in summer time
    CHECK(sessions.back()["staff"]["name"] == "Lena Lead");
    REQUIRE_ERROR(server.get("/api/v1/series/999999", t.reception), 404, "not_found");
}

TEST_CASE("a series is led only by someone who works at its hub") {
    TestServer server;
    Fixture f(server);
    auto t = term(server, f);
    auto elsewhere = f.hub("Hillside Family Hub");
    auto stranger = f.staff(elsewhere, "Sam Elsewhere", "family_worker");
    REQUIRE_ERROR(server.put(series_path(t), json{{"staff_id", stranger}}, server.admin_token()), 400, "invalid_field");
    auto body = json{{"service_id", t.group}, {"hub_id", t.hub}, {"room_id", t.hall}, {"start", "2027-01-16T10:00:00Z"},
                     {"staff_id", stranger}};
    REQUIRE_ERROR(server.post("/api/v1/sessions", body, server.admin_token()), 400, "invalid_field");
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT COUNT(*) FROM sessions WHERE staff_id = " + std::to_string(stranger)) ==
          std::vector<std::string>{"0"});
}

TEST_CASE("a series changes from a date on, and the families booked move with it") {
    TestServer server;
    Fixture f(server);
    auto t = term(server, f);
    auto early = book(f, t, 1, "Ann", "Early");
    auto later = book(f, t, 3, "Bola", "Later");
    auto changed = server.put(series_path(t), json{{"from", "2027-02-05"}, {"capacity", 8}, {"time", "11:30"},
                                                   {"staff_id", t.other_leader}},
                              t.manager);
    REQUIRE_REPLY(changed, 200);
    const auto& s = changed.body["sessions"];
    REQUIRE(s.size() == 20);
    CHECK(s[2]["start"] == "2027-01-29T10:00:00+00:00"); // before the date: as it was
    CHECK(s[2]["capacity"] == 10);
    CHECK(s[3]["start"] == "2027-02-05T11:30:00+00:00");
    CHECK(s[3]["end"] == "2027-02-05T12:30:00+00:00");
    CHECK(s[3]["capacity"] == 8);
    CHECK(s[3]["places_left"] == 7);
    CHECK(s[3]["staff"]["name"] == "Omar Other");
    CHECK(s[19]["start"] == "2027-05-28T11:30:00+01:00");
    DbProbe db(server.db_path());
    auto where = [&](const json& b) {
        return db.rows("SELECT start_utc, staff_id FROM bookings WHERE id = " + std::to_string(b["id"].get<Id>())).at(0);
    };
    CHECK(where(later) == std::vector<std::string>{std::to_string(instant("2027-02-05T11:30:00Z").time_since_epoch().count()),
                                                   std::to_string(t.other_leader)});
    CHECK(where(early) == std::vector<std::string>{std::to_string(instant("2027-01-22T10:00:00Z").time_since_epoch().count()),
                                                   std::to_string(t.leader)});

    auto too_big = server.put(series_path(t), json{{"capacity", 13}}, t.manager);
    REQUIRE_ERROR(too_big, 400, "invalid_field");
    CHECK(too_big.error_field() == "capacity");
    CHECK(too_big.body["error"]["message"].get<std::string>().find("Hall holds 12") != std::string::npos);
    for (const char* who : {"Cara", "Dee"}) book(f, t, 3, who, "Full");
    REQUIRE_ERROR(server.put(series_path(t), json{{"capacity", 2}}, t.manager), 409, "conflict");
    REQUIRE_ERROR(server.put(series_path(t), json::object(), t.manager), 400, "missing_field");
    REQUIRE_ERROR(server.put(series_path(t), json{{"capacity", 9}}, t.reception), 403, "forbidden");
    // Nothing was written by the refusals.
    CHECK(db.integer("SELECT COUNT(*) FROM sessions WHERE capacity = 8") == 17);
}

TEST_CASE("cancelling a series from a date cancels its bookings and lists the families to tell") {
    TestServer server;
    Fixture f(server);
    auto t = term(server, f);
    auto kept = book(f, t, 2, "Ann", "Kept");
    auto fourth = book(f, t, 4, "Bola", "Fourth");
    auto fifth = book(f, t, 5, "Chen", "Fifth");
    // One family waits for week 6 itself, another for week 2 (which stays).
    for (auto [week, last] : {std::pair{6, "Waits-Six"}, std::pair{2, "Waits-Two"}}) {
        auto joined = server.post("/api/v1/waitlist",
                                  json{{"hub_id", t.hub}, {"service_id", t.group}, {"session_id", t.sessions.at(week)},
                                       {"client", family("Eve", last, "1992-02-02")}},
                                  t.reception);
        REQUIRE_REPLY(joined, 201);
    }
    REQUIRE_ERROR(server.post(series_path(t) + "/cancel", json{{"from", "2027-02-12"}}, t.reception), 403, "forbidden");
    REQUIRE_ERROR(server.post(series_path(t) + "/cancel", json::object(), t.manager), 400, "missing_field");
    auto done = server.post(series_path(t) + "/cancel", json{{"from", "2027-02-12"}}, t.manager);
    REQUIRE_REPLY(done, 200);
    CHECK(done.body["cancelled_sessions"].size() == 16); // 2027-02-12 (week 4) to the end
    const auto& families = done.body["families"];
    REQUIRE(families.size() == 2);
    CHECK(families[0]["reference"] == fourth["reference"]);
    CHECK(families[0]["client_name"] == "Bola Fourth");
    CHECK(families[0]["phone"] == "07700900104");
    CHECK(families[0]["start"] == "2027-02-12T10:00:00+00:00");
    CHECK(families[1]["reference"] == fifth["reference"]);
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT status FROM bookings ORDER BY id") == std::vector<std::string>{"booked", "cancelled", "cancelled"});
    CHECK(db.integer("SELECT COUNT(*) FROM booking_history WHERE status = 'cancelled'") == 2);
    // Nobody is left waiting for a session that will not happen.
    CHECK(db.column("SELECT status FROM waitlist ORDER BY id") == std::vector<std::string>{"cancelled", "waiting"});
    auto all = server.get(series_path(t), t.manager);
    REQUIRE_REPLY(all, 200);
    CHECK_FALSE(all.body["sessions"][3].contains("cancelled"));
    CHECK(all.body["sessions"][4]["cancelled"] == true);
    // Cancelled sessions are not offered; cancelling again lists nobody.
    REQUIRE_ERROR(f.try_book(Fixture::group_booking(t.hub, t.group, t.sessions.at(6), family("Dee", "Late", "1991-01-01"))),
                  409, "slot_unavailable");
    auto again = server.post(series_path(t) + "/cancel", json{{"from", "2027-02-12"}}, t.manager);
    REQUIRE_REPLY(again, 200);
    CHECK(again.body["families"] == json::array());
    CHECK(kept["status"] == "booked");
}
}

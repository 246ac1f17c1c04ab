// Arriving: check-in by reference or by date of birth plus surname initial, today and
// at this hub only; ambiguity and repeats; what a kiosk token may not do (point 6).
#include <doctest/doctest.h>

#include <map>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Today {
    Id hub = 0, room = 0, midwife = 0, service = 0;
    json okafor, smith, sharma, baker, tomorrow;
};

/// Wednesday 2027-01-13, 08:00: five bookings, four of them today.
Today todays_clinic(Fixture& f) {
    Today t;
    t.hub = f.hub();
    t.room = f.room(t.hub, "Room 2");
    t.midwife = f.staff(t.hub, "Amina Khan", "midwife");
    f.working_hours(t.midwife, t.hub, {Hours{3, "09:00", "17:00"}, Hours{4, "09:00", "17:00"}});
    t.service = f.appointment_service("Antenatal check", 30, "midwife");
    auto book = [&](const std::string& start, const json& client) {
        return f.book(Fixture::appointment_booking(t.hub, t.service, start, client));
    };
    t.okafor = book("2027-01-13T10:00:00Z", family("Ngozi", "Okafor", "1990-05-01"));
    t.smith = book("2027-01-13T10:30:00Z", family("Sarah", "Smith", "1988-02-02"));
    t.sharma = book("2027-01-13T11:00:00Z", family("Sunita", "Sharma", "1988-02-02"));
    auto with_child = Fixture::appointment_booking(t.hub, t.service, "2027-01-13T11:30:00Z",
                                                   family("Tom", "Baker", "1985-01-01"));
    with_child["child"] = json{{"first_name", "Lily"}, {"date_of_birth", "2026-06-01"}};
    t.baker = f.book(with_child);
    t.tomorrow = book("2027-01-14T10:00:00Z", family("Jo", "Jones", "1991-07-07"));
    return t;
}

Reply checkin(TestServer& server, const std::string& token, const json& body) {
    return server.post("/api/v1/checkins", body, token);
}

} // namespace

TEST_SUITE("server: check-in") {

TEST_CASE("check-in by reference, then again: the same answer, arrived once") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f);
    auto kiosk = server.kiosk_token(t.hub);
    auto reference = t.okafor["reference"].get<std::string>();

    auto first = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", reference}});
    REQUIRE_REPLY(first, 200);
    CHECK(first.header("Content-Type").rfind("application/json", 0) == 0);
    REQUIRE(first.body["checked_in"].is_array());
    REQUIRE(first.body["checked_in"].size() == 1);
    auto one = first.body["checked_in"][0];
    CHECK(one["booking_id"] == t.okafor["id"]);
    CHECK(instant(one["start"].get<std::string>()) == instant("2027-01-13T10:00:00Z"));
    CHECK(one["service_name"] == "Antenatal check");
    CHECK(one["room_name"] == "Room 2");
    CHECK(one["practitioner_first_name"] == "Amina");
    // Nothing more about the person than they typed: no surname, no date of birth.
    CHECK(first.text.find("Okafor") == std::string::npos);
    CHECK(first.text.find("1990-05-01") == std::string::npos);

    server.clock().advance(std::chrono::minutes{5});
    auto again = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", reference}});
    REQUIRE_REPLY(again, 200);
    CHECK(again.body == first.body);

    // Lower case is the same reference.
    std::string lower = reference;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto lowered = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", lower}});
    REQUIRE_REPLY(lowered, 200);
    CHECK(lowered.body == first.body);

    // Staff see the arrival, stamped at the first check-in.
    auto day = server.get("/api/v1/hubs/" + std::to_string(t.hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(day, 200);
    bool found = false;
    for (const auto& a : day.body["appointments"]) {
        if (a["booking_id"] != t.okafor["id"]) continue;
        found = true;
        CHECK(a["status"] == "arrived");
        REQUIRE(a.contains("arrived_at"));
        CHECK(instant(a["arrived_at"].get<std::string>()) == instant("2027-01-13T08:00:00Z"));
    }
    CHECK(found);
    DbProbe db(server.db_path());
    CHECK(db.integer("SELECT count(*) FROM booking_history WHERE status = 'arrived' AND booking_id = " +
                     std::to_string(t.okafor["id"].get<Id>())) == 1);
}

TEST_CASE("check-in by date of birth and surname initial") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f);
    auto kiosk = server.kiosk_token(t.hub);

    SUBCASE("the client's date of birth") {
        auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "1990-05-01"}, {"surname_initial", "O"}});
        REQUIRE_REPLY(r, 200);
        REQUIRE(r.body["checked_in"].size() == 1);
        CHECK(r.body["checked_in"][0]["booking_id"] == t.okafor["id"]);
    }
    SUBCASE("the child's date of birth") {
        auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "2026-06-01"}, {"surname_initial", "B"}});
        REQUIRE_REPLY(r, 200);
        REQUIRE(r.body["checked_in"].size() == 1);
        CHECK(r.body["checked_in"][0]["booking_id"] == t.baker["id"]);
    }
    SUBCASE("two families fit: ambiguous, and nobody is checked in") {
        auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "1988-02-02"}, {"surname_initial", "S"}});
        REQUIRE_ERROR(r, 409, "ambiguous_match");
        CHECK(r.text.find("Smith") == std::string::npos);
        CHECK(r.text.find("Sharma") == std::string::npos);
        DbProbe db(server.db_path());
        CHECK(db.integer("SELECT count(*) FROM bookings WHERE status = 'arrived'") == 0);
        // The reference settles it.
        auto by_ref = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", t.smith["reference"]}});
        REQUIRE_REPLY(by_ref, 200);
        CHECK(by_ref.body["checked_in"][0]["booking_id"] == t.smith["id"]);
    }
    SUBCASE("nobody fits") {
        REQUIRE_ERROR(
            checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "2000-01-01"}, {"surname_initial", "Z"}}),
            404, "no_appointment_found");
        REQUIRE_ERROR(checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", "ZZZZ2222"}}), 404,
                      "no_appointment_found");
    }
    SUBCASE("only today's bookings count") {
        REQUIRE_ERROR(
            checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "1991-07-07"}, {"surname_initial", "J"}}),
            404, "no_appointment_found");
        REQUIRE_ERROR(checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", t.tomorrow["reference"]}}), 404,
                      "no_appointment_found");
    }
    SUBCASE("a cancelled booking does not check in") {
        auto c = server.post("/api/v1/bookings/" + t.okafor["reference"].get<std::string>() + "/cancel", json::object(),
                             server.admin_token());
        REQUIRE_REPLY(c, 200);
        REQUIRE_ERROR(checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", t.okafor["reference"]}}), 404,
                      "no_appointment_found");
    }
}

TEST_CASE("a Cyrillic initial checks in a family whose surname is stored in Latin letters") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f);
    auto abdi = f.book(Fixture::appointment_booking(t.hub, t.service, "2027-01-13T12:00:00Z",
                                                    family("Hodan", "Abdi", "1993-03-03")));
    auto kiosk = server.kiosk_token(t.hub);
    // The Ukrainian keyboard's А (U+0410), and Б, which is no spelling of A.
    REQUIRE_ERROR(checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "1993-03-03"}, {"surname_initial", "Б"}}),
                  404, "no_appointment_found");
    auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"date_of_birth", "1993-03-03"}, {"surname_initial", "А"}});
    REQUIRE_REPLY(r, 200);
    REQUIRE(r.body["checked_in"].size() == 1);
    CHECK(r.body["checked_in"][0]["booking_id"] == abdi["id"]);
}

TEST_CASE("a check-in more than 15 minutes past the start is late, and the day view says by how much") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f); // Okafor 10:00, Smith 10:30, Sharma 11:00 (the clock: 08:00)
    auto kiosk = server.kiosk_token(t.hub);
    auto only = [&](const json& booking, const std::string& at) {
        server.clock().set(instant(at));
        auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", booking["reference"]}});
        REQUIRE_REPLY(r, 200);
        REQUIRE(r.body["checked_in"].size() == 1);
        return r.body["checked_in"][0];
    };

    auto early = only(t.smith, "2027-01-13T10:14:00Z"); // 16 minutes before its start
    CHECK(early["late"] == false);
    CHECK(early["minutes_late"] == 0);
    auto within = only(t.okafor, "2027-01-13T10:14:59Z"); // 14 minutes past: within the allowance
    CHECK(within["late"] == false);
    CHECK(within["minutes_late"] == 0);
    auto late = only(t.sharma, "2027-01-13T11:16:00Z");
    CHECK(late["late"] == true);
    CHECK(late["minutes_late"] == 16);
    // Still arrived, and a second check-in later answers the same.
    auto again = only(t.sharma, "2027-01-13T11:40:00Z");
    CHECK(again == late);

    auto day = server.get("/api/v1/hubs/" + std::to_string(t.hub) + "/day?date=2027-01-13", server.relogin_admin());
    REQUIRE_REPLY(day, 200);
    std::map<Id, json> rows;
    for (const auto& a : day.body["appointments"]) rows[a["booking_id"].get<Id>()] = a;
    auto row = [&](const json& booking) { return rows.at(booking["id"].get<Id>()); };
    CHECK(row(t.sharma)["status"] == "arrived");
    CHECK(row(t.sharma)["late_minutes"] == 16);
    CHECK(row(t.okafor)["status"] == "arrived");
    CHECK_FALSE(row(t.okafor).contains("late_minutes"));
    CHECK_FALSE(row(t.smith).contains("late_minutes"));
    CHECK_FALSE(row(t.baker).contains("late_minutes"));
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT coalesce(CAST(minutes_late AS TEXT), 'null') FROM bookings WHERE id = " +
                    std::to_string(t.sharma["id"].get<Id>())) == std::vector<std::string>{"16"});
}

TEST_CASE("marked arrived at the desk past the allowance is as late as a kiosk check-in") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f); // Okafor 10:00, Smith 10:30
    auto arrive = [&](const json& booking, const std::string& at) {
        server.clock().set(instant(at));
        REQUIRE_REPLY(server.post("/api/v1/bookings/" + std::to_string(booking["id"].get<Id>()) + "/status",
                                  json{{"status", "arrived"}}, server.relogin_admin()),
                      200);
    };
    arrive(t.okafor, "2027-01-13T10:40:00Z");
    arrive(t.smith, "2027-01-13T10:35:00Z"); // 5 minutes past: on time
    auto day = server.get("/api/v1/hubs/" + std::to_string(t.hub) + "/day?date=2027-01-13", server.relogin_admin());
    REQUIRE_REPLY(day, 200);
    std::map<Id, json> rows;
    for (const auto& a : day.body["appointments"]) rows[a["booking_id"].get<Id>()] = a;
    CHECK(rows.at(t.okafor["id"].get<Id>())["late_minutes"] == 40);
    CHECK_FALSE(rows.at(t.smith["id"].get<Id>()).contains("late_minutes"));
}

TEST_CASE("the lateness allowance is the server's setting") {
    TestServer::Options o;
    o.settings.late_after_minutes = 5;
    TestServer server(o);
    Fixture f(server);
    auto t = todays_clinic(f);
    auto kiosk = server.kiosk_token(t.hub);
    server.clock().set(instant("2027-01-13T10:06:00Z"));
    auto r = checkin(server, kiosk, json{{"hub_id", t.hub}, {"reference", t.okafor["reference"]}});
    REQUIRE_REPLY(r, 200);
    CHECK(r.body["checked_in"][0]["late"] == true);
    CHECK(r.body["checked_in"][0]["minutes_late"] == 6);
}

TEST_CASE("only bookings at the kiosk's own hub count") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f);
    auto other_hub = f.hub("Northgate Family Hub");
    auto other_kiosk = server.kiosk_token(other_hub);
    auto r = checkin(server, other_kiosk, json{{"hub_id", other_hub}, {"reference", t.okafor["reference"]}});
    REQUIRE_ERROR(r, 404, "no_appointment_found");
    auto cross = checkin(server, other_kiosk, json{{"hub_id", t.hub}, {"reference", t.okafor["reference"]}});
    REQUIRE(cross.transport_ok);
    CHECK(cross.status != 200);
}

TEST_CASE("failed check-ins from one kiosk are rate limited") {
    TestServer::Options o;
    o.checkin_failures_allowed = 3;
    TestServer server(o);
    Fixture f(server);
    auto hub = f.hub();
    auto kiosk = server.kiosk_token(hub);
    json miss{{"hub_id", hub}, {"date_of_birth", "2000-01-01"}, {"surname_initial", "Q"}};
    for (int i = 0; i < 3; ++i) REQUIRE_ERROR(checkin(server, kiosk, miss), 404, "no_appointment_found");
    REQUIRE_ERROR(checkin(server, kiosk, miss), 429, "rate_limited");
}

TEST_CASE("a kiosk token may not see the day, set up, diaries or lists") {
    TestServer server;
    Fixture f(server);
    auto t = todays_clinic(f);
    auto kiosk = server.kiosk_token(t.hub);
    auto hub = std::to_string(t.hub);
    auto staff = std::to_string(t.midwife);

    auto me = server.get("/api/v1/kiosks/me", kiosk);
    REQUIRE_REPLY(me, 200);
    CHECK(me.body["hub"]["id"] == t.hub);
    CHECK(me.body["hub"]["timezone"] == "Europe/London");

    SUBCASE("the day view") { REQUIRE_ERROR(server.get("/api/v1/hubs/" + hub + "/day?date=2027-01-13", kiosk), 403, "forbidden"); }
    SUBCASE("a diary") { REQUIRE_ERROR(server.get("/api/v1/staff/" + staff + "/diary.ics", kiosk), 403, "forbidden"); }
    SUBCASE("set-up") {
        REQUIRE_ERROR(server.post("/api/v1/hubs", json{{"name", "Kiosk hub"}}, kiosk), 403, "forbidden");
        REQUIRE_ERROR(server.post("/api/v1/hubs/" + hub + "/rooms", json{{"name", "Cupboard"}}, kiosk), 403, "forbidden");
        REQUIRE_ERROR(server.post("/api/v1/staff", json{{"name", "Eve"}, {"role", "midwife"}, {"hub_id", t.hub}}, kiosk),
                      403, "forbidden");
        REQUIRE_ERROR(server.put("/api/v1/staff/" + staff + "/working-hours",
                                 json::array({json{{"hub_id", t.hub}, {"weekday", 1}, {"start", "09:00"}, {"end", "10:00"}}}),
                                 kiosk),
                      403, "forbidden");
        REQUIRE_ERROR(server.post("/api/v1/staff/" + staff + "/absences", json{{"from", "2027-02-01"}, {"to", "2027-02-02"}},
                                  kiosk),
                      403, "forbidden");
        REQUIRE_ERROR(server.post("/api/v1/services",
                                  json{{"name", "X"}, {"kind", "group"}, {"duration_minutes", 30}, {"capacity", 3}}, kiosk),
                      403, "forbidden");
        REQUIRE_ERROR(server.post("/api/v1/kiosks", json{{"hub_id", t.hub}, {"name", "Another"}}, kiosk), 403, "forbidden");
    }
    SUBCASE("statuses and lists") {
        REQUIRE_ERROR(server.post("/api/v1/bookings/" + std::to_string(t.okafor["id"].get<Id>()) + "/status",
                                  json{{"status", "seen"}}, kiosk),
                      403, "forbidden");
        REQUIRE_ERROR(server.get("/api/v1/waitlist?hub_id=" + hub + "&service_id=" + std::to_string(t.service), kiosk), 403,
                      "forbidden");
        // No lists of people or places.
        REQUIRE_ERROR(server.get("/api/v1/staff", kiosk), 403, "forbidden");
        REQUIRE_ERROR(server.get("/api/v1/hubs", kiosk), 403, "forbidden");
        REQUIRE_ERROR(server.get("/api/v1/hubs/" + hub + "/rooms", kiosk), 403, "forbidden");
    }
    SUBCASE("staff get them") {
        auto day = server.get("/api/v1/hubs/" + hub + "/day?date=2027-01-13", server.admin_token());
        REQUIRE_REPLY(day, 200);
        CHECK(day.body["appointments"].size() == 4);
        auto ics = server.get("/api/v1/staff/" + staff + "/diary.ics", server.admin_token());
        REQUIRE_REPLY(ics, 200);
        CHECK(ics.header("Content-Type").rfind("text/calendar", 0) == 0);
        CHECK(ics.text.rfind("BEGIN:VCALENDAR", 0) == 0);
        CHECK(ics.text.find("BEGIN:VEVENT") != std::string::npos);
    }
}

} // TEST_SUITE

// Booking, cancelling and statuses through the API: the confirmation's shape, what a
// kiosk may book and cancel, rows kept on cancellation, and `missed` for a child.
#include <doctest/doctest.h>

#include <regex>
#include <set>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Clinic {
    Id hub = 0, room = 0, midwife = 0, antenatal = 0, private_service = 0, sensitive = 0;
};

Clinic clinic(Fixture& f) {
    Clinic c;
    c.hub = f.hub();
    c.room = f.room(c.hub, "Room 1");
    c.midwife = f.staff(c.hub, "Amina Khan", "midwife");
    f.every_day(c.midwife, c.hub, {{"09:00", "12:00"}});
    c.antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    c.private_service = f.appointment_service("Safeguarding review", 30, "midwife", false);
    auto r = f.http().post("/api/v1/services",
                           json{{"name", "Sexual health"}, {"kind", "appointment"}, {"duration_minutes", 30},
                                {"staff_role", "midwife"}, {"discreet", true}, {"needs_child", false}},
                           f.token());
    REQUIRE_REPLY(r, 201);
    c.sensitive = r.body["id"].get<Id>();
    return c;
}

} // namespace

TEST_SUITE("server: bookings") {

TEST_CASE("a booking's confirmation has the contract's shape") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto r = f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T09:30:00+00:00",
                                                     family("Ngozi", "Okafor", "1990-05-01")));
    REQUIRE_REPLY(r, 201);
    CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
    CHECK(r.body["id"].is_number_integer());
    CHECK(std::regex_match(r.body["reference"].get<std::string>(), std::regex("^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$")));
    CHECK(r.body["status"] == "booked");
    CHECK(r.body["start"] == "2027-01-14T09:30:00+00:00");
    CHECK(r.body["end"] == "2027-01-14T10:00:00+00:00");
    CHECK(r.body["room"] == json{{"id", c.room}, {"name", "Room 1"}, {"name_lang", "en"}});
    CHECK(r.body["staff"] == json{{"id", c.midwife}, {"name", "Amina Khan"}});
    CHECK(r.body["service"] == json{{"id", c.antenatal}, {"name", "Antenatal check"}, {"name_lang", "en"}});

    // Any offset in a request means the same instant.
    auto same = f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T10:30:00+01:00",
                                                        family("Other", "Family", "1991-01-01")));
    REQUIRE_ERROR(same, 409, "slot_unavailable");
    // A time off the slot grid is not offered.
    REQUIRE_ERROR(f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T09:10:00Z",
                                                          family("Off", "Grid", "1991-01-01"))),
                  409, "slot_unavailable");
}

TEST_CASE("a kiosk sees and books self-bookable services only") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto kiosk = server.kiosk_token(c.hub);
    auto list = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/services", kiosk);
    REQUIRE_REPLY(list, 200);
    std::set<Id> ids;
    for (const auto& s : list.body["services"]) {
        ids.insert(s["id"].get<Id>());
        CHECK(s.contains("name"));
        CHECK(s.contains("kind"));
        CHECK(s.contains("duration_minutes"));
        CHECK(s["needs_child"].is_boolean());
        CHECK(s["discreet"].is_boolean());
    }
    CHECK(ids == std::set<Id>{c.antenatal}); // a discreet service is staff's to book (discreet_test.cpp)

    auto body = Fixture::appointment_booking(c.hub, c.private_service, "2027-01-14T09:00:00Z", family("Kay", "Lee", "1990-01-01"));
    REQUIRE_ERROR(f.try_book(body, kiosk), 404, "not_found"); // a staff-only service does not exist for a kiosk
    REQUIRE_REPLY(f.try_book(body), 201); // the desk may

    // A kiosk of another hub cannot book here.
    auto other = server.kiosk_token(f.hub("Northgate Family Hub"));
    auto away = f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T10:00:00Z",
                                                        family("Kay", "Lee", "1990-01-01")),
                           other);
    REQUIRE_ERROR(away, 403, "forbidden");
}

TEST_CASE("cancelling keeps the row, frees the place; a kiosk proves the date of birth") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto kiosk = server.kiosk_token(c.hub);
    auto body = Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T11:00:00Z", family("Ngozi", "Okafor", "1990-05-01"));
    auto booked = f.book(body, kiosk);
    auto path = "/api/v1/bookings/" + booked["reference"].get<std::string>() + "/cancel";

    REQUIRE_ERROR(server.post(path, json::object(), kiosk), 400, "missing_field");
    // A wrong date of birth learns nothing: the same answer as a reference that does not exist.
    REQUIRE_ERROR(server.post(path, json{{"date_of_birth", "1990-05-02"}}, kiosk), 404, "not_found");
    auto ok = server.post(path, json{{"date_of_birth", "1990-05-01"}}, kiosk);
    REQUIRE_REPLY(ok, 200);
    CHECK(ok.body == json{{"status", "cancelled"}});
    auto twice = server.post(path, json{{"date_of_birth", "1990-05-01"}}, kiosk);
    REQUIRE_REPLY(twice, 200);
    CHECK(twice.body == json{{"status", "cancelled"}});

    DbProbe db(server.db_path());
    auto id = std::to_string(booked["id"].get<Id>());
    CHECK(db.column("SELECT status FROM bookings WHERE id = " + id) == std::vector<std::string>{"cancelled"});
    CHECK(db.column("SELECT status FROM booking_history WHERE booking_id = " + id + " ORDER BY id") ==
          std::vector<std::string>{"booked", "cancelled"});

    // The place can be booked again.
    auto again = f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T11:00:00Z",
                                                         family("Sarah", "Smith", "1988-02-02")));
    REQUIRE_REPLY(again, 201);
    CHECK(again.body["reference"] != booked["reference"]);
}

TEST_CASE("missed is stored as was_not_brought for a child and did_not_attend otherwise") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto adult = f.book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T09:00:00Z",
                                                     family("Ngozi", "Okafor", "1990-05-01")));
    auto with_child = Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T09:30:00Z", family("Tom", "Baker", "1985-01-01"));
    with_child["child"] = json{{"first_name", "Lily"}, {"date_of_birth", "2026-06-01"}};
    auto child = f.book(with_child);

    auto mark = [&](const json& booking, const std::string& status) {
        return server.post("/api/v1/bookings/" + std::to_string(booking["id"].get<Id>()) + "/status",
                           json{{"status", status}}, server.admin_token());
    };
    server.clock().set(instant("2027-01-13T10:00:00Z")); // both have started, nobody came
    server.relogin_admin();
    auto a = mark(adult, "missed");
    REQUIRE_REPLY(a, 200);
    CHECK(a.body["status"] == "did_not_attend");
    auto b = mark(child, "missed");
    REQUIRE_REPLY(b, 200);
    CHECK(b.body["status"] == "was_not_brought");
    REQUIRE_ERROR(mark(adult, "teleported"), 400, "invalid_field");

    auto day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(day, 200);
    REQUIRE(day.body["appointments"].size() == 2);
    CHECK(day.body["appointments"][0]["status"] == "did_not_attend");
    CHECK(day.body["appointments"][1]["status"] == "was_not_brought");
    CHECK(day.body["appointments"][1]["child_name"] == "Lily");
}

TEST_CASE("a kiosk never rewrites a known family's contact details; staff see what it was told") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto known = family("Ngozi", "Okafor", "1990-05-01");
    known["phone"] = "07700900111";
    known["email"] = "ngozi@example.org";
    known["interpreter"] = "Yoruba";
    f.book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T09:00:00Z", known));

    // Someone at the kiosk with the same name and date of birth gives other details.
    auto kiosk = server.kiosk_token(c.hub);
    auto told = family("Ngozi", "Okafor", "1990-05-01");
    told["phone"] = "07700900999";
    told["email"] = "someone.else@example.org";
    told["interpreter"] = "Polish";
    auto booked = f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T10:00:00Z", told), kiosk);
    REQUIRE_REPLY(booked, 201);

    DbProbe db(server.db_path());
    auto row = db.rows("SELECT phone, email, interpreter FROM clients WHERE last_name = 'Okafor'");
    REQUIRE(row.size() == 1);
    CHECK(row[0] == std::vector<std::string>{"07700900111", "ngozi@example.org", "Yoruba"});

    auto day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(day, 200);
    REQUIRE(day.body["appointments"].size() == 2);
    CHECK_FALSE(day.body["appointments"][0].contains("contact_to_confirm"));
    CHECK(day.body["appointments"][1]["contact_to_confirm"] ==
          json{{"phone", "07700900999"}, {"email", "someone.else@example.org"}, {"interpreter", "Polish"}});
    CHECK(day.body["appointments"][1]["interpreter"] == "Yoruba"); // the family's own, not what was told

    // A kiosk that repeats the known details has nothing to confirm; a new family is stored as told.
    auto same = family("Ngozi", "Okafor", "1990-05-01");
    same["phone"] = "07700900111";
    REQUIRE_REPLY(f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T11:00:00Z", same), kiosk), 201);
    auto fresh = family("Ada", "New", "1999-09-09");
    fresh["phone"] = "07700900222";
    REQUIRE_REPLY(f.try_book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T11:30:00Z", fresh), kiosk), 201);
    CHECK(db.column("SELECT phone FROM clients WHERE last_name = 'New'") == std::vector<std::string>{"07700900222"});
    day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE(day.body["appointments"].size() == 4);
    CHECK_FALSE(day.body["appointments"][2].contains("contact_to_confirm"));
    CHECK_FALSE(day.body["appointments"][3].contains("contact_to_confirm"));

    // The desk (reception) still updates the family's details as it always did.
    auto desk = family("Ngozi", "Okafor", "1990-05-01");
    desk["phone"] = "07700900333";
    f.book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-14T09:00:00Z", desk));
    CHECK(db.column("SELECT phone FROM clients WHERE last_name = 'Okafor'") == std::vector<std::string>{"07700900333"});
}

TEST_CASE("a kiosk joining the waitlist leaves a known family's details; the offer carries what it was told") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto group = f.group_service("Baby massage", 60, 1);
    auto hall = f.room(c.hub, "Hall", 10);
    auto session = f.session(group, c.hub, hall, "2027-01-14T14:00:00Z", 1);
    auto known = family("Ngozi", "Okafor", "1990-05-01");
    known["phone"] = "07700900111";
    auto taken = f.book(Fixture::group_booking(c.hub, group, session, family("First", "Family", "1980-01-01")));
    f.book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T09:00:00Z", known));

    auto kiosk = server.kiosk_token(c.hub);
    auto told = family("Ngozi", "Okafor", "1990-05-01");
    told["phone"] = "07700900999";
    REQUIRE_REPLY(server.post("/api/v1/waitlist",
                              json{{"hub_id", c.hub}, {"service_id", group}, {"session_id", session}, {"client", told}},
                              kiosk),
                  201);
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT phone FROM clients WHERE last_name = 'Okafor'") == std::vector<std::string>{"07700900111"});
    auto list = server.get("/api/v1/waitlist?hub_id=" + std::to_string(c.hub), server.admin_token());
    REQUIRE_REPLY(list, 200);
    REQUIRE(list.body["entries"].size() == 1);
    CHECK(list.body["entries"][0]["contact_to_confirm"] == json{{"phone", "07700900999"}});

    // The place frees; the held booking offered to her keeps what the kiosk was told.
    REQUIRE_REPLY(server.post("/api/v1/bookings/" + taken["reference"].get<std::string>() + "/cancel", json::object(),
                              server.admin_token()),
                  200);
    CHECK(db.column("SELECT told_phone FROM bookings WHERE status = 'held'") == std::vector<std::string>{"07700900999"});
}

TEST_CASE("/metrics counts bookings and check-ins") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto metric = [&](const std::string& name) {
        auto r = server.get("/metrics");
        REQUIRE_REPLY(r, 200);
        std::smatch m;
        std::regex line("(^|\n)" + name + " ([0-9.]+)\n");
        REQUIRE(std::regex_search(r.text, m, line));
        return std::stod(m[2]);
    };
    double bookings = metric("frontdoor_bookings_total");
    double checkins = metric("frontdoor_checkins_total");
    auto b = f.book(Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T10:00:00Z", family("Ngozi", "Okafor", "1990-05-01")));
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", b["reference"]}}, server.kiosk_token(c.hub)),
                  200);
    CHECK(metric("frontdoor_bookings_total") == bookings + 1);
    CHECK(metric("frontdoor_checkins_total") == checkins + 1);
}

} // TEST_SUITE

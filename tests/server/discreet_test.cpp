// Discreet services (DESIGN.md: never named where the public can see): a kiosk is never
// told one's name by any route it may call, never offered one, and may not book or
// wait for one (403: staff book it). Staff see and book it as any other.
#include <doctest/doctest.h>

#include <set>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

constexpr const char* kDiscreetName = "Sexual health clinic";

struct Clinic {
    Id hub = 0, room = 0, midwife = 0, antenatal = 0, discreet = 0;
};

/// Wednesday 2027-01-13, 08:00 (the test clock): a midwife every day 09:00-17:00.
Clinic clinic(Fixture& f) {
    Clinic c;
    c.hub = f.hub();
    c.room = f.room(c.hub, "Room 1");
    c.midwife = f.staff(c.hub, "Amina Khan", "midwife");
    f.every_day(c.midwife, c.hub, {{"09:00", "17:00"}});
    c.antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    auto r = f.http().post("/api/v1/services",
                           json{{"name", kDiscreetName}, {"kind", "appointment"}, {"duration_minutes", 30},
                                {"staff_role", "midwife"}, {"discreet", true}},
                           f.token());
    REQUIRE_REPLY(r, 201);
    c.discreet = r.body["id"].get<Id>();
    return c;
}

std::set<Id> service_ids(const Reply& r) {
    std::set<Id> ids;
    for (const auto& s : r.body["services"]) ids.insert(s["id"].get<Id>());
    return ids;
}

/// The raw body never carries the name, in any spelling a JSON writer might use.
void check_unnamed(const Reply& r, const char* route) {
    INFO(route << ": " << r.describe());
    CHECK(r.text.find(kDiscreetName) == std::string::npos);
    CHECK(r.text.find("Sexual") == std::string::npos);
}

} // namespace

TEST_SUITE("server: discreet services") {

TEST_CASE("a discreet service is listed to staff and not to a kiosk") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto path = "/api/v1/hubs/" + std::to_string(c.hub) + "/services";

    auto staff = server.get(path, server.admin_token());
    REQUIRE_REPLY(staff, 200);
    CHECK(service_ids(staff) == std::set<Id>{c.antenatal, c.discreet});

    auto kiosk = server.get(path, server.kiosk_token(c.hub));
    REQUIRE_REPLY(kiosk, 200);
    CHECK(service_ids(kiosk) == std::set<Id>{c.antenatal});
    check_unnamed(kiosk, "GET /hubs/{id}/services");
}

TEST_CASE("a kiosk may not book, wait for or look up times of a discreet service; staff may") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto kiosk = server.kiosk_token(c.hub);
    auto booking = Fixture::appointment_booking(c.hub, c.discreet, "2027-01-14T09:00:00Z",
                                                family("Ngozi", "Okafor", "1990-05-01"));

    auto refused = f.try_book(booking, kiosk);
    REQUIRE_ERROR(refused, 403, "forbidden");
    CHECK(refused.error_field() == "service_id");
    check_unnamed(refused, "POST /bookings");

    auto wait = server.post("/api/v1/waitlist",
                            json{{"hub_id", c.hub}, {"service_id", c.discreet}, {"client", family("Ngozi", "Okafor", "1990-05-01")}},
                            kiosk);
    REQUIRE_ERROR(wait, 403, "forbidden");
    check_unnamed(wait, "POST /waitlist");

    auto times = "/api/v1/availability?hub_id=" + std::to_string(c.hub) + "&service_id=" + std::to_string(c.discreet) +
                 "&from=2027-01-14&to=2027-01-14";
    // Staff first, so the kiosk's question meets a cached answer and is still refused.
    auto staff_times = server.get(times, server.admin_token());
    REQUIRE_REPLY(staff_times, 200);
    CHECK_FALSE(staff_times.body["slots"].empty());
    auto kiosk_times = server.get(times, kiosk);
    REQUIRE_ERROR(kiosk_times, 403, "forbidden");
    check_unnamed(kiosk_times, "GET /availability");

    auto booked = f.try_book(booking, server.admin_token());
    REQUIRE_REPLY(booked, 201);
    CHECK(booked.body["service"]["name"] == kDiscreetName);
}

TEST_CASE("no answer a kiosk gets about a discreet booking names the service") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto kiosk = server.kiosk_token(c.hub);
    auto staff = server.admin_token();
    // Staff book two families today and put a third on the waitlist.
    auto today = f.book(Fixture::appointment_booking(c.hub, c.discreet, "2027-01-13T10:00:00Z",
                                                     family("Ngozi", "Okafor", "1990-05-01")));
    auto later = f.book(Fixture::appointment_booking(c.hub, c.discreet, "2027-01-13T11:00:00Z",
                                                     family("Sarah", "Smith", "1988-02-02")));
    auto joined = server.post("/api/v1/waitlist",
                              json{{"hub_id", c.hub}, {"service_id", c.discreet}, {"client", family("Jo", "Jones", "1991-07-07")}},
                              staff);
    REQUIRE_REPLY(joined, 201);
    auto code = "/api/v1/waitlist/code/" + joined.body["code"].get<std::string>();

    auto me = server.get("/api/v1/kiosks/me", kiosk);
    REQUIRE_REPLY(me, 200);
    check_unnamed(me, "GET /kiosks/me");

    auto by_reference = server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", today["reference"]}}, kiosk);
    REQUIRE_REPLY(by_reference, 200);
    REQUIRE(by_reference.body["checked_in"].size() == 1);
    CHECK(by_reference.body["checked_in"][0]["discreet"] == true);
    CHECK(by_reference.body["checked_in"][0]["service_name"] == "");
    CHECK(by_reference.body["checked_in"][0]["room_name"] == "Room 1");
    check_unnamed(by_reference, "POST /checkins (reference)");

    auto by_birth = server.post("/api/v1/checkins",
                                json{{"hub_id", c.hub}, {"date_of_birth", "1990-05-01"}, {"surname_initial", "O"}}, kiosk);
    REQUIRE_REPLY(by_birth, 200);
    check_unnamed(by_birth, "POST /checkins (date of birth)");

    // Cancelling the later booking offers its place to the family waiting.
    auto cancel = server.post("/api/v1/bookings/" + later["reference"].get<std::string>() + "/cancel",
                              json{{"date_of_birth", "1988-02-02"}}, kiosk);
    REQUIRE_REPLY(cancel, 200);
    check_unnamed(cancel, "POST /bookings/{ref}/cancel");

    auto entry = server.get(code, kiosk);
    REQUIRE_REPLY(entry, 200);
    CHECK(entry.body["status"] == "offered");
    check_unnamed(entry, "GET /waitlist/code/{code}");
    auto accepted = server.post(code + "/accept", json::object(), kiosk);
    REQUIRE_REPLY(accepted, 200);
    CHECK(accepted.body["status"] == "booked");
    check_unnamed(accepted, "POST /waitlist/code/{code}/accept");

    // The desk, checking the same family in, is told what it is for.
    auto desk = server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", today["reference"]}}, staff);
    REQUIRE_REPLY(desk, 200);
    CHECK(desk.body["checked_in"][0]["service_name"] == kDiscreetName);
}

TEST_CASE("the practitioner's diary and the day view's printable row do not name a discreet service") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto booked = f.book(Fixture::appointment_booking(c.hub, c.discreet, "2027-01-13T10:00:00Z",
                                                      family("Ngozi", "Okafor", "1990-05-01")));
    auto ics = server.get("/api/v1/staff/" + std::to_string(c.midwife) + "/diary.ics", server.admin_token());
    REQUIRE(ics.status == 200);
    CHECK(ics.text.find("SUMMARY:Appointment: Ngozi") != std::string::npos);
    CHECK(ics.text.find(kDiscreetName) == std::string::npos);
    auto day = server.get("/api/v1/hubs/" + std::to_string(c.hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(day, 200);
    REQUIRE(day.body["appointments"].size() == 1);
    CHECK(day.body["appointments"][0]["booking_id"] == booked["id"]);
    CHECK(day.body["appointments"][0]["discreet"] == true); // the sheet prints "Private appointment"
    CHECK(day.body["appointments"][0]["service"]["name"] == kDiscreetName); // staff on screen still see it
}

}

// What a kiosk may book: a number per kiosk in a window, never without an
// Idempotency-Key, and, like every booking path, not past the booking horizon.
#include <doctest/doctest.h>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Hub {
    Id hub = 0, room = 0, midwife = 0, antenatal = 0, group = 0, session = 0, late_session = 0;
};

/// A midwife every morning; a big group next week, and one past the 26-week horizon.
Hub hub(Fixture& f) {
    Hub h;
    h.hub = f.hub();
    h.room = f.room(h.hub, "Hall", 200);
    h.midwife = f.staff(h.hub, "Amina Khan", "midwife");
    f.every_day(h.midwife, h.hub, {{"09:00", "12:00"}});
    h.antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    h.group = f.group_service("Stay and play", 60, 200);
    h.session = f.session(h.group, h.hub, h.room, "2027-01-20T10:00:00Z", 200);
    h.late_session = f.session(h.group, h.hub, h.room, "2027-07-20T10:00:00+01:00", 200);
    return h;
}

/// A different family each time: letters only, as names are.
json nth_family(int i) {
    std::string last = "Family";
    last += static_cast<char>('a' + i % 26);
    last += static_cast<char>('a' + i / 26 % 26);
    return family("Sam", last, "1990-01-02");
}

Reply kiosk_book(TestServer& server, const std::string& kiosk, const json& body, const std::string& key) {
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("Idempotency-Key", key);
    return server.post("/api/v1/bookings", body, kiosk, headers);
}

} // namespace

TEST_SUITE("server: booking limits") {

TEST_CASE("a kiosk's 31st booking in 5 minutes is 429 with Retry-After; staff and other kiosks carry on") {
    TestServer server; // kiosk_bookings_allowed = 30, as deployed
    Fixture f(server);
    auto h = hub(f);
    auto kiosk = server.kiosk_token(h.hub);
    for (int i = 0; i < 30; ++i)
        REQUIRE_REPLY(kiosk_book(server, kiosk, Fixture::group_booking(h.hub, h.group, h.session, nth_family(i)),
                                 Fixture::new_key()),
                      201);
    auto refused = kiosk_book(server, kiosk, Fixture::group_booking(h.hub, h.group, h.session, nth_family(30)),
                              Fixture::new_key());
    REQUIRE_ERROR(refused, 429, "rate_limited");
    CHECK(refused.header("Retry-After") == "300");
    // Joining a waitlist is counted with bookings.
    REQUIRE_ERROR(server.post("/api/v1/waitlist",
                              json{{"hub_id", h.hub}, {"service_id", h.group}, {"client", nth_family(31)}}, kiosk),
                  429, "rate_limited");

    REQUIRE_REPLY(f.try_book(Fixture::group_booking(h.hub, h.group, h.session, nth_family(32))), 201); // staff
    auto other = server.kiosk_token(h.hub);
    REQUIRE_REPLY(kiosk_book(server, other, Fixture::group_booking(h.hub, h.group, h.session, nth_family(33)),
                             Fixture::new_key()),
                  201);

    server.clock().advance(std::chrono::minutes{5});
    REQUIRE_REPLY(kiosk_book(server, kiosk, Fixture::group_booking(h.hub, h.group, h.session, nth_family(34)),
                             Fixture::new_key()),
                  201);
}

TEST_CASE("a kiosk must send an Idempotency-Key; staff may leave it out") {
    TestServer server;
    Fixture f(server);
    auto h = hub(f);
    auto kiosk = server.kiosk_token(h.hub);
    auto body = Fixture::group_booking(h.hub, h.group, h.session, nth_family(0));
    auto missing = kiosk_book(server, kiosk, body, "");
    REQUIRE_ERROR(missing, 400, "missing_field");
    CHECK(missing.error_field() == "Idempotency-Key");
    REQUIRE_REPLY(kiosk_book(server, kiosk, body, Fixture::new_key()), 201);
    REQUIRE_REPLY(server.post("/api/v1/bookings", body, server.admin_token()), 201);
}

TEST_CASE("nothing is booked or waited for past the booking horizon (26 weeks), on any path") {
    TestServer server; // today is 2027-01-13: the last bookable day is 2027-07-14
    Fixture f(server);
    auto h = hub(f);
    auto kiosk = server.kiosk_token(h.hub);
    auto family_a = family("Ann", "Adams", "1990-01-02");

    SUBCASE("an appointment") {
        auto far = Fixture::appointment_booking(h.hub, h.antenatal, "2027-07-15T10:00:00+01:00", family_a);
        auto r = kiosk_book(server, kiosk, far, Fixture::new_key());
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "start");
        auto distant = Fixture::appointment_booking(h.hub, h.antenatal, "9999-12-31T10:00:00Z", family_a);
        REQUIRE_ERROR(f.try_book(distant), 400, "invalid_field");
        CHECK(f.try_book(distant).error_field() == "start");
        REQUIRE_REPLY(kiosk_book(server, kiosk,
                                 Fixture::appointment_booking(h.hub, h.antenatal, "2027-07-14T10:00:00+01:00", family_a),
                                 Fixture::new_key()),
                      201);
    }
    SUBCASE("a group session") {
        auto r = f.try_book(Fixture::group_booking(h.hub, h.group, h.late_session, family_a));
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "session_id");
    }
    SUBCASE("a waitlist's session and dates") {
        auto join = [&](json extra) {
            json body{{"hub_id", h.hub}, {"service_id", h.group}, {"client", family_a}};
            body.update(extra);
            return server.post("/api/v1/waitlist", body, kiosk);
        };
        auto session = join(json{{"session_id", h.late_session}});
        REQUIRE_ERROR(session, 400, "invalid_field");
        CHECK(session.error_field() == "session_id");
        auto from = join(json{{"from", "2027-07-15"}});
        REQUIRE_ERROR(from, 400, "invalid_field");
        CHECK(from.error_field() == "from");
        auto to = join(json{{"from", "2027-02-01"}, {"to", "9999-12-31"}});
        REQUIRE_ERROR(to, 400, "invalid_field");
        CHECK(to.error_field() == "to");
        REQUIRE_REPLY(join(json{{"from", "2027-02-01"}, {"to", "2027-07-14"}}), 201);
    }
    SUBCASE("availability offers no time past it") {
        auto r = server.get("/api/v1/availability?hub_id=" + std::to_string(h.hub) + "&service_id=" +
                                std::to_string(h.antenatal) + "&from=2027-07-10&to=2027-07-20",
                            kiosk);
        REQUIRE_REPLY(r, 200);
        REQUIRE(!r.body["slots"].empty());
        CHECK(r.body["slots"].back()["start"].get<std::string>().substr(0, 10) == "2027-07-14");
        auto groups = server.get("/api/v1/availability?hub_id=" + std::to_string(h.hub) + "&service_id=" +
                                     std::to_string(h.group) + "&from=2027-07-10&to=2027-07-30",
                                 kiosk);
        REQUIRE_REPLY(groups, 200);
        CHECK(groups.body["slots"].empty());
    }
}

} // TEST_SUITE

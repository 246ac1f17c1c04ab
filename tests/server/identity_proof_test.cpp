// Every proof of identity (check-in by reference or by date of birth and initial, cancel
// by reference and date of birth, a waitlist entry read, accepted or declined) goes
// through one limiter per kiosk: failures count, successes do not; a kiosk names a
// waitlist entry only by the code its join answer gave.
#include <doctest/doctest.h>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

const json kAnn = family("Ann", "Adams", "1990-01-02");
const json kBola = family("Bola", "Adeyemi", "1993-04-05");

/// Today (2027-01-13) an appointment for Ann; next week a full group session with
/// Bola waiting for it, joined at the kiosk.
struct Scene {
    Id hub = 0, service = 0, group = 0, session = 0;
    std::string ann_reference;  // today, checks in
    std::string full_reference; // holds the group's one place
    Id waiting_id = 0;
    std::string waiting_code;
    std::string kiosk;
};

Scene scene(TestServer& server, Fixture& f) {
    Scene s;
    s.hub = f.hub();
    auto room = f.room(s.hub, "Room 1", 10);
    auto midwife = f.staff(s.hub, "Amina Khan", "midwife");
    f.working_hours(midwife, s.hub, {Hours{3, "09:00", "17:00"}});
    s.service = f.appointment_service("Antenatal check", 30, "midwife");
    s.ann_reference = f.book(Fixture::appointment_booking(s.hub, s.service, "2027-01-13T10:00:00Z", kAnn))
                          .at("reference").get<std::string>();
    s.group = f.group_service("Baby massage", 60, 1);
    s.session = f.session(s.group, s.hub, room, "2027-01-20T10:00:00Z", 1);
    s.full_reference = f.book(Fixture::group_booking(s.hub, s.group, s.session, family("Cara", "Cole", "1991-03-03")))
                           .at("reference").get<std::string>();
    s.kiosk = server.kiosk_token(s.hub);
    auto join = server.post("/api/v1/waitlist",
                            json{{"hub_id", s.hub}, {"service_id", s.group}, {"session_id", s.session}, {"client", kBola}},
                            s.kiosk);
    REQUIRE_REPLY(join, 201);
    s.waiting_id = join.body["id"].get<Id>();
    s.waiting_code = join.body["code"].get<std::string>();
    return s;
}

/// One failed proof on each path in turn.
Reply fail_once(TestServer& server, const Scene& s, int i) {
    switch (i % 6) {
    case 0: return server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", "ZZZZ2222"}}, s.kiosk);
    case 1:
        return server.post("/api/v1/checkins",
                           json{{"hub_id", s.hub}, {"date_of_birth", "2000-01-01"}, {"surname_initial", "Q"}}, s.kiosk);
    case 2:
        return server.post("/api/v1/bookings/" + s.full_reference + "/cancel", json{{"date_of_birth", "1999-09-09"}},
                           s.kiosk);
    case 3: return server.get("/api/v1/waitlist/code/" + std::string(64, 'a'), s.kiosk);
    case 4: return server.post("/api/v1/waitlist/code/" + std::string(64, 'b') + "/accept", json::object(), s.kiosk);
    default: return server.post("/api/v1/waitlist/code/" + std::string(64, 'c') + "/decline", json::object(), s.kiosk);
    }
}

/// Every proof path, each with a proof that would succeed.
std::vector<Reply> every_path(TestServer& server, const Scene& s) {
    auto code = "/api/v1/waitlist/code/" + s.waiting_code;
    auto id = "/api/v1/waitlist/" + std::to_string(s.waiting_id);
    return {
        server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", s.ann_reference}}, s.kiosk),
        server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"date_of_birth", "1990-01-02"}, {"surname_initial", "A"}},
                    s.kiosk),
        server.post("/api/v1/bookings/" + s.full_reference + "/cancel", json{{"date_of_birth", "1991-03-03"}}, s.kiosk),
        server.get(code, s.kiosk),
        server.post(code + "/accept", json::object(), s.kiosk),
        server.post(code + "/decline", json::object(), s.kiosk),
        server.get(id, s.kiosk),
        server.post(id + "/accept", json::object(), s.kiosk),
        server.post(id + "/decline", json::object(), s.kiosk),
    };
}

} // namespace

TEST_SUITE("server: proofs of identity") {

TEST_CASE("a kiosk's 31st failed proof in 5 minutes is 429 on every proof path, with Retry-After") {
    TestServer server; // checkin_failures_allowed = 30, as deployed
    Fixture f(server);
    auto s = scene(server, f);

    // 29 failures spread over every path: each answers as a miss does.
    for (int i = 0; i < 29; ++i) {
        auto r = fail_once(server, s, i);
        REQUIRE_ERROR(r, 404, i % 6 < 2 ? "no_appointment_found" : "not_found");
    }
    // Successes are not counted (a kiosk checks in many families a day), nor reset the count.
    for (int i = 0; i < 5; ++i)
        REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", s.ann_reference}}, s.kiosk),
                      200);
    REQUIRE_REPLY(server.get("/api/v1/waitlist/code/" + s.waiting_code, s.kiosk), 200);
    // The 30th failure is still answered; the 31st proof, right or wrong, is refused.
    REQUIRE_ERROR(fail_once(server, s, 29), 404, "not_found");
    for (int i = 0; i < 6; ++i) {
        auto r = fail_once(server, s, i);
        REQUIRE_ERROR(r, 429, "rate_limited");
        CHECK(r.header("Retry-After") == "300");
    }
    for (const auto& r : every_path(server, s)) {
        REQUIRE_ERROR(r, 429, "rate_limited");
        CHECK(r.header("Retry-After") == "300");
        CHECK(r.body["error"]["message"].get<std::string>().find("5 minutes") != std::string::npos);
    }
    // Another kiosk at the hub is not locked out by this one.
    auto other = server.kiosk_token(s.hub);
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", s.ann_reference}}, other), 200);

    // The wait shrinks as time passes, then the kiosk is heard again.
    server.clock().advance(std::chrono::seconds{200});
    CHECK(fail_once(server, s, 0).header("Retry-After") == "100");
    server.clock().advance(std::chrono::seconds{100});
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", s.ann_reference}}, s.kiosk), 200);

    // Straight back to guessing: the next lockout is twice as long.
    for (int i = 0; i < 30; ++i) REQUIRE(fail_once(server, s, i).status == 404);
    auto again = fail_once(server, s, 0);
    REQUIRE_ERROR(again, 429, "rate_limited");
    CHECK(again.header("Retry-After") == "600");
}

TEST_CASE("a kiosk names a waitlist entry by the code it was given, never by its sequential id") {
    TestServer server;
    Fixture f(server);
    auto s = scene(server, f);
    CHECK(s.waiting_code.size() == 64); // 256 random bits, stored only as a hash

    auto by_id = "/api/v1/waitlist/" + std::to_string(s.waiting_id);
    REQUIRE_ERROR(server.get(by_id, s.kiosk), 403, "forbidden");
    REQUIRE_ERROR(server.get(by_id + "?date_of_birth=1993-04-05", s.kiosk), 403, "forbidden");
    REQUIRE_ERROR(server.post(by_id + "/accept", json{{"date_of_birth", "1993-04-05"}}, s.kiosk), 403, "forbidden");
    REQUIRE_ERROR(server.post(by_id + "/decline", json{{"date_of_birth", "1993-04-05"}}, s.kiosk), 403, "forbidden");

    auto by_code = "/api/v1/waitlist/code/" + s.waiting_code;
    auto seen = server.get(by_code, s.kiosk);
    REQUIRE_REPLY(seen, 200);
    CHECK(seen.body["id"] == s.waiting_id);
    CHECK(seen.body["status"] == "waiting");
    CHECK(!seen.body.contains("code")); // shown once, in the join answer

    // Staff keep the numeric ids.
    auto staff_view = server.get(by_id, server.admin_token());
    REQUIRE_REPLY(staff_view, 200);
    CHECK(staff_view.body["status"] == "waiting");

    // The place frees; the kiosk accepts the offer with the code alone.
    REQUIRE_REPLY(server.post("/api/v1/bookings/" + s.full_reference + "/cancel", json::object(), server.admin_token()), 200);
    CHECK(server.get(by_code, s.kiosk).body["status"] == "offered");
    auto accepted = server.post(by_code + "/accept", json::object(), s.kiosk);
    REQUIRE_REPLY(accepted, 200);
    CHECK(accepted.body["status"] == "booked");

    // A kiosk at another hub cannot use the code.
    auto elsewhere = server.kiosk_token(f.hub("Northgate Family Hub"));
    REQUIRE_ERROR(server.get(by_code, elsewhere), 404, "not_found");
}

} // TEST_SUITE

// No place is sold twice, however many requests arrive at once (issue 2, points 1 and 2).
#include <doctest/doctest.h>

#include <set>
#include <vector>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/racers.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

constexpr const char* kLive = "status NOT IN ('cancelled','released')";

} // namespace

TEST_SUITE("server: booking concurrency") {

TEST_CASE("50 requests for the last place of a group session: one 201, 49 slot_unavailable") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto hall = f.room(hub, "Main hall", 20);
    auto group = f.group_service("Baby massage", 60, 2);
    auto session = f.session(group, hub, hall, "2027-01-13T10:00:00Z", 2);
    f.book(Fixture::group_booking(hub, group, session, family("Early", "Bird", "1990-01-01")));

    auto replies = all_at_once(50, [&](int i) {
        auto body = Fixture::group_booking(hub, group, session,
                                           family("Parent" + std::to_string(i), "Racer", "1991-02-03"));
        return f.try_book(body);
    });

    int created = 0, unavailable = 0;
    std::string winner;
    for (const auto& r : replies) {
        INFO("reply: " << r.describe());
        REQUIRE(r.transport_ok);
        if (r.status == 201) {
            ++created;
            winner = r.body.value("reference", "");
        } else {
            CHECK(r.status == 409);
            CHECK(r.error_code() == "slot_unavailable");
            ++unavailable;
        }
    }
    CHECK(created == 1);
    CHECK(unavailable == 49);

    DbProbe db(server.db_path());
    auto sid = std::to_string(session);
    CHECK(db.integer("SELECT count(*) FROM bookings WHERE session_id = " + sid + " AND " + kLive) == 2);
    CHECK(db.integer("SELECT count(*) FROM bookings b JOIN clients c ON c.id = b.client_id WHERE b.session_id = " +
                     sid + " AND c.last_name = 'Racer' AND b." + kLive) == 1);
    CHECK(db.column("SELECT b.reference FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.last_name = "
                    "'Racer'") == std::vector<std::string>{winner});

    // The API agrees: the session is listed, full.
    auto avail = server.get("/api/v1/availability?hub_id=" + std::to_string(hub) + "&service_id=" +
                                std::to_string(group) + "&from=2027-01-13&to=2027-01-13",
                            server.admin_token());
    REQUIRE_REPLY(avail, 200);
    REQUIRE(avail.body["slots"].is_array());
    bool seen = false;
    for (const auto& s : avail.body["slots"])
        if (s.value("session_id", 0LL) == session) {
            seen = true;
            CHECK(s["places_left"] == 0);
        }
    CHECK(seen);
}

TEST_CASE("30 requests for one 1:1 time with two practitioners and two rooms: two succeed, apart") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto room_a = f.room(hub, "Room A");
    auto room_b = f.room(hub, "Room B");
    auto midwife_1 = f.staff(hub, "Amina Khan", "midwife");
    auto midwife_2 = f.staff(hub, "Beth Jones", "midwife");
    auto visitor = f.staff(hub, "Carys Hughes", "health_visitor"); // another role: never chosen
    for (auto id : {midwife_1, midwife_2, visitor}) f.working_hours(id, hub, {Hours{3, "09:00", "12:00"}});
    auto antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    const std::string start = "2027-01-13T09:00:00Z"; // Wednesday, 09:00 in London

    auto replies = all_at_once(30, [&](int i) {
        return f.try_book(
            Fixture::appointment_booking(hub, antenatal, start, family("Mum" + std::to_string(i), "Racer", "1992-03-04")));
    });

    std::set<long long> staff, rooms;
    int created = 0;
    for (const auto& r : replies) {
        INFO("reply: " << r.describe());
        REQUIRE(r.transport_ok);
        if (r.status == 201) {
            ++created;
            REQUIRE(r.body.contains("staff"));
            staff.insert(r.body["staff"]["id"].get<long long>());
            rooms.insert(r.body["room"]["id"].get<long long>());
            CHECK(frontdoor::shared::parse_instant(r.body["start"].get<std::string>()) == instant(start));
        } else {
            CHECK(r.status == 409);
            CHECK(r.error_code() == "slot_unavailable");
        }
    }
    CHECK(created == 2);
    CHECK(staff == std::set<long long>{midwife_1, midwife_2});
    CHECK(rooms == std::set<long long>{room_a, room_b});

    DbProbe db(server.db_path());
    auto at = std::to_string(instant(start).time_since_epoch().count());
    CHECK(db.integer(std::string("SELECT count(*) FROM bookings WHERE start_utc = ") + at + " AND " + kLive) == 2);
    CHECK(db.integer(std::string("SELECT count(DISTINCT staff_id) FROM bookings WHERE start_utc = ") + at + " AND " +
                     kLive) == 2);
    CHECK(db.integer(std::string("SELECT count(DISTINCT room_id) FROM bookings WHERE start_utc = ") + at + " AND " +
                     kLive) == 2);
}

} // TEST_SUITE

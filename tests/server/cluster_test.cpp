// Two servers on one PostgreSQL database (issue 11, point 1): the rules hold across
// servers because they live in the database, not in one server's writer thread.
// PostgreSQL only (registered as server_cluster_test_pg): two servers may not share
// an SQLite file (serve holds its lock).
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

/// Server a, and server b on a's database.
struct Pair {
    TestServer a;
    TestServer b{peer_of(a)};
    Fixture fa{a};
    Fixture fb{b.http(), b.admin_token()};
    static TestServer::Options peer_of(const TestServer& first) {
        TestServer::Options o;
        o.peer = &first;
        return o;
    }
    const Fixture& on(int i) const { return i % 2 ? fb : fa; }
};

} // namespace

TEST_SUITE("server: two servers on one PostgreSQL") {

TEST_CASE("50 requests for the last place, spread over two servers: one 201, 49 slot_unavailable") {
    REQUIRE(TestDatabase::on_postgres());
    Pair p;
    auto hub = p.fa.hub();
    auto hall = p.fa.room(hub, "Main hall", 20);
    auto group = p.fa.group_service("Baby massage", 60, 2);
    auto session = p.fa.session(group, hub, hall, "2027-01-13T10:00:00Z", 2);
    p.fb.book(Fixture::group_booking(hub, group, session, family("Early", "Bird", "1990-01-01"))); // via b

    auto replies = all_at_once(50, [&](int i) {
        return p.on(i).try_book(
            Fixture::group_booking(hub, group, session, family("Parent" + std::to_string(i), "Racer", "1991-02-03")));
    });
    int created = 0, unavailable = 0;
    for (const auto& r : replies) {
        INFO("reply: " << r.describe());
        REQUIRE(r.transport_ok);
        if (r.status == 201) {
            ++created;
        } else {
            CHECK(r.status == 409);
            CHECK(r.error_code() == "slot_unavailable");
            ++unavailable;
        }
    }
    CHECK(created == 1);
    CHECK(unavailable == 49);
    DbProbe db(p.a.db_path());
    CHECK(db.integer("SELECT count(*) FROM bookings WHERE session_id = " + std::to_string(session) + " AND " + kLive) ==
          2);
}

TEST_CASE("30 requests over two servers for one 1:1 time with two practitioners and two rooms: two, apart") {
    REQUIRE(TestDatabase::on_postgres());
    Pair p;
    auto& f = p.fa;
    auto hub = f.hub();
    auto room_a = f.room(hub, "Room A");
    auto room_b = f.room(hub, "Room B");
    auto midwife_1 = f.staff(hub, "Amina Khan", "midwife");
    auto midwife_2 = f.staff(hub, "Beth Jones", "midwife");
    for (auto id : {midwife_1, midwife_2}) f.working_hours(id, hub, {Hours{3, "09:00", "12:00"}});
    auto antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    const std::string start = "2027-01-13T09:00:00Z";

    auto replies = all_at_once(30, [&](int i) {
        return p.on(i).try_book(
            Fixture::appointment_booking(hub, antenatal, start, family("Mum" + std::to_string(i), "Racer", "1992-03-04")));
    });
    std::set<long long> staff, rooms;
    int created = 0;
    for (const auto& r : replies) {
        INFO("reply: " << r.describe());
        REQUIRE(r.transport_ok);
        if (r.status == 201) {
            ++created;
            staff.insert(r.body["staff"]["id"].get<long long>());
            rooms.insert(r.body["room"]["id"].get<long long>());
        } else {
            CHECK(r.status == 409);
            CHECK(r.error_code() == "slot_unavailable");
        }
    }
    CHECK(created == 2);
    CHECK(staff == std::set<long long>{midwife_1, midwife_2});
    CHECK(rooms == std::set<long long>{room_a, room_b});
    DbProbe db(p.a.db_path());
    auto at = std::to_string(instant(start).time_since_epoch().count());
    CHECK(db.integer(std::string("SELECT count(*) FROM bookings WHERE start_utc = ") + at + " AND " + kLive) == 2);
}

TEST_CASE("the same Idempotency-Key sent to each server books once, and both answer the same") {
    REQUIRE(TestDatabase::on_postgres());
    Pair p;
    auto hub = p.fa.hub();
    auto hall = p.fa.room(hub, "Main hall", 20);
    auto group = p.fa.group_service("Baby massage", 60, 10);
    auto session = p.fa.session(group, hub, hall, "2027-01-13T10:00:00Z", 10);
    auto body = Fixture::group_booking(hub, group, session, family("Ada", "Lovelace", "1990-12-10"));
    httplib::Headers key{{"Idempotency-Key", "retry-on-another-server"}};

    SUBCASE("one after the other") {
        auto first = p.a.post("/api/v1/bookings", body, p.a.admin_token(), key);
        REQUIRE_REPLY(first, 201);
        auto again = p.b.post("/api/v1/bookings", body, p.a.admin_token(), key);
        REQUIRE_REPLY(again, 201);
        CHECK(again.body == first.body);
    }
    SUBCASE("both at once") {
        auto replies = all_at_once(2, [&](int i) {
            const auto& s = i ? p.b : p.a;
            return s.post("/api/v1/bookings", body, p.a.admin_token(), key);
        });
        // The loser's transaction runs again and finds the winner's stored answer.
        REQUIRE_REPLY(replies[0], 201);
        REQUIRE_REPLY(replies[1], 201);
        CHECK(replies[0].body == replies[1].body);
    }
    DbProbe db(p.a.db_path());
    CHECK(db.integer("SELECT count(*) FROM bookings WHERE session_id = " + std::to_string(session) + " AND " + kLive) ==
          1);
}

} // TEST_SUITE

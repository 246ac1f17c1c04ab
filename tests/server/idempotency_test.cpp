// A retried booking with the same Idempotency-Key returns the first answer and books
// once; the same key with a different body is a conflict (issue 2, point 3).
#include <doctest/doctest.h>

#include <latch>
#include <set>
#include <thread>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Hub {
    Id hub = 0, room = 0, service = 0, session = 0;
};

Hub group_hub(Fixture& f) {
    Hub h;
    h.hub = f.hub();
    h.room = f.room(h.hub, "Hall", 30);
    h.service = f.group_service("Stay and play", 60, 30);
    h.session = f.session(h.service, h.hub, h.room, "2027-01-14T10:00:00Z");
    return h;
}

std::int64_t bookings_of(DbProbe& db, Id session) {
    return db.integer("SELECT count(*) FROM bookings WHERE session_id = " + std::to_string(session));
}

} // namespace

TEST_SUITE("server: idempotency") {

TEST_CASE("the same Idempotency-Key returns the same answer and books once") {
    TestServer server;
    Fixture f(server);
    auto h = group_hub(f);
    auto body = Fixture::group_booking(h.hub, h.service, h.session, family("Ada", "Lovelace", "1990-12-10"));
    httplib::Headers key{{"Idempotency-Key", "retry-me-1"}};

    auto first = server.post("/api/v1/bookings", body, server.admin_token(), key);
    REQUIRE_REPLY(first, 201);
    REQUIRE(first.body.contains("reference"));
    auto again = server.post("/api/v1/bookings", body, server.admin_token(), key);
    REQUIRE_REPLY(again, 201);
    CHECK(again.body == first.body);

    DbProbe db(server.db_path());
    CHECK(bookings_of(db, h.session) == 1);

    SUBCASE("the same key with a different body is a conflict, and books nothing") {
        auto other = body;
        other["client"]["first_name"] = "Augusta";
        auto r = server.post("/api/v1/bookings", other, server.admin_token(), key);
        REQUIRE_ERROR(r, 409, "conflict");
        CHECK(bookings_of(db, h.session) == 1);
    }
    SUBCASE("a different key with the same body is a new booking") {
        auto r = server.post("/api/v1/bookings", body, server.admin_token(), {{"Idempotency-Key", "retry-me-2"}});
        REQUIRE_REPLY(r, 201);
        CHECK(r.body["reference"] != first.body["reference"]);
        CHECK(bookings_of(db, h.session) == 2);
    }
    SUBCASE("a key survives a restart") {
        server.restart();
        auto r = server.post("/api/v1/bookings", body, server.admin_token(), key);
        REQUIRE_REPLY(r, 201);
        CHECK(r.body["reference"] == first.body["reference"]);
        CHECK(bookings_of(db, h.session) == 1);
    }
    SUBCASE("a key is still honoured 24 hours later") {
        server.clock().advance(std::chrono::hours{24});
        auto r = server.post("/api/v1/bookings", body, server.relogin_admin(), key);
        REQUIRE_REPLY(r, 201);
        CHECK(r.body["reference"] == first.body["reference"]);
        CHECK(bookings_of(db, h.session) == 1);
    }
}

TEST_CASE("a kiosk's retry is answered the same") {
    TestServer server;
    Fixture f(server);
    auto h = group_hub(f);
    auto kiosk = server.kiosk_token(h.hub);
    auto body = Fixture::group_booking(h.hub, h.service, h.session, family("Grace", "Hopper", "1986-12-09"));
    httplib::Headers key{{"Idempotency-Key", "kiosk-tap-1"}};
    auto first = server.post("/api/v1/bookings", body, kiosk, key);
    REQUIRE_REPLY(first, 201);
    auto again = server.post("/api/v1/bookings", body, kiosk, key);
    REQUIRE_REPLY(again, 201);
    CHECK(again.body["reference"] == first.body["reference"]);
    DbProbe db(server.db_path());
    CHECK(bookings_of(db, h.session) == 1);
}

TEST_CASE("ten retries racing with one key book once") {
    TestServer server;
    Fixture f(server);
    auto h = group_hub(f);
    auto body = Fixture::group_booking(h.hub, h.service, h.session, family("Katherine", "Johnson", "1988-08-26"));
    std::vector<Reply> replies(10);
    std::latch gate(10);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < replies.size(); ++i)
        threads.emplace_back([&, i] {
            gate.arrive_and_wait();
            replies[i] = server.post("/api/v1/bookings", body, server.admin_token(), {{"Idempotency-Key", "race-1"}});
        });
    for (auto& t : threads) t.join();

    std::set<std::string> references;
    for (const auto& r : replies) {
        INFO("reply: " << r.describe());
        REQUIRE(r.transport_ok);
        CHECK(r.status == 201);
        if (r.status == 201) references.insert(r.body["reference"].get<std::string>());
    }
    CHECK(references.size() == 1);
    DbProbe db(server.db_path());
    CHECK(bookings_of(db, h.session) == 1);
}

} // TEST_SUITE

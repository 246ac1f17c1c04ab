// The booking event stream: a published change reaches an open stream of its hub within
// a second; other hubs' changes do not; streams need a session; shutdown ends them.
#include <doctest/doctest.h>

#include "server/http/events.hpp"
#include "tests/server/web_test_server.hpp"
#include "tests/support/stream_reader.hpp"

using namespace frontdoor::server;
using namespace frontdoor::server::http;
using namespace frontdoor::server::testing;
using namespace std::chrono_literals;
using frontdoor::testing::StreamReader;

TEST_SUITE("server/web_events") {

TEST_CASE("the bus hands each stream its hub's events after its cursor") {
    EventBus bus(4);
    std::uint64_t cursor = bus.last_id();
    bus.publish({1, 10, "arrived"});
    bus.publish({2, 11, "status"});
    auto batch = bus.wait(1, cursor, 0ms);
    REQUIRE(batch.frames.size() == 1);
    CHECK(batch.frames[0].data == R"({"booking_id":10,"hub_id":1,"kind":"arrived"})");
    CHECK(cursor == 2);
    CHECK(bus.wait(1, cursor, 0ms).frames.empty());

    SUBCASE("a stream that fell behind the ring is told to resync") {
        for (int i = 0; i < 6; ++i) bus.publish({1, 20 + i, "status"});
        auto late = bus.wait(1, cursor, 0ms);
        CHECK(late.resync);
        CHECK(late.frames.size() == 4);
    }
    SUBCASE("shutdown ends waits at once") {
        bus.shutdown();
        auto t0 = std::chrono::steady_clock::now();
        CHECK(bus.wait(1, cursor, 5000ms).closed);
        CHECK(std::chrono::steady_clock::now() - t0 < 1s);
    }
    SUBCASE("streams are admitted up to a limit") {
        CHECK(bus.try_enter_stream("a", 3, 2));
        CHECK(bus.try_enter_stream("a", 3, 2));
        CHECK_FALSE(bus.try_enter_stream("a", 3, 2)); // two for one session
        CHECK(bus.try_enter_stream("b", 3, 2));
        CHECK_FALSE(bus.try_enter_stream("c", 3, 2)); // three in all
        bus.leave_stream("a");
        CHECK(bus.try_enter_stream("a", 3, 2));
        CHECK(bus.open_streams() == 3);
    }
}

TEST_CASE("sse_message is one well-formed message") {
    CHECK(sse_message("booking", "{}", 3) == "id: 3\nevent: booking\ndata: {}\n\n");
    CHECK(sse_message("hello", "{}") == "event: hello\ndata: {}\n\n");
}

TEST_CASE("a published check-in reaches the open stream of its hub within 2 seconds") {
    WebTestServer t;
    auto who = t.sign_in();
    REQUIRE_FALSE(who.cookie.empty());
    StreamReader reader(t.port, "/api/v1/hubs/1/events", {{"Cookie", who.cookie}});
    REQUIRE(reader.wait_for("event: hello", 5s));
    CHECK(reader.status() == 200);

    const auto& ctx = t.server->services().ctx;
    ctx.publish({2, 99, "arrived"}); // another hub
    auto t0 = std::chrono::steady_clock::now();
    ctx.publish({1, 42, "arrived"});
    REQUIRE(reader.wait_for("\"booking_id\":42", 2s));
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    CHECK(reader.text().find("event: booking") != std::string::npos);
    CHECK(reader.text().find("\"booking_id\":99") == std::string::npos);
}

TEST_CASE("the stream refuses strangers and other hubs") {
    WebTestServer t;
    auto c = t.client();
    auto anon = c.Get("/api/v1/hubs/1/events");
    REQUIRE(anon);
    CHECK(anon->status == 401);

    auto who = t.sign_in("reception", "reception-demo-1");
    REQUIRE_FALSE(who.cookie.empty());
    auto other = c.Get("/api/v1/hubs/2/events", {{"Cookie", who.cookie}});
    REQUIRE(other);
    CHECK(other->status == 403);
}

TEST_CASE("a live session's stream outlasts its session re-checks") {
    WebTestServer t;
    auto who = t.sign_in();
    StreamReader reader(t.port, "/api/v1/hubs/1/events", {{"Cookie", who.cookie + "; other=1"}});
    REQUIRE(reader.wait_for("event: hello", 5s));
    // The stream re-checks its session every 5 s: still signed in after the first check.
    CHECK_FALSE(reader.wait_for("signed_out", 6500ms));
    t.server->services().ctx.publish({1, 7, "arrived"});
    CHECK(reader.wait_for("\"booking_id\":7", 2s));
}

TEST_CASE("signing out ends an open stream") {
    WebTestServer t;
    auto who = t.sign_in();
    StreamReader reader(t.port, "/api/v1/hubs/1/events", {{"Cookie", who.cookie}});
    REQUIRE(reader.wait_for("event: hello", 5s));
    auto c = t.client();
    auto out = c.Post("/api/v1/auth/logout", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}}, "{}",
                      "application/json");
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(reader.wait_for("event: signed_out", 10s));
}

TEST_CASE("stopping the server ends open streams at once") {
    auto t = std::make_unique<WebTestServer>();
    auto who = t->sign_in();
    StreamReader reader(t->port, "/api/v1/hubs/1/events", {{"Cookie", who.cookie}});
    REQUIRE(reader.wait_for("event: hello", 5s));
    auto t0 = std::chrono::steady_clock::now();
    t.reset();
    CHECK(std::chrono::steady_clock::now() - t0 < 3s);
}

} // TEST_SUITE

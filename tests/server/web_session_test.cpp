// Cookie sessions of the staff page: sign-in, CSRF on every change, idle expiry with a
// ManualClock, sign-out ending the session on the server.
#include <doctest/doctest.h>

#include "tests/server/web_test_server.hpp"

using namespace frontdoor::server::web;
using namespace frontdoor::server::web::testing;
using namespace std::chrono_literals;

TEST_SUITE("server/web_session") {

TEST_CASE("cookie_value finds one cookie among several") {
    CHECK(cookie_value("a=1; fd_session=xyz; b=2", "fd_session") == "xyz");
    CHECK(cookie_value("fd_session=abc", "fd_session") == "abc");
    CHECK(cookie_value("xfd_session=abc", "fd_session") == std::nullopt);
    CHECK(cookie_value("", "fd_session") == std::nullopt);
}

TEST_CASE("sessions expire after the idle timeout, and activity restarts it") {
    frontdoor::shared::ManualClock clock(test_start());
    WebSessions sessions(clock, {.idle_timeout = 30min});
    auto s = sessions.start({1, "reception", 1, "R"});
    CHECK(s.token.size() == 64);
    CHECK(s.csrf_token.size() == 64);
    CHECK(s.token != s.csrf_token);
    CHECK(s.expires_at == test_start() + 30min);

    clock.advance(29min);
    REQUIRE(sessions.find(s.token)); // activity
    clock.advance(29min);
    REQUIRE(sessions.find(s.token, /*touch=*/false)); // still alive, not touched
    clock.advance(1min + 1s);
    CHECK_FALSE(sessions.find(s.token));
    CHECK(sessions.size() == 0); // forgotten
}

TEST_CASE("a session ends at its maximum lifetime however busy") {
    frontdoor::shared::ManualClock clock(test_start());
    WebSessions sessions(clock, {.idle_timeout = 30min, .max_lifetime = 1h});
    auto s = sessions.start({1, "reception", 1, "R"});
    for (int i = 0; i < 3; ++i) {
        clock.advance(20min);
        if (i < 2) REQUIRE(sessions.find(s.token));
    }
    CHECK_FALSE(sessions.find(s.token));
}

TEST_CASE("the oldest session goes when the store is full") {
    frontdoor::shared::ManualClock clock(test_start());
    WebSessions sessions(clock, {.max_sessions = 2});
    auto a = sessions.start({1, "reception", 1, "A"});
    clock.advance(1s);
    auto b = sessions.start({2, "reception", 1, "B"});
    clock.advance(1s);
    auto c = sessions.start({3, "reception", 1, "C"});
    CHECK_FALSE(sessions.find(a.token));
    CHECK(sessions.find(b.token));
    CHECK(sessions.find(c.token));
    CHECK(sessions.end_all_of(2) == 1);
    CHECK_FALSE(sessions.find(b.token));
}

TEST_CASE("sign in sets an HttpOnly SameSite=Strict cookie and returns the CSRF token") {
    WebTestServer t;
    auto c = t.client();
    auto res = c.Post("/api/v1/auth/web-session",
                      R"({"username":"manager","password":"manager-demo-1"})", "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie.rfind("fd_session=", 0) == 0);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Path=/") != std::string::npos);
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["role"] == "manager");
    CHECK(body["staff_id"] == 7);
    CHECK(body["hub_id"] == 1);
    CHECK(body["csrf_token"].get<std::string>().size() == 64);
    CHECK(body["idle_timeout_seconds"] == 1800);
    CHECK(body.dump().find(cookie.substr(11, 64)) == std::string::npos); // token not in body
    CHECK(res->get_header_value("Cache-Control") == "no-store");

    SUBCASE("wrong password is 401 and sets no cookie") {
        auto bad = c.Post("/api/v1/auth/web-session",
                          R"({"username":"manager","password":"nope"})", "application/json");
        REQUIRE(bad);
        CHECK(bad->status == 401);
        CHECK_FALSE(bad->has_header("Set-Cookie"));
        CHECK(nlohmann::json::parse(bad->body)["error"]["code"] == "unauthenticated");
    }
    SUBCASE("a sign-in that is not JSON is refused (no cross-site form can sign in)") {
        auto form = c.Post("/api/v1/auth/web-session", "username=manager&password=manager-demo-1",
                           "application/x-www-form-urlencoded");
        REQUIRE(form);
        CHECK(form->status == 400);
    }
    SUBCASE("a missing field is named") {
        auto missing = c.Post("/api/v1/auth/web-session", R"({"username":"manager"})",
                              "application/json");
        REQUIRE(missing);
        CHECK(missing->status == 400);
        CHECK(nlohmann::json::parse(missing->body)["error"]["field"] == "password");
    }
}

TEST_CASE("changes authenticated by the cookie need the X-CSRF-Token header") {
    WebTestServer t;
    auto who = t.sign_in();
    REQUIRE_FALSE(who.cookie.empty());
    auto c = t.client();

    SUBCASE("a read needs no CSRF token") {
        auto res = c.Get("/api/v1/test/echo", {{"Cookie", who.cookie}});
        REQUIRE(res);
        CHECK(res->status == 200);
    }
    SUBCASE("a change without the header is refused") {
        auto res = c.Post("/api/v1/test/echo", {{"Cookie", who.cookie}}, "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
        CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "forbidden");
    }
    SUBCASE("a change with a wrong token is refused") {
        auto res = c.Post("/api/v1/test/echo", {{"Cookie", who.cookie}, {"X-CSRF-Token", "0" + who.csrf.substr(1)}},
                          "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
    }
    SUBCASE("another session's token is refused") {
        auto other = t.sign_in("reception", "reception-demo-1");
        auto res = c.Post("/api/v1/test/echo", {{"Cookie", who.cookie}, {"X-CSRF-Token", other.csrf}},
                          "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
    }
    SUBCASE("a change with the session's token passes") {
        auto res = c.Post("/api/v1/test/echo", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}},
                          "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(nlohmann::json::parse(res->body)["staff_id"] == 7);
    }
    SUBCASE("sign-out without the header is refused and the session lives on") {
        auto res = c.Delete("/api/v1/auth/web-session", {{"Cookie", who.cookie}});
        REQUIRE(res);
        CHECK(res->status == 403);
        auto still = c.Get("/api/v1/auth/web-session", {{"Cookie", who.cookie}});
        REQUIRE(still);
        CHECK(still->status == 200);
    }
}

TEST_CASE("the session expires after 30 minutes idle; background refreshes do not count") {
    WebTestServer t;
    auto who = t.sign_in();
    auto c = t.client();
    auto get = [&](bool background) {
        httplib::Headers h{{"Cookie", who.cookie}};
        if (background) h.emplace("X-Frontdoor-Background", "1");
        auto res = c.Get("/api/v1/test/echo", h);
        REQUIRE(res);
        return res->status;
    };
    t.clock.advance(29min);
    CHECK(get(false) == 200); // activity: 30 more minutes from here
    t.clock.advance(29min);
    CHECK(get(true) == 200); // background: no extension
    t.clock.advance(1min + 1s);
    CHECK(get(true) == 401);
    auto me = c.Get("/api/v1/auth/web-session", {{"Cookie", who.cookie}});
    REQUIRE(me);
    CHECK(me->status == 401);
}

TEST_CASE("the idle timeout is configurable") {
    WebTestServer t({.idle_timeout = 5min});
    auto who = t.sign_in();
    auto c = t.client();
    auto me = c.Get("/api/v1/auth/web-session", {{"Cookie", who.cookie}});
    REQUIRE(me);
    CHECK(nlohmann::json::parse(me->body)["idle_timeout_seconds"] == 300);
    t.clock.advance(5min);
    auto late = c.Get("/api/v1/test/echo", {{"Cookie", who.cookie}});
    REQUIRE(late);
    CHECK(late->status == 401);
}

TEST_CASE("sign-out ends the session on the server: the old cookie gets 401") {
    WebTestServer t;
    auto who = t.sign_in();
    auto c = t.client();
    auto out = c.Delete("/api/v1/auth/web-session", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}});
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    auto again = c.Get("/api/v1/test/echo", {{"Cookie", who.cookie}});
    REQUIRE(again);
    CHECK(again->status == 401);
    CHECK(t.sessions.size() == 0);
}

} // TEST_SUITE

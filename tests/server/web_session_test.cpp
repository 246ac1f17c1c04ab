// The staff page's cookie session as the server keeps it: HttpOnly SameSite=Strict
// cookie, CSRF header on every change, idle expiry (ManualClock), sign-out on the server.
#include <doctest/doctest.h>

#include "tests/server/web_test_server.hpp"

using namespace frontdoor::server::testing;
using namespace std::chrono_literals;

TEST_SUITE("server/web_session") {

TEST_CASE("sign-in sets an HttpOnly SameSite=Strict cookie and returns a CSRF token") {
    WebTestServer t;
    auto c = t.client();
    auto res = c.Post("/api/v1/auth/login", R"({"username":"admin","password":"admin-password-1"})",
                      "application/json");
    REQUIRE(res);
    CHECK(res->status == 200);
    auto cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie.rfind("fd_session=", 0) == 0);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Path=/") != std::string::npos);
    CHECK(cookie.find("Secure") == std::string::npos); // plain HTTP on loopback: a Secure cookie would never come back
    auto body = nlohmann::json::parse(res->body);
    CHECK(body["role"] == "admin");
    CHECK(body["csrf_token"].get<std::string>().size() >= 32);
    CHECK(res->get_header_value("Cache-Control") == "no-store");
}

TEST_CASE("behind the TLS proxy (X-Forwarded-Proto: https) the cookie is Secure, set and cleared") {
    WebTestServer t;
    auto c = t.client();
    httplib::Headers https{{"X-Forwarded-Proto", "https"}};
    auto res = c.Post("/api/v1/auth/login", https, R"({"username":"admin","password":"admin-password-1"})",
                      "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    auto cookie = res->get_header_value("Set-Cookie");
    CHECK(cookie.find("; Secure") != std::string::npos);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    auto token = nlohmann::json::parse(res->body)["token"].get<std::string>();
    https.emplace("Authorization", "Bearer " + token);
    auto out = c.Post("/api/v1/auth/logout", https, "{}", "application/json");
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0; Secure") != std::string::npos);
}

TEST_CASE("changes authenticated by the cookie need the session's X-CSRF-Token") {
    WebTestServer t;
    auto who = t.sign_in();
    REQUIRE_FALSE(who.cookie.empty());
    auto c = t.client();

    SUBCASE("a read needs no CSRF token") {
        auto res = c.Get("/api/v1/auth/session", {{"Cookie", who.cookie}});
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(nlohmann::json::parse(res->body)["csrf_token"] == who.csrf);
    }
    SUBCASE("a change without the header is refused, and changes nothing") {
        auto res = c.Post("/api/v1/auth/logout", {{"Cookie", who.cookie}}, "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
        CHECK(nlohmann::json::parse(res->body)["error"]["code"] == "forbidden");
        auto still = c.Get("/api/v1/auth/session", {{"Cookie", who.cookie}});
        REQUIRE(still);
        CHECK(still->status == 200);
    }
    SUBCASE("a change with a wrong token is refused") {
        auto wrong = who.csrf;
        wrong[0] = wrong[0] == '0' ? '1' : '0'; // (replacing it with '0' was the same token one time in 16)
        auto res = c.Post("/api/v1/auth/logout", {{"Cookie", who.cookie}, {"X-CSRF-Token", wrong}}, "{}",
                          "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
    }
    SUBCASE("another session's token is refused") {
        auto other = t.sign_in("reception", "reception-demo-1");
        REQUIRE_FALSE(other.csrf.empty());
        auto res = c.Post("/api/v1/auth/logout", {{"Cookie", who.cookie}, {"X-CSRF-Token", other.csrf}},
                          "{}", "application/json");
        REQUIRE(res);
        CHECK(res->status == 403);
    }
}

TEST_CASE("the session ends after 30 minutes idle; background refreshes do not extend it") {
    WebTestServer t;
    auto who = t.sign_in();
    auto c = t.client();
    auto get = [&](bool background) {
        httplib::Headers h{{"Cookie", who.cookie}};
        if (background) h.emplace("X-Frontdoor-Background", "1");
        auto res = c.Get("/api/v1/auth/session", h);
        REQUIRE(res);
        return res->status;
    };
    t.clock->advance(29min);
    CHECK(get(false) == 200); // a person: 30 more minutes from here
    t.clock->advance(29min);
    CHECK(get(true) == 200); // the page on its own: no extension
    t.clock->advance(1min + 1s);
    CHECK(get(false) == 401);
}

TEST_CASE("the idle time is configurable") {
    WebTestServer t(5min);
    auto who = t.sign_in();
    auto c = t.client();
    t.clock->advance(5min + 1s);
    auto late = c.Get("/api/v1/auth/session", {{"Cookie", who.cookie}});
    REQUIRE(late);
    CHECK(late->status == 401);
}

TEST_CASE("sign-out ends the session on the server: the old cookie gets 401") {
    WebTestServer t;
    auto who = t.sign_in();
    auto c = t.client();
    auto out = c.Post("/api/v1/auth/logout", {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}}, "{}",
                      "application/json");
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    auto again = c.Get("/api/v1/auth/session", {{"Cookie", who.cookie}});
    REQUIRE(again);
    CHECK(again->status == 401);
}

} // TEST_SUITE

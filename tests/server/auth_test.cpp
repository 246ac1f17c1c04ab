// Sign-in, tokens, roles, rate limits, and the operations endpoints; every error the
// library makes itself (unknown path, method) is JSON in the contract's shape.
#include <doctest/doctest.h>

#include <regex>
#include <sstream>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

TEST_SUITE("server: auth and operations") {

TEST_CASE("login: the right password signs in, a wrong one is 401") {
    TestServer server;
    auto ok = server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "correct horse battery"}});
    REQUIRE_REPLY(ok, 200);
    CHECK(ok.header("Content-Type").rfind("application/json", 0) == 0);
    CHECK(ok.header("Set-Cookie").find("fd_session=") == 0);
    CHECK(ok.header("Set-Cookie").find("HttpOnly") != std::string::npos);
    CHECK(ok.body["role"] == "admin");
    CHECK(ok.body["token"].get<std::string>().size() >= 32);
    CHECK(ok.body.contains("expires_at"));
    CHECK(ok.body.contains("staff_id"));
    CHECK(ok.body.contains("csrf_token"));

    REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "wrong"}}), 401,
                  "unauthenticated");
    REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "nobody"}, {"password", "correct horse battery"}}),
                  401, "unauthenticated");
    REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "admin"}}), 400, "missing_field");
}

TEST_CASE("too many failed logins from one client: 429, even with the right password") {
    TestServer::Options o;
    o.login_failures_allowed = 3;
    TestServer server(o);
    for (int i = 0; i < 3; ++i)
        REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "guess" + std::to_string(i)}}),
                      401, "unauthenticated");
    REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "guess"}}), 429, "rate_limited");
    REQUIRE_ERROR(server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "correct horse battery"}}), 429,
                  "rate_limited");
    // The window passes.
    server.clock().advance(std::chrono::minutes{6});
    REQUIRE_REPLY(server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "correct horse battery"}}), 200);
}

TEST_CASE("behind the trusted proxy each client is limited alone; without it the header is ignored") {
    auto attempt = [](TestServer& server, const std::string& from, const std::string& password) {
        return server.http().post("/api/v1/auth/login", json{{"username", "admin"}, {"password", password}}, {},
                                  {{"X-Forwarded-For", from}});
    };
    SUBCASE("trusted: one person's mistakes do not lock the desk out") {
        TestServer::Options o;
        o.login_failures_allowed = 3;
        o.trusted_proxy = "127.0.0.1"; // the test connects from loopback, as nginx would
        TestServer server(o);
        for (int i = 0; i < 3; ++i) REQUIRE_ERROR(attempt(server, "203.0.113.7", "guess"), 401, "unauthenticated");
        REQUIRE_ERROR(attempt(server, "203.0.113.7", "correct horse battery"), 429, "rate_limited");
        // The proxy appends the address it saw: a forged first entry changes nothing.
        REQUIRE_ERROR(attempt(server, "198.51.100.1, 203.0.113.7", "correct horse battery"), 429, "rate_limited");
        // A proxy that adds its own header line: the client's line before it changes nothing.
        auto two_lines = server.http().post("/api/v1/auth/login",
                                            json{{"username", "admin"}, {"password", "correct horse battery"}}, {},
                                            {{"X-Forwarded-For", "198.51.100.1"}, {"X-Forwarded-For", "203.0.113.7"}});
        REQUIRE_ERROR(two_lines, 429, "rate_limited");
        REQUIRE_REPLY(attempt(server, "203.0.113.7, 198.51.100.20", "correct horse battery"), 200);
    }
    SUBCASE("not trusted: the header is anyone's to write, so it is not read") {
        TestServer::Options o;
        o.login_failures_allowed = 3;
        TestServer server(o);
        for (int i = 0; i < 3; ++i)
            REQUIRE_ERROR(attempt(server, "203.0.113." + std::to_string(i), "guess"), 401, "unauthenticated");
        REQUIRE_ERROR(attempt(server, "198.51.100.20", "correct horse battery"), 429, "rate_limited");
    }
}

TEST_CASE("no token, an unknown token, an expired token: 401") {
    TestServer server;
    REQUIRE_ERROR(server.get("/api/v1/hubs"), 401, "unauthenticated");
    REQUIRE_ERROR(server.get("/api/v1/hubs", std::string(64, 'a')), 401, "unauthenticated");
    REQUIRE_ERROR(server.http().get("/api/v1/hubs", {}, {{"Authorization", "Basic YWRtaW46YWRtaW4="}}), 401,
                  "unauthenticated");
    REQUIRE_ERROR(server.post("/api/v1/bookings", json::object()), 401, "unauthenticated");
    REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);

    // Staff sessions end after the idle time; each use extends them.
    auto idle = server.options().settings.staff_session_idle;
    server.clock().advance(idle - std::chrono::minutes{1});
    REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);
    server.clock().advance(idle - std::chrono::minutes{1});
    REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);
    server.clock().advance(idle + std::chrono::minutes{1});
    REQUIRE_ERROR(server.get("/api/v1/hubs", server.admin_token()), 401, "unauthenticated");
}

TEST_CASE("logout ends the session") {
    TestServer server;
    auto token = server.login("admin", "correct horse battery");
    REQUIRE_REPLY(server.post("/api/v1/auth/logout", json::object(), token), 200);
    REQUIRE_ERROR(server.get("/api/v1/hubs", token), 401, "unauthenticated");
    REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);
}

TEST_CASE("roles: each may do its own job only") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    f.staff(hub, "Maya Manager", "family_worker", "manager", "maya", "manager-password-1");
    f.staff(hub, "Rita Reception", "family_worker", "reception", "rita", "reception-password-1");
    auto pia = f.staff(hub, "Pia Practitioner", "midwife", "practitioner", "pia", "practitioner-password-1");
    auto manager = server.login("maya", "manager-password-1");
    auto reception = server.login("rita", "reception-password-1");
    auto practitioner = server.login("pia", "practitioner-password-1");
    auto h = std::to_string(hub);

    // Set-up: admin and manager.
    REQUIRE_REPLY(server.post("/api/v1/hubs/" + h + "/rooms", json{{"name", "Room M"}}, manager), 201);
    REQUIRE_ERROR(server.post("/api/v1/hubs/" + h + "/rooms", json{{"name", "Room R"}}, reception), 403, "forbidden");
    REQUIRE_ERROR(server.post("/api/v1/hubs/" + h + "/rooms", json{{"name", "Room P"}}, practitioner), 403, "forbidden");
    REQUIRE_ERROR(server.post("/api/v1/services",
                              json{{"name", "Group"}, {"kind", "group"}, {"duration_minutes", 30}, {"capacity", 3}},
                              practitioner),
                  403, "forbidden");
    // Kiosks: admin and manager (issue #4), never the desk.
    REQUIRE_REPLY(server.post("/api/v1/kiosks", json{{"hub_id", hub}, {"name", "K"}}, manager), 201);
    REQUIRE_ERROR(server.post("/api/v1/kiosks", json{{"hub_id", hub}, {"name", "K2"}}, reception), 403, "forbidden");
    // The day: every member of staff.
    REQUIRE_REPLY(server.get("/api/v1/hubs/" + h + "/day?date=2027-01-13", practitioner), 200);
    REQUIRE_REPLY(server.get("/api/v1/hubs/" + h + "/day?date=2027-01-13", reception), 200);
    REQUIRE_REPLY(server.get("/api/v1/staff/" + std::to_string(pia) + "/diary.ics", practitioner), 200);
}

TEST_CASE("a manager covers the desk: books, books a walk-in, cancels, waitlists and accepts for a family") {
    TestServer server; // 2027-01-13 08:00 UTC
    Fixture f(server);
    auto hub = f.hub();
    f.room(hub, "Room 1");
    auto hall = f.room(hub, "Hall", 20);
    auto pia = f.staff(hub, "Pia Practitioner", "midwife");
    f.every_day(pia, hub, {{"08:00", "12:00"}});
    auto antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    auto group = f.group_service("Baby massage", 60, 1);
    auto session = f.session(group, hub, hall, "2027-01-15T10:00:00Z", 1);
    f.staff(hub, "Maya Manager", "family_worker", "manager", "maya", "manager-password-1");
    auto maya = server.login("maya", "manager-password-1");
    auto key = [] { return httplib::Headers{{"Idempotency-Key", Fixture::new_key()}}; };

    // A walk-in: the next free time today, booked and arrived at once.
    auto walk_in = server.post("/api/v1/bookings",
                               Fixture::appointment_booking(hub, antenatal, "2027-01-13T08:30:00Z",
                                                            family("Wendy", "Walker", "1991-02-03")),
                               maya, key());
    REQUIRE_REPLY(walk_in, 201);
    auto arrived = server.post("/api/v1/bookings/" + std::to_string(walk_in.body["id"].get<Id>()) + "/status",
                               json{{"status", "arrived"}}, maya);
    REQUIRE_REPLY(arrived, 200);
    CHECK(arrived.body["status"] == "arrived");
    auto later = server.post("/api/v1/bookings",
                             Fixture::appointment_booking(hub, antenatal, "2027-01-13T10:00:00Z",
                                                          family("Lola", "Later", "1992-03-04")),
                             maya, key());
    REQUIRE_REPLY(later, 201);
    auto cancelled = server.post("/api/v1/bookings/" + later.body["reference"].get<std::string>() + "/cancel",
                                 json::object(), maya);
    REQUIRE_REPLY(cancelled, 200);
    CHECK(cancelled.body["status"] == "cancelled");

    // The group is full; a family waits, a place frees, the manager accepts it for them.
    auto first = server.post("/api/v1/bookings",
                             Fixture::group_booking(hub, group, session, family("Ann", "Adams", "1990-01-02")), maya, key());
    REQUIRE_REPLY(first, 201);
    auto joined = server.post("/api/v1/waitlist",
                              json{{"hub_id", hub}, {"service_id", group}, {"client", family("Bola", "Adeyemi", "1993-04-05")}},
                              maya);
    REQUIRE_REPLY(joined, 201);
    REQUIRE_REPLY(server.post("/api/v1/bookings/" + first.body["reference"].get<std::string>() + "/cancel", json::object(),
                              maya),
                  200);
    auto entry = "/api/v1/waitlist/" + std::to_string(joined.body["id"].get<Id>());
    REQUIRE_REPLY(server.get(entry, maya), 200);
    auto accepted = server.post(entry + "/accept", json::object(), maya);
    REQUIRE_REPLY(accepted, 200);
    CHECK(accepted.body["status"] == "booked");
    CHECK(accepted.body["reference"].get<std::string>().size() == 8);
}

TEST_CASE("a browser session: cookie for reads, CSRF header for changes") {
    TestServer server;
    auto login = server.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", "correct horse battery"}});
    REQUIRE_REPLY(login, 200);
    auto cookie = "fd_session=" + login.body["token"].get<std::string>();
    auto csrf = login.body["csrf_token"].get<std::string>();

    REQUIRE_REPLY(server.http().get("/api/v1/hubs", {}, {{"Cookie", cookie}}), 200);
    REQUIRE_ERROR(server.http().post("/api/v1/hubs", json{{"name", "No CSRF"}}, {}, {{"Cookie", cookie}}), 403, "forbidden");
    REQUIRE_ERROR(server.http().post("/api/v1/hubs", json{{"name", "Bad CSRF"}}, {}, {{"Cookie", cookie}, {"X-CSRF-Token", "x"}}),
                  403, "forbidden");
    REQUIRE_REPLY(server.http().post("/api/v1/hubs", json{{"name", "With CSRF"}}, {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}),
                  201);
}

TEST_CASE("/healthz answers without a token") {
    TestServer server;
    auto r = server.get("/healthz");
    REQUIRE_REPLY(r, 200);
    CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
    CHECK(r.body == json{{"status", "ok"}});
}

TEST_CASE("/metrics is Prometheus text and counts requests") {
    TestServer server;
    REQUIRE_REPLY(server.get("/healthz"), 200);
    REQUIRE_ERROR(server.get("/api/v1/hubs"), 401, "unauthenticated");
    REQUIRE_ERROR(server.get("/api/v1/hubs/1/day"), 401, "unauthenticated"); // a route with a pattern
    auto r = server.get("/metrics");
    REQUIRE_REPLY(r, 200);
    CHECK(r.header("Content-Type").rfind("text/plain", 0) == 0);
    CHECK(r.text.find("# TYPE") != std::string::npos);
    CHECK(r.text.find("# HELP") != std::string::npos);
    CHECK(r.text.find("histogram") != std::string::npos);
    CHECK(r.text.find("/healthz") != std::string::npos);
    CHECK(r.text.find("401") != std::string::npos);

    // Every line is a comment or `name{labels} value`.
    // name{label="value",...} value: label values escape only \\, \" and \n.
    static const std::regex sample(
        R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")"
        R"((,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? (-?[0-9.eE+-]+|\+Inf|-Inf|NaN)( [0-9]+)?$)");
    std::istringstream lines(r.text);
    std::string line;
    int samples = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        INFO("line: " << line);
        CHECK(std::regex_match(line, sample));
        ++samples;
    }
    CHECK(samples > 0);
}

TEST_CASE("the library's own errors are JSON in the contract's shape") {
    TestServer server;
    REQUIRE_ERROR(server.get("/no/such/path"), 404, "not_found");
    REQUIRE_ERROR(server.get("/api/v1/nothing-here", server.admin_token()), 404, "not_found");

    auto wrong_method = server.http().send("DELETE", "/healthz", "");
    REQUIRE(wrong_method.transport_ok);
    CHECK((wrong_method.status == 404 || wrong_method.status == 405));
    CHECK(!wrong_method.error_code().empty());

    auto unknown_method = server.http().send("BREW", "/healthz", "");
    REQUIRE(unknown_method.transport_ok);
    CHECK(unknown_method.status >= 400);
    CHECK(!unknown_method.error_code().empty());

    auto long_path = server.get("/" + std::string(20000, 'a'));
    REQUIRE(long_path.transport_ok);
    CHECK(long_path.status >= 400);
    CHECK(!long_path.error_code().empty());
}

} // TEST_SUITE

TEST_SUITE("server: sign-in") {

namespace {

Reply sign_in(TestServer& server, const std::string& user, const std::string& password, const std::string& from = {}) {
    httplib::Headers headers;
    if (!from.empty()) headers.emplace("X-Forwarded-For", from);
    return server.http().post("/api/v1/auth/login", json{{"username", user}, {"password", password}}, {}, headers);
}

constexpr const char* kAdminPassword = "correct horse battery";

} // namespace

TEST_CASE("another account's success resets nothing: the guesses at one account still reach 429") {
    TestServer::Options o;
    o.login_failures_allowed = 3;
    TestServer server(o);
    Fixture f(server);
    f.staff(f.hub(), "Rita Reception", "family_worker", "reception", "rita", "reception-password-1");

    // The attacker's own good sign-in between guesses at admin's password.
    for (int i = 0; i < 2; ++i) {
        REQUIRE_ERROR(sign_in(server, "admin", "guess" + std::to_string(i)), 401, "unauthenticated");
        REQUIRE_REPLY(sign_in(server, "rita", "reception-password-1"), 200);
    }
    REQUIRE_ERROR(sign_in(server, "admin", "guess2"), 401, "unauthenticated");
    auto locked = sign_in(server, "admin", "guess3");
    REQUIRE_ERROR(locked, 429, "rate_limited");
    CHECK(locked.header("Retry-After") == "300");
    CHECK(locked.body["error"]["message"].get<std::string>().find("try again in 5 minutes") != std::string::npos);
    REQUIRE_ERROR(sign_in(server, "admin", kAdminPassword), 429, "rate_limited");
    // Only admin is locked from here: rita still signs in from the same address.
    REQUIRE_REPLY(sign_in(server, "rita", "reception-password-1"), 200);

    // Back-off: the lockout ends, and a second one lasts twice as long.
    server.clock().advance(std::chrono::minutes{5});
    for (int i = 0; i < 3; ++i) REQUIRE_ERROR(sign_in(server, "admin", "again" + std::to_string(i)), 401, "unauthenticated");
    auto longer = sign_in(server, "admin", kAdminPassword);
    REQUIRE_ERROR(longer, 429, "rate_limited");
    CHECK(longer.header("Retry-After") == "600");
    server.clock().advance(std::chrono::minutes{10});
    REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword), 200);
}

TEST_CASE("an unknown account is limited exactly as a known one, so a 429 tells nothing") {
    TestServer::Options o;
    o.login_failures_allowed = 3;
    TestServer server(o);
    for (const std::string user : {"admin", "nobody"}) {
        for (int i = 0; i < 3; ++i) REQUIRE_ERROR(sign_in(server, user, "guess"), 401, "unauthenticated");
        REQUIRE_ERROR(sign_in(server, user, "guess"), 429, "rate_limited");
    }
}

TEST_CASE("spraying many accounts from one address locks that address, and only that address") {
    TestServer::Options o;
    o.trusted_proxy = "127.0.0.1";
    o.login_address_failures_allowed = 6;
    TestServer server(o);
    const std::string attacker = "203.0.113.7";
    for (int i = 0; i < 6; ++i)
        REQUIRE_ERROR(sign_in(server, "user" + std::to_string(i), "Password1", attacker), 401, "unauthenticated");
    auto refused = sign_in(server, "admin", kAdminPassword, attacker);
    REQUIRE_ERROR(refused, 429, "rate_limited");
    CHECK(refused.header("Retry-After") == "300");
    REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword, "198.51.100.20"), 200);
}

TEST_CASE("an attack from elsewhere never locks the real user out") {
    TestServer::Options o;
    o.trusted_proxy = "127.0.0.1";
    o.login_failures_allowed = 3;
    o.login_account_failures_allowed = 8;
    TestServer server(o);
    const std::string desk = "198.51.100.20";
    REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword, desk), 200); // her usual desk

    SUBCASE("one attacking address: locked alone") {
        for (int i = 0; i < 3; ++i) REQUIRE_ERROR(sign_in(server, "admin", "guess", "203.0.113.7"), 401, "unauthenticated");
        REQUIRE_ERROR(sign_in(server, "admin", kAdminPassword, "203.0.113.7"), 429, "rate_limited");
        REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword, desk), 200);
        REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword, "198.51.100.21"), 200); // a new desk too
    }
    SUBCASE("many attacking addresses: the account is closed to new addresses, not to hers") {
        for (int i = 0; i < 8; ++i)
            REQUIRE_ERROR(sign_in(server, "admin", "guess", "203.0.113." + std::to_string(i)), 401, "unauthenticated");
        auto fresh = sign_in(server, "admin", "guess", "203.0.113.99");
        REQUIRE_ERROR(fresh, 429, "rate_limited");
        CHECK(fresh.header("Retry-After") == "300");
        REQUIRE_ERROR(sign_in(server, "admin", kAdminPassword, "203.0.113.100"), 429, "rate_limited");
        REQUIRE_REPLY(sign_in(server, "admin", kAdminPassword, desk), 200);
    }
}

TEST_CASE("usernames are case-insensitive") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    REQUIRE_REPLY(sign_in(server, "ADMIN", kAdminPassword), 200);
    REQUIRE_REPLY(sign_in(server, "Admin", kAdminPassword), 200);
    REQUIRE_ERROR(sign_in(server, "ADMIN", "wrong"), 401, "unauthenticated");

    auto clash = server.post("/api/v1/staff",
                             json{{"name", "Another Admin"}, {"role", "family_worker"}, {"hub_id", hub},
                                  {"username", "ADMIN"}, {"password", "another-password-1"}, {"access", "admin"}},
                             server.admin_token());
    REQUIRE_ERROR(clash, 409, "conflict");
    CHECK(clash.error_field() == "username");

    f.staff(hub, "Maya Manager", "family_worker", "manager", "Maya.Manager", "manager-password-1");
    auto maya = sign_in(server, "maya.manager", "manager-password-1");
    REQUIRE_REPLY(maya, 200);
    CHECK(maya.body["role"] == "manager");
    REQUIRE_ERROR(server.post("/api/v1/staff",
                              json{{"name", "Maya Two"}, {"role", "family_worker"}, {"hub_id", hub},
                                   {"username", "MAYA.MANAGER"}, {"password", "manager-password-2"}},
                              server.admin_token()),
                  409, "conflict");

    // Failures count against the account whatever the case it is typed in.
    TestServer::Options o;
    o.login_failures_allowed = 3;
    TestServer limited(o);
    for (const char* user : {"admin", "ADMIN", "Admin"}) REQUIRE_ERROR(sign_in(limited, user, "guess"), 401, "unauthenticated");
    REQUIRE_ERROR(sign_in(limited, "aDMIN", kAdminPassword), 429, "rate_limited");
}

TEST_CASE("sign-in takes application/json only: a cross-site form cannot sign a browser in") {
    TestServer server;
    auto body = json{{"username", "admin"}, {"password", kAdminPassword}}.dump();
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/json", ""}) {
        INFO("Content-Type: " << type);
        auto r = server.http().post_raw("/api/v1/auth/login", body, type);
        REQUIRE_ERROR(r, 415, "unsupported_media_type");
        CHECK(r.header("Set-Cookie").empty());
    }
    REQUIRE_REPLY(server.http().post_raw("/api/v1/auth/login", body, "application/json; charset=utf-8"), 200);
    REQUIRE_REPLY(server.http().post_raw("/api/v1/auth/login", body, "Application/JSON"), 200);
}

} // TEST_SUITE

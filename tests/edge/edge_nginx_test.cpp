// TLS at the edge: a real nginx with the project's site (deploy/nginx/frontdoor.conf) and
// test certificates (deploy/make-certs), in front of the real frontdoor-server with the
// demo hub, all on loopback. What a hub's users would notice: a client that trusts the
// hub's CA books over HTTPS; one that does not is refused; old TLS is refused; plain HTTP
// is redirected; an oversized body stops at nginx; the live event stream is not held
// back; and the server limits each client by its own address, not nginx's.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <ctime>
#include <fstream>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include <httplib.h>

#include "tests/edge/nginx_edge.hpp"
#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/stream_reader.hpp"
#include "tests/support/temp_dir.hpp"

using namespace frontdoor::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

#if !defined(FRONTDOOR_SERVER_BIN) || !defined(FRONTDOOR_SOURCE_DIR) || !defined(FRONTDOOR_NGINX_BIN)
#error "FRONTDOOR_SERVER_BIN, FRONTDOOR_SOURCE_DIR and FRONTDOOR_NGINX_BIN must be defined"
#endif

namespace {

constexpr const char* kAdminPassword = "correct horse battery";
const std::string kHsts = "max-age=31536000";

/// An instant `ahead` from now, as the API takes it (UTC, whole seconds).
std::string utc_in(std::chrono::seconds ahead) {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + ahead);
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// The demo hub behind nginx: `init` (an admin), `demo` (hub, staff, kiosk), `serve`
/// trusting nginx's X-Forwarded-For, then nginx in front. Torn down in reverse.
struct Edge {
    TempDir dir{"edge"};
    std::string db = dir.path + "/frontdoor.db";
    Id hub = 0;
    std::string kiosk_token;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<NginxEdge> nginx;
    std::string admin_token;

    Edge() {
        // OpenSSL writes with write(2): a connection nginx has closed (after a 413, at
        // shutdown) would kill this program with SIGPIPE instead of failing one request.
        std::signal(SIGPIPE, SIG_IGN);
        ServerProcess::init(FRONTDOOR_SERVER_BIN, db, "admin", kAdminPassword);
        const std::string token_file = dir.path + "/kiosk.token";
        auto demo = run_command({FRONTDOOR_SERVER_BIN, "demo", "--db", db, "--kiosk-token-file", token_file});
        REQUIRE_MESSAGE(demo.exit_code == 0, demo.output);
        std::smatch m;
        REQUIRE_MESSAGE(std::regex_search(demo.output, m, std::regex(R"(\(id ([0-9]+)\))")), demo.output);
        hub = std::stoll(m[1].str());
        std::ifstream(token_file) >> kiosk_token;
        REQUIRE_FALSE(kiosk_token.empty());

        server = std::make_unique<ServerProcess>(FRONTDOOR_SERVER_BIN, db,
                                                 std::vector<std::string>{"--trusted-proxy", "127.0.0.1"});
        server->start();
        nginx = std::make_unique<NginxEdge>(
            NginxEdge::Paths{FRONTDOOR_NGINX_BIN, FRONTDOOR_SOURCE_DIR "/deploy/nginx/frontdoor.conf",
                             FRONTDOOR_SOURCE_DIR "/deploy/make-certs"},
            dir.path + "/nginx", server->port());
        auto login = server->http().post("/api/v1/auth/login", json{{"username", "admin"}, {"password", kAdminPassword}});
        REQUIRE_REPLY(login, 200);
        admin_token = login.body["token"].get<std::string>();
    }
    ~Edge() {
        nginx.reset(); // stopped first, whatever failed: it holds connections to the server
        server.reset();
    }

    /// Set-up straight to the server (not what is under test): a group session at the
    /// demo hub starting in a few minutes, so a check-in finds it today.
    struct Session {
        Id service = 0;
        Id session = 0;
    };
    Session session_soon() {
        Fixture f(server->http(), admin_token);
        Session s;
        auto room = f.room(hub, "Edge room", 20);
        s.service = f.group_service("Edge drop-in", 30, 20);
        s.session = f.session(s.service, hub, room, utc_in(3min), 20);
        return s;
    }

    /// An HTTPS client through nginx; trusting the test CA unless `trust_ca` is false
    /// (then it has the system's store only). Verification is on either way.
    std::unique_ptr<httplib::SSLClient> https(bool trust_ca = true) const {
        auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", nginx->https_port());
        if (trust_ca) c->set_ca_cert_path(nginx->ca_file().c_str());
        c->enable_server_certificate_verification(true);
        c->set_connection_timeout(5, 0);
        c->set_read_timeout(5, 0);
        c->set_write_timeout(5, 0);
        return c;
    }

    /// Requests the server itself counted, /metrics excluded (read from the server directly).
    long counted_requests() const {
        auto r = server->http().get("/metrics");
        REQUIRE_MESSAGE(r.status == 200, r.describe());
        long total = 0;
        std::istringstream lines(r.text);
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("frontdoor_http_requests_total{", 0) == 0 && line.find("route=\"/metrics\"") == std::string::npos)
                total += std::stol(line.substr(line.rfind(' ') + 1));
        return total;
    }

    /// curl from one loopback address through nginx over HTTPS: "STATUS BODY".
    CommandResult curl_from(const std::string& address, const std::string& path, const json& body) const {
        return run_command({"/usr/bin/curl", "-sS", "--max-time", "10", "--interface", address, "--cacert",
                            nginx->ca_file(), "-H", "Content-Type: application/json", "--data-binary", body.dump(),
                            "-w", "\n%{http_code}", "https://127.0.0.1:" + std::to_string(nginx->https_port()) + path});
    }
};

Reply post(httplib::SSLClient& c, const std::string& path, const json& body, const httplib::Headers& headers = {}) {
    return to_reply(c.Post(path.c_str(), headers, body.dump(), "application/json"));
}

/// curl's answer split: the status on the last line, the body before it.
std::pair<int, json> status_and_body(const CommandResult& r) {
    auto nl = r.output.rfind('\n');
    if (r.exit_code != 0 || nl == std::string::npos) return {0, nullptr};
    return {std::stoi(r.output.substr(nl + 1)), json::parse(r.output.substr(0, nl), nullptr, false)};
}

} // namespace

TEST_SUITE("edge: nginx in front of the server") {

TEST_CASE("a client that trusts the hub's CA signs in and books over HTTPS, and is told to stay on HTTPS") {
    Edge edge;
    auto s = edge.session_soon();
    auto c = edge.https();

    auto login = post(*c, "/api/v1/auth/login", json{{"username", "reception"}, {"password", "reception-demo-1"}});
    REQUIRE_REPLY(login, 200);
    CHECK(login.header("Strict-Transport-Security") == kHsts);
    const auto token = login.body["token"].get<std::string>();

    auto booked = post(*c, "/api/v1/bookings",
                       Fixture::group_booking(edge.hub, s.service, s.session, family("Amara", "Osei", "1990-04-12")),
                       {{"Authorization", "Bearer " + token}, {"Idempotency-Key", Fixture::new_key()}});
    REQUIRE_REPLY(booked, 201);
    CHECK(booked.header("Strict-Transport-Security") == kHsts);
    const auto reference = booked.body["reference"].get<std::string>();
    CHECK(std::regex_match(reference, std::regex("[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}")));
    CHECK(booked.header("Server") == "nginx"); // no version: server_tokens off

    DbProbe db(edge.db);
    CHECK(db.integer("SELECT COUNT(*) FROM bookings WHERE reference = '" + reference + "' AND status = 'booked'") == 1);
}

TEST_CASE("a client that does not trust the hub's CA is refused before anything is sent") {
    Edge edge;
    auto s = edge.session_soon();
    DbProbe db(edge.db);
    const auto before = db.integer("SELECT COUNT(*) FROM bookings");

    auto c = edge.https(false);
    auto login = c->Post("/api/v1/auth/login", json{{"username", "reception"}, {"password", "reception-demo-1"}}.dump(),
                         "application/json");
    REQUIRE_FALSE(login);
    CHECK(login.error() == httplib::Error::SSLServerVerification);
    auto booked = c->Post("/api/v1/bookings",
                          {{"Authorization", "Bearer " + edge.admin_token}, {"Idempotency-Key", Fixture::new_key()}},
                          Fixture::group_booking(edge.hub, s.service, s.session, family("Amara", "Osei", "1990-04-12")).dump(),
                          "application/json");
    REQUIRE_FALSE(booked);
    CHECK(booked.error() == httplib::Error::SSLServerVerification);
    CHECK(db.integer("SELECT COUNT(*) FROM bookings") == before);
}

TEST_CASE("TLS 1.1 and below are refused; TLS 1.2 and 1.3 are spoken") {
    Edge edge;
    const std::string target = "127.0.0.1:" + std::to_string(edge.nginx->https_port());
    auto handshake = [&](const std::string& version) {
        // SECLEVEL=0 lets this client offer the old protocols, so a refusal is nginx's.
        return run_command({"/usr/bin/openssl", "s_client", "-connect", target, "-CAfile", edge.nginx->ca_file(),
                            version, "-cipher", "DEFAULT:@SECLEVEL=0"});
    };
    for (const std::string old : {"-tls1_1", "-tls1"}) {
        INFO(old);
        auto r = handshake(old);
        INFO(r.output);
        CHECK(r.exit_code != 0);
        CHECK(r.output.find("alert protocol version") != std::string::npos); // the server said no
    }
    const std::vector<std::pair<std::string, std::string>> modern{{"-tls1_2", "TLSv1.2"}, {"-tls1_3", "TLSv1.3"}};
    for (const auto& [flag, name] : modern) {
        auto r = handshake(flag);
        INFO(r.output);
        CHECK(r.exit_code == 0);
        // "New, TLSv1.3, Cipher is ..." follows every handshake; the SSL-Session block
        // ("Protocol  : ...") waits for a TLS 1.3 session ticket that may not come before
        // s_client's input closes, so it is not asked for.
        CHECK(r.output.find("New, " + name + ", Cipher is ") != std::string::npos);
        CHECK(r.output.find("Verify return code: 0 (ok)") != std::string::npos);
    }
}

TEST_CASE("plain HTTP is sent to the same place over HTTPS") {
    Edge edge;
    SUBCASE("on port 80") {
        httplib::Client c("127.0.0.1", edge.nginx->http_port());
        c.set_connection_timeout(5, 0);
        auto r = to_reply(c.Get("/api/v1/hubs/1/day?date=2026-12-02", {{"Host", "hub.example"}}));
        REQUIRE_REPLY(r, 301);
        CHECK(r.header("Location") == "https://hub.example/api/v1/hubs/1/day?date=2026-12-02");
        auto form = to_reply(c.Post("/api/v1/auth/login", {{"Host", "hub.example"}}, "{}", "application/json"));
        REQUIRE_REPLY(form, 301);
        CHECK(form.header("Location") == "https://hub.example/api/v1/auth/login");
    }
    SUBCASE("on the HTTPS port") {
        httplib::Client c("127.0.0.1", edge.nginx->https_port());
        c.set_connection_timeout(5, 0);
        auto r = to_reply(c.Get("/index.html", {{"Host", "hub.example"}}));
        REQUIRE_REPLY(r, 301);
        CHECK(r.header("Location") == "https://hub.example/index.html");
    }
}

TEST_CASE("a 100 KB body is refused by nginx with the API's error and never reaches the server") {
    Edge edge;
    auto c = edge.https();
    const httplib::Headers auth{{"Authorization", "Bearer " + edge.admin_token}, {"Idempotency-Key", "edge-big"}};
    const auto before = edge.counted_requests();

    const std::string big = R"({"hub_id":1,"note":")" + std::string(100 * 1024, 'x') + R"("})";
    auto refused = to_reply(c->Post("/api/v1/bookings", auth, big, "application/json"));
    REQUIRE_ERROR(refused, 413, "too_large");
    CHECK(refused.header("Strict-Transport-Security") == kHsts);
    CHECK(edge.counted_requests() == before);

    // The count is the server's own: a small body through nginx is counted.
    auto small = to_reply(c->Post("/api/v1/bookings", auth, R"({"hub_id":1})", "application/json"));
    REQUIRE_ERROR(small, 400, "missing_field");
    CHECK(edge.counted_requests() == before + 1);
}

TEST_CASE("the live event stream carries a kiosk check-in through nginx within 2 seconds") {
    Edge edge;
    auto s = edge.session_soon();
    Fixture f(edge.server->http(), edge.admin_token);
    auto booked = f.book(Fixture::group_booking(edge.hub, s.service, s.session, family("Oksana", "Kovalenko", "1988-09-30")));
    const auto booking_id = booked["id"].get<Id>();
    const auto reference = booked["reference"].get<std::string>();

    // The staff page signs in as a browser does: a session cookie, marked Secure behind TLS.
    auto c = edge.https();
    auto login = to_reply(c->Post("/api/v1/auth/login", json{{"username", "reception"}, {"password", "reception-demo-1"}}.dump(),
                                  "application/json"));
    REQUIRE_REPLY(login, 200);
    const auto set_cookie = login.header("Set-Cookie");
    CHECK(set_cookie.find("; Secure") != std::string::npos);
    const auto cookie = set_cookie.substr(0, set_cookie.find(';'));

    StreamReader stream(edge.https(), "/api/v1/hubs/" + std::to_string(edge.hub) + "/events", {{"Cookie", cookie}},
                        std::chrono::seconds{30});
    REQUIRE(stream.wait_for("event: hello", 5s));
    CHECK(stream.status() == 200);

    auto kiosk = edge.https();
    const auto t0 = Clock::now();
    auto checked_in = post(*kiosk, "/api/v1/checkins", json{{"hub_id", edge.hub}, {"reference", reference}},
                           {{"Authorization", "Bearer " + edge.kiosk_token}});
    REQUIRE_REPLY(checked_in, 200);
    REQUIRE(checked_in.body["checked_in"].size() == 1);
    CHECK(checked_in.body["checked_in"][0]["booking_id"] == booking_id);
    const bool arrived = stream.wait_for("\"booking_id\":" + std::to_string(booking_id), 2s);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    MESSAGE("check-in to event through nginx: " << took.count() << " ms");
    CHECK(arrived);
    CHECK(took < 2s);
}

TEST_CASE("the server limits each client by its own address behind nginx, not by nginx's") {
    Edge edge;
    Fixture f(edge.server->http(), edge.admin_token);
    f.staff(edge.hub, "Dee Desk", "receptionist", "reception", "desk", "desk-password-1");
    const json wrong{{"username", "desk"}, {"password", "not-her-password"}};
    const json right{{"username", "desk"}, {"password", "desk-password-1"}};

    for (int i = 0; i < 10; ++i) {
        auto [status, body] = status_and_body(edge.curl_from("127.0.0.7", "/api/v1/auth/login", wrong));
        INFO("failed sign-in " << i + 1 << ": " << body.dump());
        REQUIRE(status == 401);
    }
    auto [locked, locked_body] = status_and_body(edge.curl_from("127.0.0.7", "/api/v1/auth/login", right));
    INFO(locked_body.dump());
    CHECK(locked == 429);
    CHECK(locked_body["error"]["code"] == "rate_limited");

    auto [other, other_body] = status_and_body(edge.curl_from("127.0.0.8", "/api/v1/auth/login", right));
    INFO(other_body.dump());
    CHECK(other == 200);
    CHECK(other_body["token"].is_string());
}

} // TEST_SUITE

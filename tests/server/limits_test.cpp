// The server's own limits hold whatever is in front of it: bodies over 64 KiB (however
// they are framed or encoded) are refused unread and before sign-in, request heads are
// capped in size and in time, connections in number, event streams per session and in
// all; idle and slow clients hold no worker, so /healthz and bookings keep answering.
// Memory is read from the real program (ServerProcess).
#include <doctest/doctest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <date/date.h>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/raw_client.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

#ifndef FRONTDOOR_SERVER_BIN
#error "FRONTDOOR_SERVER_BIN must name the frontdoor-server program"
#endif

namespace {

std::string chunk(const std::string& data) {
    char size[32];
    std::snprintf(size, sizeof(size), "%zx\r\n", data.size());
    return size + data + "\r\n";
}

/// `size` zero bytes, gzipped (about 1000:1).
std::string gzip_of_zeros(std::size_t size) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string zeros(1 << 20, '\0'), out;
    char buf[1 << 16];
    for (std::size_t done = 0; done < size;) {
        auto n = std::min(zeros.size(), size - done);
        done += n;
        z.next_in = reinterpret_cast<Bytef*>(zeros.data());
        z.avail_in = static_cast<uInt>(n);
        int flush = done == size ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef*>(buf);
            z.avail_out = sizeof(buf);
            deflate(&z, flush);
            out.append(buf, sizeof(buf) - z.avail_out);
        } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
}

/// The real program over a fresh database with an admin, started.
struct RealServer {
    RealServer() : process(FRONTDOOR_SERVER_BIN, db()) {
        process.start();
        auto login = process.http().post("/api/v1/auth/login", json{{"username", "admin"}, {"password", kPassword}});
        REQUIRE_REPLY(login, 200);
        token = login.body["token"].get<std::string>();
    }
    std::string db() {
        auto path = dir.path + "/frontdoor.db";
        ServerProcess::init(FRONTDOOR_SERVER_BIN, path, "admin", kPassword);
        return path;
    }
    static constexpr const char* kPassword = "correct horse battery";
    TempDir dir{"limits"};
    ServerProcess process;
    std::string token;
};

const std::string kBookingHead = "POST /api/v1/bookings HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n";

} // namespace

TEST_SUITE("server: limits") {

TEST_CASE("bodies over 64 KiB are refused unread, before sign-in, however they are sent") {
    RealServer server;
    const int port = server.process.port();
    const long rss_before = server.process.resident_kib();
    REQUIRE(rss_before > 0);
    constexpr std::size_t k100MB = 100u << 20;

    SUBCASE("a chunked body of 100 MB") {
        for (int i = 0; i < 3; ++i) {
            RawClient c(port);
            std::size_t sent = 0;
            auto answer = c.stream_body(kBookingHead + "Transfer-Encoding: chunked\r\n\r\n",
                                        [] { return chunk(std::string(16384, 'x')); }, k100MB, sent, 10s);
            CHECK(status_of(answer) == 413);
            CHECK(code_of(answer) == "too_large");
            CHECK(sent < (16u << 20)); // the server stopped taking it long before the end
        }
    }
    SUBCASE("a chunked body in one-byte chunks (framing over the cap)") {
        RawClient c(port);
        std::size_t sent = 0;
        auto answer = c.stream_body(kBookingHead + "Transfer-Encoding: chunked\r\n\r\n",
                                    [] {
                                        std::string s;
                                        for (int i = 0; i < 4096; ++i) s += "1\r\nx\r\n";
                                        return s;
                                    },
                                    k100MB, sent, 10s);
        CHECK(status_of(answer) == 413);
        CHECK(sent < (16u << 20));
    }
    SUBCASE("a gzip bomb: 100 MB of zeros in about 100 KB") {
        const auto bomb = gzip_of_zeros(k100MB);
        REQUIRE(bomb.size() < 200'000);
        for (int i = 0; i < 3; ++i) {
            RawClient c(port);
            std::size_t sent = 0, offset = 0;
            auto answer = c.stream_body(kBookingHead + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n",
                                        [&] {
                                            auto part = bomb.substr(offset, 8192);
                                            offset += part.size();
                                            return part.empty() ? std::string("0\r\n\r\n") : chunk(part);
                                        },
                                        bomb.size() * 2, sent, 10s);
            CHECK(status_of(answer) == 413);
            CHECK(code_of(answer) == "too_large");
        }
    }
    SUBCASE("a small gzip bomb within the length limit is capped where it is decoded") {
        const auto bomb = gzip_of_zeros(20u << 20);
        REQUIRE(bomb.size() < 64 * 1024);
        RawClient c(port);
        REQUIRE(c.send(kBookingHead + "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                       "\r\n\r\n" + bomb));
        auto answer = c.read_answer(5s);
        CHECK(status_of(answer) == 413);
        CHECK(code_of(answer) == "too_large");
    }
    SUBCASE("a declared length over the limit is refused before a byte of it is read") {
        RawClient c(port);
        REQUIRE(c.send(kBookingHead + "Content-Length: 104857600\r\n\r\n"));
        auto answer = c.read_answer(5s);
        CHECK(status_of(answer) == 413);
        CHECK(code_of(answer) == "too_large");
    }
    // Nothing above was kept: the server is as large as it was (within 20 %).
    CHECK(server.process.resident_kib() <= rss_before * 12 / 10);
    REQUIRE_REPLY(server.process.http().get("/healthz"), 200);
}

TEST_CASE("request heads are capped in size, in lines and in time") {
    TestServer::Options o;
    o.connections.head_timeout = 600ms;
    TestServer server(o);

    SUBCASE("many headers") {
        std::string head = "GET /healthz HTTP/1.1\r\nHost: hub\r\n";
        for (int i = 0; i < 5000; ++i) head += "X-A" + std::to_string(i) + ": 1\r\n";
        RawClient c(server.port());
        c.send(head + "\r\n"); // the server may close before it has all of it
        auto answer = c.read_answer(5s);
        CHECK(status_of(answer) == 431);
        CHECK(code_of(answer) == "too_large");
    }
    SUBCASE("one huge header") {
        RawClient c(server.port());
        c.send("GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Big: " + std::string(100'000, 'a') + "\r\n\r\n");
        CHECK(status_of(c.read_answer(5s)) == 431);
    }
    SUBCASE("a head sent a byte at a time is cut off at its deadline") {
        RawClient c(server.port());
        auto start = Clock::now();
        const std::string head = "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: ";
        std::size_t i = 0;
        // One byte every 100 ms, as long as the server takes them.
        while (Clock::now() - start < 5s) {
            if (!c.send(std::string(1, i < head.size() ? head[i] : 'a'))) break;
            ++i;
            pollfd p{c.fd(), POLLIN, 0};
            if (::poll(&p, 1, 100) > 0) break; // the server answered (408) or closed
        }
        auto answer = c.read_until_closed(2s);
        auto took = Clock::now() - start;
        CHECK(status_of(answer) == 408);
        CHECK(took < 2s);
    }
    SUBCASE("a connection that sends nothing is closed after the idle time") {
        TestServer::Options quick;
        quick.connections.idle_timeout = 500ms;
        TestServer idle_server(quick);
        RawClient c(idle_server.port());
        auto start = Clock::now();
        CHECK(c.read_until_closed(5s).empty());
        CHECK(c.closed());
        CHECK(Clock::now() - start < 2s);
    }
    REQUIRE_REPLY(server.get("/healthz"), 200);
}

TEST_CASE("connections are capped per address and in all; the trusted proxy only in all") {
    TestServer::Options o;
    o.connections.max_per_address = 4;
    o.connections.max_connections = 10;
    o.trusted_proxy = "127.0.0.9";
    TestServer server(o);
    auto healthz_from = [&](const std::string& from) {
        RawClient c(server.port(), from);
        c.send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
        return status_of(c.read_answer(3s));
    };

    std::vector<std::unique_ptr<RawClient>> held;
    for (int i = 0; i < 4; ++i) held.push_back(std::make_unique<RawClient>(server.port(), "127.0.0.2"));
    // A round trip on each, so the server has counted them all.
    for (auto& c : held) {
        c->send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
        REQUIRE(status_of(c->read_answer(3s)) == 200);
    }
    SUBCASE("the fifth from one address is refused; another address is served") {
        RawClient fifth(server.port(), "127.0.0.2");
        auto answer = fifth.read_answer(3s);
        CHECK(status_of(answer) == 503);
        CHECK(code_of(answer) == "unavailable");
        CHECK(healthz_from("127.0.0.3") == 200);
        held.pop_back();
        // The freed place is given back once the server has seen the close.
        auto deadline = Clock::now() + 3s;
        int status = 0;
        while (Clock::now() < deadline && (status = healthz_from("127.0.0.2")) != 200) {
        }
        CHECK(status == 200);
    }
    SUBCASE("the proxy's address may hold more, up to the total") {
        std::vector<std::unique_ptr<RawClient>> proxy;
        int served = 0, refused = 0;
        for (int i = 0; i < 20 && !refused; ++i) {
            proxy.push_back(std::make_unique<RawClient>(server.port(), "127.0.0.9"));
            proxy.back()->send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n");
            auto status = status_of(proxy.back()->read_answer(3s));
            served += status == 200;
            refused += status == 503;
        }
        // Past the four one address may hold, up to the ten in all (less any connection
        // of the test's own set-up the server has not yet seen close).
        CHECK(served > 4);
        CHECK(served <= 6);
        CHECK(refused == 1);
    }
}

TEST_CASE("methods a path does not serve get 405 with Allow; unknown paths 404") {
    TestServer server;
    auto& http = server.http();
    auto r = http.send("DELETE", "/api/v1/bookings", "", server.admin_token());
    CHECK(r.status == 405);
    CHECK(r.error_code() == "method_not_allowed");
    CHECK(r.header("Allow") == "POST");
    r = http.get("/api/v1/auth/login");
    CHECK(r.status == 405);
    CHECK(r.header("Allow") == "POST");
    r = http.send("PUT", "/healthz", "{}");
    CHECK(r.status == 405);
    CHECK(r.header("Allow") == "GET");
    r = http.get("/api/v1/nothing-here", server.admin_token());
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
    RawClient c(server.port());
    c.send("TRACE / HTTP/1.1\r\nHost: hub\r\n\r\n");
    CHECK(status_of(c.read_answer(3s)) == 405);
}

TEST_CASE("what follows a request is never taken for the next one unless the request was read whole") {
    TestServer server;
    const std::string smuggled = "GET /api/v1/staff HTTP/1.1\r\nHost: hub\r\n\r\n";
    SUBCASE("a body on a GET") {
        RawClient c(server.port());
        c.send("GET /healthz HTTP/1.1\r\nHost: hub\r\nContent-Length: " + std::to_string(smuggled.size()) +
               "\r\n\r\n" + smuggled);
        auto got = c.read_until_closed(3s);
        CHECK(status_of(got) == 400);
        CHECK(got.find("HTTP/1.1", 9) == std::string::npos); // one answer only
        CHECK(c.closed());
    }
    SUBCASE("a request httplib answers before our checks (a bad Range)") {
        RawClient c(server.port());
        c.send("POST /api/v1/checkins HTTP/1.1\r\nHost: hub\r\nRange: junk\r\nContent-Length: " +
               std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
        auto got = c.read_until_closed(3s);
        CHECK(status_of(got) == 416);
        CHECK(got.find("HTTP/1.1", 9) == std::string::npos);
        CHECK(c.closed());
    }
    SUBCASE("a head whose lines end in a bare LF") {
        RawClient c(server.port());
        c.send("GET /healthz HTTP/1.1\nHost: hub\n\r\n" + smuggled);
        auto got = c.read_until_closed(3s);
        CHECK(status_of(got) == 431);
        CHECK(got.find("HTTP/1.1", 9) == std::string::npos);
    }
    SUBCASE("a well-formed pipelined pair is answered twice") {
        RawClient c(server.port());
        c.send("GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\nGET /healthz HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n");
        auto got = c.read_until_closed(3s);
        CHECK(status_of(got) == 200);
        CHECK(got.find("HTTP/1.1 200", 9) != std::string::npos);
    }
}

TEST_CASE("answers with personal data are not cached and not sniffed") {
    TestServer server;
    auto hub = server.hub_id();
    auto kiosk = server.kiosk_token(hub);
    for (const auto& [path, token] : std::vector<std::pair<std::string, std::string>>{
             {"/api/v1/kiosks/me", kiosk},
             {"/api/v1/hubs/" + std::to_string(hub) + "/day?date=2027-01-13", server.admin_token()},
             {"/api/v1/staff", server.admin_token()},
             {"/api/v1/nothing", server.admin_token()}}) {
        CAPTURE(path);
        auto r = server.get(path, token);
        CHECK(r.header("Cache-Control") == "no-store");
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("event streams are capped per session and in all, and a closed page frees its place at once") {
    TestServer::Options o;
    o.max_event_streams = 6;
    o.max_event_streams_per_session = 2;
    TestServer server(o);
    auto hub = server.hub_id();
    const std::string path = "/api/v1/hubs/" + std::to_string(hub) + "/events";
    auto open_stream = [&](const std::string& token) {
        auto c = std::make_unique<RawClient>(server.port());
        c->send("GET " + path + " HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " + token + "\r\n\r\n");
        return c;
    };
    auto status_and_hello = [](RawClient& c) {
        std::string got;
        auto deadline = Clock::now() + 3s;
        while (Clock::now() < deadline && got.find("event: hello") == std::string::npos &&
               !(got.find("\r\n\r\n") != std::string::npos && status_of(got) != 200)) {
            pollfd p{c.fd(), POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) continue;
            char buf[4096];
            auto n = ::recv(c.fd(), buf, sizeof(buf), 0);
            if (n <= 0) break;
            got.append(buf, static_cast<size_t>(n));
        }
        return status_of(got);
    };
    auto first = server.admin_token();
    auto second = server.login("admin", server.options().admin_password);

    auto a1 = open_stream(first);
    auto a2 = open_stream(first);
    REQUIRE(status_and_hello(*a1) == 200);
    REQUIRE(status_and_hello(*a2) == 200);
    auto a3 = open_stream(first);
    CHECK(status_and_hello(*a3) == 503); // a third for one session
    auto b1 = open_stream(second);
    CHECK(status_and_hello(*b1) == 200); // another session still may

    // The page closes: its place is free long before the next heartbeat (15 s).
    auto closed_at = Clock::now();
    a1->close();
    int status = 0;
    while (Clock::now() - closed_at < 5s) {
        auto again = open_stream(first);
        status = status_and_hello(*again);
        if (status == 200) break;
    }
    CHECK(status == 200);
    CHECK(Clock::now() - closed_at < 3s);
}

TEST_CASE("300 idle connections, 50 slow heads and 100 event streams at once: the server still answers") {
    RealServer server;
    const int port = server.process.port();
    auto http = server.process.http();
    Fixture f(http, server.token);
    auto hub = f.hub();
    auto hall = f.room(hub, "Hall", 500);
    auto group = f.group_service("Open session", 60, 500);
    auto day = date::floor<date::days>(std::chrono::system_clock::now()) + date::days{7};
    auto session = f.session(group, hub, hall, date::format("%F", day) + "T10:00:00Z", 500);
    auto book = [&](int i) {
        return f.try_book(Fixture::group_booking(hub, group, session, family("Load" + std::to_string(i), "Test", "1990-01-01")));
    };
    REQUIRE_REPLY(book(0), 201);
    // Where it starts: a server that has served a busy moment (every request thread has
    // run, its stack and the pooled connections are in use), not one that never did.
    {
        std::vector<std::thread> warm;
        for (int t = 0; t < 64; ++t)
            warm.emplace_back([&, t] {
                for (int i = 0; i < 3; ++i) book(1000 + t * 10 + i);
            });
        for (auto& t : warm) t.join();
    }
    // 25 signed-in sessions for the streams below (sign-in is slow on purpose: first).
    std::vector<std::string> tokens;
    for (int s = 0; s < 25; ++s) {
        auto login = http.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", RealServer::kPassword}});
        REQUIRE_REPLY(login, 200);
        tokens.push_back(login.body["token"].get<std::string>());
    }

    // The crowd: 300 idle connections, 50 slow heads, 100 event streams, all at once.
    auto crowd = [&](int round) {
        CAPTURE(round);
        // 300 idle connections from ten addresses (the cap is 64 per address).
        std::vector<std::unique_ptr<RawClient>> idle;
        for (int i = 0; i < 300; ++i) idle.push_back(std::make_unique<RawClient>(port, "127.0.1." + std::to_string(1 + i / 30)));
        // 50 clients sending a head a byte every 300 ms.
        std::vector<std::unique_ptr<RawClient>> slow;
        for (int i = 0; i < 50; ++i) slow.push_back(std::make_unique<RawClient>(port, "127.0.2." + std::to_string(1 + i / 10)));
        std::atomic<bool> stop{false};
        const auto slow_start = Clock::now();
        std::thread dripper([&] {
            const std::string head = "GET /healthz HTTP/1.1\r\nHost: hub\r\nX-Slow: ";
            for (std::size_t i = 0; !stop && Clock::now() - slow_start < 15s; ++i) {
                for (auto& c : slow) ::send(c->fd(), i < head.size() ? &head[i] : "a", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
                for (int t = 0; t < 3 && !stop; ++t) std::this_thread::sleep_for(100ms); // the pace of the attack
            }
        });
        // 100 event streams: 25 sessions of four pages each, from four addresses.
        std::vector<std::unique_ptr<RawClient>> streams;
        for (int s = 0; s < 25; ++s)
            for (int k = 0; k < 4; ++k) {
                streams.push_back(std::make_unique<RawClient>(port, "127.0.3." + std::to_string(1 + s / 7)));
                streams.back()->send("GET /api/v1/hubs/" + std::to_string(hub) +
                                     "/events HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer " +
                                     tokens[static_cast<size_t>(s)] + "\r\n\r\n");
            }
        int open_streams = 0;
        for (auto& c : streams) open_streams += status_of(c->read_answer(3s)) == 200; // a chunked head
        CHECK(open_streams == 100);

        // With all of that open: /healthz and a booking, each within a second.
        auto t0 = Clock::now();
        REQUIRE_REPLY(http.get("/healthz"), 200);
        CHECK(Clock::now() - t0 < 1s);
        t0 = Clock::now();
        REQUIRE_REPLY(book(round), 201);
        CHECK(Clock::now() - t0 < 1s);

        // The slow clients are dropped within 10 s of their first byte.
        int dropped = 0;
        for (auto& c : slow) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(slow_start + 10s - Clock::now());
            c->read_until_closed(std::max(left, 0ms));
            dropped += c->closed();
        }
        CHECK(dropped == 50);
        stop = true;
        dripper.join();
        // Everyone leaves; the server sees them go (a stream within a second).
        idle.clear();
        slow.clear();
        streams.clear();
        auto deadline = Clock::now() + 5s;
        std::string gauges;
        while (Clock::now() < deadline) {
            gauges = http.get("/metrics").text;
            if (gauges.find("frontdoor_open_connections 1\n") != std::string::npos &&
                gauges.find("frontdoor_event_streams 0\n") != std::string::npos)
                break;
        }
        CHECK(gauges.find("frontdoor_open_connections 1\n") != std::string::npos); // this request's own
        CHECK(gauges.find("frontdoor_event_streams 0\n") != std::string::npos);
    };

    // Where memory starts: a server that has already seen such a crowd come and go
    // (request threads, pooled connections and malloc's arenas in use as they will stay),
    // so that what is compared is what a crowd leaves behind.
    crowd(1);
    REQUIRE_REPLY(http.get("/healthz"), 200);
    const long rss_before = server.process.resident_kib();
    crowd(2);
    // The server's memory comes back to within 20 % of where it was.
    auto deadline = Clock::now() + 10s;
    long rss = 0;
    while (Clock::now() < deadline && (rss = server.process.resident_kib()) > rss_before * 12 / 10) {
        REQUIRE_REPLY(http.get("/healthz"), 200); // a request to wait on, not a sleep
    }
    CAPTURE(rss_before);
    CAPTURE(rss);
    CHECK(rss <= rss_before * 12 / 10);
}

} // TEST_SUITE

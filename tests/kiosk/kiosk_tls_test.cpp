// The kiosk over HTTPS against a stub TLS server on loopback (deploy/make-certs' test
// certificates): it verifies the server against its ca_file, names an untrusted
// certificate on the staff corner (families see the usual offline screen), and refuses
// plain http:// off this machine without sending anything.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>

#include <httplib.h>

#include "kiosk/core/state.hpp"
#include "shared/api_client.hpp"
#include "tests/kiosk/kiosk_harness.hpp"
#include "tests/support/temp_dir.hpp"

using frontdoor::kiosk::Connection;
using frontdoor::kiosk::Screen;
using frontdoor::testing::HarnessOptions;
using frontdoor::testing::KioskHarness;
using frontdoor::testing::TempDir;

namespace {

constexpr const char* kUntrusted = "The server's certificate is not trusted (check ca_file)";
constexpr const char* kHttpsOnly = "The server address must start with https://";

/// deploy/make-certs run into `dir`: ca.pem, hub.pem (leaf then CA), hub.key.
void make_certs(const std::string& dir) {
    std::string command = std::string("'") + FRONTDOOR_MAKE_CERTS + "' '" + dir + "' >/dev/null";
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
}

/// A TLS server on 127.0.0.1 that knows hub 7 and its one service, and counts what it
/// was asked.
struct StubTlsHub {
    httplib::SSLServer server;
    std::thread serving;
    int port = 0;
    std::atomic<int> requests{0};

    explicit StubTlsHub(const std::string& cert_dir)
        : server((cert_dir + "/hub.pem").c_str(), (cert_dir + "/hub.key").c_str()) {
        REQUIRE(server.is_valid());
        server.set_pre_routing_handler([this](const httplib::Request&, httplib::Response&) {
            ++requests;
            return httplib::Server::HandlerResponse::Unhandled;
        });
        server.Get("/api/v1/kiosks/me", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"id":1,"name":"Front","hub":{"id":7,"name":"Harbour Hub","timezone":"Europe/London"}})",
                            "application/json");
        });
        server.Get("/api/v1/hubs/7/services", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"services":[{"id":3,"name":"Baby weighing","kind":"appointment",)"
                            R"("duration_minutes":15,"description":"Scales and a chat","name_lang":"en"}]})",
                            "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        REQUIRE(port > 0);
        serving = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running()) std::this_thread::yield();
    }
    ~StubTlsHub() {
        server.stop();
        serving.join();
    }
    std::string url() const { return "https://127.0.0.1:" + std::to_string(port); }
};

} // namespace

TEST_SUITE("kiosk.tls") {
    TEST_CASE("with ca_file naming the hub's CA the kiosk talks HTTPS and lists the hub's services") {
        TempDir certs("kiosk-tls");
        make_certs(certs.path);
        StubTlsHub hub(certs.path);
        HarnessOptions o{hub.url(), "token"};
        o.ca_file = certs.path + "/ca.pem";
        KioskHarness h(o);
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::online && h.state.me; }));
        h.frame();
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.shows_text("Harbour Hub"));
        REQUIRE_MESSAGE(h.tap("book"), h.ids());
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
        h.frame();
        CHECK(h.shows_text("Baby weighing"));
        CHECK(h.shows_text("Scales and a chat"));
        CHECK(h.has("service.3"));
        CHECK(h.state.connection_note.empty());
        CHECK(hub.requests >= 2);
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("a certificate no trusted CA signed: offline for families, named on the staff corner") {
        TempDir certs("kiosk-tls");
        TempDir other("kiosk-tls-other");
        make_certs(certs.path);
        make_certs(other.path); // another CA, which never signed the hub's certificate
        StubTlsHub hub(certs.path);

        SUBCASE("ca_file is another CA") {
            HarnessOptions o{hub.url(), "token"};
            o.ca_file = other.path + "/ca.pem";
            KioskHarness h(o);
            REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
            h.frame();
            CHECK_FALSE(h.state.me.has_value());
            CHECK(h.state.screen == Screen::welcome);
            CHECK(h.shows_notice("welcome.offline")); // the usual "please see reception"
            CHECK_FALSE(h.shows_text(kUntrusted));     // families never read about certificates
            REQUIRE(h.open_staff_corner());
            CHECK(h.shows_text(std::string("Connection: ") + kUntrusted)); // the connection line
            REQUIRE_FALSE(h.state.last_errors.empty());
            CHECK(h.state.last_errors.front().find(kUntrusted) != std::string::npos);
            CHECK_FALSE(h.shows_text("cannot reach the server"));
            CHECK(h.imgui_errors().empty());
        }
        SUBCASE("a tap on Book while the certificate is refused: the offline problem screen") {
            HarnessOptions o{hub.url(), "token"};
            o.ca_file = other.path + "/ca.pem";
            KioskHarness h(o);
            REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
            h.frame();
            REQUIRE(h.tap("book"));
            REQUIRE(h.wait_until([&] { return h.state.screen == Screen::problem; }));
            h.frame();
            CHECK(h.shows_text("Please see reception"));
            CHECK_FALSE(h.shows_text(kUntrusted));
        }
        // No request ever got past a handshake: the stub answered nothing.
        CHECK(hub.requests == 0);
    }

    TEST_CASE("the shared client says the same of a bad certificate, and still talks with the right CA") {
        TempDir certs("kiosk-tls");
        TempDir other("kiosk-tls-other");
        make_certs(certs.path);
        make_certs(other.path);
        StubTlsHub hub(certs.path);
        frontdoor::shared::ApiClientOptions o{hub.url(), "token"};
        o.ca_file = other.path + "/ca.pem";
        auto refused = frontdoor::shared::ApiClient(o).kiosk_me();
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == frontdoor::shared::ErrorCode::unavailable);
        CHECK(refused.error().message == kUntrusted);
        o.ca_file = certs.path + "/ca.pem";
        auto me = frontdoor::shared::ApiClient(o).kiosk_me();
        REQUIRE_MESSAGE(me, (me ? "" : me.error().message));
        CHECK(me->hub.name == "Harbour Hub");
    }
}

TEST_SUITE("kiosk.tls") {
    TEST_CASE("plain http:// to another machine: out of order, the sentence on the staff corner, nothing sent") {
        HarnessOptions o{"http://192.0.2.1:8080", "token"};
        o.connect_timeout = std::chrono::milliseconds(300); // a probe would fail fast and say so
        KioskHarness h(o);
        h.frame();
        // At once, before any answer could come: families are sent to reception.
        CHECK(h.shows_text("Please see reception"));
        CHECK_FALSE(h.has("book"));
        CHECK_FALSE(h.has("by_reference"));
        REQUIRE(h.state.last_errors.size() == 1);
        CHECK(h.state.last_errors.front() == h.state.clock_text + " " + kHttpsOnly +
                                                  " (plain http:// is only for this machine: 127.0.0.1 or localhost)");
        // Well past the retry interval, still no attempt: no "cannot reach" ever joins it.
        h.advance(30);
        CHECK_FALSE(h.wait_until([&] { return h.state.last_errors.size() > 1; }, std::chrono::milliseconds(1500)));
        CHECK_FALSE(h.state.me.has_value());
        REQUIRE(h.open_staff_corner());
        CHECK(h.shows_text(std::string("Connection: ") + kHttpsOnly));
        CHECK(h.shows_text("(plain http:// is only for this machine: 127.0.0.1 or localhost)"));
        // The staff corner closes back onto the out-of-order screen, not the welcome.
        REQUIRE(h.tap("back"));
        CHECK_FALSE(h.has("book"));
        CHECK(h.shows_text("Please see reception"));
        // The client itself refuses, whoever calls it: no connection, no token sent.
        auto r = frontdoor::shared::ApiClient({"http://192.0.2.1:8080", "token"}).health();
        REQUIRE_FALSE(r);
        CHECK(r.error().code == frontdoor::shared::ErrorCode::invalid_field);
        CHECK(r.error().field == "server");
        CHECK(h.imgui_errors().empty());
    }
}

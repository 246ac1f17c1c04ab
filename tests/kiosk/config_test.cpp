#include <doctest/doctest.h>

#include <fstream>

#include "kiosk/core/config.hpp"
#include "tests/support/temp_dir.hpp"

using namespace frontdoor::kiosk;

TEST_SUITE("kiosk") {
TEST_CASE("the kiosk's config is read over the defaults") {
    SUBCASE("the example's keys") {
        auto c = parse_config("server = \"http://10.0.0.2:8080\"\nidle_seconds = 90\nconnect_timeout_ms = 2000\n",
                              {}, "kiosk.toml");
        REQUIRE(c);
        CHECK(c->server_url == "http://10.0.0.2:8080");
        CHECK(c->idle_seconds == 90);
        CHECK(c->still_there_seconds == 10);
        CHECK(c->connect_timeout_ms == 2000);
        CHECK(c->read_timeout_ms == 5000);
    }
    SUBCASE("a syntax error is an error naming the source") {
        auto c = parse_config("idle_seconds = = 1", {}, "kiosk.toml");
        REQUIRE_FALSE(c);
        CHECK(c.error().field == "kiosk.toml");
    }
    SUBCASE("text toml++ 3.3 mishandles is an error, not a crash") {
        // tests/fuzz/corpus/kiosk_config/crash-toml-unreachable: a line starting with a
        // non-ASCII letter reached __builtin_unreachable in toml++ (see tests/fuzz).
        for (const char* text : {"\xc3\xa9 = 1\n", "\xef\xba\xbfntimeout_ms"}) {
            CAPTURE(text);
            CHECK_FALSE(parse_config(text, {}, "kiosk.toml"));
        }
    }
    SUBCASE("idle times that would never reset the screen") {
        // tests/fuzz/corpus/kiosk_config/crash-nan-idle: nan passed `idle_seconds < 5`.
        for (const char* text : {"idle_seconds = nan", "idle_seconds = inf", "still_there_seconds = nan",
                                 "idle_seconds = 4"}) {
            CAPTURE(text);
            auto c = parse_config(text, {}, "kiosk.toml");
            REQUIRE_FALSE(c);
            CHECK(c.error().field == "idle_seconds");
        }
    }
    SUBCASE("timeouts are whole milliseconds") {
        // tests/fuzz/corpus/kiosk_config/crash-float-timeout: toml++ cast 1e30 to long, as
        // fuzzing found in the server's config.
        for (const char* text : {"connect_timeout_ms = 1e30", "read_timeout_ms = 2.5", "read_timeout_ms = 0",
                                 "connect_timeout_ms = 2147483648"}) {
            CAPTURE(text);
            auto c = parse_config(text, {}, "kiosk.toml");
            REQUIRE_FALSE(c);
            CHECK(c.error().code == frontdoor::shared::ErrorCode::invalid_field);
        }
    }
}

TEST_CASE("the server address: https anywhere, plain http only to this machine") {
    using frontdoor::shared::ErrorCode;
    const std::string sentence = "The server address must start with https:// (plain http:// is only for this "
                                 "machine: 127.0.0.1 or localhost)";
    auto with_server = [](const char* url) {
        KioskConfig c;
        c.server_url = url;
        return c;
    };
    SUBCASE("https to any host") {
        for (const char* url : {"https://hub.example.org", "https://203.0.113.9:8443/", "HTTPS://hub.example.org"}) {
            CAPTURE(url);
            CHECK(check_server(with_server(url)));
        }
    }
    SUBCASE("http to a loopback address") {
        for (const char* url : {"http://127.0.0.1:8080", "http://127.8.9.10", "http://localhost:8080",
                                "http://LOCALHOST", "http://[::1]:8080", "http://127.0.0.1:8080/"}) {
            CAPTURE(url);
            CHECK(check_server(with_server(url)));
        }
    }
    SUBCASE("http to anything else is refused in one plain sentence") {
        for (const char* url : {"http://192.0.2.1:8080", "http://hub.example.org", "http://128.0.0.1",
                                "http://localhost.example.org", "http://[2001:db8::1]:8080", "http://10.0.0.2",
                                "hub.example.org:8080", "ftp://127.0.0.1"}) {
            CAPTURE(url);
            auto r = check_server(with_server(url));
            REQUIRE_FALSE(r);
            CHECK(r.error().code == ErrorCode::invalid_field);
            CHECK(r.error().field == "server");
            CHECK(r.error().message == sentence);
        }
    }
    SUBCASE("the default config is this machine's server") {
        CHECK(check_server(KioskConfig{}));
    }
}

TEST_CASE("ca_file: read from the config, checked at start-up") {
    using frontdoor::shared::ErrorCode;
    frontdoor::testing::TempDir dir("kiosk-config");
    SUBCASE("the key is read") {
        auto c = parse_config("server = \"https://hub.example.org\"\nca_file = \"/etc/frontdoor/ca.pem\"\n", {},
                              "kiosk.toml");
        REQUIRE(c);
        CHECK(c->ca_file == "/etc/frontdoor/ca.pem");
        CHECK(c->server_url == "https://hub.example.org");
    }
    SUBCASE("none set: fine (the system's store)") {
        CHECK(check_ca_file(KioskConfig{}));
    }
    SUBCASE("a missing file is an error naming it") {
        KioskConfig c;
        c.ca_file = dir.path + "/missing.pem";
        auto r = check_ca_file(c);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::invalid_field);
        CHECK(r.error().field == "ca_file");
        CHECK(r.error().message == "cannot read the ca_file " + c.ca_file);
    }
    SUBCASE("a file without a certificate is an error") {
        KioskConfig c;
        c.ca_file = dir.path + "/empty.pem";
        std::ofstream(c.ca_file) << "not a certificate\n";
        auto r = check_ca_file(c);
        REQUIRE_FALSE(r);
        CHECK(r.error().field == "ca_file");
        CHECK(r.error().message == "the ca_file " + c.ca_file + " holds no PEM certificate");
    }
    SUBCASE("a PEM certificate is accepted") {
        KioskConfig c;
        c.ca_file = dir.path + "/ca.pem";
        std::ofstream(c.ca_file) << "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        CHECK(check_ca_file(c));
    }
}
}

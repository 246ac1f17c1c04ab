#include <doctest/doctest.h>

#include "kiosk/core/config.hpp"

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
}

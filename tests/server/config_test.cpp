#include <doctest/doctest.h>

#include <stdexcept>

#include <toml++/toml.h>

#include "server/cli/config.hpp"

using namespace frontdoor::server;

TEST_SUITE("server") {
TEST_CASE("the config is read over the defaults, and what cannot work is refused") {
    ServerOptions o;
    SUBCASE("the example's keys") {
        cli::read_config_text("db = \"front.db\"\nport = 8080\nthreads = 8\noffer_hold_minutes = 90\n",
                              "frontdoor.toml", o);
        CHECK(o.db_path == "front.db");
        CHECK(o.port == 8080);
        CHECK(o.threads == 8);
        CHECK(o.settings.offer_hold == std::chrono::minutes{90});
        CHECK(o.bind == "127.0.0.1");
        CHECK_NOTHROW(cli::check_options(o));
    }
    SUBCASE("the lateness allowance: 15 minutes unless set, 0 to 240") {
        CHECK(o.settings.late_after_minutes == 15);
        cli::read_config_text("late_after_minutes = 10\n", "frontdoor.toml", o);
        CHECK(o.settings.late_after_minutes == 10);
        CHECK_NOTHROW(cli::check_options(o));
        for (const char* text : {"late_after_minutes = 0", "late_after_minutes = 240"}) {
            CAPTURE(text);
            ServerOptions edge;
            cli::read_config_text(text, "frontdoor.toml", edge);
            CHECK_NOTHROW(cli::check_options(edge));
        }
        for (const char* text : {"late_after_minutes = -1", "late_after_minutes = 241"}) {
            CAPTURE(text);
            ServerOptions bad;
            cli::read_config_text(text, "frontdoor.toml", bad);
            CHECK_THROWS_WITH_AS(cli::check_options(bad), "late_after_minutes must be between 0 and 240",
                                 std::invalid_argument);
        }
        CHECK_THROWS_AS(cli::read_config_text("late_after_minutes = 15.5", "frontdoor.toml", o), std::invalid_argument);
    }
    SUBCASE("a syntax error names its line") {
        CHECK_THROWS_AS(cli::read_config_text("port = = 1\n", "frontdoor.toml", o), toml::parse_error);
    }
    SUBCASE("text toml++ 3.3 mishandles is a syntax error, not a crash") {
        // tests/fuzz/corpus/server_config/crash-toml-unreachable (see tests/fuzz).
        CHECK_THROWS_AS(cli::read_config_text("e\xc9\x92@", "frontdoor.toml", o), toml::parse_error);
    }
    SUBCASE("an integer setting is a TOML integer (found by fuzzing)") {
        // tests/fuzz/corpus/server_config/crash-float-minutes: toml++ cast 1e30 to long.
        for (const char* text : {"offer_hold_minutes = 1e30", "port = 8080.0", "threads = \"8\"",
                                 "session_idle_minutes = nan", "port = 4294967296"}) {
            CAPTURE(text);
            CHECK_THROWS_AS(cli::read_config_text(text, "frontdoor.toml", o), std::invalid_argument);
        }
    }
    SUBCASE("settings that cannot work") {
        // threads = -1 asked httplib's pool for SIZE_MAX threads; 0 served nobody.
        for (const char* text : {"threads = -1", "threads = 0", "threads = 100000", "port = 70000",
                                 "port = -1", "offer_hold_minutes = 0", "session_idle_minutes = -5"}) {
            CAPTURE(text);
            ServerOptions bad;
            cli::read_config_text(text, "frontdoor.toml", bad);
            CHECK_THROWS_AS(cli::check_options(bad), std::invalid_argument);
        }
    }
}
}

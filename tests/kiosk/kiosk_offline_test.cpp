// The kiosk without a server: the offline message (never a hang), recovery on its
// own, and the idle reset that zeroes every typed buffer.
#include <doctest/doctest.h>

#include <chrono>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/kiosk/kiosk_harness.hpp"

using frontdoor::kiosk::Connection;
using frontdoor::kiosk::Field;
using frontdoor::kiosk::Problem;
using frontdoor::kiosk::Screen;
using frontdoor::testing::KioskHarness;

namespace {

/// A loopback port nobody listens on: bound by the kernel's choice, then closed.
int unused_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

std::string url(int port) { return "http://127.0.0.1:" + std::to_string(port); }

} // namespace

TEST_SUITE("kiosk.offline") {
    TEST_CASE("an unreachable server gives the offline message, not a hang") {
        KioskHarness h({url(unused_port()), "token"});
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
        h.frame();
        auto started = std::chrono::steady_clock::now();
        REQUIRE_MESSAGE(h.tap("by_reference"), h.ids());
        REQUIRE(h.tap_keys("K7M2QX9B")); // the 8th character sends it
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::problem; }, std::chrono::seconds(5)));
        CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
        CHECK(h.state.problem == Problem::offline);
        CHECK(h.has("retry"));
        CHECK(h.has("home"));
        REQUIRE(h.tap("home"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.state.buffers.all_zero());
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("the kiosk recovers by itself when the server comes back") {
        int port = unused_port();
        KioskHarness h({url(port), "token"});
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));

        httplib::Server stub;
        stub.Get("/api/v1/kiosks/me", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"id":1,"name":"Door","hub":{"id":7,"name":"Riverside","timezone":"Europe/London"}})",
                            "application/json");
        });
        REQUIRE(stub.bind_to_port("127.0.0.1", port));
        std::thread serving([&] { stub.listen_after_bind(); });
        while (!stub.is_running()) std::this_thread::yield();
        h.advance(6); // past the retry interval
        bool back = h.wait_until([&] { return h.state.connection == Connection::online; });
        stub.stop();
        serving.join();
        REQUIRE(back);
        REQUIRE(h.state.me.has_value());
        CHECK(h.state.me->hub.id == 7);
    }

    TEST_CASE("after a minute without a touch: still there?, then every buffer zeroed") {
        KioskHarness h({url(unused_port()), "token"});
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
        h.type_physical("K7M", false); // a half scan on the first screen
        CHECK_FALSE(h.state.buffers[Field::scan].empty());
        REQUIRE(h.tap("lang.pl"));
        REQUIRE(h.tap_keys("1203199")); // the first screen's keypad; the year not yet whole
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.state.buffers[Field::scan].view() == "K7M"); // the keypad's digits are not the scan's
        CHECK(h.state.buffers[Field::dob_day].view() == "12");
        CHECK(h.state.buffers[Field::dob_year].view() == "199");

        SUBCASE("a touch on 'still here' keeps the visit") {
            h.advance(61);
            h.frame();
            REQUIRE(h.state.asking_still_there);
            REQUIRE(h.tap("still_here"));
            CHECK_FALSE(h.state.asking_still_there);
            CHECK(h.state.buffers[Field::dob_year].view() == "199");
            CHECK(h.state.screen == Screen::welcome);
        }
        SUBCASE("no touch: back to the first screen with every byte zeroed") {
            h.advance(61);
            h.frame();
            REQUIRE(h.state.asking_still_there);
            CHECK(h.has("still_here"));
            CHECK_FALSE(h.has("field.4")); // the typed fields are hidden behind the question
            h.advance(10.5);
            h.frame();
            CHECK_FALSE(h.state.asking_still_there);
            CHECK(h.state.screen == Screen::welcome);
            CHECK(h.state.language == "en");
            CHECK(h.state.buffers.all_zero());
            for (const auto& f : h.state.buffers.fields) CHECK(f.all_zero());
        }
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("touch targets are at least 88 px high at 1080 px wide, in both orientations") {
        for (auto [w, hgt] : {std::pair{1080.f, 1920.f}, std::pair{1920.f, 1080.f}}) {
            CAPTURE(w);
            KioskHarness h({url(unused_port()), "token", w, hgt});
            REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
            auto check = [&](const std::string& where) {
                CAPTURE(where);
                REQUIRE(!h.hits().empty());
                for (const auto& hit : h.hits()) {
                    CAPTURE(hit.id);
                    CHECK(hit.max.y - hit.min.y >= 88.f - 0.5f);
                    CHECK(hit.max.x - hit.min.x >= 60.f);
                    CHECK(hit.max.x <= w + 0.5f); // nothing off screen
                    CHECK(hit.max.y <= hgt + 0.5f);
                }
            };
            h.frame();
            check("welcome, with the date-of-birth keypad");
            REQUIRE(h.tap("by_reference"));
            check("reference");
            REQUIRE(h.tap("back"));
            REQUIRE(h.state.screen == Screen::welcome);
            REQUIRE(h.tap_keys("01021990")); // a whole date moves on by itself
            REQUIRE(h.state.step == frontdoor::kiosk::Step::checkin_initial);
            check("initial");
            REQUIRE(h.tap("home"));
            REQUIRE(h.tap("lang.pl"));
            REQUIRE(h.tap("large_text"));
            check("welcome, larger text");
            CHECK(h.imgui_errors().empty());
        }
    }
}

TEST_SUITE("kiosk.staff") {
    TEST_CASE("five taps on the corner and the PIN open the staff corner, which can exit") {
        KioskHarness h({url(unused_port()), "token"});
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
        for (int i = 0; i < 4; ++i) REQUIRE(h.tap("staff_corner"));
        CHECK(h.state.screen == Screen::welcome);
        REQUIRE(h.tap("staff_corner"));
        REQUIRE(h.state.screen == Screen::entry);

        SUBCASE("a wrong PIN is refused and wiped") {
            REQUIRE(h.tap_keys("1111"));
            REQUIRE(h.tap("next"));
            CHECK(h.state.screen == Screen::entry);
            CHECK(h.state.field_error == "error.pin");
            CHECK(h.state.buffers[Field::staff_pin].all_zero());
        }
        SUBCASE("the right PIN shows the state and the way out") {
            REQUIRE(h.tap_keys("2468"));
            REQUIRE(h.tap("next"));
            REQUIRE(h.state.screen == Screen::staff);
            CHECK(h.state.buffers[Field::staff_pin].all_zero());
            CHECK(!h.state.last_errors.empty()); // the failed probes
            REQUIRE(h.tap("exit"));
            CHECK(h.state.quit);
        }
        CHECK(h.imgui_errors().empty());
    }
}

TEST_SUITE("kiosk.cost") {
    TEST_CASE("the CPU side of a frame on the busiest screen (reported, not judged)") {
        KioskHarness h({url(unused_port()), "token"});
        REQUIRE(h.wait_until([&] { return h.state.connection == Connection::offline; }));
        REQUIRE(h.tap("lang.pl"));
        REQUIRE(h.tap("large_text"));
        h.state.screen = Screen::entry; // the name step: the largest keyboard
        h.state.step = frontdoor::kiosk::Step::client_name;
        h.state.focus = Field::first_name;
        h.frame();
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < 200; ++i) h.frame();
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 200;
        MESSAGE("ImGui frame (layout + draw lists, no GL) on the name step, Polish, larger text: " << ms << " ms");
        CHECK(h.has("key.Ł"));
        CHECK(h.imgui_errors().empty());
    }
}

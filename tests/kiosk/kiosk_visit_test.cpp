// A visit to the kiosk against the real booking server on loopback, as issue 9 asks
// it to be: scans at scanner speed never lost, check-in in few taps (counted), answers
// that close by themselves after a countdown.
#include <doctest/doctest.h>

#include <chrono>

#include <nlohmann/json.hpp>

#include "kiosk/core/dates.hpp"
#include "shared/api_client.hpp"
#include "tests/kiosk/kiosk_harness.hpp"
#include "tests/support/test_server.hpp"

using frontdoor::kiosk::CheckinAnswer;
using frontdoor::kiosk::Field;
using frontdoor::kiosk::Screen;
using frontdoor::kiosk::Step;
using frontdoor::testing::KioskHarness;
using frontdoor::testing::TestServer;
using nlohmann::json;
namespace wire = frontdoor::shared::wire;

namespace {

TestServer::Options demo_options() {
    TestServer::Options o;
    o.demo = true;
    o.kiosk_bookings_allowed = 100;
    return o;
}

/// The demo hub on a real server (its clock: a Wednesday morning), and a kiosk token.
struct Hub {
    TestServer server{demo_options()};
    std::int64_t hub_id = server.hub_id();
    std::string kiosk_token = server.kiosk_token(hub_id);

    std::string now_plus(std::chrono::minutes m) {
        return frontdoor::shared::format_instant(server.clock().now() + m,
                                                 frontdoor::shared::find_zone("Europe/London"));
    }
    frontdoor::testing::Reply admin_get(const std::string& path) { return server.get(path, server.admin_token()); }
    frontdoor::testing::Reply admin_post(const std::string& path, const json& body) {
        return server.post(path, body, server.admin_token());
    }
    wire::ServiceSummary service(const std::string& kind) {
        auto list = frontdoor::shared::ApiClient({server.url(), kiosk_token}).services(hub_id);
        REQUIRE(list.ok());
        for (const auto& sv : *list)
            if (sv.kind == kind) return sv;
        FAIL("the demo hub has no self-bookable " << kind << " service");
        return {};
    }
};

/// One group session starting in 7 minutes with a booking for each (surname, date of
/// birth); returns the references in the same order.
std::vector<std::string> book_session(Hub& hub, const std::vector<std::pair<std::string, std::string>>& people) {
    auto group = hub.service("group");
    // A hall that holds them all (a session may not have more places than its room).
    static int halls = 0;
    auto hall = hub.admin_post("/api/v1/hubs/" + std::to_string(hub.hub_id) + "/rooms",
                               {{"name", "Hall " + std::to_string(++halls)},
                                {"capacity", static_cast<int>(people.size()) + 2}});
    REQUIRE_MESSAGE(hall.status == 201, hall.describe());
    auto session = hub.admin_post("/api/v1/sessions", {{"service_id", group.id},
                                                       {"hub_id", hub.hub_id},
                                                       {"room_id", hall.body["id"]},
                                                       {"start", hub.now_plus(std::chrono::minutes(7))},
                                                       {"capacity", static_cast<int>(people.size()) + 2}});
    REQUIRE_MESSAGE(session.status == 201, session.describe());
    std::vector<std::string> refs;
    for (const auto& [surname, dob] : people) {
        json body = {{"hub_id", hub.hub_id},
                     {"service_id", group.id},
                     {"session_id", session.body["ids"][0]},
                     {"client", {{"first_name", "Test"}, {"last_name", surname}, {"date_of_birth", dob}}}};
        if (group.needs_child) body["child"] = {{"first_name", "Kit"}, {"date_of_birth", "2024-01-02"}};
        auto booking = hub.admin_post("/api/v1/bookings", body);
        REQUIRE_MESSAGE(booking.status == 201, booking.describe());
        refs.push_back(booking.body["reference"].get<std::string>());
    }
    return refs;
}

frontdoor::testing::HarnessOptions kiosk_for(Hub& hub) {
    frontdoor::testing::HarnessOptions o{hub.server.url(), hub.kiosk_token};
    o.wall = &hub.server.clock(); // "today" is the server's today
    return o;
}

bool checked_in(KioskHarness& h) {
    return h.wait_until([&] { return h.state.screen == Screen::checkin_result; }) &&
           h.state.checkin_answer == CheckinAnswer::checked_in;
}

} // namespace

TEST_SUITE("kiosk.scan") {
    TEST_CASE("20 of 20 scans at 5 ms a key, Enter pressed and released within one frame, check in") {
        Hub hub;
        std::vector<std::pair<std::string, std::string>> people;
        for (int i = 0; i < 20; ++i) people.emplace_back("Scan" + std::string(1, char('A' + i)), "1980-03-04");
        auto refs = book_session(hub, people);
        KioskHarness h(kiosk_for(hub));
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        int ok = 0;
        for (const auto& ref : refs) {
            CAPTURE(ref);
            REQUIRE(h.state.screen == Screen::welcome);
            h.scan(ref, 5);
            // "Checking your code…" in the very next frame (16 ms), not after 300 ms.
            h.frame();
            CHECK((h.shows_notice("scan.checking") || h.state.screen == Screen::checkin_result));
            if (checked_in(h)) ++ok;
            CHECK(h.state.buffers.all_zero());
            REQUIRE(h.tap("done"));
        }
        CHECK(ok == 20);
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("a scan that lost its Enter does not spoil the next") {
        Hub hub;
        auto refs = book_session(hub, {{"Partial", "1981-05-06"}});
        KioskHarness h(kiosk_for(hub));
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));

        SUBCASE("a second later the hidden buffer is empty") {
            h.type_physical("K7M4", false); // half a code, no Enter
            CHECK(h.state.buffers[Field::scan].view() == "K7M4");
            h.advance(1.1);
            h.frame();
            CHECK(h.state.buffers[Field::scan].all_zero());
            h.scan(refs[0], 5);
            CHECK(checked_in(h));
        }
        SUBCASE("at once: the code is the last 8 characters") {
            h.type_physical("K7M4", false);
            h.scan(refs[0], 5);
            CHECK(checked_in(h));
        }
        CHECK(h.state.buffers.all_zero());
    }
}

TEST_SUITE("kiosk.taps") {
    TEST_CASE("check-in journeys in few taps: date of birth <= 9, reference <= 10, scan 0") {
        Hub hub;
        auto refs = book_session(hub, {{"Quill", "1986-04-07"}, {"Rowan", "1979-11-30"}});
        KioskHarness h(kiosk_for(hub));
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));

        // The first screen is the date-of-birth keypad: no tap to get to it.
        SUBCASE("by date of birth: 7 4 1986, then the initial") {
            int before = h.taps();
            REQUIRE(h.state.screen == Screen::welcome);
            REQUIRE(h.tap_keys("741986")); // 7 and 4 cannot take a second digit
            REQUIRE(h.state.step == Step::checkin_initial); // the year moved on by itself
            REQUIRE(h.tap_keys("Q"));                       // the initial checks in
            CHECK(checked_in(h));
            int taps = h.taps() - before;
            MESSAGE("by date of birth (7 4 1986): " << taps << " taps");
            CHECK(taps <= 9);
        }
        SUBCASE("by date of birth with two-digit day and month: 30 11 1979") {
            int before = h.taps();
            REQUIRE(h.tap_keys("30111979"));
            REQUIRE(h.state.step == Step::checkin_initial);
            REQUIRE(h.tap_keys("R"));
            CHECK(checked_in(h));
            int taps = h.taps() - before;
            MESSAGE("by date of birth (30 11 1979): " << taps << " taps");
            CHECK(taps <= 9); // every digit is needed, and the initial; nothing else
        }
        SUBCASE("by reference") {
            int before = h.taps();
            REQUIRE(h.tap("by_reference")); // "Use my booking reference instead"
            REQUIRE(h.tap_keys(refs[0])); // the 8th character checks in
            CHECK(checked_in(h));
            int taps = h.taps() - before;
            MESSAGE("by reference: " << taps << " taps");
            CHECK(taps <= 10);
        }
        SUBCASE("by scan") {
            int before = h.taps();
            h.scan(refs[1], 20);
            CHECK(checked_in(h));
            CHECK(h.taps() - before == 0);
        }
    }
}

TEST_SUITE("kiosk.answers") {
    TEST_CASE("a confirmation closes by itself after its 20 s countdown, unless kept") {
        Hub hub;
        auto sv = hub.service("appointment");
        KioskHarness h(kiosk_for(hub));
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        REQUIRE(h.tap("book"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
        REQUIRE(h.tap("service." + std::to_string(sv.id)));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::days; }));
        REQUIRE(!h.state.booking.slots.empty());
        const auto first = h.state.booking.slots.front();
        REQUIRE(h.tap("day." + frontdoor::kiosk::instant_day(first.start)));
        REQUIRE(h.tap("slot." + frontdoor::kiosk::instant_time(first.start)));
        REQUIRE(h.tap_keys("Amira"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("Haddad"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("15061990"));
        REQUIRE(h.tap("next"));
        if (h.state.step == Step::child_name) {
            REQUIRE(h.tap_keys("Noor"));
            REQUIRE(h.tap("next"));
            REQUIRE(h.tap_keys("03022025"));
            REQUIRE(h.tap("next"));
        }
        REQUIRE(h.tap("next")); // no mobile
        REQUIRE(h.state.screen == Screen::review);
        REQUIRE(h.tap("confirm"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::confirmation; }));
        CHECK(h.has("keep")); // the countdown and its "Keep this on screen"

        SUBCASE("untouched: gone after 20 s, every buffer zeroed") {
            h.advance(18);
            h.frame();
            CHECK(h.state.screen == Screen::confirmation);
            h.advance(2.5);
            h.frame();
            CHECK(h.state.screen == Screen::welcome);
            CHECK_FALSE(h.state.booking.confirmation.has_value());
            CHECK(h.state.buffers.all_zero());
        }
        SUBCASE("kept: still there after the countdown") {
            REQUIRE(h.tap("keep"));
            CHECK_FALSE(h.has("keep"));
            h.advance(25);
            h.frame();
            CHECK(h.state.screen == Screen::confirmation);
            REQUIRE(h.state.booking.confirmation.has_value());
        }
        CHECK(h.imgui_errors().empty());
    }
}

TEST_SUITE("kiosk.late") {
    TEST_CASE("checked in 16 minutes past the start: late, please see reception") {
        Hub hub;
        auto refs = book_session(hub, {{"Tardy", "1983-08-09"}});
        hub.server.clock().advance(std::chrono::minutes(7 + 16)); // the start was 16 minutes ago
        KioskHarness h(kiosk_for(hub));
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        h.scan(refs[0], 5);
        REQUIRE(checked_in(h));
        REQUIRE(h.state.checked_in.size() == 1);
        CHECK(h.state.checked_in[0].late);
        CHECK(h.state.checked_in[0].minutes_late == 16);
        CHECK(h.translations().has("uk", "result.late"));
        CHECK(h.imgui_errors().empty());
    }
}

TEST_SUITE("kiosk.initials") {
    TEST_CASE("every language's initial keyboard matches a Latin surname") {
        Hub hub;
        book_session(hub, {{"Sokol", "1977-06-05"}});
        // The first letter of "Sokol" as each language's keyboard offers it.
        for (auto [lang, key] : {std::pair{"en", "S"}, std::pair{"pl", "Ś"}, std::pair{"pt", "S"},
                                 std::pair{"ro", "Ș"}, std::pair{"uk", "С"}}) {
            CAPTURE(lang);
            KioskHarness h(kiosk_for(hub));
            REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
            REQUIRE(h.tap(std::string("lang.") + lang));
            REQUIRE(h.tap_keys("561977"));
            REQUIRE(h.state.step == Step::checkin_initial);
            REQUIRE_MESSAGE(h.tap(std::string("key.") + key), h.ids()); // Ukrainian opens in Cyrillic
            CHECK(checked_in(h));
        }
    }
}

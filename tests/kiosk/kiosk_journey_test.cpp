// The kiosk's journeys against the real booking server on loopback: check in by
// reference, by date of birth plus initial, by scanner; book and find the booking on
// the server; a taken time leads back to fresh times; a full session to the waitlist.
#include <doctest/doctest.h>

#include <chrono>

#include <httplib.h>
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
    return o;
}

/// The demo hub on a real server (its clock: a Wednesday morning), and a kiosk token.
struct Hub {
    TestServer server{demo_options()};
    std::int64_t hub_id = server.hub_id();
    std::string kiosk_token = server.kiosk_token(hub_id);

    frontdoor::shared::ApiClient kiosk_api() const {
        return frontdoor::shared::ApiClient({server.url(), kiosk_token});
    }
    std::string now_plus(std::chrono::minutes m) {
        return frontdoor::shared::format_instant(server.clock().now() + m,
                                                 frontdoor::shared::find_zone("Europe/London"));
    }
    std::string today() { return frontdoor::kiosk::instant_day(now_plus(std::chrono::minutes(0))); }
    frontdoor::testing::Reply admin_get(const std::string& path) { return server.get(path, server.admin_token()); }
    frontdoor::testing::Reply admin_post(const std::string& path, const json& body) {
        return server.post(path, body, server.admin_token());
    }
};

wire::ServiceSummary find_service(Hub& hub, const std::string& kind) {
    auto list = hub.kiosk_api().services(hub.hub_id);
    REQUIRE(list.ok());
    for (const auto& sv : *list)
        if (sv.kind == kind) return sv;
    FAIL("the demo hub has no self-bookable " << kind << " service");
    return {};
}

json client_json(const std::string& first, const std::string& last, const std::string& dob) {
    return json{{"first_name", first}, {"last_name", last}, {"date_of_birth", dob}};
}

/// A group session starting a few minutes from now (today, at the kiosk's hub) with
/// one booking for the given person, in the nth room from the end; returns the
/// booking's reference.
std::string book_today(Hub& hub, const std::string& last_name, const std::string& dob, int nth = 0) {
    auto group = find_service(hub, "group");
    auto rooms = hub.admin_get("/api/v1/hubs/" + std::to_string(hub.hub_id) + "/rooms");
    REQUIRE_MESSAGE(rooms.status == 200, rooms.describe());
    const json& list = rooms.body.is_array() ? rooms.body : rooms.body["rooms"];
    REQUIRE(list.size() > static_cast<std::size_t>(nth));
    auto session = hub.admin_post("/api/v1/sessions", {{"service_id", group.id},
                                                       {"hub_id", hub.hub_id},
                                                       {"room_id", list[list.size() - 1 - static_cast<std::size_t>(nth)]["id"]},
                                                       {"start", hub.now_plus(std::chrono::minutes(7))},
                                                       {"capacity", 8}});
    REQUIRE_MESSAGE(session.status == 201, session.describe());
    json body = {{"hub_id", hub.hub_id},
                 {"service_id", group.id},
                 {"session_id", session.body["ids"][0]},
                 {"client", client_json("Test", last_name, dob)}};
    if (group.needs_child) body["child"] = {{"first_name", "Kit"}, {"date_of_birth", "2024-01-02"}};
    auto booking = hub.admin_post("/api/v1/bookings", body);
    REQUIRE_MESSAGE(booking.status == 201, booking.describe());
    return booking.body["reference"].get<std::string>();
}

frontdoor::testing::HarnessOptions kiosk_for(Hub& hub) {
    frontdoor::testing::HarnessOptions o{hub.server.url(), hub.kiosk_token};
    o.wall = &hub.server.clock(); // "today" is the server's today
    return o;
}

void wait_online(KioskHarness& h) {
    REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
}

/// From the first screen to the review, choosing `slot_index` of the service's first
/// day with places (or the slot with id `slot_id` when given).
void fill_details(KioskHarness& h) {
    REQUIRE(h.state.step == Step::client_name);
    REQUIRE(h.tap_keys("Amira"));
    REQUIRE(h.tap("field." + std::to_string(static_cast<int>(Field::last_name))));
    REQUIRE(h.tap_keys("Haddad"));
    REQUIRE(h.tap("next"));
    REQUIRE(h.state.step == Step::client_dob);
    REQUIRE(h.tap_keys("15061990"));
    REQUIRE(h.tap("next"));
    if (h.state.step == Step::child_name) {
        REQUIRE(h.tap_keys("Noor"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("03022025"));
        REQUIRE(h.tap("next"));
    }
    REQUIRE_MESSAGE(h.state.step == Step::phone, h.state.field_error);
    REQUIRE(h.tap_keys("07700900123"));
    REQUIRE(h.tap("next"));
    REQUIRE_MESSAGE(h.state.screen == Screen::review, h.state.field_error);
}

void open_service(KioskHarness& h, const wire::ServiceSummary& sv) {
    REQUIRE(h.tap("book"));
    REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
    REQUIRE_MESSAGE(h.tap("service." + std::to_string(sv.id)), h.ids());
    REQUIRE(h.wait_until([&] { return h.state.screen == Screen::days; }));
}

} // namespace

TEST_SUITE("kiosk.journeys") {
    TEST_CASE("check in by booking reference") {
        Hub hub;
        std::string ref = book_today(hub, "Zephyr", "1988-04-09");
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        REQUIRE(h.tap("by_reference")); // "Use my booking reference instead", on the first screen
        REQUIRE(h.tap_keys(ref)); // the 8th character checks in: no Next
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
        CHECK(h.state.checkin_answer == CheckinAnswer::checked_in);
        REQUIRE(h.state.checked_in.size() == 1);
        CHECK(!h.state.checked_in[0].room_name.empty());
        CHECK(h.state.buffers.all_zero()); // nothing typed is kept once answered
        REQUIRE(h.tap("done"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("check in by date of birth and surname initial") {
        Hub hub;
        book_today(hub, "Quill", "1979-11-30");
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        REQUIRE(h.state.screen == Screen::welcome); // the first screen's keypad types the date
        REQUIRE(h.tap_keys("30111979")); // a whole date moves on by itself
        REQUIRE(h.state.step == Step::checkin_initial);
        REQUIRE(h.tap_keys("Q")); // the initial checks in: no Next
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
        CHECK(h.state.checkin_answer == CheckinAnswer::checked_in);
        CHECK(h.state.checked_in.size() == 1);

        SUBCASE("no match says: please see reception") {
            REQUIRE(h.tap("done"));
            REQUIRE(h.tap_keys("01011950"));
            REQUIRE(h.tap_keys("X"));
            REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
            CHECK(h.state.checkin_answer == CheckinAnswer::no_match);
        }
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("two families fitting: the kiosk asks for the reference") {
        Hub hub;
        book_today(hub, "Vale", "1985-02-14");
        book_today(hub, "Voss", "1985-02-14", 1); // another room, the same time
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        REQUIRE(h.tap_keys("14021985"));
        REQUIRE(h.tap_keys("V"));
        REQUIRE(h.wait_until([&] { return h.state.checkin_answer == CheckinAnswer::ambiguous; }));
        CHECK(h.state.screen == Screen::entry);
        CHECK(h.state.step == Step::checkin_reference);
        CHECK(h.state.field_error == "checkin.ambiguous");
    }

    TEST_CASE("a scanned reference followed by Enter checks in from the first screen") {
        Hub hub;
        std::string ref = book_today(hub, "Yarrow", "1990-07-21");
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        h.type_physical(ref, true);
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
        CHECK(h.state.checkin_answer == CheckinAnswer::checked_in);
        CHECK(h.state.buffers.all_zero());

        SUBCASE("and while a date of birth is half typed on the first screen's keypad") {
            REQUIRE(h.tap("done"));
            REQUIRE(h.tap_keys("3011"));
            REQUIRE(h.state.buffers[Field::dob_day].view() == "30");
            REQUIRE(h.state.buffers[Field::dob_month].view() == "11");
            h.type_physical(ref, true); // checking in twice answers the same
            CHECK(h.state.buffers[Field::dob_year].empty()); // the scanner's digits are not the year
            REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
            CHECK(h.state.checkin_answer == CheckinAnswer::checked_in);
            CHECK(h.state.buffers.all_zero());
        }
    }

    TEST_CASE("a full booking journey ends with the booking on the server") {
        Hub hub;
        auto sv = find_service(hub, "appointment");
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        open_service(h, sv);
        REQUIRE_MESSAGE(!h.state.booking.slots.empty(), "no free times for " << sv.name);
        const auto first = h.state.booking.slots.front();
        std::string day = frontdoor::kiosk::instant_day(first.start);
        REQUIRE_MESSAGE(h.tap("day." + day), h.ids());
        REQUIRE(h.state.screen == Screen::times);
        REQUIRE_MESSAGE(h.tap("slot." + frontdoor::kiosk::instant_time(first.start)), h.ids());
        fill_details(h);
        std::string key = h.state.booking.idempotency_key;
        CHECK(!key.empty());
        REQUIRE(h.tap("confirm"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::confirmation; }));
        REQUIRE(h.state.booking.confirmation.has_value());
        std::string ref = h.state.booking.confirmation->reference;
        CHECK(ref.size() == 8);
        CHECK(h.state.buffers.all_zero());

        auto dayview = hub.admin_get("/api/v1/hubs/" + std::to_string(hub.hub_id) + "/day?date=" + day);
        REQUIRE_MESSAGE(dayview.status == 200, dayview.describe());
        bool found = false;
        for (const auto& a : dayview.body["appointments"])
            if (a.value("reference", "") == ref) {
                found = true;
                CHECK(a.value("client_name", "").find("Haddad") != std::string::npos);
            }
        CHECK_MESSAGE(found, "booking " << ref << " not in the day view of " << day);

        REQUIRE(h.tap("done"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.state.buffers.all_zero());
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("a time taken meanwhile (409) leads back to fresh times") {
        Hub hub;
        auto sv = find_service(hub, "appointment");
        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        open_service(h, sv);
        REQUIRE(!h.state.booking.slots.empty());
        const auto slot = h.state.booking.slots.front();
        std::string day = frontdoor::kiosk::instant_day(slot.start);
        REQUIRE(h.tap("day." + day));
        REQUIRE(h.tap("slot." + frontdoor::kiosk::instant_time(slot.start)));
        fill_details(h);

        // Someone at reception takes every place at that time.
        int status = 201;
        for (int i = 0; i < 30 && status == 201; ++i) {
            json body = {{"hub_id", hub.hub_id}, {"service_id", sv.id}, {"start", slot.start},
                         {"client", client_json("Other", "Family" + std::string(1, char('A' + i)), "1980-01-01")}};
            if (sv.needs_child) body["child"] = {{"first_name", "Kid"}, {"date_of_birth", "2025-01-01"}};
            status = hub.admin_post("/api/v1/bookings", body).status;
        }
        REQUIRE(status == 409);

        REQUIRE(h.tap("confirm"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::times; }));
        CHECK(h.state.booking.slot_taken_notice);
        CHECK(h.state.booking.day == day);
        for (const auto& s : h.state.booking.slots) CHECK(s.start != slot.start);
        CHECK_FALSE(h.state.booking.confirmation.has_value());
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("a full group session leads to the waitlist") {
        Hub hub;
        auto sv = find_service(hub, "group");
        auto slots = hub.kiosk_api().availability(hub.hub_id, sv.id, hub.today(),
                                                  frontdoor::kiosk::add_days(hub.today(), 20));
        REQUIRE(slots.ok());
        REQUIRE(!slots->empty());
        wire::Slot target = slots->back(); // far enough ahead not to start during the test
        int status = 201;
        for (int i = 0; i < 100 && status == 201; ++i) {
            json body = {{"hub_id", hub.hub_id}, {"service_id", sv.id}, {"session_id", *target.session_id},
                         {"client", client_json("Fill", "Place" + std::to_string(i), "1984-05-05")}};
            if (sv.needs_child) body["child"] = {{"first_name", "Kid"}, {"date_of_birth", "2025-01-01"}};
            status = hub.admin_post("/api/v1/bookings", body).status;
        }
        REQUIRE(status == 409);

        KioskHarness h(kiosk_for(hub));
        wait_online(h);
        open_service(h, sv);
        std::string day = frontdoor::kiosk::instant_day(target.start);
        REQUIRE_MESSAGE(h.tap("day." + day), h.ids());
        REQUIRE_MESSAGE(h.tap("slot." + frontdoor::kiosk::instant_time(target.start)), h.ids());
        CHECK(h.state.booking.waitlist);
        fill_details(h);
        REQUIRE(h.tap("confirm"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::waitlist_done; }));
        REQUIRE(h.state.booking.waitlist_entry.has_value());
        CHECK(h.state.booking.waitlist_entry->status == "waiting");
        CHECK(h.state.booking.waitlist_entry->position >= 1);
        CHECK(h.state.buffers.all_zero());
        CHECK(h.imgui_errors().empty());
    }
}

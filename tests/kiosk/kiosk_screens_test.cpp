// The kiosk's screens against a stub server that records what it was asked: header
// controls on every screen (switching keeps what was typed, names are asked again
// in the new language), errors only after Next, the keyboard in one place, discreet
// services never listed, names in English marked as such.
#include <doctest/doctest.h>

#include <algorithm>
#include <mutex>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "kiosk/core/dates.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/core/steps.hpp"
#include "tests/kiosk/kiosk_harness.hpp"

using frontdoor::kiosk::Field;
using frontdoor::kiosk::Screen;
using frontdoor::kiosk::Step;
using frontdoor::testing::KioskHarness;
using nlohmann::json;
namespace wire = frontdoor::shared::wire;

namespace {

/// A server on loopback that knows one hub (7), two services (one discreet), free
/// times every day at 10:00, and names its appointment service in Polish when asked.
struct StubHub {
    httplib::Server server;
    std::thread serving;
    int port = 0;
    std::mutex mutex;
    std::vector<std::string> services_languages; // Accept-Language of each services call

    StubHub() {
        server.Get("/api/v1/kiosks/me", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"id":1,"name":"Front","hub":{"id":7,"name":"Stub Hub","timezone":"Europe/London"}})",
                            "application/json");
        });
        server.Get("/api/v1/hubs/7/services", [this](const httplib::Request& req, httplib::Response& res) {
            std::string lang = req.get_header_value("Accept-Language");
            {
                std::lock_guard<std::mutex> lock(mutex);
                services_languages.push_back(lang);
            }
            bool pl = lang == "pl";
            json advice = {{"id", 3}, {"name", pl ? "Porada" : "Advice"}, {"kind", "appointment"},
                           {"duration_minutes", 30}, {"description", pl ? "Dla rodziców" : "For parents"},
                           {"name_lang", pl ? "pl" : "en"}};
            json quiet = {{"id", 4}, {"name", "Quiet"}, {"kind", "appointment"}, {"duration_minutes", 30},
                          {"discreet", true}};
            res.set_content(json{{"services", {advice, quiet}}}.dump(), "application/json");
        });
        server.Get("/api/v1/availability", [](const httplib::Request& req, httplib::Response& res) {
            std::string from = req.get_param_value("from");
            json slots = json::array();
            for (int i = 0; i < 21; ++i) {
                std::string day = frontdoor::kiosk::add_days(from, i);
                slots.push_back({{"start", day + "T10:00:00+00:00"}, {"end", day + "T10:30:00+00:00"},
                                 {"room_id", 1}, {"places_left", 1}});
            }
            res.set_content(json{{"slots", slots}}.dump(), "application/json");
        });
        server.Post("/api/v1/checkins", [](const httplib::Request&, httplib::Response& res) {
            json c = {{"booking_id", 9}, {"start", "2026-11-23T10:30:00+00:00"}, {"service_name", "Advice"},
                      {"room_name", "Room 2"}, {"late", true}, {"minutes_late", 22}};
            res.set_content(json{{"checked_in", {c}}}.dump(), "application/json");
        });
        port = server.bind_to_any_port("127.0.0.1");
        serving = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running()) std::this_thread::yield();
    }
    ~StubHub() {
        server.stop();
        serving.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
    std::vector<std::string> languages() {
        std::lock_guard<std::mutex> lock(mutex);
        return services_languages;
    }
};

/// The top of the on-screen keyboard: the highest key drawn in the last frame.
float keyboard_top(const KioskHarness& h) {
    float top = 1e9f;
    for (const auto& hit : h.hits())
        if (hit.id.rfind("key.", 0) == 0) top = std::min(top, hit.min.y);
    return top;
}

void open_times(KioskHarness& h) {
    REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
    REQUIRE(h.tap("book"));
    REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
    REQUIRE_MESSAGE(h.tap("service.3"), h.ids());
    REQUIRE(h.wait_until([&] { return h.state.screen == Screen::days; }));
    REQUIRE(h.tap("day." + h.state.booking.from));
    REQUIRE(h.state.screen == Screen::times);
}

} // namespace

TEST_SUITE("kiosk.header") {
    TEST_CASE("language, larger text and high contrast are in the header of every screen") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        open_times(h);
        for (const char* id : {"lang.en", "lang.pl", "lang.pt", "lang.ro", "lang.uk", "large_text", "contrast"})
            CHECK_MESSAGE(h.has(id), id << " missing on the times screen: " << h.ids());
        REQUIRE(h.tap("slot.10:00"));
        REQUIRE(h.state.step == Step::client_name);
        CHECK(h.has("lang.uk"));
        REQUIRE(h.tap("large_text"));
        REQUIRE(h.tap("contrast"));
        CHECK(h.state.large_text);
        CHECK(h.state.high_contrast);
        CHECK(h.state.step == Step::client_name); // no "Start again" needed
        CHECK(h.imgui_errors().empty());
    }

    TEST_CASE("switching language on the times screen keeps the service and the typed name, and renames") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        open_times(h);
        REQUIRE(h.tap("slot.10:00"));
        REQUIRE(h.tap_keys("Amira"));
        REQUIRE(h.tap("back")); // back to the times, the name still typed
        REQUIRE(h.state.screen == Screen::times);
        CHECK(stub.languages() == std::vector<std::string>{"en"});

        REQUIRE(h.tap("lang.pl"));
        CHECK(h.state.language == "pl");
        REQUIRE(h.wait_until([&] { return h.state.booking.service && h.state.booking.service->name == "Porada"; }));
        CHECK(stub.languages() == std::vector<std::string>{"en", "pl"}); // asked again, in Polish
        CHECK(h.state.screen == Screen::times);
        CHECK(h.state.booking.service->id == 3);
        CHECK(h.state.booking.service->name_lang == "pl");
        CHECK(h.state.buffers[Field::first_name].view() == "Amira");
        REQUIRE(h.tap("slot.10:00"));
        CHECK(h.state.buffers[Field::first_name].view() == "Amira");
        CHECK(h.imgui_errors().empty());
    }
}

TEST_SUITE("kiosk.services") {
    TEST_CASE("a discreet service is never listed, even when a server sends it") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        REQUIRE(h.tap("book"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
        CHECK(h.has("service.3"));
        CHECK_FALSE(h.has("service.4"));
        REQUIRE(h.state.booking.services.size() == 1);
        CHECK(h.state.booking.services[0].id == 3);
    }

    TEST_CASE("a name set up only in English says so in the family's language") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        wire::ServiceSummary sv;
        sv.name = "Advice";
        sv.name_lang = "en";
        CHECK(frontdoor::kiosk::service_name_shown(sv, "en", h.translations()) == "Advice");
        CHECK(frontdoor::kiosk::service_name_shown(sv, "pl", h.translations()) == "Advice (po angielsku)");
        CHECK(frontdoor::kiosk::service_name_shown(sv, "uk", h.translations()) == "Advice (англійською)");
        sv.name = "Porada";
        sv.name_lang = "pl";
        CHECK(frontdoor::kiosk::service_name_shown(sv, "pl", h.translations()) == "Porada");
    }
}

TEST_SUITE("kiosk.typing") {
    TEST_CASE("'Please type a name' comes after Next, not before a key, and goes on typing") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        open_times(h);
        REQUIRE(h.tap("slot.10:00"));
        CHECK_FALSE(h.shows_notice("error.name")); // nothing typed yet: no error
        REQUIRE(h.tap_keys("Amira"));
        REQUIRE(h.tap("next")); // Next from the first name moves to the surname
        CHECK(h.state.focus == Field::last_name);
        CHECK_FALSE(h.shows_notice("error.name")); // the surname untouched: still no error
        REQUIRE(h.tap("next"));
        CHECK(h.shows_notice("error.name"));
        CHECK(h.state.step == Step::client_name);
        REQUIRE(h.tap_keys("H"));
        CHECK_FALSE(h.shows_notice("error.name")); // typing clears it
        REQUIRE(h.tap_keys("addad"));
        REQUIRE(h.tap("next"));
        CHECK(h.state.step == Step::client_dob);
        CHECK(h.state.field_error.empty());
    }

    TEST_CASE("the keyboard's top is at the same height on every typing screen") {
        for (auto [w, hgt] : {std::pair{1080.f, 1920.f}, std::pair{1920.f, 1080.f}}) {
            CAPTURE(w);
            StubHub stub;
            KioskHarness h({stub.url(), "token", w, hgt});
            REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
            std::vector<std::pair<Step, float>> tops;
            // (The check-in's date of birth is typed on the first screen, under "Book".)
            for (Step step : {Step::checkin_reference, Step::checkin_initial, Step::client_name,
                              Step::client_dob, Step::child_name, Step::phone}) {
                h.state.screen = Screen::entry;
                h.state.step = step;
                h.state.focus = frontdoor::kiosk::step_fields(step).front();
                h.state.field_error = step == Step::client_name ? "error.name" : ""; // a notice moves nothing
                h.frame();
                tops.emplace_back(step, keyboard_top(h));
            }
            for (const auto& [step, top] : tops) {
                CAPTURE(static_cast<int>(step));
                CHECK(top < hgt);
                CHECK(top == doctest::Approx(tops.front().second).epsilon(0.001));
            }
            CHECK(h.imgui_errors().empty());
        }
    }
}

TEST_SUITE("kiosk.welcome") {
    TEST_CASE("the first screen's keypad types the date of birth; Back from the initial or the reference returns to it") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        CHECK(h.has("book"));
        CHECK(h.has("by_reference"));
        REQUIRE(h.tap_keys("3011"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.state.focus == Field::dob_year); // 30 and 11 moved on by themselves
        CHECK(h.state.buffers[Field::scan].empty());
        REQUIRE(h.tap_keys("2999")); // 30 11 2999 is no date of birth: said, and kept here
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.shows_notice("error.date"));
        for (int i = 0; i < 4; ++i) REQUIRE(h.tap("key.delete"));
        CHECK(h.state.buffers[Field::dob_year].empty());
        CHECK(h.state.buffers[Field::dob_day].view() == "30"); // delete takes from the year only
        REQUIRE(h.tap_keys("1979"));
        REQUIRE(h.state.step == Step::checkin_initial); // 1979: on to the initial
        REQUIRE(h.tap("back"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.state.buffers[Field::dob_year].view() == "1979"); // nothing typed is lost
        REQUIRE(h.tap("by_reference"));
        CHECK(h.state.step == Step::checkin_reference);
        REQUIRE(h.tap("back"));
        CHECK(h.state.screen == Screen::welcome);
        CHECK(h.has("field.2")); // the keypad's date fields again
        CHECK(h.imgui_errors().empty());
    }
}

TEST_SUITE("kiosk.late") {
    TEST_CASE("a late check-in says: please see reception, not: take a seat, in the family's language") {
        StubHub stub; // answers every check-in as 22 minutes late
        for (const char* lang : {"en", "pl", "uk"}) {
            CAPTURE(lang);
            KioskHarness h({stub.url(), "token"});
            REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
            REQUIRE(h.tap(std::string("lang.") + lang));
            h.scan("K7M2QX9B", 5);
            REQUIRE(h.wait_until([&] { return h.state.screen == Screen::checkin_result; }));
            CHECK(h.shows_notice("result.late"));
            CHECK(std::string(h.translations().text(lang, "result.late")) !=
                  h.translations().text(lang, "result.take_seat"));
            CHECK(h.imgui_errors().empty());
        }
    }
}

TEST_SUITE("kiosk.review") {
    TEST_CASE("review's Change goes back to that step with its value, and Next comes back to the review") {
        StubHub stub;
        KioskHarness h({stub.url(), "token"});
        open_times(h);
        REQUIRE(h.tap("slot.10:00"));
        REQUIRE(h.tap_keys("Amira"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("Haddad"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("15061990"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap("next")); // no mobile
        REQUIRE(h.state.screen == Screen::review);
        for (Step step : {Step::client_name, Step::client_dob, Step::phone})
            CHECK_MESSAGE(h.has("change." + std::to_string(static_cast<int>(step))), h.ids());

        REQUIRE(h.tap("change." + std::to_string(static_cast<int>(Step::client_name))));
        CHECK(h.state.screen == Screen::entry);
        CHECK(h.state.step == Step::client_name);
        CHECK(h.state.buffers[Field::last_name].view() == "Haddad");
        REQUIRE(h.tap("field." + std::to_string(static_cast<int>(Field::last_name))));
        REQUIRE(h.tap_keys("-Nowak"));
        REQUIRE(h.tap("next"));
        CHECK(h.state.screen == Screen::review); // not through every step again
        CHECK(h.state.buffers[Field::last_name].view() == "Haddad-Nowak");
        CHECK(h.state.buffers[Field::client_year].view() == "1990");

        REQUIRE(h.tap("change." + std::to_string(static_cast<int>(Step::client_dob))));
        CHECK(h.state.step == Step::client_dob);
        REQUIRE(h.tap("back")); // Back from a change returns to the review too
        CHECK(h.state.screen == Screen::review);
        CHECK(h.imgui_errors().empty());
    }
}

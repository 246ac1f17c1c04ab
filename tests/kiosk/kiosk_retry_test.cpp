// A booking whose answer is too slow: the kiosk says so, and "Try again" sends the
// same Idempotency-Key, so the server can never book it twice. A small stub server
// plays a slow booking server (the real one answers too fast to time out).
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "kiosk/core/dates.hpp"
#include "tests/kiosk/kiosk_harness.hpp"

using frontdoor::kiosk::Field;
using frontdoor::kiosk::Problem;
using frontdoor::kiosk::Screen;
using frontdoor::kiosk::Step;
using frontdoor::testing::KioskHarness;

namespace {

class SlowBookingServer {
  public:
    SlowBookingServer() {
        server_.Get("/api/v1/kiosks/me", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"id":1,"name":"Door","hub":{"id":7,"name":"Riverside","timezone":"Europe/London"}})",
                            "application/json");
        });
        server_.Get("/api/v1/hubs/7/services", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"services":[{"id":1,"name":"Health visitor check","kind":"appointment",)"
                            R"("duration_minutes":30,"needs_child":true,"discreet":false}]})",
                            "application/json");
        });
        server_.Get("/api/v1/availability", [](const httplib::Request& req, httplib::Response& res) {
            std::string day = frontdoor::kiosk::add_days(req.get_param_value("from"), 1);
            res.set_content(R"({"slots":[{"start":")" + day + R"(T10:00:00+00:00","end":")" + day +
                                R"(T10:30:00+00:00","room_id":2,"staff_id":3,"places_left":1}]})",
                            "application/json");
        });
        server_.Post("/api/v1/bookings", [this](const httplib::Request& req, httplib::Response& res) {
            int n;
            {
                std::lock_guard lock(mutex_);
                keys_.push_back(req.get_header_value("Idempotency-Key"));
                n = static_cast<int>(keys_.size());
            }
            if (n == 1) std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // slower than the kiosk waits
            res.status = 201;
            res.set_content(R"({"id":9,"reference":"K7M2QX9B","status":"booked","start":"2026-11-23T10:00:00+00:00",)"
                            R"("end":"2026-11-23T10:30:00+00:00","room":{"id":2,"name":"Room 2"},)"
                            R"("service":{"id":1,"name":"Health visitor check"}})",
                            "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::yield();
    }
    ~SlowBookingServer() {
        server_.stop();
        thread_.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<std::string> keys() {
        std::lock_guard lock(mutex_);
        return keys_;
    }

  private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<std::string> keys_;
};

} // namespace

TEST_SUITE("kiosk.retry") {
    TEST_CASE("a timed-out booking retried with the same Idempotency-Key") {
        SlowBookingServer server;
        frontdoor::testing::HarnessOptions o{server.url(), "token"};
        o.read_timeout = std::chrono::milliseconds(400);
        KioskHarness h(o);
        REQUIRE(h.wait_until([&] { return h.state.me.has_value(); }));
        REQUIRE(h.tap("book"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::services; }));
        REQUIRE(h.tap("service.1"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::days; }));
        std::string day = frontdoor::kiosk::instant_day(h.state.booking.slots.at(0).start);
        REQUIRE_MESSAGE(h.tap("day." + day), h.ids());
        REQUIRE(h.tap("slot.10:00"));
        REQUIRE(h.tap_keys("Ana"));
        REQUIRE(h.tap("field." + std::to_string(static_cast<int>(Field::last_name))));
        REQUIRE(h.tap_keys("Ionescu"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("01021991"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.state.step == Step::child_name);
        REQUIRE(h.tap_keys("Ilie"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.tap_keys("05052025"));
        REQUIRE(h.tap("next"));
        REQUIRE(h.state.step == Step::phone);
        REQUIRE(h.tap("next")); // no mobile: it is optional
        REQUIRE(h.state.screen == Screen::review);
        std::string key = h.state.booking.idempotency_key;

        REQUIRE(h.tap("confirm"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::problem; }));
        CHECK(h.state.problem == Problem::timeout);
        CHECK(h.has("retry"));
        REQUIRE(h.tap("retry"));
        REQUIRE(h.wait_until([&] { return h.state.screen == Screen::confirmation; }));
        CHECK(h.state.booking.confirmation->reference == "K7M2QX9B");

        auto keys = server.keys();
        REQUIRE(keys.size() == 2);
        CHECK(!keys[0].empty());
        CHECK(keys[0] == key);
        CHECK(keys[1] == key);
        CHECK(h.state.buffers.all_zero());
        CHECK(h.imgui_errors().empty());
    }
}

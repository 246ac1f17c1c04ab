#pragma once
// Fixture: builds a hub through the HTTP API, as a manager would (hubs, rooms, staff
// with weekly hours and leave, services, group sessions), and books through it. Every
// call expects the documented success status and throws std::runtime_error with the
// server's answer otherwise, so set-up failures read plainly in a test's output.
// Thread-safety: book() may be called from several threads; the rest from one.

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/http_json.hpp"

namespace frontdoor::testing {

class TestServer;
using Id = std::int64_t;

struct Hours {
    int weekday = 1; // 1 = Monday ... 7 = Sunday
    std::string start = "09:00";
    std::string end = "17:00";
};

/// {first_name, last_name, date_of_birth}
json family(const std::string& first, const std::string& last, const std::string& date_of_birth);

class Fixture {
  public:
    Fixture(HttpJson http, std::string token) : http_(std::move(http)), token_(std::move(token)) {}
    explicit Fixture(TestServer& server);

    const HttpJson& http() const { return http_; }
    const std::string& token() const { return token_; }

    Id hub(const std::string& name = "Riverside Family Hub", const std::string& timezone = "Europe/London");
    Id room(Id hub_id, const std::string& name, int capacity = 1);
    /// A member of staff; with a username and password they can sign in with `access`.
    Id staff(Id hub_id, const std::string& name, const std::string& role, const std::string& access = "practitioner",
             const std::string& username = {}, const std::string& password = {});
    void working_hours(Id staff_id, Id hub_id, const std::vector<Hours>& pattern);
    /// The same hours on all seven days.
    void every_day(Id staff_id, Id hub_id, const std::vector<std::pair<std::string, std::string>>& ranges);
    void absence(Id staff_id, const std::string& from, const std::string& to, const std::string& reason = "leave");
    Id appointment_service(const std::string& name, int duration_minutes, const std::string& staff_role,
                           bool self_bookable = true);
    Id group_service(const std::string& name, int duration_minutes, int capacity, bool self_bookable = true);
    /// One group session (or a weekly series); returns the ids.
    std::vector<Id> sessions(Id service_id, Id hub_id, Id room_id, const std::string& start,
                             std::optional<int> capacity = {}, int repeat_weekly = 1,
                             std::optional<Id> staff_id = {});
    Id session(Id service_id, Id hub_id, Id room_id, const std::string& start, std::optional<int> capacity = {});

    /// Booking bodies (docs/api/openapi.yaml, POST /api/v1/bookings).
    static json group_booking(Id hub_id, Id service_id, Id session_id, const json& client);
    static json appointment_booking(Id hub_id, Id service_id, const std::string& start, const json& client);

    /// POST /bookings with a fresh Idempotency-Key; the raw reply.
    Reply try_book(const json& body, const std::string& token = {}) const;
    /// As try_book, but expects 201 and returns the body.
    json book(const json& body, const std::string& token = {}) const;

    /// A process-unique Idempotency-Key.
    static std::string new_key();

  private:
    json expect(const Reply& r, int status, const std::string& what) const;
    HttpJson http_;
    std::string token_;
};

} // namespace frontdoor::testing

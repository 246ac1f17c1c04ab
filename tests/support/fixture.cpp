#include "tests/support/fixture.hpp"

#include <random>
#include <stdexcept>

#include "tests/support/test_server.hpp"

namespace frontdoor::testing {

json family(const std::string& first, const std::string& last, const std::string& date_of_birth) {
    return json{{"first_name", first}, {"last_name", last}, {"date_of_birth", date_of_birth}};
}

Fixture::Fixture(TestServer& server) : http_(server.http()), token_(server.admin_token()) {}

json Fixture::expect(const Reply& r, int status, const std::string& what) const {
    if (!r.transport_ok || r.status != status)
        throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " + r.describe());
    return r.body;
}

Id Fixture::hub(const std::string& name, const std::string& timezone) {
    auto b = expect(http_.post("/api/v1/hubs", json{{"name", name}, {"timezone", timezone}}, token_), 201,
                    "POST /api/v1/hubs");
    return b.at("id").get<Id>();
}

Id Fixture::room(Id hub_id, const std::string& name, int capacity) {
    auto path = "/api/v1/hubs/" + std::to_string(hub_id) + "/rooms";
    auto b = expect(http_.post(path, json{{"name", name}, {"capacity", capacity}}, token_), 201, "POST " + path);
    return b.at("id").get<Id>();
}

Id Fixture::staff(Id hub_id, const std::string& name, const std::string& role, const std::string& access,
                  const std::string& username, const std::string& password) {
    json body{{"name", name}, {"role", role}, {"hub_id", hub_id}, {"access", access}};
    if (!username.empty()) body["username"] = username;
    if (!password.empty()) body["password"] = password;
    auto b = expect(http_.post("/api/v1/staff", body, token_), 201, "POST /api/v1/staff");
    return b.at("id").get<Id>();
}

void Fixture::working_hours(Id staff_id, Id hub_id, const std::vector<Hours>& pattern) {
    json ranges = json::array();
    for (const auto& h : pattern)
        ranges.push_back(json{{"hub_id", hub_id}, {"weekday", h.weekday}, {"start", h.start}, {"end", h.end}});
    auto path = "/api/v1/staff/" + std::to_string(staff_id) + "/working-hours";
    auto r = http_.put(path, ranges, token_);
    if (!r.transport_ok || r.status < 200 || r.status > 204)
        throw std::runtime_error("PUT " + path + ": expected 2xx, got " + r.describe());
}

void Fixture::every_day(Id staff_id, Id hub_id, const std::vector<std::pair<std::string, std::string>>& ranges) {
    std::vector<Hours> pattern;
    for (int day = 1; day <= 7; ++day)
        for (const auto& [from, to] : ranges) pattern.push_back(Hours{day, from, to});
    working_hours(staff_id, hub_id, pattern);
}

void Fixture::absence(Id staff_id, const std::string& from, const std::string& to, const std::string& reason) {
    auto path = "/api/v1/staff/" + std::to_string(staff_id) + "/absences";
    expect(http_.post(path, json{{"from", from}, {"to", to}, {"reason", reason}}, token_), 201, "POST " + path);
}

Id Fixture::appointment_service(const std::string& name, int duration_minutes, const std::string& staff_role,
                                bool self_bookable) {
    json body{{"name", name},
              {"kind", "appointment"},
              {"duration_minutes", duration_minutes},
              {"staff_role", staff_role},
              {"self_bookable", self_bookable}};
    return expect(http_.post("/api/v1/services", body, token_), 201, "POST /api/v1/services").at("id").get<Id>();
}

Id Fixture::group_service(const std::string& name, int duration_minutes, int capacity, bool self_bookable) {
    json body{{"name", name},
              {"kind", "group"},
              {"duration_minutes", duration_minutes},
              {"capacity", capacity},
              {"self_bookable", self_bookable}};
    return expect(http_.post("/api/v1/services", body, token_), 201, "POST /api/v1/services").at("id").get<Id>();
}

std::vector<Id> Fixture::sessions(Id service_id, Id hub_id, Id room_id, const std::string& start,
                                  std::optional<int> capacity, int repeat_weekly, std::optional<Id> staff_id) {
    json body{{"service_id", service_id}, {"hub_id", hub_id}, {"room_id", room_id}, {"start", start},
              {"repeat_weekly", repeat_weekly}};
    if (capacity) body["capacity"] = *capacity;
    if (staff_id) body["staff_id"] = *staff_id;
    auto b = expect(http_.post("/api/v1/sessions", body, token_), 201, "POST /api/v1/sessions");
    return b.at("ids").get<std::vector<Id>>();
}

Id Fixture::session(Id service_id, Id hub_id, Id room_id, const std::string& start, std::optional<int> capacity) {
    auto ids = sessions(service_id, hub_id, room_id, start, capacity, 1);
    if (ids.size() != 1) throw std::runtime_error("POST /api/v1/sessions: expected one id");
    return ids.front();
}

json Fixture::group_booking(Id hub_id, Id service_id, Id session_id, const json& client) {
    return json{{"hub_id", hub_id}, {"service_id", service_id}, {"session_id", session_id}, {"client", client}};
}

json Fixture::appointment_booking(Id hub_id, Id service_id, const std::string& start, const json& client) {
    return json{{"hub_id", hub_id}, {"service_id", service_id}, {"start", start}, {"client", client}};
}

std::string Fixture::new_key() {
    static std::atomic<long> counter{0};
    static const auto salt = std::random_device{}();
    return "test-" + std::to_string(salt) + "-" + std::to_string(counter.fetch_add(1));
}

Reply Fixture::try_book(const json& body, const std::string& token) const {
    return http_.post("/api/v1/bookings", body, token.empty() ? token_ : token, {{"Idempotency-Key", new_key()}});
}

json Fixture::book(const json& body, const std::string& token) const {
    return expect(try_book(body, token), 201, "POST /api/v1/bookings");
}

} // namespace frontdoor::testing

#pragma once
// Rows as the storage layer reads and writes them. Instants are UTC seconds.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/time.hpp"

namespace frontdoor::server::storage {

/// SQL condition on a booking's status: it still holds its place (every status but
/// cancelled and released). Only the bookings table has a status among the joins used.
inline constexpr const char* kLiveBooking = "status NOT IN ('cancelled','released')";

using Id = std::int64_t;
using shared::Instant;

struct HubRow {
    Id id = 0;
    std::string name;
    std::string timezone;
    std::optional<std::string> address;
};

struct RoomRow {
    Id id = 0;
    Id hub_id = 0;
    std::string name;
    int capacity = 1;
    bool active = true;
};

struct StaffRow {
    Id id = 0;
    std::string name;
    std::string role;   // the job: midwife, health_visitor, ...
    std::optional<Id> hub_id; // the home hub (where the staff page opens); one of staff_hubs
    std::optional<std::string> username;
    std::string access; // admin | manager | reception | practitioner | none
    bool active = true;
    std::vector<Id> hub_ids; // the hubs they act at (staff_hubs), in id order
};

struct WorkingHoursRow {
    Id hub_id = 0;
    int weekday = 1;
    int start_min = 0;
    int end_min = 0;
};

struct AbsenceRow {
    Id id = 0;
    Id staff_id = 0;
    std::string from_date;
    std::string to_date;
    std::optional<std::string> reason;
};

struct ServiceRow {
    Id id = 0;
    std::string name;
    std::string kind; // appointment | group
    int duration_minutes = 30;
    std::optional<std::string> staff_role;
    std::optional<int> capacity;
    bool self_bookable = true;
    bool needs_child = false;
    bool discreet = false;
    bool active = true;
    std::string description; // one line, in English: who it is for (may be empty)
};

struct SessionRow {
    Id id = 0;
    Id service_id = 0;
    Id hub_id = 0;
    Id room_id = 0;
    std::optional<Id> staff_id;
    Instant start;
    Instant end;
    int capacity = 1;
    std::optional<Id> series_id;
    bool cancelled = false;
};

/// Contact details a kiosk was told for a family it did not create: never written over
/// the family's own, kept with the booking or waitlist entry for staff to confirm.
struct ToldContact {
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> interpreter;
    bool empty() const { return !phone && !email && !interpreter; }
};

struct KioskRow {
    Id id = 0;
    Id hub_id = 0;
    std::string name;
    bool revoked = false;
};

} // namespace frontdoor::server::storage

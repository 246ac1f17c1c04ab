#pragma once
// Reads for arrivals and the day: bookings at a hub in a time window with the names
// staff need, and the history that raises flags.

#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct DayRow {
    Id booking_id = 0;
    std::string reference;
    Instant start;
    Instant end;
    Id service_id = 0;
    std::string service_name;
    bool discreet = false;
    Id room_id = 0;
    std::string room_name;
    std::optional<Id> staff_id;
    std::optional<std::string> staff_name;
    Id client_id = 0;
    std::string client_first_name;
    std::string client_last_name;
    std::string client_dob;
    std::optional<std::string> interpreter;
    std::optional<Id> child_id;
    std::optional<std::string> child_name;
    std::optional<std::string> child_dob;
    std::string status;
    std::optional<Instant> arrived_at;
    std::optional<int> minutes_late; // set when a check-in came past the lateness allowance
    ToldContact told; // what a kiosk was told, for staff to confirm
};

/// Bookings at a hub starting in [from, to), held and released ones left out, in time order.
std::vector<DayRow> bookings_between(Connection& c, Id hub_id, Instant from, Instant to);
/// What a check-in could mean: booked or arrived bookings at the hub starting in
/// [from, to), with this reference, or whose client or child was born on `dob`.
std::vector<DayRow> arrivals_by_reference(Connection& c, Id hub_id, Instant from, Instant to, const std::string& reference);
std::vector<DayRow> arrivals_by_birth_date(Connection& c, Id hub_id, Instant from, Instant to, const std::string& dob);

/// How many earlier bookings of this child (or of the client, for no child) were marked
/// was_not_brought / did_not_attend, before `before`.
int earlier_missed(Connection& c, Id client_id, std::optional<Id> child_id, Instant before);
/// True when the client has any live or past booking starting before `before`.
bool has_earlier_booking(Connection& c, Id client_id, Instant before);

} // namespace frontdoor::server::storage

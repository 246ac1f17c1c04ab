#pragma once
// A practitioner's diary: their 1:1 bookings and the group sessions they lead, with the
// names a calendar entry shows. Functions run on the caller's connection, inside the
// caller's transaction. They throw StorageError.

#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct DiaryBookingRow {
    Id id = 0;
    Instant start;
    Instant end;
    std::string status;
    std::string service_name;
    std::string room_name;
    std::string client_first_name;
    bool discreet = false; // the service is never named where others may read it
};

struct DiarySessionRow {
    Id id = 0;
    Instant start;
    Instant end;
    std::string service_name;
    std::string room_name;
    int capacity = 0;
    int booked = 0; // live bookings
    bool discreet = false;
};

/// Live (not cancelled, not released) 1:1 bookings of the practitioner starting in
/// [from, to), in time order.
std::vector<DiaryBookingRow> diary_bookings(Connection& c, Id staff_id, Instant from, Instant to);
/// Sessions the practitioner leads starting in [from, to), not cancelled, in time order.
std::vector<DiarySessionRow> diary_sessions(Connection& c, Id staff_id, Instant from, Instant to);

} // namespace frontdoor::server::storage

#pragma once
// Scheduling rules, pure: which 1:1 appointment times are free, given practitioners'
// weekly hours (breaks are the gaps between ranges), leave, what they and the rooms are
// already doing, and the hub's zone. Slots are generated in local wall-clock time, so
// 09:00 stays 09:00 on both sides of a clock change. No I/O.

#include <cstdint>
#include <optional>
#include <vector>

#include "shared/time.hpp"

namespace frontdoor::server::domain {

using Id = std::int64_t;
using shared::Date;
using shared::Instant;
using shared::Minutes;

struct Interval {
    Instant start;
    Instant end;
};
/// Half-open intervals [start, end) overlap.
inline bool overlaps(const Interval& a, const Interval& b) {
    return a.start < b.end && b.start < a.end;
}

struct WorkingRange {
    int weekday = 1; // ISO, 1 = Monday
    Minutes start{0};
    Minutes end{0};
};

struct DateRange {
    Date from; // inclusive
    Date to;   // inclusive
};

struct Practitioner {
    Id id = 0;
    std::vector<WorkingRange> hours; // at this hub
    std::vector<DateRange> leave;
    std::vector<Interval> busy; // bookings and sessions, any order
};

struct Room {
    Id id = 0;
    std::vector<Interval> busy;
};

struct SlotQuery {
    const date::time_zone* zone = nullptr;
    Date from;
    Date to;
    Minutes duration{30};
    Instant not_before; // nothing starting before this (now) is offered
};

struct AppointmentSlot {
    Instant start;
    Instant end;
    Id staff_id = 0; // the first free practitioner
    Id room_id = 0;  // the first free room
    int places_left = 0;
};

/// Every free start time in the query's dates, in time order, one entry per start with
/// how many bookings it could still take (free practitioners and rooms, the lesser).
std::vector<AppointmentSlot> appointment_slots(const SlotQuery& q,
                                               const std::vector<Practitioner>& practitioners,
                                               const std::vector<Room>& rooms);

struct Assignment {
    Id staff_id = 0;
    Id room_id = 0;
    Instant end;
};
/// A free practitioner (the wanted one when given) and room for exactly `start`, or
/// nullopt when that time is not offered, in the past, or taken.
std::optional<Assignment> assign_appointment(const SlotQuery& q, Instant start,
                                             const std::vector<Practitioner>& practitioners,
                                             const std::vector<Room>& rooms,
                                             std::optional<Id> wanted_staff = std::nullopt);

/// True when the practitioner is on leave that local date.
bool on_leave(const Practitioner& p, const Date& day);

} // namespace frontdoor::server::domain

#include "server/domain/scheduling.hpp"

#include <algorithm>
#include <map>

namespace frontdoor::server::domain {
namespace {

bool is_free(const std::vector<Interval>& busy, const Interval& want) {
    return std::none_of(busy.begin(), busy.end(),
                        [&](const Interval& b) { return overlaps(b, want); });
}

/// Start times a practitioner's hours give on one local day (grid from each range's start).
template <class F> void for_each_start(const Practitioner& p, const SlotQuery& q, const Date& day, F f) {
    if (on_leave(p, day)) return;
    int wd = shared::iso_weekday(day);
    for (const auto& r : p.hours) {
        if (r.weekday != wd) continue;
        for (auto t = r.start; t + q.duration <= r.end; t += q.duration) f(t);
    }
}

struct Candidate {
    std::vector<Id> free_staff;
};

} // namespace

bool on_leave(const Practitioner& p, const Date& day) {
    auto d = date::sys_days{day};
    return std::any_of(p.leave.begin(), p.leave.end(), [&](const DateRange& r) {
        return date::sys_days{r.from} <= d && d <= date::sys_days{r.to};
    });
}

std::vector<AppointmentSlot> appointment_slots(const SlotQuery& q,
                                               const std::vector<Practitioner>& practitioners,
                                               const std::vector<Room>& rooms) {
    std::vector<AppointmentSlot> out;
    if (!q.zone || date::sys_days{q.to} < date::sys_days{q.from}) return out;
    for (Date day = q.from; date::sys_days{day} <= date::sys_days{q.to};
         day = shared::add_days(day, 1)) {
        // Local start time -> practitioners free then, in practitioner order.
        std::map<Minutes, Candidate> starts;
        for (const auto& p : practitioners) {
            for_each_start(p, q, day, [&](Minutes t) {
                Interval want{shared::local_to_instant(q.zone, day, t),
                              shared::local_to_instant(q.zone, day, t + q.duration)};
                if (want.start < q.not_before || !is_free(p.busy, want)) return;
                starts[t].free_staff.push_back(p.id);
            });
        }
        for (const auto& [t, c] : starts) {
            Interval want{shared::local_to_instant(q.zone, day, t),
                          shared::local_to_instant(q.zone, day, t + q.duration)};
            // A local time that does not exist (inside the spring gap) is not offered.
            if (shared::local_time_of_day(q.zone, want.start) != t) continue;
            int free_rooms = 0;
            Id first_room = 0;
            for (const auto& r : rooms) {
                if (!is_free(r.busy, want)) continue;
                if (free_rooms++ == 0) first_room = r.id;
            }
            int places = std::min(free_rooms, static_cast<int>(c.free_staff.size()));
            if (places > 0) out.push_back({want.start, want.end, c.free_staff.front(), first_room, places});
        }
    }
    return out;
}

std::optional<Assignment> assign_appointment(const SlotQuery& q, Instant start,
                                             const std::vector<Practitioner>& practitioners,
                                             const std::vector<Room>& rooms,
                                             std::optional<Id> wanted_staff) {
    if (!q.zone || start < q.not_before) return std::nullopt;
    Date day = shared::local_date(q.zone, start);
    Minutes t = shared::local_time_of_day(q.zone, start);
    Interval want{start, shared::local_to_instant(q.zone, day, t + q.duration)};
    if (shared::local_to_instant(q.zone, day, t) != start) return std::nullopt;

    std::optional<Id> staff;
    for (const auto& p : practitioners) {
        if (wanted_staff && p.id != *wanted_staff) continue;
        bool offered = false;
        for_each_start(p, q, day, [&](Minutes s) { offered = offered || s == t; });
        if (offered && is_free(p.busy, want)) {
            staff = p.id;
            break;
        }
    }
    if (!staff) return std::nullopt;
    for (const auto& r : rooms)
        if (is_free(r.busy, want)) return Assignment{*staff, r.id, want.end};
    return std::nullopt;
}

} // namespace frontdoor::server::domain

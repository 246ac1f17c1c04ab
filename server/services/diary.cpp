#include "server/services/diary.hpp"

#include <algorithm>

#include "server/domain/ical.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/diary_repo.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {

Result<std::string> staff_diary_ics(const ServiceContext& ctx, const Principal& by, Id staff_id) {
    if (by.role == Role::kiosk) return make_error(ErrorCode::forbidden, "a kiosk cannot read diaries");
    if (by.role == Role::practitioner && by.staff_id != staff_id)
        return make_error(ErrorCode::forbidden, "a practitioner may read only their own diary");
    auto now = ctx.clock.now();
    auto from = now - std::chrono::days{kDiaryDaysBack};
    auto to = now + std::chrono::days{kDiaryDaysAhead};
    return guard_storage([&]() -> Result<std::string> {
        return ctx.db.read([&](storage::Connection& c) -> Result<std::string> {
            auto staff = storage::find_staff(c, staff_id);
            if (!staff) return make_error(ErrorCode::not_found, "no such staff member");
            if (auto refused = require_colleague(by, staff->id, staff->hub_ids)) return *refused;
            domain::Calendar cal;
            cal.name = "Front Door: " + staff->name;
            cal.stamp = now;
            auto bookings = storage::diary_bookings(c, staff_id, from, to);
            auto sessions = storage::diary_sessions(c, staff_id, from, to);
            for (const auto& b : bookings) {
                domain::CalendarEvent e;
                e.uid = "booking-" + std::to_string(b.id) + "@frontdoor";
                e.start = b.start;
                e.end = b.end;
                // First name only: a diary on a phone is not the place for a full name.
                // A diary syncs to phones and shared calendars: a discreet service is not named.
                e.summary = (b.discreet ? std::string{"Appointment"} : b.service_name) + ": " + b.client_first_name;
                e.location = b.room_name;
                e.tentative = b.status == "held";
                cal.events.push_back(std::move(e));
            }
            for (const auto& s : sessions) {
                domain::CalendarEvent e;
                e.uid = "session-" + std::to_string(s.id) + "@frontdoor";
                e.start = s.start;
                e.end = s.end;
                e.summary = s.discreet ? std::string{"Group session"} : s.service_name;
                e.location = s.room_name;
                e.description = std::to_string(s.booked) + " of " + std::to_string(s.capacity) + " places booked";
                cal.events.push_back(std::move(e));
            }
            std::stable_sort(cal.events.begin(), cal.events.end(),
                             [](const auto& a, const auto& b) { return a.start < b.start; });
            return domain::render_calendar(cal);
        });
    });
}

} // namespace frontdoor::server

#pragma once
// A practitioner's diary as iCalendar text: their live 1:1 bookings and the group
// sessions they lead, from 30 days back to 90 days ahead. A practitioner may read only
// their own; reception, managers and admins anyone's; kiosks nobody's. Any thread.

#include <string>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"

namespace frontdoor::server {

inline constexpr int kDiaryDaysBack = 30;
inline constexpr int kDiaryDaysAhead = 90;

/// The VCALENDAR text; `not_found` for an unknown staff id, `forbidden` for a kiosk,
/// another practitioner's diary, or a diary of someone who shares no hub with the
/// caller (hub_scope.hpp).
Result<std::string> staff_diary_ics(const ServiceContext& ctx, const Principal& by, Id staff_id);

} // namespace frontdoor::server

#pragma once
// Who may act where: the one hub check. Every service that reads or changes a hub's
// data (its day, bookings, waitlist, rooms, sessions, kiosks, staff hours and leave)
// asks here, with the hub the data belongs to (a path's hub, a body's hub_id, or the
// hub of the booking, entry or kiosk it touches).
//
//   admin               every hub
//   kiosk               its own hub
//   manager, reception,
//   practitioner        the hubs they are assigned to (staff_hubs); none: no hub at all
//
// Thread-safety: pure functions of the principal.

#include <optional>
#include <vector>

#include "server/services/auth_service.hpp"

namespace frontdoor::server {

/// True when `p` acts at hub `hub_id`.
bool acts_at(const Principal& p, Id hub_id);
/// `forbidden` unless `p` acts at hub `hub_id`.
std::optional<Error> require_hub(const Principal& p, Id hub_id);
/// `forbidden` unless `p` acts at one of `hub_ids` (a colleague's diary, hours or leave:
/// theirs to see who share a hub with them).
std::optional<Error> require_any_hub(const Principal& p, const std::vector<Id>& hub_ids);
/// `forbidden` unless `p` is staff member `staff_id` themselves, or acts at one of the
/// hubs that staff member works at (`staff_hub_ids`).
std::optional<Error> require_colleague(const Principal& p, Id staff_id, const std::vector<Id>& staff_hub_ids);
/// `forbidden` unless `p` acts at every one of `hub_ids`, naming `field`.
std::optional<Error> require_every_hub(const Principal& p, const std::vector<Id>& hub_ids, const char* field);

} // namespace frontdoor::server

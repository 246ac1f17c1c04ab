#pragma once
// Set-up data: hubs, rooms, staff, working hours, absences, services, group sessions,
// kiosks. Functions run on the caller's connection, inside the caller's transaction.
// They throw StorageError.

#include <optional>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

std::optional<HubRow> find_hub(Connection& c, Id id);
std::vector<HubRow> list_hubs(Connection& c);
int count_hubs(Connection& c);
Id insert_hub(Connection& c, const HubRow& h, Instant now);

std::optional<RoomRow> find_room(Connection& c, Id id);
std::vector<RoomRow> list_rooms(Connection& c, Id hub_id);
Id insert_room(Connection& c, const RoomRow& r);

/// Staff rows come with their hub_ids filled in.
std::optional<StaffRow> find_staff(Connection& c, Id id);
/// Staff (not admins) assigned to the hub, or everyone when no hub is given.
std::vector<StaffRow> list_staff(Connection& c, std::optional<Id> hub_id);
/// The hubs a staff member acts at, in id order.
std::vector<Id> staff_hub_ids(Connection& c, Id staff_id);
/// Replaces a staff member's hubs; the home hub becomes `home`.
void replace_staff_hubs(Connection& c, Id staff_id, const std::vector<Id>& hub_ids, std::optional<Id> home);
bool username_taken(Connection& c, const std::string& username);
/// Inserts the staff member, assigned to their home hub (s.hub_id) when they have one.
Id insert_staff(Connection& c, const StaffRow& s, const std::optional<std::string>& password_hash,
                Instant now);
/// Active practitioners of a job role who have working hours at the hub.
std::vector<StaffRow> staff_with_role_at_hub(Connection& c, const std::string& role, Id hub_id);

std::vector<WorkingHoursRow> working_hours(Connection& c, Id staff_id);
void replace_working_hours(Connection& c, Id staff_id, const std::vector<WorkingHoursRow>& rows);

std::vector<AbsenceRow> absences(Connection& c, Id staff_id);
Id insert_absence(Connection& c, const AbsenceRow& a);

std::optional<ServiceRow> find_service(Connection& c, Id id);
std::vector<ServiceRow> list_services(Connection& c);
Id insert_service(Connection& c, const ServiceRow& s);

std::optional<SessionRow> find_session(Connection& c, Id id);
Id insert_session(Connection& c, const SessionRow& s);
/// Sessions of a service at a hub starting in [from, to), not cancelled, in time order.
std::vector<SessionRow> sessions_between(Connection& c, Id hub_id, Id service_id, Instant from,
                                         Instant to);
/// Every service's sessions at a hub starting in [from, to), not cancelled, in time order.
std::vector<SessionRow> hub_sessions_between(Connection& c, Id hub_id, Instant from, Instant to);
/// Marks a session as one of a series (the series id is its first session's id).
void set_session_series(Connection& c, Id session_id, Id series_id);

std::optional<KioskRow> find_kiosk(Connection& c, Id id);
std::vector<KioskRow> list_kiosks(Connection& c, std::optional<Id> hub_id);
Id insert_kiosk(Connection& c, Id hub_id, const std::string& name, Instant now);
void revoke_kiosk(Connection& c, Id id);

} // namespace frontdoor::server::storage

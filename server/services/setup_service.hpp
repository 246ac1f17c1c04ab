#pragma once
// Set-up of hubs, rooms, staff (with weekly hours and leave), services, group sessions
// and kiosks, for managers and admins; and the reads staff and kiosks need of them.
// Inputs arrive with their types checked (routes parse them); the service checks what
// needs the database or the rules: that ids exist (`not_found`, naming the field),
// that a zone is known, hours do not overlap, a username is free (`conflict`). Every
// change is one write transaction with an audit line. Thread-safety: as every service,
// all state is in the database; any thread may call.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/services/fresh_cache.hpp"
#include "server/storage/records.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server {

struct HubInput {
    std::string name;
    std::string timezone = "Europe/London";
    std::optional<std::string> address;
};

struct RoomInput {
    std::string name;
    int capacity = 1;
};

struct StaffInput {
    std::string name;
    std::string role; // the job, a lower-case word: midwife, health_visitor, ...
    std::optional<Id> hub_id; // the home hub
    std::optional<std::string> username;
    std::optional<std::string> password; // plain; stored only as an argon2id hash
    std::string access = "practitioner"; // admin | manager | reception | practitioner | none
    std::vector<Id> hub_ids;             // more hubs they act at (the home hub is always one)
};

/// One range of a weekly pattern. `index` is its place in the request, for field names.
struct WorkingRangeInput {
    std::optional<Id> hub_id; // the staff member's hub when absent
    int weekday = 1;          // 1 = Monday ... 7 = Sunday
    shared::Minutes start{0};
    shared::Minutes end{0};
};

struct AbsenceInput {
    shared::Date from; // inclusive, local to the hub
    shared::Date to;   // inclusive
    std::optional<std::string> reason;
};

struct ServiceInput {
    std::string name;
    std::string kind; // appointment | group
    int duration_minutes = 30;
    std::optional<std::string> staff_role;
    std::optional<int> capacity;
    bool self_bookable = true;
    bool needs_child = false;
    bool discreet = false;
    std::string description; // English, 0..200 characters (checked by the route)
};

/// A service a hub offers, named as the asker reads it.
struct OfferedService {
    storage::ServiceRow row;  // as set up (English)
    std::string name;         // in the asked language when set-up gave one
    std::string description;
    std::string name_lang;    // "en" when English stood in
};

struct SessionInput {
    Id service_id = 0;
    Id hub_id = 0;
    Id room_id = 0;
    std::optional<Id> staff_id;
    shared::Instant start;
    std::optional<int> capacity; // the service's when absent
    int repeat_weekly = 1;       // 1..52 sessions, one a week at the same local time
};

/// A session as staff see it, with how many places are taken.
struct SessionView {
    storage::SessionRow session;
    std::string service_name;
    std::string room_name;
    std::optional<std::string> staff_name;
    int booked = 0;
    std::string start; // RFC 3339 in the hub's offset
    std::string end;
};

struct StaffDetail {
    storage::StaffRow staff;
    std::vector<storage::WorkingHoursRow> hours;
};

class SetupService {
  public:
    explicit SetupService(const ServiceContext& ctx) : ctx_(ctx), kiosks_(ctx.db, 1024) {}

    // Who may act where is hub_scope.hpp's one check: `forbidden` for a hub that is not
    // the caller's, and for a colleague who shares no hub with them.

    // [Hubs and rooms]
    /// Admins only (the route's role): a new hub has nobody assigned until an admin does it.
    Result<storage::HubRow> create_hub(const Principal& by, const HubInput& in);
    /// Every hub for an admin; the caller's own hubs for everyone else.
    Result<std::vector<storage::HubRow>> list_hubs(const Principal& by);
    Result<storage::HubRow> hub(const Principal& by, Id id);
    Result<storage::RoomRow> create_room(const Principal& by, Id hub_id, const RoomInput& in);
    Result<std::vector<storage::RoomRow>> list_rooms(const Principal& by, Id hub_id);

    // [Staff, hours, leave]
    /// `conflict` when the username is taken; `forbidden` when a manager asks for admin
    /// access, or for a hub (hub_id, hub_ids) that is not theirs.
    Result<storage::StaffRow> create_staff(const Principal& by, const StaffInput& in);
    /// Replaces the hubs a staff member acts at (at least one). A manager may give only
    /// hubs they hold, and changes only those: the staff member's other hubs stay. The
    /// home hub stays when it is still one of them, else becomes the first.
    Result<storage::StaffRow> set_staff_hubs(const Principal& by, Id staff_id, const std::vector<Id>& hub_ids);
    /// Staff of a hub, or (no hub) of every hub the caller acts at.
    Result<std::vector<storage::StaffRow>> list_staff(const Principal& by, std::optional<Id> hub_id);
    Result<StaffDetail> staff(const Principal& by, Id id);
    /// Replaces the weekly pattern. Ranges on one day may not overlap (`invalid_field`
    /// named "[i].start" or "[i].end" for the later of two); each range's hub must be the
    /// caller's (`forbidden` naming "[i].hub_id").
    Result<std::vector<storage::WorkingHoursRow>> set_working_hours(const Principal& by, Id staff_id,
                                                                    const std::vector<WorkingRangeInput>& in);
    Result<std::vector<storage::WorkingHoursRow>> working_hours(const Principal& by, Id staff_id);
    Result<storage::AbsenceRow> add_absence(const Principal& by, Id staff_id, const AbsenceInput& in);
    Result<std::vector<storage::AbsenceRow>> absences(const Principal& by, Id staff_id);

    // [Services]
    Result<storage::ServiceRow> create_service(const Principal& by, const ServiceInput& in);
    Result<std::vector<storage::ServiceRow>> list_services();
    /// What a hub offers: active services. A kiosk sees only its own hub's (`forbidden`
    /// elsewhere), and only self-bookable services it could book there: an appointment
    /// needs a practitioner of the role working at the hub, a group a session to come.
    /// A discreet service is never listed to a kiosk (staff book it).
    /// Names come in `lang` (a kiosk language code) where set-up gave them, else English.
    Result<std::vector<OfferedService>> hub_services(const Principal& by, Id hub_id, const std::string& lang = "en");

    // [Group sessions]
    /// One session, or `repeat_weekly` at the same local wall-clock time on consecutive
    /// weeks (across clock changes), sharing a series id. `conflict` when the room or the
    /// leader is already taken at one of the times; `invalid_field` on capacity when the
    /// places (given, else the service's) exceed the room's size. Returns the ids in time order.
    Result<std::vector<Id>> create_sessions(const Principal& by, const SessionInput& in);
    /// Sessions at a hub on local dates [from, to], in time order.
    Result<std::vector<SessionView>> hub_sessions(const Principal& by, Id hub_id, shared::Date from, shared::Date to);

    // [Kiosks]
    /// Kiosks of a hub, or (no hub) of every hub the caller acts at.
    Result<std::vector<storage::KioskRow>> list_kiosks(const Principal& by, std::optional<Id> hub_id);
    Result<storage::KioskRow> revoke_kiosk(const Principal& by, Id kiosk_id);
    /// The calling kiosk and its hub, the hub named in `lang` where set-up gave it.
    Result<shared::wire::KioskMe> kiosk_me(const Principal& by, const std::string& lang = "en");

  private:
    const ServiceContext& ctx_;
    /// Kiosks ask who they are often (every screen that shows the hub's name).
    /// Keyed by kiosk and language: each language is its own answer.
    FreshCache<std::pair<Id, std::string>, shared::wire::KioskMe> kiosks_;
};

} // namespace frontdoor::server

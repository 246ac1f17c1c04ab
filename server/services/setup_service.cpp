#include "server/services/setup_service.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/core.h>

#include "server/domain/scheduling.hpp"
#include "server/services/audit_service.hpp"
#include "server/services/crypto.hpp"
#include "server/services/hub_scope.hpp"
#include "server/services/translation_service.hpp"
#include "server/storage/booking_repo.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {
namespace {

using storage::Connection;

/// Runs f(Connection&) -> Result<T> in a read transaction, storage errors turned internal.
template <class T, class F> Result<T> read_tx(const ServiceContext& ctx, F&& f) {
    return guard_storage([&]() -> Result<T> {
        return ctx.db.read([&](Connection& c) -> Result<T> { return f(c); });
    });
}

/// The same in the serialised write transaction; an error result still commits nothing
/// because f writes only after its checks.
template <class T, class F> Result<T> write_tx(const ServiceContext& ctx, F&& f) {
    return guard_storage([&]() -> Result<T> {
        return ctx.db.write([&](Connection& c) -> Result<T> { return f(c); });
    });
}

bool is_job_word(std::string_view s) {
    if (s.size() < 2 || s.size() > 40) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool is_username(std::string_view s) {
    if (s.size() < 2 || s.size() > 64) return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-' || c == '@';
    });
}

bool is_access(std::string_view a) {
    return a == "admin" || a == "manager" || a == "reception" || a == "practitioner" || a == "none";
}

std::string field_at(size_t index, const char* name) {
    return fmt::format("[{}].{}", index, name);
}

Error no_staff() { return make_error(ErrorCode::not_found, "no such staff member"); }

/// The staff member, when `by` may see them (themselves, or a colleague at one of their hubs).
Result<storage::StaffRow> colleague(Connection& c, const Principal& by, Id staff_id) {
    auto s = storage::find_staff(c, staff_id);
    if (!s) return no_staff();
    if (auto refused = require_colleague(by, s->id, s->hub_ids)) return *refused;
    return *s;
}

template <class T, class Keep> std::vector<T> only(std::vector<T> rows, Keep keep) {
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const T& r) { return !keep(r); }), rows.end());
    return rows;
}
Error no_hub(std::string field = {}) { return make_error(ErrorCode::not_found, "no such hub", std::move(field)); }

} // namespace

// [SECTION] Hubs and rooms

Result<storage::HubRow> SetupService::create_hub(const Principal& by, const HubInput& in) {
    if (!shared::find_zone(in.timezone))
        return make_error(ErrorCode::invalid_field, "is not a time zone this server knows (e.g. Europe/London)",
                          "timezone");
    return write_tx<storage::HubRow>(ctx_, [&](Connection& c) -> Result<storage::HubRow> {
        auto now = ctx_.clock.now();
        storage::HubRow h{0, in.name, in.timezone, in.address};
        h.id = storage::insert_hub(c, h, now);
        audit_change(c, by, now, "hub.create", {.hub_id = h.id, .detail = std::to_string(h.id) + " " + h.name});
        return h;
    });
}

Result<std::vector<storage::HubRow>> SetupService::list_hubs(const Principal& by) {
    return read_tx<std::vector<storage::HubRow>>(ctx_, [&](Connection& c) {
        return only(storage::list_hubs(c), [&](const storage::HubRow& h) { return acts_at(by, h.id); });
    });
}

Result<storage::HubRow> SetupService::hub(const Principal& by, Id id) {
    if (auto refused = require_hub(by, id)) return *refused;
    return read_tx<storage::HubRow>(ctx_, [&](Connection& c) -> Result<storage::HubRow> {
        auto h = storage::find_hub(c, id);
        if (!h) return no_hub();
        return *h;
    });
}

Result<storage::RoomRow> SetupService::create_room(const Principal& by, Id hub_id, const RoomInput& in) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    return write_tx<storage::RoomRow>(ctx_, [&](Connection& c) -> Result<storage::RoomRow> {
        if (!storage::find_hub(c, hub_id)) return no_hub();
        auto now = ctx_.clock.now();
        storage::RoomRow r{0, hub_id, in.name, in.capacity, true};
        r.id = storage::insert_room(c, r);
        audit_change(c, by, now, "room.create", {.hub_id = hub_id, .detail = std::to_string(r.id) + " " + r.name});
        return r;
    });
}

Result<std::vector<storage::RoomRow>> SetupService::list_rooms(const Principal& by, Id hub_id) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    return read_tx<std::vector<storage::RoomRow>>(ctx_, [&](Connection& c) -> Result<std::vector<storage::RoomRow>> {
        if (!storage::find_hub(c, hub_id)) return no_hub();
        return storage::list_rooms(c, hub_id);
    });
}

// [SECTION] Staff, hours, leave

Result<storage::StaffRow> SetupService::create_staff(const Principal& by, const StaffInput& in) {
    if (!is_job_word(in.role))
        return make_error(ErrorCode::invalid_field, "must be a job in lower-case words joined by _ (e.g. health_visitor)",
                          "role");
    if (!is_access(in.access))
        return make_error(ErrorCode::invalid_field, "must be manager, reception, practitioner, none or admin", "access");
    if (in.access == "admin" && by.role != Role::admin)
        return make_error(ErrorCode::forbidden, "only an admin may create another admin", "access");
    if (in.username && !is_username(*in.username))
        return make_error(ErrorCode::invalid_field, "must be 2 to 64 letters, digits or . _ - @", "username");
    if (in.username && !in.password) return make_error(ErrorCode::missing_field, "is required with a username", "password");
    if (in.password && !in.username) return make_error(ErrorCode::missing_field, "is required with a password", "username");
    if (in.password && (in.password->size() < 8 || in.password->size() > 200))
        return make_error(ErrorCode::invalid_field, "must have 8 to 200 characters", "password");
    auto hubs = in.hub_ids;
    if (in.hub_id && std::find(hubs.begin(), hubs.end(), *in.hub_id) == hubs.end()) hubs.insert(hubs.begin(), *in.hub_id);
    if (auto refused = require_every_hub(by, hubs, in.hub_ids.empty() ? "hub_id" : "hub_ids")) return *refused;
    // Hash outside the write lock: argon2id takes a while on purpose.
    std::optional<std::string> hash;
    if (in.password) hash = hash_password(*in.password);
    return write_tx<storage::StaffRow>(ctx_, [&](Connection& c) -> Result<storage::StaffRow> {
        for (Id hub : hubs)
            if (!storage::find_hub(c, hub)) return no_hub(in.hub_ids.empty() ? "hub_id" : "hub_ids");
        if (in.username && storage::username_taken(c, *in.username))
            return make_error(ErrorCode::conflict, "that username is taken", "username");
        auto now = ctx_.clock.now();
        auto home = in.hub_id ? in.hub_id : hubs.empty() ? std::nullopt : std::optional<Id>{hubs.front()};
        storage::StaffRow s{0, in.name, in.role, home, in.username, in.access, true};
        s.id = storage::insert_staff(c, s, hash, now);
        storage::replace_staff_hubs(c, s.id, hubs, home);
        s.hub_ids = storage::staff_hub_ids(c, s.id);
        audit_change(c, by, now, "staff.create",
                     {.hub_id = home, .detail = std::to_string(s.id) + " " + s.name + " (" + s.role + ", " + s.access + ")"});
        return s;
    });
}

Result<storage::StaffRow> SetupService::set_staff_hubs(const Principal& by, Id staff_id, const std::vector<Id>& hub_ids) {
    if (hub_ids.empty()) return make_error(ErrorCode::invalid_field, "must name at least one hub", "hub_ids");
    if (auto refused = require_every_hub(by, hub_ids, "hub_ids")) return *refused;
    return write_tx<storage::StaffRow>(ctx_, [&](Connection& c) -> Result<storage::StaffRow> {
        auto s = colleague(c, by, staff_id);
        if (!s) return s.error();
        if (s->access == "admin" && by.role != Role::admin)
            return make_error(ErrorCode::forbidden, "only an admin may change an admin");
        for (Id hub : hub_ids)
            if (!storage::find_hub(c, hub)) return no_hub("hub_ids");
        // What the caller holds is replaced; hubs beyond their reach stay as they were.
        auto hubs = only(s->hub_ids, [&](Id h) { return !acts_at(by, h); });
        for (Id hub : hub_ids)
            if (std::find(hubs.begin(), hubs.end(), hub) == hubs.end()) hubs.push_back(hub);
        std::sort(hubs.begin(), hubs.end());
        auto home = s->hub_id && std::find(hubs.begin(), hubs.end(), *s->hub_id) != hubs.end()
                        ? s->hub_id : std::optional<Id>{hub_ids.front()};
        storage::replace_staff_hubs(c, staff_id, hubs, home);
        std::string detail = std::to_string(staff_id) + " hubs";
        for (Id hub : hubs) detail += " " + std::to_string(hub);
        audit_change(c, by, ctx_.clock.now(), "staff.hubs", {.detail = detail});
        return *storage::find_staff(c, staff_id);
    });
}

Result<std::vector<storage::StaffRow>> SetupService::list_staff(const Principal& by, std::optional<Id> hub_id) {
    if (hub_id)
        if (auto refused = require_hub(by, *hub_id)) return *refused;
    return read_tx<std::vector<storage::StaffRow>>(ctx_, [&](Connection& c) {
        return only(storage::list_staff(c, hub_id),
                    [&](const storage::StaffRow& s) { return !require_any_hub(by, s.hub_ids); });
    });
}

Result<StaffDetail> SetupService::staff(const Principal& by, Id id) {
    return read_tx<StaffDetail>(ctx_, [&](Connection& c) -> Result<StaffDetail> {
        auto s = colleague(c, by, id);
        if (!s) return s.error();
        return StaffDetail{*s, storage::working_hours(c, id)};
    });
}

Result<std::vector<storage::WorkingHoursRow>>
SetupService::set_working_hours(const Principal& by, Id staff_id, const std::vector<WorkingRangeInput>& in) {
    // Shape first: each range on its own, then no two on one day overlapping.
    for (size_t i = 0; i < in.size(); ++i) {
        const auto& r = in[i];
        if (r.weekday < 1 || r.weekday > 7)
            return make_error(ErrorCode::invalid_field, "must be 1 (Monday) to 7 (Sunday)", field_at(i, "weekday"));
        if (r.start.count() < 0 || r.start.count() >= 24 * 60)
            return make_error(ErrorCode::invalid_field, "must be a time of day as HH:MM", field_at(i, "start"));
        if (r.end <= r.start || r.end.count() > 24 * 60)
            return make_error(ErrorCode::invalid_field, "must be after start", field_at(i, "end"));
        for (size_t j = 0; j < i; ++j) {
            const auto& o = in[j];
            if (o.weekday != r.weekday || !(r.start < o.end && o.start < r.end)) continue;
            bool starts_inside = o.start <= r.start && r.start < o.end;
            return make_error(ErrorCode::invalid_field,
                              "overlaps " + shared::format_hhmm(o.start) + "-" + shared::format_hhmm(o.end) +
                                  " on the same day",
                              field_at(i, starts_inside ? "start" : "end"));
        }
    }
    return write_tx<std::vector<storage::WorkingHoursRow>>(
        ctx_, [&](Connection& c) -> Result<std::vector<storage::WorkingHoursRow>> {
            auto s = colleague(c, by, staff_id);
            if (!s) return s.error();
            // Ranges at hubs beyond the caller's reach are kept; a manager replaces their own hubs' only.
            std::vector<storage::WorkingHoursRow> rows;
            if (by.role != Role::admin)
                for (const auto& kept : storage::working_hours(c, staff_id))
                    if (!acts_at(by, kept.hub_id)) rows.push_back(kept);
            for (size_t i = 0; i < in.size(); ++i) {
                const auto& r = in[i];
                auto hub_id = r.hub_id ? r.hub_id : s->hub_id;
                if (!hub_id) return make_error(ErrorCode::missing_field, "is required", field_at(i, "hub_id"));
                if (auto refused = require_every_hub(by, {*hub_id}, field_at(i, "hub_id").c_str())) return *refused;
                if (!storage::find_hub(c, *hub_id)) return no_hub(field_at(i, "hub_id"));
                rows.push_back({*hub_id, r.weekday, static_cast<int>(r.start.count()),
                                static_cast<int>(r.end.count())});
            }
            std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
                return std::tie(a.weekday, a.start_min) < std::tie(b.weekday, b.start_min);
            });
            storage::replace_working_hours(c, staff_id, rows);
            audit_change(c, by, ctx_.clock.now(), "staff.hours",
                         {.detail = std::to_string(staff_id) + " " + std::to_string(rows.size()) + " ranges"});
            return rows;
        });
}

Result<std::vector<storage::WorkingHoursRow>> SetupService::working_hours(const Principal& by, Id staff_id) {
    return read_tx<std::vector<storage::WorkingHoursRow>>(
        ctx_, [&](Connection& c) -> Result<std::vector<storage::WorkingHoursRow>> {
            if (auto s = colleague(c, by, staff_id); !s) return s.error();
            return storage::working_hours(c, staff_id);
        });
}

Result<storage::AbsenceRow> SetupService::add_absence(const Principal& by, Id staff_id, const AbsenceInput& in) {
    if (date::sys_days{in.to} < date::sys_days{in.from})
        return make_error(ErrorCode::invalid_field, "must not be before from", "to");
    if (shared::days_between(in.from, in.to) > 366)
        return make_error(ErrorCode::invalid_field, "must be within a year of from", "to");
    return write_tx<storage::AbsenceRow>(ctx_, [&](Connection& c) -> Result<storage::AbsenceRow> {
        if (auto s = colleague(c, by, staff_id); !s) return s.error();
        storage::AbsenceRow a{0, staff_id, shared::format_date(in.from), shared::format_date(in.to), in.reason};
        a.id = storage::insert_absence(c, a);
        audit_change(c, by, ctx_.clock.now(), "staff.absence",
                     {.detail = std::to_string(staff_id) + " " + a.from_date + ".." + a.to_date});
        return a;
    });
}

Result<std::vector<storage::AbsenceRow>> SetupService::absences(const Principal& by, Id staff_id) {
    return read_tx<std::vector<storage::AbsenceRow>>(ctx_, [&](Connection& c) -> Result<std::vector<storage::AbsenceRow>> {
        if (auto s = colleague(c, by, staff_id); !s) return s.error();
        return storage::absences(c, staff_id);
    });
}

// [SECTION] Services

Result<storage::ServiceRow> SetupService::create_service(const Principal& by, const ServiceInput& in) {
    if (in.kind != "appointment" && in.kind != "group")
        return make_error(ErrorCode::invalid_field, "must be appointment or group", "kind");
    if (in.duration_minutes < 5 || in.duration_minutes > 720)
        return make_error(ErrorCode::invalid_field, "must be between 5 and 720", "duration_minutes");
    if (in.kind == "appointment" && !in.staff_role)
        return make_error(ErrorCode::missing_field, "is required for an appointment service", "staff_role");
    if (in.staff_role && !is_job_word(*in.staff_role))
        return make_error(ErrorCode::invalid_field, "must be a job in lower-case words joined by _", "staff_role");
    if (in.kind == "group" && !in.capacity)
        return make_error(ErrorCode::missing_field, "is required for a group service", "capacity");
    if (in.capacity && (*in.capacity < 1 || *in.capacity > 1000))
        return make_error(ErrorCode::invalid_field, "must be between 1 and 1000", "capacity");
    return write_tx<storage::ServiceRow>(ctx_, [&](Connection& c) -> Result<storage::ServiceRow> {
        storage::ServiceRow s;
        s.name = in.name;
        s.kind = in.kind;
        s.duration_minutes = in.duration_minutes;
        s.staff_role = in.staff_role;
        s.capacity = in.kind == "group" ? in.capacity : std::nullopt;
        s.self_bookable = in.self_bookable;
        s.needs_child = in.needs_child;
        s.discreet = in.discreet;
        s.description = in.description;
        s.id = storage::insert_service(c, s);
        audit_change(c, by, ctx_.clock.now(), "service.create", {.detail = std::to_string(s.id) + " " + s.name});
        return s;
    });
}

Result<std::vector<storage::ServiceRow>> SetupService::list_services() {
    return read_tx<std::vector<storage::ServiceRow>>(ctx_, [](Connection& c) { return storage::list_services(c); });
}

Result<std::vector<OfferedService>> SetupService::hub_services(const Principal& by, Id hub_id, const std::string& lang) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    return read_tx<std::vector<OfferedService>>(
        ctx_, [&](Connection& c) -> Result<std::vector<OfferedService>> {
            if (!storage::find_hub(c, hub_id)) return no_hub();
            auto now = ctx_.clock.now();
            auto horizon = now + std::chrono::days{ctx_.settings.booking_horizon_days};
            // What a parent could actually book here: someone of the role works at this
            // hub, or a session of the group is still to come here. Services are shared
            // by the area's hubs; without this a kiosk offered dead ends.
            auto offered_here = [&](const storage::ServiceRow& s) {
                if (s.kind == "group") return !storage::sessions_between(c, hub_id, s.id, now, horizon).empty();
                return !storage::staff_with_role_at_hub(c, s.staff_role.value_or(""), hub_id).empty();
            };
            std::vector<OfferedService> out;
            for (auto& s : storage::list_services(c)) {
                if (!s.active) continue;
                if (by.role == Role::kiosk && (!s.self_bookable || s.discreet || !offered_here(s))) continue;
                auto local = detail::local_name(c, storage::Named::service, s.id, s.name, s.description, lang);
                out.push_back({std::move(s), std::move(local.name), std::move(local.description), std::move(local.lang)});
            }
            return out;
        });
}

// [SECTION] Group sessions

Result<std::vector<Id>> SetupService::create_sessions(const Principal& by, const SessionInput& in) {
    if (in.repeat_weekly < 1 || in.repeat_weekly > 52)
        return make_error(ErrorCode::invalid_field, "must be between 1 and 52", "repeat_weekly");
    if (in.capacity && (*in.capacity < 1 || *in.capacity > 1000))
        return make_error(ErrorCode::invalid_field, "must be between 1 and 1000", "capacity");
    if (auto refused = require_every_hub(by, {in.hub_id}, "hub_id")) return *refused;
    return write_tx<std::vector<Id>>(ctx_, [&](Connection& c) -> Result<std::vector<Id>> {
        auto service = storage::find_service(c, in.service_id);
        if (!service) return make_error(ErrorCode::not_found, "no such service", "service_id");
        if (service->kind != "group")
            return make_error(ErrorCode::invalid_field, "must be a group service", "service_id");
        auto hub = storage::find_hub(c, in.hub_id);
        if (!hub) return no_hub("hub_id");
        auto room = storage::find_room(c, in.room_id);
        if (!room) return make_error(ErrorCode::not_found, "no such room", "room_id");
        if (room->hub_id != hub->id) return make_error(ErrorCode::invalid_field, "is not a room of this hub", "room_id");
        int places = in.capacity.value_or(service->capacity.value_or(1));
        if (places > room->capacity)
            return make_error(ErrorCode::invalid_field,
                              room->name + " holds " + std::to_string(room->capacity) + ": a session there can have at most " +
                                  std::to_string(room->capacity) + " places, not " + std::to_string(places),
                              "capacity");
        if (in.staff_id) {
            auto leader = storage::find_staff(c, *in.staff_id);
            if (!leader || !leader->active) return make_error(ErrorCode::not_found, "no such staff member", "staff_id");
            if (std::find(leader->hub_ids.begin(), leader->hub_ids.end(), hub->id) == leader->hub_ids.end())
                return make_error(ErrorCode::invalid_field, leader->name + " does not work at this hub", "staff_id");
        }
        const auto* zone = shared::find_zone(hub->timezone);
        if (!zone) return make_error(ErrorCode::internal, "hub " + std::to_string(hub->id) + " has an unknown zone");

        // The same local wall-clock time each week: 10:00 stays 10:00 across a clock change.
        auto first_day = shared::local_date(zone, in.start);
        auto time_of_day = shared::local_time_of_day(zone, in.start);
        auto length = std::chrono::minutes{service->duration_minutes};
        std::vector<domain::Interval> times;
        for (int week = 0; week < in.repeat_weekly; ++week) {
            auto start = shared::local_to_instant(zone, shared::add_days(first_day, 7 * week), time_of_day);
            times.push_back({start, start + length});
        }
        for (const auto& t : times) {
            auto when = shared::format_instant(t.start, zone);
            for (const auto& busy : storage::room_busy(c, room->id, t.start, t.end))
                if (domain::overlaps(busy, t))
                    return make_error(ErrorCode::conflict, "the room is already taken at " + when, "room_id");
            if (in.staff_id)
                for (const auto& busy : storage::staff_busy(c, *in.staff_id, t.start, t.end))
                    if (domain::overlaps(busy, t))
                        return make_error(ErrorCode::conflict, "the leader is already busy at " + when, "staff_id");
        }

        storage::SessionRow row;
        row.service_id = service->id;
        row.hub_id = hub->id;
        row.room_id = room->id;
        row.staff_id = in.staff_id;
        row.capacity = places;
        std::vector<Id> ids;
        for (const auto& t : times) {
            row.start = t.start;
            row.end = t.end;
            ids.push_back(storage::insert_session(c, row));
            if (in.repeat_weekly > 1) {
                if (!row.series_id) row.series_id = ids.front();
                storage::set_session_series(c, ids.back(), *row.series_id);
            }
        }
        audit_change(c, by, ctx_.clock.now(), "session.create",
                     {.hub_id = hub->id,
                      .detail = service->name + " x" + std::to_string(ids.size()) + " from " +
                                shared::format_instant(times.front().start, zone) + " ids " +
                                std::to_string(ids.front()) + ".." + std::to_string(ids.back())});
        return ids;
    });
}

Result<std::vector<SessionView>> SetupService::hub_sessions(const Principal& by, Id hub_id, shared::Date from,
                                                           shared::Date to) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    if (date::sys_days{to} < date::sys_days{from})
        return make_error(ErrorCode::invalid_field, "must not be before from", "to");
    if (shared::days_between(from, to) > 366)
        return make_error(ErrorCode::invalid_field, "must be within a year of from", "to");
    return read_tx<std::vector<SessionView>>(ctx_, [&](Connection& c) -> Result<std::vector<SessionView>> {
        auto hub = storage::find_hub(c, hub_id);
        if (!hub) return no_hub();
        const auto* zone = shared::find_zone(hub->timezone);
        if (!zone) return make_error(ErrorCode::internal, "hub " + std::to_string(hub->id) + " has an unknown zone");
        auto begin = shared::local_to_instant(zone, from, shared::Minutes{0});
        auto end = shared::local_to_instant(zone, shared::add_days(to, 1), shared::Minutes{0});
        std::map<Id, std::string> service_names, room_names, staff_names;
        auto name_of = [&](std::map<Id, std::string>& cache, Id id, auto find) {
            auto it = cache.find(id);
            if (it == cache.end()) {
                auto row = find(c, id);
                it = cache.emplace(id, row ? row->name : std::string{}).first;
            }
            return it->second;
        };
        std::vector<SessionView> out;
        for (auto& s : storage::hub_sessions_between(c, hub_id, begin, end)) {
            SessionView v;
            v.service_name = name_of(service_names, s.service_id, storage::find_service);
            v.room_name = name_of(room_names, s.room_id, storage::find_room);
            if (s.staff_id) v.staff_name = name_of(staff_names, *s.staff_id, storage::find_staff);
            v.booked = storage::live_bookings_in_session(c, s.id);
            v.start = shared::format_instant(s.start, zone);
            v.end = shared::format_instant(s.end, zone);
            v.session = std::move(s);
            out.push_back(std::move(v));
        }
        return out;
    });
}

// [SECTION] Kiosks

Result<std::vector<storage::KioskRow>> SetupService::list_kiosks(const Principal& by, std::optional<Id> hub_id) {
    if (hub_id)
        if (auto refused = require_hub(by, *hub_id)) return *refused;
    return read_tx<std::vector<storage::KioskRow>>(ctx_, [&](Connection& c) {
        return only(storage::list_kiosks(c, hub_id), [&](const storage::KioskRow& k) { return acts_at(by, k.hub_id); });
    });
}

Result<storage::KioskRow> SetupService::revoke_kiosk(const Principal& by, Id kiosk_id) {
    return write_tx<storage::KioskRow>(ctx_, [&](Connection& c) -> Result<storage::KioskRow> {
        auto k = storage::find_kiosk(c, kiosk_id);
        if (!k) return make_error(ErrorCode::not_found, "no such kiosk");
        if (auto refused = require_hub(by, k->hub_id)) return *refused;
        if (!k->revoked) {
            storage::revoke_kiosk(c, kiosk_id);
            audit_change(c, by, ctx_.clock.now(), "kiosk.revoke", {.hub_id = k->hub_id, .detail = std::to_string(kiosk_id) + " " + k->name});
        }
        k->revoked = true;
        return *k;
    });
}

Result<shared::wire::KioskMe> SetupService::kiosk_me(const Principal& by, const std::string& lang) {
    if (by.role != Role::kiosk || !by.kiosk_id)
        return make_error(ErrorCode::forbidden, "only a kiosk has a kiosk identity");
    auto key = std::pair{*by.kiosk_id, lang};
    if (auto known = kiosks_.find(key, ctx_.clock.now())) return *known;
    auto generation = kiosks_.generation();
    auto me = read_tx<shared::wire::KioskMe>(ctx_, [&](Connection& c) -> Result<shared::wire::KioskMe> {
        auto k = storage::find_kiosk(c, *by.kiosk_id);
        if (!k || k->revoked) return make_error(ErrorCode::unauthenticated, "this kiosk has been revoked");
        auto h = storage::find_hub(c, k->hub_id);
        if (!h) return no_hub();
        auto local = detail::local_name(c, storage::Named::hub, h->id, h->name, "", lang);
        return shared::wire::KioskMe{k->id, k->name, {h->id, local.name, h->timezone, local.lang}};
    });
    if (me) kiosks_.put(key, *me, generation);
    return me;
}

} // namespace frontdoor::server

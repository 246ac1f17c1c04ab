#include <algorithm>

#include "server/services/series_service.hpp"

#include "server/services/audit_service.hpp"
#include "server/services/booking_detail.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/series_repo.hpp"
#include "server/storage/setup_repo.hpp"
#include "server/storage/waitlist_repo.hpp"

namespace frontdoor::server {
namespace {

using shared::Instant;
using storage::Connection;

struct Series {
    std::vector<storage::SessionRow> sessions;
    storage::HubRow hub;
    const date::time_zone* zone = nullptr;
};

/// The series and its hub, checked for who asks.
Result<Series> load_series(Connection& c, const Principal& by, Id series_id) {
    auto sessions = storage::series_sessions(c, series_id);
    if (sessions.empty()) return make_error(ErrorCode::not_found, "no such series");
    auto hub = storage::find_hub(c, sessions.front().hub_id);
    if (!hub) return make_error(ErrorCode::not_found, "no such hub");
    if (auto refused = require_hub(by, hub->id)) return *refused;
    return Series{std::move(sessions), *hub, detail::hub_zone(*hub)};
}

std::vector<SessionView> views(Connection& c, const Series& s) {
    std::vector<SessionView> out;
    for (const auto& row : s.sessions) {
        SessionView v;
        v.session = row;
        if (auto svc = storage::find_service(c, row.service_id)) v.service_name = svc->name;
        if (auto room = storage::find_room(c, row.room_id)) v.room_name = room->name;
        if (row.staff_id)
            if (auto st = storage::find_staff(c, *row.staff_id)) v.staff_name = st->name;
        v.booked = storage::live_bookings_in_session(c, row.id);
        v.start = shared::format_instant(row.start, s.zone);
        v.end = shared::format_instant(row.end, s.zone);
        out.push_back(std::move(v));
    }
    return out;
}

/// The sessions still to come on local dates from `from` on, not cancelled.
std::vector<storage::SessionRow*> to_come(Series& s, const shared::Date& from, Instant now) {
    std::vector<storage::SessionRow*> out;
    for (auto& row : s.sessions)
        if (!row.cancelled && row.start > now &&
            date::sys_days{shared::local_date(s.zone, row.start)} >= date::sys_days{from})
            out.push_back(&row);
    return out;
}

} // namespace

Result<std::vector<SessionView>> SeriesService::sessions(const Principal& by, Id series_id) {
    return guard_storage([&]() -> Result<std::vector<SessionView>> {
        return ctx_.db.read([&](Connection& c) -> Result<std::vector<SessionView>> {
            auto s = load_series(c, by, series_id);
            if (!s) return s.error();
            return views(c, *s);
        });
    });
}

Result<std::vector<SessionView>> SeriesService::change(const Principal& by, Id series_id, const SeriesChange& in) {
    if (!in.capacity && !in.staff_id && !in.time)
        return make_error(ErrorCode::missing_field, "give capacity, staff_id or time to change", "capacity");
    return guard_storage([&]() -> Result<std::vector<SessionView>> {
        return ctx_.db.write([&](Connection& c) -> Result<std::vector<SessionView>> {
            auto now = ctx_.clock.now();
            auto s = load_series(c, by, series_id);
            if (!s) return s.error();
            auto from = in.from.value_or(shared::local_date(s->zone, now));
            auto changing = to_come(*s, from, now);
            if (changing.empty())
                return make_error(ErrorCode::conflict, "no session of this series is still to come from " +
                                                           shared::format_date(from));
            if (in.staff_id) {
                auto leader = storage::find_staff(c, *in.staff_id);
                if (!leader || !leader->active) return make_error(ErrorCode::not_found, "no such staff member", "staff_id");
                if (std::find(leader->hub_ids.begin(), leader->hub_ids.end(), s->hub.id) == leader->hub_ids.end())
                    return make_error(ErrorCode::invalid_field, leader->name + " does not work at this hub", "staff_id");
            }
            for (auto* row : changing) {
                auto room = storage::find_room(c, row->room_id);
                auto when = shared::format_instant(row->start, s->zone);
                if (in.capacity) {
                    if (room && *in.capacity > room->capacity)
                        return make_error(ErrorCode::invalid_field,
                                          room->name + " holds " + std::to_string(room->capacity) + ": a session there "
                                              "can have at most " + std::to_string(room->capacity) + " places",
                                          "capacity");
                    int booked = storage::live_bookings_in_session(c, row->id);
                    if (*in.capacity < booked)
                        return make_error(ErrorCode::conflict,
                                          std::to_string(booked) + " families are booked on " + when +
                                              ": places cannot go below that",
                                          "capacity");
                    row->capacity = *in.capacity;
                }
                if (in.time) {
                    auto length = row->end - row->start;
                    row->start = shared::local_to_instant(s->zone, shared::local_date(s->zone, row->start), *in.time);
                    row->end = row->start + length;
                    when = shared::format_instant(row->start, s->zone);
                    if (row->start <= now)
                        return make_error(ErrorCode::invalid_field, "would move a session to the past (" + when + ")",
                                          "time");
                }
                if (in.staff_id) row->staff_id = *in.staff_id;
                if (in.time && storage::room_taken(c, row->room_id, row->start, row->end, series_id))
                    return make_error(ErrorCode::conflict, "the room is already taken at " + when, "time");
                if ((in.time || in.staff_id) && row->staff_id &&
                    storage::leader_taken(c, *row->staff_id, row->start, row->end, series_id))
                    return make_error(ErrorCode::conflict, "the leader is already busy at " + when,
                                      in.staff_id ? "staff_id" : "time");
            }
            for (auto* row : changing) {
                storage::update_session(c, *row);
                storage::follow_session(c, *row, now);
            }
            audit_change(c, by, now, "series.change",
                         {.hub_id = s->hub.id,
                          .detail = std::to_string(series_id) + " from " + shared::format_date(from) + ": " +
                                    std::to_string(changing.size()) + " sessions"});
            return views(c, *s);
        });
    });
}

Result<SeriesCancellation> SeriesService::cancel(const Principal& by, Id series_id, shared::Date from) {
    std::vector<std::pair<Id, Id>> cancelled; // hub, booking
    auto r = guard_storage([&]() -> Result<SeriesCancellation> {
        return ctx_.db.write([&](Connection& c) -> Result<SeriesCancellation> {
            auto now = ctx_.clock.now();
            auto s = load_series(c, by, series_id);
            if (!s) return s.error();
            SeriesCancellation out;
            for (auto* row : to_come(*s, from, now)) {
                row->cancelled = true;
                storage::update_session(c, *row);
                out.sessions.push_back(row->id);
                // Families waiting for this very session will never get a place in it.
                for (const auto& w : storage::waiting_entries(c, s->hub.id, row->service_id))
                    if (w.session_id == row->id) storage::update_waitlist(c, w.id, "cancelled", std::nullopt, std::nullopt, now);
                for (const auto& b : storage::live_bookings_of_session(c, row->id)) {
                    storage::set_booking_status(c, b.id, "cancelled", std::nullopt, now, by.actor());
                    audit_change(c, by, now, "booking.cancel",
                                 {.booking_id = b.id, .client_id = b.client_id, .hub_id = b.hub_id,
                                  .detail = b.reference + " with series " + std::to_string(series_id)});
                    if (auto w = storage::waitlist_for_booking(c, b.id))
                        storage::update_waitlist(c, w->id, "cancelled", std::nullopt, std::nullopt, now);
                    CancelledBooking f{b.id, b.reference, row->id, shared::format_instant(row->start, s->zone), {}, {}, {}};
                    if (auto cl = storage::find_client(c, b.client_id)) {
                        f.client_name = cl->first_name + " " + cl->last_name;
                        f.phone = cl->phone;
                    }
                    if (b.child_id)
                        if (auto ch = storage::find_child(c, *b.child_id)) f.child_name = ch->first_name;
                    out.families.push_back(std::move(f));
                    cancelled.emplace_back(b.hub_id, b.id);
                }
            }
            if (!out.sessions.empty())
                audit_change(c, by, now, "series.cancel",
                             {.hub_id = s->hub.id,
                              .detail = std::to_string(series_id) + " from " + shared::format_date(from) + ": " +
                                        std::to_string(out.sessions.size()) + " sessions, " +
                                        std::to_string(out.families.size()) + " bookings"});
            return out;
        });
    });
    for (auto [hub, booking] : cancelled) ctx_.publish({hub, booking, "cancelled"});
    return r;
}

} // namespace frontdoor::server

#include "server/services/arrival_service.hpp"

#include "server/domain/checkin.hpp"
#include "server/services/audit_service.hpp"
#include "server/services/booking_detail.hpp"
#include "server/services/hub_scope.hpp"
#include "server/services/translation_service.hpp"
#include "server/storage/day_repo.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {

using storage::Connection;

void to_json(shared::json& j, const DayAppointment& a) {
    j = shared::json{{"booking_id", a.booking_id}, {"reference", a.reference}, {"start", a.start},
                     {"end", a.end},               {"service", a.service},     {"room", a.room},
                     {"client_name", a.client_name}, {"status", a.status},    {"flags", a.flags}};
    j["staff"] = a.staff ? shared::json(*a.staff) : shared::json(nullptr);
    if (a.child_name) j["child_name"] = *a.child_name;
    if (a.arrived_at) j["arrived_at"] = *a.arrived_at;
    if (a.interpreter) j["interpreter"] = *a.interpreter;
    if (a.late_minutes) j["late_minutes"] = *a.late_minutes;
    if (a.discreet) j["discreet"] = true; // the printed sheet does not name it
    j["allowed_statuses"] = a.allowed_statuses;
    if (a.undo_until) j["undo_until"] = *a.undo_until;
    if (!a.contact_to_confirm.empty()) j["contact_to_confirm"] = contact_json(a.contact_to_confirm);
}

shared::json contact_json(const storage::ToldContact& told) {
    auto j = shared::json::object();
    if (told.phone) j["phone"] = *told.phone;
    if (told.email) j["email"] = *told.email;
    if (told.interpreter) j["interpreter"] = *told.interpreter;
    return j;
}

namespace {

std::string first_word(const std::string& s) {
    auto sp = s.find(' ');
    return sp == std::string::npos ? s : s.substr(0, sp);
}

} // namespace

Result<std::vector<shared::wire::CheckedIn>> ArrivalService::check_in(const Principal& by, const CheckinInput& in) {
    std::vector<Id> arrived;
    auto r = guard_storage([&]() -> Result<std::vector<shared::wire::CheckedIn>> {
        return ctx_.db.write([&](Connection& c) -> Result<std::vector<shared::wire::CheckedIn>> {
            auto hub = storage::find_hub(c, in.hub_id);
            if (!hub) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            if (auto refused = require_hub(by, in.hub_id)) return *refused;
            auto zone = detail::hub_zone(*hub);
            auto now = ctx_.clock.now();
            auto today = shared::local_date(zone, now);
            auto from = shared::local_to_instant(zone, today, shared::Minutes{0});
            auto to = shared::local_to_instant(zone, shared::add_days(today, 1), shared::Minutes{0});
            auto rows = in.reference ? storage::arrivals_by_reference(c, in.hub_id, from, to, *in.reference)
                                     : storage::arrivals_by_birth_date(c, in.hub_id, from, to, *in.date_of_birth);
            std::vector<domain::CheckinCandidate> candidates;
            std::vector<const storage::DayRow*> matched;
            for (const auto& row : rows) {
                if (!in.reference && !domain::initial_matches(row.client_last_name, *in.surname_initial)) continue;
                candidates.push_back({row.booking_id, row.client_id});
                matched.push_back(&row);
            }
            auto chosen = domain::choose_checkin(candidates);
            if (!chosen) return chosen.error();
            std::vector<shared::wire::CheckedIn> out;
            for (const auto* row : matched) {
                auto move = detail::status_move(by, row->status, row->staff_id, row->child_id.has_value(), row->start,
                                                zone, now);
                auto next = domain::next_status(move, "arrived");
                // How late is fixed by the first check-in; a second one answers the same.
                auto late = row->minutes_late;
                if (next && *next != move.current) {
                    storage::set_booking_status(c, row->booking_id, "arrived", now, now, by.actor());
                    late = domain::minutes_late(row->start, now, ctx_.settings.late_after_minutes);
                    storage::set_minutes_late(c, row->booking_id, late);
                    audit_change(c, by, now, "booking.check_in",
                                 {.booking_id = row->booking_id, .client_id = row->client_id, .hub_id = in.hub_id,
                                  .detail = row->reference + " " + row->status + " -> arrived"});
                    arrived.push_back(row->booking_id);
                }
                shared::wire::CheckedIn ci;
                ci.booking_id = row->booking_id;
                ci.start = shared::format_instant(row->start, zone);
                // A kiosk's screen is public: it is never told a discreet service's name.
                if (!(row->discreet && by.role == Role::kiosk)) {
                    auto service = detail::local_name(c, storage::Named::service, row->service_id, row->service_name, "", in.lang);
                    ci.service_name = service.name;
                    ci.service_name_lang = service.lang;
                }
                ci.discreet = row->discreet;
                auto room = detail::local_name(c, storage::Named::room, row->room_id, row->room_name, "", in.lang);
                ci.room_name = room.name;
                ci.room_name_lang = room.lang;
                if (row->staff_name) ci.practitioner_first_name = first_word(*row->staff_name);
                ci.late = late.has_value();
                ci.minutes_late = late.value_or(0);
                out.push_back(std::move(ci));
            }
            return out;
        });
    });
    for (Id id : arrived) ctx_.publish({in.hub_id, id, "arrived"});
    return r;
}

Result<ArrivalService::Day> ArrivalService::day(const Principal& by, Id hub_id, std::optional<shared::Date> on) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    auto now = ctx_.clock.now();
    return guard_storage([&]() -> Result<Day> {
        return ctx_.db.read([&](Connection& c) -> Result<Day> {
            auto hub = storage::find_hub(c, hub_id);
            if (!hub) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            auto zone = detail::hub_zone(*hub);
            auto date = on ? *on : shared::local_date(zone, now);
            auto rows = storage::bookings_between(c, hub_id, shared::local_to_instant(zone, date, shared::Minutes{0}),
                                                  shared::local_to_instant(zone, shared::add_days(date, 1), shared::Minutes{0}));
            std::vector<DayAppointment> out;
            for (const auto& r : rows) {
                DayAppointment a;
                a.booking_id = r.booking_id;
                a.reference = r.reference;
                a.start = shared::format_instant(r.start, zone);
                a.end = shared::format_instant(r.end, zone);
                a.service = {r.service_id, r.service_name};
                a.discreet = r.discreet;
                a.room = {r.room_id, r.room_name};
                if (r.staff_id) a.staff = shared::wire::Ref{*r.staff_id, r.staff_name.value_or("")};
                a.client_name = r.client_first_name + " " + r.client_last_name;
                a.child_name = r.child_name;
                a.status = r.status;
                if (r.arrived_at) a.arrived_at = shared::format_instant(*r.arrived_at, zone);
                a.late_minutes = r.minutes_late;
                a.interpreter = r.interpreter;
                auto move = detail::status_move(by, r.status, r.staff_id, r.child_id.has_value(), r.start, zone, now);
                for (auto request : domain::allowed_requests(move)) a.allowed_statuses.emplace_back(request);
                if (auto until = domain::undo_until(detail::undo_ask(c, ctx_, r.booking_id, move, now)))
                    a.undo_until = shared::format_instant(*until, zone);
                a.contact_to_confirm = r.told;
                if (r.interpreter) a.flags.push_back("needs_interpreter");
                int missed = storage::earlier_missed(c, r.client_id, r.child_id, r.start);
                if (missed > 0)
                    a.flags.push_back(r.child_id ? (missed > 1 ? "repeated_was_not_brought" : "previous_was_not_brought")
                                                 : "previous_did_not_attend");
                if (!storage::has_earlier_booking(c, r.client_id, r.start)) a.flags.push_back("first_visit");
                out.push_back(std::move(a));
            }
            return Day{date, std::move(out)};
        });
    });
}

} // namespace frontdoor::server

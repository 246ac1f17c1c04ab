#include "server/services/booking_service.hpp"

#include "server/domain/booking_rules.hpp"
#include "server/domain/checkin.hpp"
#include "server/domain/scheduling.hpp"
#include "server/services/audit_service.hpp"
#include "server/services/booking_detail.hpp"
#include "server/services/compress.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {
namespace {

using shared::Instant;
using storage::Connection;

/// Hub and service of a request, with the kiosk's limits: its own hub only,
/// self-bookable services only (others do not exist as far as a kiosk can tell), and no
/// discreet service (staff book those: a kiosk's answers would name it in public).
struct Target {
    storage::HubRow hub;
    storage::ServiceRow service;
    const date::time_zone* zone = nullptr;
};
std::optional<Error> kiosk_limits(const Principal& by, Id hub_id, bool self_bookable, bool discreet) {
    if (auto refused = require_hub(by, hub_id)) return refused;
    if (by.role != Role::kiosk) return std::nullopt;
    if (!self_bookable) return make_error(ErrorCode::not_found, "no such service", "service_id");
    if (discreet) return make_error(ErrorCode::forbidden, "please ask at reception to book this", "service_id");
    return std::nullopt;
}
Result<Target> load_target(Connection& c, const Principal& by, Id hub_id, Id service_id) {
    auto hub = storage::find_hub(c, hub_id);
    if (!hub) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
    if (auto refused = require_hub(by, hub_id)) return *refused;
    auto service = storage::find_service(c, service_id);
    if (!service || !service->active) return make_error(ErrorCode::not_found, "no such service", "service_id");
    if (auto refused = kiosk_limits(by, hub_id, service->self_bookable, service->discreet)) return *refused;
    return Target{*hub, *service, detail::hub_zone(*hub)};
}

/// Practitioners of the service's role working at the hub, with hours, leave and busy
/// time between `from` and `to`; and the hub's rooms with their busy time.
struct Diary {
    std::vector<domain::Practitioner> practitioners;
    std::vector<domain::Room> rooms;
};
Diary load_diary(Connection& c, const Target& t, Instant from, Instant to) {
    Diary d;
    for (const auto& s : storage::staff_with_role_at_hub(c, t.service.staff_role.value_or(""), t.hub.id)) {
        domain::Practitioner p;
        p.id = s.id;
        for (const auto& h : storage::working_hours(c, s.id))
            if (h.hub_id == t.hub.id)
                p.hours.push_back({h.weekday, shared::Minutes{h.start_min}, shared::Minutes{h.end_min}});
        for (const auto& a : storage::absences(c, s.id)) {
            auto f = shared::parse_date(a.from_date);
            auto e = shared::parse_date(a.to_date);
            if (f && e) p.leave.push_back({*f, *e});
        }
        p.busy = storage::staff_busy(c, s.id, from, to);
        d.practitioners.push_back(std::move(p));
    }
    for (const auto& r : storage::list_rooms(c, t.hub.id))
        if (r.active) d.rooms.push_back({r.id, storage::room_busy(c, r.id, from, to)});
    return d;
}

Instant day_start(const date::time_zone* zone, const shared::Date& d) {
    return shared::local_to_instant(zone, d, shared::Minutes{0});
}

std::string actor_of(const Principal& p) { return p.actor(); }

} // namespace

Result<std::shared_ptr<const SlotList>> BookingService::availability(const Principal& by,
                                                                      const AvailabilityQuery& q) {
    if (date::sys_days{q.to} < date::sys_days{q.from})
        return make_error(ErrorCode::invalid_field, "must not be before from", "to");
    if (shared::days_between(q.from, q.to) > ctx_.settings.booking_horizon_days)
        return make_error(ErrorCode::invalid_field,
                          "asks for more than " + std::to_string(ctx_.settings.booking_horizon_days) + " days", "to");
    auto key = std::tuple{q.hub_id, q.service_id, static_cast<long>(date::sys_days{q.from}.time_since_epoch().count()),
                          static_cast<long>(date::sys_days{q.to}.time_since_epoch().count())};
    auto now = ctx_.clock.now();
    if (auto hit = availability_cache_.find(key, now)) {
        // The hub and service were there when this was computed and nothing has been
        // written since; who asks is checked every time.
        if (auto refused = kiosk_limits(by, q.hub_id, hit->self_bookable, hit->discreet)) return *refused;
        return hit->slots;
    }
    auto generation = availability_cache_.generation(); // before reading: a write meanwhile makes this entry stale
    auto fresh = compute_availability(by, q);
    if (!fresh) return fresh.error();
    // Valid until the first offered time starts (it must then vanish), and a minute at most.
    auto valid_until = now + std::chrono::minutes{1};
    if (!fresh->slots->slots.empty())
        if (auto first = shared::parse_instant(fresh->slots->slots.front().start)) valid_until = std::min(valid_until, *first);
    availability_cache_.put(key, *fresh, generation, valid_until);
    return fresh->slots;
}

Result<BookingService::Availability> BookingService::compute_availability(const Principal& by,
                                                                          const AvailabilityQuery& q) {
    auto now = ctx_.clock.now();
    return guard_storage([&]() -> Result<Availability> {
        return ctx_.db.read([&](Connection& c) -> Result<Availability> {
            auto t = load_target(c, by, q.hub_id, q.service_id);
            if (!t) return t.error();
            // Times past the booking horizon are not offered: they could not be booked.
            auto last = std::min(date::sys_days{q.to}, date::sys_days{detail::last_bookable_day(ctx_, t->zone, now)});
            auto from = day_start(t->zone, q.from);
            auto to = day_start(t->zone, shared::add_days(shared::Date{last}, 1));
            auto out = std::make_shared<SlotList>();
            if (t->service.kind == "group") {
                for (const auto& s : storage::sessions_between(c, q.hub_id, q.service_id, std::max(from, now), to)) {
                    int left = std::max(0, s.capacity - storage::live_bookings_in_session(c, s.id));
                    out->slots.push_back({shared::format_instant(s.start, t->zone), shared::format_instant(s.end, t->zone),
                                          s.room_id, s.staff_id, s.id, left});
                }
            } else {
                auto diary = load_diary(c, *t, from, to);
                domain::SlotQuery sq{t->zone, q.from, shared::Date{last}, shared::Minutes{t->service.duration_minutes}, now};
                for (const auto& s : domain::appointment_slots(sq, diary.practitioners, diary.rooms))
                    out->slots.push_back({shared::format_instant(s.start, t->zone), shared::format_instant(s.end, t->zone),
                                          s.room_id, s.staff_id, std::nullopt, s.places_left});
            }
            out->body = shared::json{{"slots", out->slots}}.dump();
            out->body_gzip = gzip(out->body, 1);
            return Availability{t->service.self_bookable, t->service.discreet, std::move(out)};
        });
    });
}

namespace {

/// The booking itself, inside the write transaction: check, then write.
Result<storage::BookingRow> book_locked(Connection& c, const ServiceContext& ctx, const Principal& by,
                                        const BookingInput& in, Instant now) {
    auto t = load_target(c, by, in.hub_id, in.service_id);
    if (!t) return t.error();
    if (t->service.needs_child && !in.child)
        return make_error(ErrorCode::missing_field, "this service is for a child: give the child's details", "child");

    storage::BookingRow b;
    b.hub_id = in.hub_id;
    b.service_id = in.service_id;
    b.status = "booked";
    b.source = by.role == Role::kiosk ? "kiosk" : "staff";
    if (t->service.kind == "group") {
        if (!in.session_id) return make_error(ErrorCode::missing_field, "a group booking needs its session", "session_id");
        auto s = storage::find_session(c, *in.session_id);
        if (!s || s->hub_id != in.hub_id || s->service_id != in.service_id)
            return make_error(ErrorCode::not_found, "no such session of this service here", "session_id");
        if (s->cancelled || s->start <= now)
            return make_error(ErrorCode::slot_unavailable, "this session is no longer offered");
        if (auto far = detail::past_horizon(ctx, t->zone, now, shared::local_date(t->zone, s->start), "session_id"))
            return *far;
        if (storage::live_bookings_in_session(c, s->id) >= s->capacity)
            return make_error(ErrorCode::slot_unavailable, "this session is full; you can join the waitlist");
        b.session_id = s->id;
        b.room_id = s->room_id;
        b.staff_id = s->staff_id;
        b.start = s->start;
        b.end = s->end;
    } else {
        if (!in.start) return make_error(ErrorCode::missing_field, "an appointment needs its start time", "start");
        auto day = shared::local_date(t->zone, *in.start);
        if (auto far = detail::past_horizon(ctx, t->zone, now, day, "start")) return *far;
        auto from = day_start(t->zone, day);
        auto diary = load_diary(c, *t, from, day_start(t->zone, shared::add_days(day, 1)));
        domain::SlotQuery sq{t->zone, day, day, shared::Minutes{t->service.duration_minutes}, now};
        auto a = domain::assign_appointment(sq, *in.start, diary.practitioners, diary.rooms, in.staff_id);
        if (!a) return make_error(ErrorCode::slot_unavailable, "that time has just been taken or is not offered");
        b.staff_id = a->staff_id;
        b.room_id = a->room_id;
        b.start = *in.start;
        b.end = a->end;
    }
    auto family = detail::upsert_family(c, by, in.client, in.child, now);
    b.client_id = family.client_id;
    b.child_id = family.child_id;
    b.told = family.told;
    b.reference = detail::fresh_reference(c);
    b.id = storage::insert_booking(c, b, now, actor_of(by));
    audit_change(c, by, now, "booking.create",
                 {.booking_id = b.id, .client_id = b.client_id, .hub_id = b.hub_id, .detail = b.reference});
    return b;
}

} // namespace

Result<shared::wire::BookingConfirmation> BookingService::book(const Principal& by, const BookingInput& in,
                                                               const std::string& key,
                                                               const std::string& fingerprint) {
    using Answer = Result<shared::wire::BookingConfirmation>;
    std::vector<Id> offers;
    auto answer = guard_storage([&]() -> Answer {
        return ctx_.db.write([&](Connection& c) -> Answer {
            auto now = ctx_.clock.now();
            offers = detail::lapse_offers(c, ctx_, now);
            if (!key.empty()) {
                if (auto stored = storage::find_idempotent(c, by.actor(), key)) {
                    if (stored->request_hash != fingerprint)
                        return make_error(ErrorCode::conflict, "this Idempotency-Key was used for another request");
                    auto j = shared::json::parse(stored->body);
                    if (!stored->ok) return shared::wire::parse_error_body(stored->body);
                    return shared::wire::parse_booking_confirmation(j);
                }
            }
            auto booked = book_locked(c, ctx_, by, in, now);
            Answer out = booked ? Answer{detail::confirmation(c, *booked, in.lang)} : Answer{booked.error()};
            if (!key.empty()) {
                storage::IdempotentAnswer a{fingerprint, out.ok(),
                                            out ? shared::json(*out).dump() : shared::wire::error_body(out.error()).dump()};
                storage::store_idempotent(c, by.actor(), key, a, now);
            }
            return out;
        });
    });
    for (Id id : offers) ctx_.publish({in.hub_id, id, "offered"});
    if (answer) ctx_.publish({in.hub_id, answer->id, "booked"});
    return answer;
}

namespace {

/// Cancels a live booking and offers its place on; `by` is the actor for history.
void cancel_locked(Connection& c, const ServiceContext& ctx, const storage::BookingRow& b, const std::string& actor,
                   Instant now, std::vector<Id>& offers) {
    storage::set_booking_status(c, b.id, "cancelled", std::nullopt, now, actor);
    if (auto w = storage::waitlist_for_booking(c, b.id))
        storage::update_waitlist(c, w->id, "cancelled", std::nullopt, std::nullopt, now);
    if (b.start > now)
        if (auto held = detail::offer_place(c, ctx, b, now)) offers.push_back(*held);
}

} // namespace

Result<std::string> BookingService::cancel(const Principal& by, const std::string& reference,
                                           const std::optional<std::string>& dob) {
    std::vector<Id> offers;
    Id hub = 0, booking_id = 0;
    auto r = guard_storage([&]() -> Result<std::string> {
        return ctx_.db.write([&](Connection& c) -> Result<std::string> {
            auto now = ctx_.clock.now();
            auto b = storage::find_booking_by_reference(c, reference);
            auto not_found = make_error(ErrorCode::not_found, "no booking has that reference", "reference");
            if (!b) return not_found;
            if (by.role == Role::kiosk) {
                auto client = storage::find_client(c, b->client_id);
                if (b->hub_id != by.hub_id || !dob || !client || client->date_of_birth != *dob) return not_found;
            } else if (auto refused = require_hub(by, b->hub_id)) {
                return *refused;
            }
            hub = b->hub_id;
            booking_id = b->id;
            if (b->status == "cancelled") return std::string{"cancelled"};
            if (b->status != "booked" && b->status != "held")
                return make_error(ErrorCode::conflict, "a booking that is " + b->status + " cannot be cancelled");
            cancel_locked(c, ctx_, *b, by.actor(), now, offers);
            audit_change(c, by, now, "booking.cancel",
                         {.booking_id = b->id, .client_id = b->client_id, .hub_id = b->hub_id, .detail = b->reference});
            return std::string{"cancelled"};
        });
    });
    if (r) ctx_.publish({hub, booking_id, "cancelled"});
    for (Id id : offers) ctx_.publish({hub, id, "offered"});
    return r;
}

Result<std::string> BookingService::set_status(const Principal& by, Id booking_id, const std::string& requested) {
    std::vector<Id> offers;
    Id hub = 0;
    auto r = guard_storage([&]() -> Result<std::string> {
        return ctx_.db.write([&](Connection& c) -> Result<std::string> {
            auto now = ctx_.clock.now();
            auto b = storage::find_booking(c, booking_id);
            if (!b) return make_error(ErrorCode::not_found, "no such booking");
            hub = b->hub_id;
            if (auto refused = require_hub(by, b->hub_id)) return *refused;
            auto where = storage::find_hub(c, b->hub_id);
            auto move = detail::status_move(by, b->status, b->staff_id, b->child_id.has_value(), b->start,
                                            where ? detail::hub_zone(*where) : shared::find_zone("Europe/London"), now);
            auto next = domain::next_status(move, requested);
            if (!next) return next.error();
            auto name = std::string{domain::status_name(*next)};
            if (*next == move.current) return name;
            AuditAbout about{b->id, b->client_id, b->hub_id, b->reference + " " + b->status + " -> " + name};
            if (*next == domain::BookingStatus::cancelled) {
                cancel_locked(c, ctx_, *b, by.actor(), now, offers);
                audit_change(c, by, now, "booking.cancel", std::move(about));
                return name;
            }
            audit_change(c, by, now, "booking.status", std::move(about));
            std::optional<Instant> arrived;
            if (*next == domain::BookingStatus::arrived && !b->arrived_at) arrived = now;
            storage::set_booking_status(c, b->id, name, arrived, now, by.actor());
            // Marked arrived at the desk past the allowance: as late as a kiosk check-in would say.
            if (arrived)
                storage::set_minutes_late(c, b->id, domain::minutes_late(b->start, now, ctx_.settings.late_after_minutes));
            return name;
        });
    });
    if (r) ctx_.publish({hub, booking_id, "status"});
    for (Id id : offers) ctx_.publish({hub, id, "offered"});
    return r;
}

Result<std::string> BookingService::undo_status(const Principal& by, Id booking_id) {
    Id hub = 0;
    auto r = guard_storage([&]() -> Result<std::string> {
        return ctx_.db.write([&](Connection& c) -> Result<std::string> {
            auto now = ctx_.clock.now();
            auto b = storage::find_booking(c, booking_id);
            if (!b) return make_error(ErrorCode::not_found, "no such booking");
            hub = b->hub_id;
            if (auto refused = require_hub(by, b->hub_id)) return *refused;
            auto where = storage::find_hub(c, b->hub_id);
            auto move = detail::status_move(by, b->status, b->staff_id, b->child_id.has_value(), b->start,
                                            where ? detail::hub_zone(*where) : shared::find_zone("Europe/London"), now);
            auto back = domain::undo_target(detail::undo_ask(c, ctx_, b->id, move, now));
            if (!back) return back.error();
            auto name = std::string{domain::status_name(*back)};
            bool still_here = *back == domain::BookingStatus::arrived || *back == domain::BookingStatus::in_progress;
            auto newest = storage::latest_history(c, b->id, 1);
            storage::undo_booking_status(c, b->id, name, newest.at(0).id, !still_here, now, by.actor());
            audit_change(c, by, now, "booking.undo",
                         {b->id, b->client_id, b->hub_id, b->reference + " " + b->status + " -> " + name});
            return name;
        });
    });
    if (r) ctx_.publish({hub, booking_id, "status"});
    return r;
}

} // namespace frontdoor::server

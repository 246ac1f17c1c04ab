// The waitlist half of BookingService, and the internals shared with booking:
// families, references, confirmations, offers and their expiry.
#include "server/services/audit_service.hpp"
#include "server/services/booking_detail.hpp"
#include "server/services/crypto.hpp"
#include "server/services/hub_scope.hpp"
#include "server/services/translation_service.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {
namespace detail {

using shared::Instant;
using storage::Connection;

const date::time_zone* hub_zone(const storage::HubRow& hub) {
    auto z = shared::find_zone(hub.timezone);
    return z ? z : shared::find_zone("Europe/London");
}

Family upsert_family(Connection& c, const Principal& by, const PersonInput& p, const std::optional<ChildInput>& child,
                     Instant now) {
    storage::ClientRow row{0, p.first_name, p.last_name, p.date_of_birth, p.phone, p.email, p.interpreter};
    bool kiosk = by.role == Role::kiosk;
    auto client = storage::upsert_client(c, row, now, kiosk ? storage::ContactUpdate::keep : storage::ContactUpdate::replace);
    Family f{client.id, std::nullopt, {}};
    if (!client.known) audit_change(c, by, now, "client.create", {.client_id = client.id});
    if (kiosk && client.known) {
        auto differs = [](const std::optional<std::string>& told, const std::optional<std::string>& known) {
            return told && told != known ? told : std::nullopt;
        };
        f.told = {differs(p.phone, client.known->phone), differs(p.email, client.known->email),
                  differs(p.interpreter, client.known->interpreter)};
    }
    if (child) f.child_id = storage::upsert_child(c, client.id, child->first_name, child->date_of_birth);
    return f;
}

domain::StatusMove status_move(const Principal& by, std::string_view status, std::optional<Id> staff_id,
                               bool for_child, Instant start, const date::time_zone* zone, Instant now) {
    domain::StatusMove m;
    m.current = domain::parse_status(status).value_or(domain::BookingStatus::booked);
    m.for_child = for_child;
    m.started = start <= now;
    m.day_reached = date::sys_days{shared::local_date(zone, start)} <= date::sys_days{shared::local_date(zone, now)};
    switch (by.role) {
    case Role::admin:
    case Role::manager:
    case Role::reception: m.who = domain::Mover::desk; break;
    case Role::kiosk: m.who = domain::Mover::kiosk; break;
    case Role::practitioner:
        m.who = by.staff_id && staff_id == by.staff_id ? domain::Mover::own_practitioner
                                                       : domain::Mover::other_practitioner;
        break;
    }
    return m;
}

std::string fresh_reference(Connection& c) {
    for (;;) {
        auto r = random_reference();
        if (!storage::reference_exists(c, r)) return r;
    }
}

shared::wire::BookingConfirmation confirmation(Connection& c, const storage::BookingRow& b, const std::string& lang) {
    auto hub = storage::find_hub(c, b.hub_id);
    auto zone = hub ? hub_zone(*hub) : shared::find_zone("Europe/London");
    shared::wire::BookingConfirmation out;
    out.id = b.id;
    out.reference = b.reference;
    out.status = b.status;
    out.start = shared::format_instant(b.start, zone);
    out.end = shared::format_instant(b.end, zone);
    if (auto room = storage::find_room(c, b.room_id)) {
        auto local = local_name(c, storage::Named::room, room->id, room->name, "", lang);
        out.room = {room->id, local.name, local.lang};
    }
    if (b.staff_id)
        if (auto s = storage::find_staff(c, *b.staff_id)) out.staff = shared::wire::Ref{s->id, s->name};
    if (auto s = storage::find_service(c, b.service_id)) {
        auto local = local_name(c, storage::Named::service, s->id, s->name, "", lang);
        out.service = {s->id, local.name, local.lang};
    }
    return out;
}

namespace {

bool entry_fits(const storage::WaitlistRow& w, const storage::BookingRow& place, const date::time_zone* zone) {
    if (w.session_id && w.session_id != place.session_id) return false;
    auto day = shared::format_date(shared::local_date(zone, place.start));
    if (w.from_date && day < *w.from_date) return false;
    if (w.to_date && day > *w.to_date) return false;
    return true;
}

} // namespace

std::optional<Id> offer_place(Connection& c, const ServiceContext& ctx, const storage::BookingRow& freed, Instant now) {
    auto hub = storage::find_hub(c, freed.hub_id);
    if (!hub || freed.start <= now) return std::nullopt;
    auto zone = hub_zone(*hub);
    for (const auto& w : storage::waiting_entries(c, freed.hub_id, freed.service_id)) {
        if (!entry_fits(w, freed, zone)) continue;
        storage::BookingRow hold = freed;
        hold.id = 0;
        hold.reference = fresh_reference(c);
        hold.client_id = w.client_id;
        hold.child_id = w.child_id;
        hold.status = "held";
        hold.arrived_at.reset();
        hold.source = "waitlist";
        hold.told = w.told;
        auto expires = now + ctx.settings.offer_hold;
        // An offer never outlives the appointment it is for.
        if (expires > freed.start) expires = freed.start;
        hold.held_until = expires;
        Id id = storage::insert_booking(c, hold, now, "waitlist:" + std::to_string(w.id));
        storage::update_waitlist(c, w.id, "offered", id, expires, now);
        audit_system(c, now, "waitlist.offer",
                     {.booking_id = id, .client_id = w.client_id, .hub_id = w.hub_id,
                      .detail = "entry " + std::to_string(w.id) + " holds " + hold.reference});
        return id;
    }
    return std::nullopt;
}

std::vector<Id> lapse_offers(Connection& c, const ServiceContext& ctx, Instant now) {
    std::vector<Id> holds;
    for (const auto& w : storage::lapsed_offers(c, now)) {
        storage::update_waitlist(c, w.id, "expired", std::nullopt, std::nullopt, now);
        audit_system(c, now, "waitlist.expire",
                     {.booking_id = w.booking_id, .client_id = w.client_id, .hub_id = w.hub_id,
                      .detail = "entry " + std::to_string(w.id)});
        if (!w.booking_id) continue;
        auto b = storage::find_booking(c, *w.booking_id);
        if (!b || b->status != "held") continue;
        storage::set_booking_status(c, b->id, "released", std::nullopt, now, "waitlist:expired");
        if (auto next = offer_place(c, ctx, *b, now)) holds.push_back(*next);
    }
    return holds;
}

shared::Date last_bookable_day(const ServiceContext& ctx, const date::time_zone* zone, Instant now) {
    return shared::add_days(shared::local_date(zone, now), ctx.settings.bookable_days_ahead);
}

std::optional<Error> past_horizon(const ServiceContext& ctx, const date::time_zone* zone, Instant now,
                                  const shared::Date& day, const char* field) {
    auto last = last_bookable_day(ctx, zone, now);
    if (date::sys_days{day} <= date::sys_days{last}) return std::nullopt;
    return make_error(ErrorCode::invalid_field,
                      "is too far ahead: bookings open " + std::to_string(ctx.settings.bookable_days_ahead) +
                          " days ahead, until " + shared::format_date(last),
                      field);
}

shared::wire::WaitlistEntry waitlist_wire(Connection& c, const storage::WaitlistRow& w) {
    shared::wire::WaitlistEntry e;
    e.id = w.id;
    e.status = w.status;
    e.position = storage::waitlist_position(c, w);
    if (w.booking_id && (w.status == "offered" || w.status == "booked")) {
        if (auto b = storage::find_booking(c, *w.booking_id)) {
            auto hub = storage::find_hub(c, b->hub_id);
            auto zone = hub ? hub_zone(*hub) : nullptr;
            e.offered_start = shared::format_instant(b->start, zone);
            e.reference = b->reference;
            if (w.status == "offered" && w.offer_expires_at)
                e.offer_expires_at = shared::format_instant(*w.offer_expires_at, zone);
        }
    }
    return e;
}

} // namespace detail

namespace {

using storage::Connection;

/// The entry, checked for who asks: a kiosk names it by its code, at its own hub;
/// staff by its id, at a hub they act at.
Result<storage::WaitlistRow> entry_for(Connection& c, const Principal& by, const WaitlistRef& ref) {
    if (by.role == Role::kiosk && !ref.code)
        return make_error(ErrorCode::forbidden, "a kiosk names a waitlist entry by the code it was given");
    auto w = ref.code ? storage::find_waitlist_by_code(c, token_hash(*ref.code))
                      : storage::find_waitlist(c, ref.id.value_or(0));
    if (!w || (by.role == Role::kiosk && w->hub_id != by.hub_id))
        return make_error(ErrorCode::not_found, "no such waitlist entry");
    if (auto refused = require_hub(by, w->hub_id)) return *refused;
    return *w;
}

} // namespace

Result<shared::wire::WaitlistEntry> BookingService::join_waitlist(const Principal& by, const WaitlistInput& in) {
    if (in.from && in.to && date::sys_days{*in.to} < date::sys_days{*in.from})
        return make_error(ErrorCode::invalid_field, "must not be before from", "to");
    return guard_storage([&]() -> Result<shared::wire::WaitlistEntry> {
        return ctx_.db.write([&](Connection& c) -> Result<shared::wire::WaitlistEntry> {
            auto now = ctx_.clock.now();
            auto hub = storage::find_hub(c, in.hub_id);
            if (!hub) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            if (auto refused = require_hub(by, in.hub_id)) return *refused;
            auto service = storage::find_service(c, in.service_id);
            if (!service || !service->active || (by.role == Role::kiosk && !service->self_bookable))
                return make_error(ErrorCode::not_found, "no such service", "service_id");
            if (by.role == Role::kiosk && service->discreet) // staff book those: see booking_service.cpp
                return make_error(ErrorCode::forbidden, "please ask at reception to book this", "service_id");
            if (service->needs_child && !in.child)
                return make_error(ErrorCode::missing_field, "this service is for a child: give the child's details", "child");
            auto zone = detail::hub_zone(*hub);
            if (in.session_id) {
                auto s = storage::find_session(c, *in.session_id);
                if (!s || s->hub_id != in.hub_id || s->service_id != in.service_id)
                    return make_error(ErrorCode::not_found, "no such session of this service here", "session_id");
                if (s->cancelled || s->start <= now)
                    return make_error(ErrorCode::conflict, "this session is no longer offered", "session_id");
                if (auto far = detail::past_horizon(ctx_, zone, now, shared::local_date(zone, s->start), "session_id"))
                    return *far;
            }
            for (auto [day, field] : {std::pair{in.from, "from"}, std::pair{in.to, "to"}})
                if (day)
                    if (auto far = detail::past_horizon(ctx_, zone, now, *day, field)) return *far;
            auto family = detail::upsert_family(c, by, in.client, in.child, now);
            storage::WaitlistRow w;
            w.hub_id = in.hub_id;
            w.service_id = in.service_id;
            w.session_id = in.session_id;
            if (in.from) w.from_date = shared::format_date(*in.from);
            if (in.to) w.to_date = shared::format_date(*in.to);
            w.client_id = family.client_id;
            w.child_id = family.child_id;
            w.told = family.told;
            w.status = "waiting";
            auto code = random_token();
            w.id = storage::insert_waitlist(c, w, token_hash(code), now);
            audit_change(c, by, now, "waitlist.join",
                         {.client_id = w.client_id, .hub_id = w.hub_id, .detail = "entry " + std::to_string(w.id)});
            auto out = detail::waitlist_wire(c, w);
            out.code = code;
            return out;
        });
    });
}

Result<shared::wire::WaitlistEntry> BookingService::waitlist_entry(const Principal& by, const WaitlistRef& ref) {
    expire_offers();
    return guard_storage([&]() -> Result<shared::wire::WaitlistEntry> {
        return ctx_.db.read([&](Connection& c) -> Result<shared::wire::WaitlistEntry> {
            auto w = entry_for(c, by, ref);
            if (!w) return w.error();
            return detail::waitlist_wire(c, *w);
        });
    });
}

Result<shared::wire::WaitlistEntry> BookingService::accept_offer(const Principal& by, const WaitlistRef& ref) {
    Id hub = 0, booking = 0;
    std::vector<Id> offers;
    auto r = guard_storage([&]() -> Result<shared::wire::WaitlistEntry> {
        return ctx_.db.write([&](Connection& c) -> Result<shared::wire::WaitlistEntry> {
            auto now = ctx_.clock.now();
            offers = detail::lapse_offers(c, ctx_, now);
            auto w = entry_for(c, by, ref);
            if (!w) return w.error();
            hub = w->hub_id;
            if (w->status == "booked") return detail::waitlist_wire(c, *w);
            if (w->status != "offered" || !w->booking_id)
                return make_error(ErrorCode::conflict, w->status == "expired" ? "the offer has lapsed" : "there is no offer to accept");
            booking = *w->booking_id;
            storage::set_booking_status(c, booking, "booked", std::nullopt, now, by.actor());
            storage::update_waitlist(c, w->id, "booked", std::nullopt, std::nullopt, now);
            audit_change(c, by, now, "waitlist.accept",
                         {.booking_id = booking, .client_id = w->client_id, .hub_id = w->hub_id,
                          .detail = "entry " + std::to_string(w->id)});
            w->status = "booked";
            return detail::waitlist_wire(c, *w);
        });
    });
    if (r && booking) ctx_.publish({hub, booking, "booked"});
    for (Id b : offers) ctx_.publish({hub, b, "offered"});
    return r;
}

Result<shared::wire::WaitlistEntry> BookingService::decline_offer(const Principal& by, const WaitlistRef& ref) {
    Id hub = 0;
    std::vector<Id> offers;
    auto r = guard_storage([&]() -> Result<shared::wire::WaitlistEntry> {
        return ctx_.db.write([&](Connection& c) -> Result<shared::wire::WaitlistEntry> {
            auto now = ctx_.clock.now();
            offers = detail::lapse_offers(c, ctx_, now);
            auto w = entry_for(c, by, ref);
            if (!w) return w.error();
            hub = w->hub_id;
            if (w->status == "declined") return detail::waitlist_wire(c, *w);
            if (w->status == "waiting") { // leaving the list before any offer
                storage::update_waitlist(c, w->id, "cancelled", std::nullopt, std::nullopt, now);
                audit_change(c, by, now, "waitlist.leave",
                             {.client_id = w->client_id, .hub_id = w->hub_id, .detail = "entry " + std::to_string(w->id)});
                w->status = "cancelled";
                return detail::waitlist_wire(c, *w);
            }
            if (w->status != "offered" || !w->booking_id)
                return make_error(ErrorCode::conflict, "there is no offer to decline");
            storage::update_waitlist(c, w->id, "declined", std::nullopt, std::nullopt, now);
            audit_change(c, by, now, "waitlist.decline",
                         {.booking_id = w->booking_id, .client_id = w->client_id, .hub_id = w->hub_id,
                          .detail = "entry " + std::to_string(w->id)});
            auto b = storage::find_booking(c, *w->booking_id);
            if (b && b->status == "held") {
                storage::set_booking_status(c, b->id, "released", std::nullopt, now, by.actor());
                if (auto next = detail::offer_place(c, ctx_, *b, now)) offers.push_back(*next);
            }
            w->status = "declined";
            return detail::waitlist_wire(c, *w);
        });
    });
    for (Id b : offers) ctx_.publish({hub, b, "offered"});
    return r;
}

Result<std::vector<WaitlistView>> BookingService::list_waitlist(const Principal& by, Id hub_id,
                                                                std::optional<Id> service_id) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    expire_offers();
    return guard_storage([&]() -> Result<std::vector<WaitlistView>> {
        return ctx_.db.read([&](Connection& c) -> Result<std::vector<WaitlistView>> {
            if (!storage::find_hub(c, hub_id)) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            std::vector<WaitlistView> out;
            for (const auto& w : storage::list_waitlist(c, hub_id, service_id)) {
                WaitlistView v{detail::waitlist_wire(c, w), w.service_id, w.session_id, {}, std::nullopt, w.told};
                if (auto cl = storage::find_client(c, w.client_id)) v.client_name = cl->first_name + " " + cl->last_name;
                if (w.child_id)
                    if (auto ch = storage::find_child(c, *w.child_id)) v.child_name = ch->first_name;
                out.push_back(std::move(v));
            }
            return out;
        });
    });
}

void BookingService::expire_offers() {
    try {
        std::vector<std::pair<Id, Id>> offers;
        ctx_.db.write([&](Connection& c) {
            auto now = ctx_.clock.now();
            for (Id b : detail::lapse_offers(c, ctx_, now))
                if (auto row = storage::find_booking(c, b)) offers.emplace_back(row->hub_id, b);
            storage::purge_idempotent(c, now - ctx_.settings.idempotency_keep);
        });
        for (auto [hub, b] : offers) ctx_.publish({hub, b, "offered"});
    } catch (const std::exception&) {
        // The sweeper tries again on its next round.
    }
}

} // namespace frontdoor::server

// A hub's waitlists at a glance (BookingService::hub_waitlists): who waits for what, in
// which place, and which offers are held until when.
#include <algorithm>
#include <map>

#include "server/services/booking_detail.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {
namespace {

using storage::Connection;

/// Practitioners see who waits, not their phone numbers: ringing families is the desk's.
WaitingFamily family_of(Connection& c, const storage::WaitlistRow& w, bool with_phone) {
    WaitingFamily f;
    f.entry_id = w.id;
    if (auto cl = storage::find_client(c, w.client_id)) {
        f.client_name = cl->first_name + " " + cl->last_name;
        if (with_phone) f.phone = cl->phone;
    }
    if (w.child_id)
        if (auto ch = storage::find_child(c, *w.child_id)) f.child_name = ch->first_name;
    f.contact_to_confirm = w.told;
    return f;
}

} // namespace

Result<std::vector<ServiceWaitlist>> BookingService::hub_waitlists(const Principal& by, Id hub_id) {
    if (auto refused = require_hub(by, hub_id)) return *refused;
    expire_offers();
    auto now = ctx_.clock.now();
    return guard_storage([&]() -> Result<std::vector<ServiceWaitlist>> {
        return ctx_.db.read([&](Connection& c) -> Result<std::vector<ServiceWaitlist>> {
            auto hub = storage::find_hub(c, hub_id);
            if (!hub) return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            auto zone = detail::hub_zone(*hub);
            std::map<Id, ServiceWaitlist> by_service;
            for (const auto& w : storage::list_waitlist(c, hub_id, std::nullopt)) {
                auto& list = by_service[w.service_id];
                if (w.status == "waiting") {
                    WaitingEntry e{family_of(c, w, by.role != Role::practitioner), storage::waitlist_position(c, w), w.from_date, w.to_date,
                                   w.session_id, std::nullopt};
                    if (w.session_id)
                        if (auto s = storage::find_session(c, *w.session_id))
                            e.session_start = shared::format_instant(s->start, zone);
                    list.waiting.push_back(std::move(e));
                    continue;
                }
                if (!w.booking_id || !w.offer_expires_at) continue;
                auto b = storage::find_booking(c, *w.booking_id);
                if (!b) continue;
                HeldOffer o;
                o.family = family_of(c, w, by.role != Role::practitioner);
                o.reference = b->reference;
                o.offered_start = shared::format_instant(b->start, zone);
                if (auto room = storage::find_room(c, b->room_id)) o.room = {room->id, room->name};
                o.offer_expires_at = shared::format_instant(*w.offer_expires_at, zone);
                o.minutes_left = std::max<long>(
                    0, std::chrono::duration_cast<std::chrono::minutes>(*w.offer_expires_at - now).count());
                list.offers.push_back(std::move(o));
            }
            std::vector<ServiceWaitlist> out;
            for (auto& [service_id, list] : by_service) {
                auto service = storage::find_service(c, service_id);
                list.service = {service_id, service ? service->name : std::string{}};
                std::stable_sort(list.offers.begin(), list.offers.end(), [](const HeldOffer& a, const HeldOffer& b) {
                    return a.minutes_left < b.minutes_left;
                });
                out.push_back(std::move(list));
            }
            std::stable_sort(out.begin(), out.end(), [](const ServiceWaitlist& a, const ServiceWaitlist& b) {
                return a.service.name < b.service.name;
            });
            return out;
        });
    });
}

} // namespace frontdoor::server

#pragma once
// Internals shared by the booking, waitlist and check-in services. Every function
// runs inside the caller's write transaction.

#include <optional>
#include <string>
#include <vector>

#include "server/domain/booking_rules.hpp"
#include "server/domain/status_undo.hpp"
#include "server/services/booking_service.hpp"
#include "server/storage/booking_repo.hpp"
#include "server/storage/records.hpp"
#include "server/storage/waitlist_repo.hpp"

namespace frontdoor::server::detail {

/// The hub's zone; nullptr when its name is unknown to tzdata (never for a stored hub).
const date::time_zone* hub_zone(const storage::HubRow& hub);

struct Family {
    Id client_id = 0;
    std::optional<Id> child_id;
    storage::ToldContact told; // what a kiosk said that differs from a known family's details
};
/// The client and child rows for a person, created when new. Staff update a known
/// family's contact details; a kiosk never does: what it was told that differs from
/// them comes back as `told`, for the booking or entry to keep for staff to confirm.
Family upsert_family(storage::Connection& c, const Principal& by, const PersonInput& client,
                     const std::optional<ChildInput>& child, shared::Instant now);

/// A booking's facts for the status table (domain/booking_rules.hpp), as `by` asks.
domain::StatusMove status_move(const Principal& by, std::string_view status, std::optional<Id> staff_id,
                               bool for_child, shared::Instant start, const date::time_zone* zone,
                               shared::Instant now);

/// The undo question for a booking's newest status change (status_undo.hpp), as `by`
/// asks it now (`move` from status_move()).
domain::UndoAsk undo_ask(storage::Connection& c, const ServiceContext& ctx, Id booking_id,
                         const domain::StatusMove& move, shared::Instant now);

/// A reference no booking has.
std::string fresh_reference(storage::Connection& c);

/// The confirmation shape of a stored booking, room and service named in `lang` where
/// set-up gave them (name_lang says which).
shared::wire::BookingConfirmation confirmation(storage::Connection& c, const storage::BookingRow& b,
                                               const std::string& lang);

/// Frees nothing itself: offers the place a booking held (now cancelled or released)
/// to the first matching waiting family, as a held booking. Returns the booking id of
/// the new hold, if any.
std::optional<Id> offer_place(storage::Connection& c, const ServiceContext& ctx, const storage::BookingRow& freed,
                              shared::Instant now);

/// Lapses offers that are past their time, passing each place on. Returns the holds made.
std::vector<Id> lapse_offers(storage::Connection& c, const ServiceContext& ctx, shared::Instant now);

/// The last day (local to the hub) that may be booked or waited for today.
shared::Date last_bookable_day(const ServiceContext& ctx, const date::time_zone* zone, shared::Instant now);
/// `invalid_field` on `field` when `day` is past last_bookable_day().
std::optional<Error> past_horizon(const ServiceContext& ctx, const date::time_zone* zone, shared::Instant now,
                                  const shared::Date& day, const char* field);

/// The wire form of a waitlist entry.
shared::wire::WaitlistEntry waitlist_wire(storage::Connection& c, const storage::WaitlistRow& w);

} // namespace frontdoor::server::detail

#pragma once
// Taking back a status change made by mistake, pure. "Arrived", "in progress" and "seen"
// can be undone for a few minutes (Settings::undo_window) by whoever the status table
// (booking_rules.hpp) lets make that change: undoing puts the status before it back.

#include <chrono>
#include <optional>

#include "server/domain/booking_rules.hpp"
#include "shared/result.hpp"
#include "shared/time.hpp"

namespace frontdoor::server::domain {

/// One change of a booking's status, as its history holds it.
struct StatusChange {
    BookingStatus from = BookingStatus::booked; // the status before the change
    BookingStatus to = BookingStatus::booked;   // the status the change made
    shared::Instant at;
    bool is_undo = false; // the change was itself an undo (which is never undone)
};

struct UndoAsk {
    std::optional<StatusChange> newest; // the booking's newest change; none for a new booking
    Mover who = Mover::desk;
    shared::Instant now;
    std::chrono::minutes window{5};
};

/// The status to put back, checked in this order: another practitioner's booking is
/// `forbidden`; no newest change to arrived, in_progress or seen (or it was an undo) is
/// `conflict`; one made `window` or more ago is `conflict`; a change the table lets
/// others only make is `forbidden` to undo too.
shared::Result<BookingStatus> undo_target(const UndoAsk& ask);

/// Until when `ask.who` may undo the newest change (its time plus the window); nullopt
/// when undo_target refuses.
std::optional<shared::Instant> undo_until(const UndoAsk& ask);

} // namespace frontdoor::server::domain

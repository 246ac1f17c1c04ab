#pragma once
// What every service needs: the database, the clock, settings, and where booking
// events go (the staff page's live feed). Services return Result<T>; they catch
// StorageError at their edge and turn it into ErrorCode::internal.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "server/storage/database.hpp"
#include "shared/result.hpp"
#include "shared/time.hpp"

namespace frontdoor::server {

using Id = std::int64_t;
using shared::Error;
using shared::ErrorCode;
using shared::make_error;
using shared::Result;

struct Settings {
    std::chrono::seconds offer_hold{std::chrono::hours{2}};
    std::chrono::seconds staff_session_idle{std::chrono::minutes{30}};
    std::chrono::seconds idempotency_keep{std::chrono::hours{48}};
    int booking_horizon_days = 120; // the longest span one availability question may cover
    /// How far ahead of today (at the hub) a booking, a waitlist date or an offered time
    /// may be: 26 weeks.
    int bookable_days_ahead = 26 * 7;
    /// A check-in more than this many whole minutes past the start is late: it still
    /// arrives, and the kiosk and the day view say how late.
    int late_after_minutes = 15;
    /// How long "arrived", "in progress" and "seen" may be undone after they were set
    /// (config undo_minutes, 1..60).
    std::chrono::minutes undo_window{5};
};

/// A change to a booking that open staff pages should see. Called after the change is
/// committed, from the request's thread.
struct BookingEvent {
    Id hub_id = 0;
    Id booking_id = 0;
    std::string kind; // booked | arrived | status | cancelled | offered
};
using EventSink = std::function<void(const BookingEvent&)>;

struct ServiceContext {
    storage::Database& db;
    const shared::Clock& clock;
    Settings settings;
    EventSink events; // may be empty

    void publish(const BookingEvent& e) const {
        if (events) events(e);
    }
};

/// Runs f and turns a storage failure into an error: a time another server's booking
/// has just taken (PostgreSQL's exclusion constraints) is slot_unavailable; a write that
/// lost every retry to other servers' writes, or a database closing, is unavailable
/// (503: try again); anything else is internal (logged by the caller).
template <class F> auto guard_storage(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const storage::StorageError& e) {
        using Kind = storage::StorageError::Kind;
        if (e.kind() == Kind::overlap) return make_error(ErrorCode::slot_unavailable, "that time has just been taken");
        if (e.kind() == Kind::retry || e.kind() == Kind::closing)
            return make_error(ErrorCode::unavailable, "the booking system is busy; please try again");
        return make_error(ErrorCode::internal, std::string{"storage: "} + e.what());
    } catch (const std::exception& e) {
        return make_error(ErrorCode::internal, std::string{"storage: "} + e.what());
    }
}

} // namespace frontdoor::server

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

/// Runs f and turns a storage failure into an internal error (logged by the caller).
template <class F> auto guard_storage(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::exception& e) {
        return make_error(ErrorCode::internal, std::string{"storage: "} + e.what());
    }
}

} // namespace frontdoor::server

#pragma once
// A weekly series of group sessions as a manager sees it: all of it (to its last week),
// changed from a date on (places, leader, time), or cancelled from a date on, with the
// families who were booked on the cancelled sessions listed for the desk to tell them.
// Every change is one write transaction; only sessions still to come change.

#include <optional>
#include <string>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/services/setup_service.hpp"

namespace frontdoor::server {

struct SeriesChange {
    std::optional<shared::Date> from; // the first local date changed; today when absent
    std::optional<int> capacity;
    std::optional<Id> staff_id;            // the new leader
    std::optional<shared::Minutes> time;   // the new local start time, the same length
};

/// A family booked on a session that was cancelled.
struct CancelledBooking {
    Id booking_id = 0;
    std::string reference;
    Id session_id = 0;
    std::string start; // RFC 3339
    std::string client_name;
    std::optional<std::string> phone;
    std::optional<std::string> child_name;
};
struct SeriesCancellation {
    std::vector<Id> sessions; // the sessions cancelled now
    std::vector<CancelledBooking> families;
};

class SeriesService {
  public:
    explicit SeriesService(const ServiceContext& ctx) : ctx_(ctx) {}

    /// Every session of the series in time order (cancelled ones marked). `not_found`
    /// for an id that names no series; `forbidden` at another hub.
    Result<std::vector<SessionView>> sessions(const Principal& by, Id series_id);

    /// Changes the sessions still to come from `from` on, with their bookings. Refused:
    /// places over the room's size or under a session's bookings (`invalid_field` /
    /// `conflict` on capacity), a leader or room taken at a new time (`conflict`), an
    /// unknown leader (`not_found`), nothing to change (`missing_field`).
    Result<std::vector<SessionView>> change(const Principal& by, Id series_id, const SeriesChange& change);

    /// Cancels the sessions still to come on local dates from `from` on; their bookings
    /// become cancelled (held offers too, their waitlist entries cancelled), each with a
    /// history line. Cancelling again changes nothing and lists nobody.
    Result<SeriesCancellation> cancel(const Principal& by, Id series_id, shared::Date from);

  private:
    const ServiceContext& ctx_;
};

} // namespace frontdoor::server

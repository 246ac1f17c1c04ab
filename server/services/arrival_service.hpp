#pragma once
// Arrivals and the day: check-in at the kiosk or the desk, the staff's view of a day
// at a hub with flags, and what a practitioner's diary holds.

#include <optional>
#include <string>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/storage/records.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server {

struct CheckinInput {
    Id hub_id = 0;
    std::optional<std::string> reference;       // normalised
    std::optional<std::string> date_of_birth;   // YYYY-MM-DD
    std::optional<std::string> surname_initial; // one letter
    std::string lang = "en"; // the answer names room and service in it, where set-up gave one
};

struct DayAppointment {
    Id booking_id = 0;
    std::string reference;
    std::string start;
    std::string end;
    shared::wire::Ref service;
    bool discreet = false; // named on screen to staff, never on paper
    shared::wire::Ref room;
    std::optional<shared::wire::Ref> staff;
    std::string client_name;
    std::optional<std::string> child_name;
    std::string status;
    std::optional<std::string> arrived_at;
    std::optional<int> late_minutes; // checked in this many minutes past the start, beyond the allowance
    std::optional<std::string> interpreter;
    std::vector<std::string> allowed_statuses; // the requests the viewer may make now (booking_rules.hpp)
    std::optional<std::string> undo_until;     // while the viewer may undo its newest change (status_undo.hpp)
    storage::ToldContact contact_to_confirm;   // what a kiosk was told: {phone?, email?, interpreter?}
    std::vector<std::string> flags; // needs_interpreter, previous_was_not_brought,
                                    // repeated_was_not_brought, previous_did_not_attend, first_visit
};
void to_json(shared::json& j, const DayAppointment& a);
/// {phone?, email?, interpreter?}: what a kiosk was told, as staff see it.
shared::json contact_json(const storage::ToldContact& told);

class ArrivalService {
  public:
    explicit ArrivalService(const ServiceContext& ctx) : ctx_(ctx) {}

    /// Checks in today's bookings at the hub that match. Past the start by more than
    /// settings.late_after_minutes it still arrives, and is recorded and answered as late
    /// by the whole minutes past the start. Checking in twice answers the same and
    /// changes nothing.
    Result<std::vector<shared::wire::CheckedIn>> check_in(const Principal& by, const CheckinInput& in);

    struct Day {
        shared::Date date;
        std::vector<DayAppointment> appointments;
    };
    /// A hub's appointments on a local date (today at the hub when none), in time order,
    /// each with the status requests `by` may make. `forbidden` at another hub.
    Result<Day> day(const Principal& by, Id hub_id, std::optional<shared::Date> date);

  private:
    const ServiceContext& ctx_;
};

} // namespace frontdoor::server

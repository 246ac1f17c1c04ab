#pragma once
// The demo hub: "Riverside Family Hub" with rooms, staff and their weekly hours (one on
// leave next week), services, two weekly group series (one session full), a kiosk, and
// today's appointments in every state, so the kiosk and the staff page have something
// real to show. Used by `frontdoor-server demo` and by tests in-process.

#include <string>
#include <vector>

#include "server/services/services.hpp"

namespace frontdoor::server {

struct DemoLogin {
    std::string username;
    std::string password;
    std::string access; // manager | reception | practitioner
    std::string name;
};

struct DemoInfo {
    Id hub_id = 0;
    std::string hub_name;
    std::vector<DemoLogin> logins;
    Id kiosk_id = 0;
    std::string kiosk_token; // shown once
    int bookings_today = 0;
    Id full_session_id = 0; // the baby massage session with no place left
};

/// Fills a database that has no hub yet; `conflict` when it already has one. "Today"
/// is the clock's date at the hub (Europe/London); on a weekend the demo staff hold a
/// weekend clinic so today is never empty. Not one transaction: on an error part of
/// the demo may be written.
Result<DemoInfo> load_demo(Services& services, const shared::Clock& clock);

} // namespace frontdoor::server

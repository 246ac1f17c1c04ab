// [SECTION] Set-up routes: hubs, rooms, staff, hours, absences, services, sessions, kiosks.
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_setup_routes(Api&, Services&) {}

} // namespace frontdoor::server::http

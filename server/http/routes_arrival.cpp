// [SECTION] Check-in (kiosk, reception).
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_arrival_routes(Api&, Services&, Metrics&, Limiters&) {}

} // namespace frontdoor::server::http

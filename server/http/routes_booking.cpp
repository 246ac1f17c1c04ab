// [SECTION] Families booking: services, availability, bookings, cancellation, waitlist.
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_booking_routes(Api&, Services&, Metrics&) {}

} // namespace frontdoor::server::http

// [SECTION] A practitioner's diary as iCalendar.
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_diary_routes(Api&, Services&) {}

} // namespace frontdoor::server::http

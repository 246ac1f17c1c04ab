// [SECTION] The day view, statuses and diaries (staff).
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_day_routes(Api&, Services&) {}

} // namespace frontdoor::server::http

#pragma once
// The route table, one register_* per area; server.cpp calls them in order.

#include "server/http/api.hpp"
#include "server/http/limits.hpp"
#include "server/services/services.hpp"

namespace frontdoor::server::http {

void register_ops_routes(Api& api, Services& s);
void register_auth_routes(Api& api, Services& s, Limiters& limits);
void register_setup_routes(Api& api, Services& s);
void register_booking_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits);
void register_arrival_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits);
void register_day_routes(Api& api, Services& s);
void register_diary_routes(Api& api, Services& s);
void register_translation_routes(Api& api, Services& s);

} // namespace frontdoor::server::http

#pragma once
// The route table, one register_* per area; server.cpp calls them in order.

#include "server/http/api.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/services/services.hpp"

namespace frontdoor::server::http {

struct Limiters {
    RateLimiter logins;
    RateLimiter checkins;
    std::string trusted_proxy; // see ServerOptions
};

void register_ops_routes(Api& api, Services& s);
void register_auth_routes(Api& api, Services& s, Limiters& limits);
void register_setup_routes(Api& api, Services& s);
void register_booking_routes(Api& api, Services& s, Metrics& metrics);
void register_arrival_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits);
void register_day_routes(Api& api, Services& s);
void register_diary_routes(Api& api, Services& s);

/// The client key for rate limits: the kiosk when there is one, else the address.
/// Who a rate limit counts: the kiosk, else the client's address (behind the trusted
/// proxy, the last address its X-Forwarded-For names).
std::string client_key(const httplib::Request& req, const Principal* p, const Limiters& limits);

} // namespace frontdoor::server::http

#pragma once
// The limits routes share: who a limit counts (client_key), the one limiter every proof
// of identity passes through, sign-in limits, a kiosk's bookings, and the 429 answer
// with its Retry-After. Built once per server from its options.
// Thread-safety: every member may be used from any request thread.

#include <chrono>
#include <string>

#include "server/http/api.hpp"
#include "server/http/rate_limiter.hpp"
#include "server/http/server.hpp"
#include "server/http/sign_in_limiter.hpp"

namespace frontdoor::server::http {

struct Limiters {
    Limiters(const ServerOptions& options, const shared::Clock& clock);

    SignInLimiter logins;
    RateLimiter proofs;         // failed proofs of identity, per kiosk or address
    RateLimiter kiosk_bookings; // bookings and waitlist joins, per kiosk
    std::string trusted_proxy;  // see ServerOptions
};

/// Who a rate limit counts: the kiosk, else the client's address (behind the trusted
/// proxy, the last address its X-Forwarded-For names).
std::string client_key(const httplib::Request& req, const Principal* p, const Limiters& limits);

/// 429 rate_limited with Retry-After (whole seconds) and the wait in the message.
void reply_rate_limited(httplib::Response& res, std::chrono::seconds wait, const std::string& what);

/// The only way a route that takes a proof of identity (a booking reference, a date of
/// birth, a waitlist code) is registered: refused with 429 while its caller is locked
/// out, and every answer saying the proof matched nothing (404) counted against the
/// caller. Successes are not counted: a kiosk checks in many families a day.
Api::Handler identity_proof(Limiters& limits, Api::Handler handler);

/// Counts every request a kiosk makes to the route (staff are not counted): refused
/// with 429 and `what` while the kiosk is over the limiter's limit.
Api::Handler per_kiosk(RateLimiter& limiter, std::string what, Api::Handler handler);

} // namespace frontdoor::server::http

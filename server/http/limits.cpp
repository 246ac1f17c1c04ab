#include "server/http/limits.hpp"

namespace frontdoor::server::http {

Limiters::Limiters(const ServerOptions& o, const shared::Clock& clock)
    : logins({LimitPolicy{o.login_failures_allowed, o.limit_window, o.limit_window, o.login_max_lockout},
              LimitPolicy{o.login_address_failures_allowed, o.limit_window, o.limit_window, o.login_max_lockout},
              LimitPolicy{o.login_account_failures_allowed, o.limit_window, o.limit_window, o.login_max_lockout}},
             clock),
      proofs(LimitPolicy{o.checkin_failures_allowed, o.limit_window, o.limit_window, o.proof_max_lockout}, clock),
      kiosk_bookings(LimitPolicy{o.kiosk_bookings_allowed, o.limit_window, o.limit_window, o.limit_window}, clock),
      trusted_proxy(o.trusted_proxy) {}

std::string client_key(const httplib::Request& req, const Principal* p, const Limiters& limits) {
    if (p && p->kiosk_id) return "kiosk:" + std::to_string(*p->kiosk_id);
    return "addr:" + client_address(req, limits.trusted_proxy);
}

void reply_rate_limited(httplib::Response& res, std::chrono::seconds wait, const std::string& what) {
    auto minutes = (wait.count() + 59) / 60;
    auto when = minutes <= 1 ? std::string("a minute") : std::to_string(minutes) + " minutes";
    res.set_header("Retry-After", std::to_string(wait.count()));
    reply_error(res, make_error(ErrorCode::rate_limited, what + "; try again in " + when));
}

Api::Handler identity_proof(Limiters& limits, Api::Handler handler) {
    return [&limits, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                   const Principal& p) {
        auto key = client_key(req, &p, limits);
        if (auto wait = limits.proofs.retry_after(key))
            return reply_rate_limited(res, *wait, "too many tries that matched nothing; please see reception");
        handler(req, res, p);
        if (res.status == 404) limits.proofs.record(key);
    };
}

Api::Handler per_kiosk(RateLimiter& limiter, std::string what, Api::Handler handler) {
    return [&limiter, what = std::move(what), handler = std::move(handler)](const httplib::Request& req,
                                                                          httplib::Response& res, const Principal& p) {
        if (p.kiosk_id) {
            auto key = "kiosk:" + std::to_string(*p.kiosk_id);
            if (auto wait = limiter.retry_after(key)) return reply_rate_limited(res, *wait, what);
            limiter.record(key);
        }
        handler(req, res, p);
    };
}

} // namespace frontdoor::server::http

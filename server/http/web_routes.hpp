#pragma once
// The staff page's side of the server, registered in one call after the API's routes:
//
//   GET /api/v1/hubs/{hub_id}/events   text/event-stream of `event: booking` for one hub
//                                      (staff roles; bearer or the page's cookie session)
//   GET /, /js/app.js, /css/app.css, … the files of the web root, each with the
//                                      security headers (static_files.hpp)
//
// Sign-in, sign-out and the cookie session with its CSRF rule are the API's own
// (routes_auth.cpp, Api::authenticate): the page uses POST /api/v1/auth/login,
// GET /api/v1/auth/session and POST /api/v1/auth/logout.

#include <chrono>
#include <cstddef>
#include <filesystem>

#include "server/http/api.hpp"
#include "server/http/events.hpp"
#include "server/services/hub_scope.hpp"

namespace frontdoor::server::http {

struct WebOptions {
    std::filesystem::path web_root;     // empty: serve no page, only the event stream
    std::size_t max_event_streams = 200;           // each open stream holds a thread of its own
    std::size_t max_event_streams_per_session = 4; // tabs of one signed-in person
    std::chrono::milliseconds heartbeat{15000};      // a comment line when nothing happened
    std::chrono::milliseconds session_recheck{5000}; // an ended session ends its stream
};

/// Registers the event stream and the page's files. `events`, `api` and `auth` must
/// outlive the server; call EventBus::shutdown() before stopping it.
void register_web_routes(Api& api, AuthService& auth, EventBus& events, const WebOptions& options);

/// Whether `p` may follow hub `hub_id`: the one hub check (hub_scope.hpp).
bool may_see_hub(const Principal& p, Id hub_id);

} // namespace frontdoor::server::http

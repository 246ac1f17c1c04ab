#pragma once
// The staff page's routes, registered in one call:
//
//   POST   /api/v1/auth/web-session   {username, password} -> 200 {staff_id, role, hub_id,
//                                     name, csrf_token, expires_at, idle_timeout_seconds}
//                                     and Set-Cookie (the session token, HttpOnly)
//   GET    /api/v1/auth/web-session   the same body for the cookie's live session, else 401
//   DELETE /api/v1/auth/web-session   signs out (needs X-CSRF-Token), clears the cookie
//   GET    /api/v1/hubs/{id}/events   text/event-stream of `event: booking` (see events.hpp)
//   GET    /, /app.js, /css/day.css, ...   the files of assets/web (static_files.hpp)
//
// Everything else the page calls is the API of API.md, authenticated by the lead's auth
// middleware, which consults WebSessions::authenticate for requests with no bearer token.

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "server/http/events.hpp"
#include "server/http/web_session.hpp"
#include "shared/result.hpp"

namespace httplib {
class Server;
struct Request;
} // namespace httplib

namespace frontdoor::server::web {

/// Checks a username and password (and applies the login rate limit): the server's own
/// login, without issuing a bearer token. `remote_addr` is the client's address.
using CheckPassword = std::function<shared::Result<StaffIdentity>(
    const std::string& username, const std::string& password, const std::string& remote_addr)>;

/// Resolves `Authorization: Bearer` for clients other than the page; nullopt when the
/// request has no bearer token.
using BearerResolver =
    std::function<std::optional<shared::Result<StaffIdentity>>(const httplib::Request&)>;

struct WebRoutes {
    WebSessions& sessions;  // outlives the server
    EventBus& events;       // outlives the server
    std::filesystem::path web_root;
    CheckPassword check_password;
    BearerResolver bearer;            // may be empty: the event stream then takes cookies only
    std::size_t max_event_streams = 32; // each open stream holds one server thread
    std::chrono::milliseconds heartbeat{15000};
};

/// Registers the routes above on `svr`. Call before the server starts listening.
void register_web_routes(httplib::Server& svr, const WebRoutes& routes);

/// The HTTP status of an error code (the contract's table in API.md).
int status_of(shared::ErrorCode code);

/// Whether `who` may see hub `hub_id`: admins every hub; others their own hub, or every
/// hub when they belong to none.
bool may_see_hub(const StaffIdentity& who, std::int64_t hub_id);

} // namespace frontdoor::server::web

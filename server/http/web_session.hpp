#pragma once
// Cookie sessions of the staff web page.
//
// Signing in on the page creates a server-side session; the browser holds only its
// random token, in an `HttpOnly; SameSite=Strict; Path=/` cookie the page's scripts can
// never read. Each session also has a CSRF token, given to the page in the body of the
// sign-in answer (and of GET /api/v1/auth/web-session): every request authenticated by
// the cookie that changes something (any method but GET, HEAD, OPTIONS) must repeat it
// in an `X-CSRF-Token` header. A session ends when the page signs out, after
// `idle_timeout` without a request, or `max_lifetime` after sign-in, whichever is first.
// Requests marked `X-Frontdoor-Background: 1` (the page's automatic refreshes) and the
// event stream do not count as activity, so an unattended page still signs itself out.
//
// Sessions live in memory: a server restart signs every page out (they sign in again).
//
// Thread-safety: every member function may be called from any thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "shared/result.hpp"
#include "shared/time.hpp"

namespace httplib {
struct Request;
}

namespace frontdoor::server::web {

/// Who a request speaks for: what the lead's auth layer needs from a cookie session.
struct StaffIdentity {
    std::int64_t staff_id = 0;
    std::string role;                  // admin | manager | reception | practitioner
    std::optional<std::int64_t> hub_id; // the staff member's hub; none for area-wide admins
    std::string name;                  // shown on the page ("Signed in as ...")

    bool operator==(const StaffIdentity&) const = default;
};

struct WebSessionOptions {
    std::chrono::seconds idle_timeout{std::chrono::minutes{30}};
    std::chrono::seconds max_lifetime{std::chrono::hours{12}};
    std::string cookie_name = "fd_session";
    bool secure_cookie = false; // add `Secure` (set it whenever the page is served over TLS)
    std::size_t max_sessions = 10000; // the oldest idle session goes first beyond this
};

struct WebSession {
    StaffIdentity who;
    std::string csrf_token;
    shared::Instant created_at;
    shared::Instant last_active;
    shared::Instant expires_at; // when it ends if nothing else happens
};

class WebSessions {
  public:
    WebSessions(const shared::Clock& clock, WebSessionOptions options = {});

    struct Started {
        std::string token;      // goes into the cookie, never into a body
        std::string csrf_token; // goes into the body, never into a cookie
        shared::Instant expires_at;
    };
    /// A new session for `who` with fresh random tokens (libsodium).
    Started start(StaffIdentity who);

    /// The live session of `token`, or nullopt when unknown, signed out or expired (an
    /// expired one is forgotten). `touch` counts this as activity.
    std::optional<WebSession> find(std::string_view token, bool touch = true);

    /// Ends the session; false when there was none.
    bool end(std::string_view token);
    /// Ends every session of one staff member (their account was changed or removed).
    std::size_t end_all_of(std::int64_t staff_id);
    std::size_t size() const;

    /// The cookie-based authentication of one request, for the auth middleware:
    ///   nullopt                    the request carries no session cookie (try a bearer token);
    ///   Error `unauthenticated`    the cookie names no live session (401);
    ///   Error `forbidden`          a change without the session's X-CSRF-Token (403);
    ///   StaffIdentity              authenticated; the session's idle timer restarts
    ///                              unless the request is marked background.
    std::optional<shared::Result<StaffIdentity>> authenticate(const httplib::Request& req);

    /// The session token in the request's Cookie header, if any.
    std::optional<std::string> token_of(const httplib::Request& req) const;

    std::string set_cookie_value(const std::string& token) const;
    std::string clear_cookie_value() const;
    const WebSessionOptions& options() const { return options_; }

  private:
    shared::Instant expiry_of(const WebSession& s) const;
    void evict_one_locked();

    const shared::Clock& clock_;
    WebSessionOptions options_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, WebSession> sessions_; // by token
};

/// True for methods that never change anything (GET, HEAD, OPTIONS).
bool is_safe_method(std::string_view method);
/// The value of one cookie in a Cookie header ("a=1; fd_session=xyz"), if present.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

} // namespace frontdoor::server::web

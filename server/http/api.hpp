#pragma once
// The adapter between cpp-httplib and the services: every route is registered through
// Api, which authenticates (bearer token, or the staff page's session cookie with its
// CSRF header on changes), checks the role, times the request for /metrics, and turns
// any escaped exception into the contract's 500. Handlers stay thin: parse, call a
// service, answer with reply()/reply_error().

#include <functional>
#include <initializer_list>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <httplib.h>

#include "server/http/metrics.hpp"
#include "server/services/auth_service.hpp"
#include "shared/json_fields.hpp"

namespace frontdoor::server::http {

using shared::json;

/// The one mapping from error codes to HTTP statuses.
int http_status(shared::ErrorCode code);

void reply(httplib::Response& res, int status, const json& body);
void reply_error(httplib::Response& res, const shared::Error& e);
template <class T> void reply_result(httplib::Response& res, int status, const shared::Result<T>& r) {
    if (r) reply(res, status, json(*r));
    else reply_error(res, r.error());
}

/// An answer prepared once and shared (availability): sent as is, or its gzip when the
/// client accepts gzip; never copied.
void reply_prepared(const httplib::Request& req, httplib::Response& res, int status,
                    std::shared_ptr<const std::string> json, std::shared_ptr<const std::string> json_gzip);

/// How every answer's body leaves (Api calls it after each handler). httplib would
/// compress text itself whenever a client offers br, with brotli at quality 11: 167 ms
/// of CPU for one availability answer, 10 ms for a day view. So bodies go out through a
/// content provider, which httplib sends as given, gzipped here at a fast level when the
/// client accepts gzip and the body is over 1 KiB.
void send_body(const httplib::Request& req, httplib::Response& res);
bool accepts_gzip(const httplib::Request& req);

/// The request body as a JSON object, or the contract's 400.
shared::Result<json> body_object(const httplib::Request& req);
/// A path id from a regex capture (digits only by the pattern); 0 when out of range.
Id path_id(const httplib::Request& req, size_t index = 1);
/// A query parameter as a positive id, or an invalid/missing field error.
shared::Result<Id> query_id(const httplib::Request& req, const std::string& name);

/// The client's address: behind the trusted proxy (the peer is `trusted_proxy`), the
/// last address its X-Forwarded-For names; else the peer's own address.
std::string client_address(const httplib::Request& req, const std::string& trusted_proxy);

inline constexpr const char* kSessionCookie = "fd_session";

using RoleSet = std::vector<Role>;
inline const RoleSet kStaff{Role::admin, Role::manager, Role::reception, Role::practitioner};
/// Booking for families (reception's work, which managers may cover).
inline const RoleSet kDesk{Role::admin, Role::manager, Role::reception};
inline const RoleSet kSetup{Role::admin, Role::manager};
inline const RoleSet kAdmin{Role::admin};
inline const RoleSet kDeskAndKiosk{Role::admin, Role::manager, Role::reception, Role::kiosk};
inline const RoleSet kAnyone{Role::admin, Role::manager, Role::reception, Role::practitioner,
                             Role::kiosk};

/// One registration, as the route table records it (`frontdoor-server routes`, the
/// agreement test with docs/api/openapi.yaml).
struct RouteInfo {
    std::string method;  // GET, POST, PUT, DELETE
    std::string pattern; // the regex httplib matches
    std::string path;    // its OpenAPI path template ("/api/v1/hubs/{id}/day"); "" when undocumented
    RoleSet roles;       // empty when public
    bool is_public = false;
    bool documented = true; // false: the staff page's files, which the document leaves out
};

/// A route's regex as an OpenAPI path template: (\d+) is {id}, ([A-Za-z0-9-]{1,20}) a
/// booking's {ref}, ([A-Za-z0-9]{1,128}) a waitlist {code}, \. a dot. Throws
/// std::invalid_argument on anything else, so a new kind of pattern cannot slip past
/// the document unnoticed.
std::string openapi_path(const std::string& pattern);

/// The table as `frontdoor-server routes` prints it: [{"method","path","roles":[...],
/// "public"}], documented routes only (by path template, then method).
json route_table_json(const std::vector<RouteInfo>& table);

class Api {
  public:
    using Handler = std::function<void(const httplib::Request&, httplib::Response&, const Principal&)>;
    using PublicHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

    /// `trusted_proxy`: the address of the proxy whose X-Forwarded-For is believed
    /// (see client_address); empty for none.
    Api(httplib::Server& server, AuthService& auth, Metrics& metrics, std::string trusted_proxy = {})
        : server_(server), auth_(auth), metrics_(metrics), trusted_proxy_(std::move(trusted_proxy)) {}

    void get(const std::string& pattern, RoleSet roles, Handler h);
    void post(const std::string& pattern, RoleSet roles, Handler h);
    void put(const std::string& pattern, RoleSet roles, Handler h);
    void del(const std::string& pattern, RoleSet roles, Handler h);
    void public_get(const std::string& pattern, PublicHandler h);
    void public_post(const std::string& pattern, PublicHandler h);
    /// A public GET the API document leaves out (the staff page's files): its pattern
    /// need not translate to a path template.
    void undocumented_get(const std::string& pattern, PublicHandler h);

    /// Every registration so far, in order.
    const std::vector<RouteInfo>& route_table() const { return table_; }

    /// Before routing, what every request must pass: a method we serve (else 405),
    /// a declared body of at most 64 KiB (else 413, unread), no framing that could be
    /// read two ways (400). False when `res` holds the refusal; the connection then
    /// closes after it. A body method with neither length nor chunks has no body.
    bool screen(const httplib::Request& req, httplib::Response& res);
    /// Registers last: for any path no route took, 405 with Allow when other methods
    /// have a route there, else 404; a body sent with it is not read.
    void register_fallbacks();

    /// The principal of a request (bearer or cookie), with the CSRF rule applied and the
    /// client's address set; nullopt when unauthenticated. Exposed for routes with their
    /// own flow (events).
    std::optional<Principal> authenticate(const httplib::Request& req, shared::Error& why);

    Metrics& metrics() { return metrics_; }

  private:
    enum class Method { get, post, put, del };
    void add(Method m, const std::string& pattern, RoleSet roles, Handler h);
    void add_public(Method m, const std::string& pattern, PublicHandler h);
    void record(Method m, const std::string& pattern, RoleSet roles, bool is_public, bool documented);
    /// The wrapper every route passes through: the capped body read (routes that take
    /// one), the handler, the body sent, the final catch, the timing.
    void run(const char* method, const std::string& pattern, const PublicHandler& h, const httplib::Request& req,
             httplib::Response& res, const httplib::ContentReader* body);
    void answer_unrouted(const httplib::Request& req, httplib::Response& res);

    std::vector<std::pair<std::string, std::regex>> routes_; // for 405's Allow
    std::vector<RouteInfo> table_;

    httplib::Server& server_;
    AuthService& auth_;
    Metrics& metrics_;
    std::string trusted_proxy_;
};

} // namespace frontdoor::server::http

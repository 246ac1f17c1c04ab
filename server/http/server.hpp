#pragma once
// HttpServer: the booking server on one address. Owns the database, the services and
// the cpp-httplib server with its thread pool. start() returns once it accepts
// connections; stop() stops accepting, lets in-flight requests finish, and returns.
// Thread-safety: start() and stop() from one controlling thread.

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "server/http/api.hpp"
#include "server/http/front_server.hpp"
#include "server/services/context.hpp"

namespace httplib {
class Server;
}

namespace frontdoor::server {

struct Services;
namespace storage {
class Database;
}

struct ServerOptions {
    std::string db_path;
    std::string bind = "127.0.0.1";
    int port = 0;
    int threads = 64; // request threads; idle connections hold none (front_server.hpp)
    /// Open connections, slow clients, heads and bodies (front_server.hpp). Its
    /// worker_threads is `threads`; its exempt_address is `trusted_proxy`.
    http::ConnectionLimits connections;
    std::size_t max_event_streams = 200;            // live staff pages in all
    std::size_t max_event_streams_per_session = 4;  // tabs of one signed-in person
    std::string web_root; // the staff page's files; empty serves none
    Settings settings;
    std::shared_ptr<const shared::Clock> clock; // the system clock when empty
    // Limits, each per limit_window; a lockout lasts limit_window, doubling on repeat up
    // to its max (http/limits.hpp, http/sign_in_limiter.hpp).
    int login_failures_allowed = 10;          // per account from one address
    int login_address_failures_allowed = 30;  // per address, every account together
    int login_account_failures_allowed = 100; // per account, every address together
    std::chrono::seconds login_max_lockout{std::chrono::hours{1}};
    int checkin_failures_allowed = 30; // failed proofs of identity per kiosk or address
    std::chrono::seconds proof_max_lockout{std::chrono::minutes{30}};
    int kiosk_bookings_allowed = 30;   // bookings and waitlist joins per kiosk
    std::chrono::seconds limit_window{std::chrono::minutes{5}};
    std::chrono::seconds sweep_every{std::chrono::seconds{30}}; // offer expiry
    bool log_requests = false;
    /// The TLS proxy's address (e.g. 127.0.0.1 for nginx on the host). Requests from it
    /// are limited per the client its X-Forwarded-For names; empty trusts no header.
    std::string trusted_proxy;
};

class HttpServer {
  public:
    explicit HttpServer(ServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds, starts serving on a thread of its own and returns the port. Throws
    /// std::runtime_error when the address cannot be bound.
    int start();
    void stop();
    int port() const { return port_; }

    /// Every route registered (http/api.hpp), for `frontdoor-server routes`.
    const std::vector<http::RouteInfo>& route_table() const;

    Services& services();
    storage::Database& database();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
};

} // namespace frontdoor::server

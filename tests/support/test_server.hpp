#pragma once
// TestServer: the booking server (HttpServer) on 127.0.0.1, port 0, over a database in
// a fresh temporary directory, with a ManualClock the test moves. The constructor
// creates an admin account and signs in; the destructor stops the server and removes
// the directory. Used by the server integration tests and the kiosk tests: url(),
// port(), hub_id() and kiosk_token() are a stable interface.
//
// Thread-safety: construct, restart() and destroy from one thread; get()/post()/put()
// and clock() may be used from any thread while the server runs.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "server/http/server.hpp"
#include "shared/time.hpp"
#include "tests/support/http_json.hpp"
#include "tests/support/test_database.hpp"

namespace frontdoor::testing {

using Id = std::int64_t;

/// 2027-01-13T08:00:00Z: a Wednesday morning, in winter time in London, in the future.
shared::Instant default_start();
/// "2027-01-13T08:00:00Z" -> an instant; throws std::invalid_argument when malformed.
shared::Instant instant(const std::string& rfc3339);

class TestServer {
  public:
    struct Options {
        shared::Instant start = default_start();
        bool demo = false; // load the demo hub (needs server/services/demo_data.hpp)
        std::string admin_user = "admin";
        std::string admin_password = "correct horse battery";
        server::Settings settings{};
        int login_failures_allowed = 10;          // per account from one address
        int login_address_failures_allowed = 30;  // per address
        int login_account_failures_allowed = 100; // per account
        int checkin_failures_allowed = 30;        // failed proofs of identity
        int kiosk_bookings_allowed = 30;
        std::chrono::seconds sweep_every{30};
        int threads = 64;
        bool log_requests = false;
        std::string trusted_proxy;
        server::http::ConnectionLimits connections{}; // its worker_threads is `threads`
        std::size_t max_event_streams = 200;
        std::size_t max_event_streams_per_session = 4;
        /// Another server on the same database (PostgreSQL): this one makes no database
        /// and no admin of its own, and signs in as the peer's admin. The peer must
        /// outlive it.
        const TestServer* peer = nullptr;
    };

    TestServer();
    explicit TestServer(Options options);
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    std::string url() const { return http_.url(); }
    int port() const { return http_.port(); }
    /// The --db the server runs on: an SQLite file, or a postgresql:// URL on the *_pg run.
    const std::string& db_path() const { return db_path_; }
    const std::string& dir() const { return dir_; }
    shared::ManualClock& clock() { return *clock_; }
    const Options& options() const { return options_; }
    server::HttpServer& server() { return *server_; }
    const HttpJson& http() const { return http_; }

    const std::string& admin_token() const { return admin_token_; }
    /// Signs the admin in again (after the clock moved past the staff session's idle
    /// time) and returns the new token, which admin_token() then gives.
    const std::string& relogin_admin();
    /// Signs in and returns the token; throws std::runtime_error unless 200.
    std::string login(const std::string& user, const std::string& password) const;
    /// A new kiosk token for the hub (POST /api/v1/kiosks as admin); throws unless 201.
    std::string kiosk_token(Id hub_id) const;
    /// The demo hub, else the first hub there is, else a hub "Test Hub" made now.
    Id hub_id();

    /// A client of this server with 5 s timeouts.
    std::unique_ptr<httplib::Client> client() const { return http_.client(); }

    Reply get(const std::string& path, const std::string& token = {}) const { return http_.get(path, token); }
    Reply post(const std::string& path, const json& body, const std::string& token = {},
               const httplib::Headers& headers = {}) const {
        return http_.post(path, body, token, headers);
    }
    Reply put(const std::string& path, const json& body, const std::string& token = {}) const {
        return http_.put(path, body, token);
    }

    /// Stops the server and starts it again on the same database (the same port when
    /// it is still free). Tokens stay valid: they live in the database.
    void restart();

  private:
    void start(int port);

    Options options_;
    std::string dir_;
    std::unique_ptr<TestDatabase> db_; // SQLite in dir_, or PostgreSQL on the *_pg run
    std::string db_path_;
    std::shared_ptr<shared::ManualClock> clock_;
    std::unique_ptr<server::HttpServer> server_;
    HttpJson http_;
    std::string admin_token_;
    Id hub_id_ = 0;
};

} // namespace frontdoor::testing

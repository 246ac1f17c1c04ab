#include "tests/support/test_server.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "server/services/services.hpp"

#if __has_include("server/services/demo_data.hpp")
#include "server/services/demo_data.hpp"
#define FRONTDOOR_TEST_HAS_DEMO 1
#endif

namespace frontdoor::testing {

shared::Instant default_start() { return instant("2027-01-13T08:00:00Z"); }

shared::Instant instant(const std::string& text) {
    auto t = shared::parse_instant(text);
    if (!t) throw std::invalid_argument("not an RFC 3339 instant: " + text);
    return *t;
}

namespace {

std::string make_temp_dir() {
    auto pattern = (std::filesystem::temp_directory_path() / "frontdoor-test-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp failed for " + pattern);
    return buf.data();
}

} // namespace

TestServer::TestServer() : TestServer(Options{}) {}

TestServer::TestServer(Options options)
    : options_(std::move(options)), dir_(make_temp_dir()),
      clock_(std::make_shared<shared::ManualClock>(options_.start)) {
    try {
        if (options_.peer) {
            db_path_ = options_.peer->db_path();
            options_.admin_user = options_.peer->options().admin_user;
            options_.admin_password = options_.peer->options().admin_password;
            start(0);
            admin_token_ = login(options_.admin_user, options_.admin_password);
            return;
        }
        db_ = std::make_unique<TestDatabase>(dir_);
        db_path_ = db_->url();
        start(0);
        auto admin = server_->services().auth.create_admin(options_.admin_user, options_.admin_password);
        if (!admin) throw std::runtime_error("create_admin: " + admin.error().message);
        admin_token_ = login(options_.admin_user, options_.admin_password);
        if (options_.demo) {
#ifdef FRONTDOOR_TEST_HAS_DEMO
            // The demo data's own entry point, in-process, on this server's services.
            auto demo = server::load_demo(server_->services(), *clock_);
            if (!demo) throw std::runtime_error("load_demo: " + demo.error().message);
            hub_id_ = demo->hub_id;
#else
            throw std::runtime_error("TestServer: demo data is not built yet (server/services/demo_data.hpp)");
#endif
        }
    } catch (...) {
        server_.reset();
        db_.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
        throw;
    }
}

TestServer::~TestServer() {
    if (server_) server_->stop();
    server_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

void TestServer::start(int port) {
    server::ServerOptions o;
    o.db_path = db_path_;
    o.bind = "127.0.0.1";
    o.port = port;
    o.threads = options_.threads;
    o.settings = options_.settings;
    o.clock = clock_;
    o.login_failures_allowed = options_.login_failures_allowed;
    o.trusted_proxy = options_.trusted_proxy;
    o.checkin_failures_allowed = options_.checkin_failures_allowed;
    o.login_address_failures_allowed = options_.login_address_failures_allowed;
    o.login_account_failures_allowed = options_.login_account_failures_allowed;
    o.kiosk_bookings_allowed = options_.kiosk_bookings_allowed;
    o.sweep_every = options_.sweep_every;
    o.log_requests = options_.log_requests;
    o.connections = options_.connections;
    o.max_event_streams = options_.max_event_streams;
    o.max_event_streams_per_session = options_.max_event_streams_per_session;
    server_ = std::make_unique<server::HttpServer>(o);
    int bound = server_->start();
    http_ = HttpJson("127.0.0.1", bound);
}

void TestServer::restart() {
    int old_port = http_.port();
    server_->stop();
    server_.reset();
    try {
        start(old_port);
    } catch (const std::runtime_error&) {
        start(0); // the old port was taken meanwhile
    }
}

std::string TestServer::login(const std::string& user, const std::string& password) const {
    auto r = http_.post("/api/v1/auth/login", json{{"username", user}, {"password", password}});
    if (!r.transport_ok || r.status != 200 || !r.body.is_object() || !r.body.contains("token"))
        throw std::runtime_error("login as " + user + ": " + r.describe());
    return r.body["token"].get<std::string>();
}

const std::string& TestServer::relogin_admin() {
    admin_token_ = login(options_.admin_user, options_.admin_password);
    return admin_token_;
}

std::string TestServer::kiosk_token(Id hub_id) const {
    auto r = http_.post("/api/v1/kiosks", json{{"hub_id", hub_id}, {"name", "Kiosk in the foyer"}}, admin_token_);
    if (!r.transport_ok || r.status != 201 || !r.body.is_object() || !r.body.contains("token"))
        throw std::runtime_error("POST /api/v1/kiosks: " + r.describe());
    return r.body["token"].get<std::string>();
}

Id TestServer::hub_id() {
    if (hub_id_ != 0) return hub_id_;
    auto list = http_.get("/api/v1/hubs", admin_token_);
    if (list.transport_ok && list.status == 200) {
        const json* hubs = nullptr;
        if (list.body.is_array()) hubs = &list.body;
        else if (list.body.is_object() && list.body.contains("hubs")) hubs = &list.body["hubs"];
        if (hubs && hubs->is_array() && !hubs->empty() && (*hubs)[0].contains("id"))
            return hub_id_ = (*hubs)[0]["id"].get<Id>();
    }
    auto made = http_.post("/api/v1/hubs", json{{"name", "Test Hub"}, {"timezone", "Europe/London"}}, admin_token_);
    if (!made.transport_ok || made.status != 201 || !made.body.contains("id"))
        throw std::runtime_error("POST /api/v1/hubs: " + made.describe());
    return hub_id_ = made.body["id"].get<Id>();
}

} // namespace frontdoor::testing

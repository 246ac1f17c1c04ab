#pragma once
// A real httplib server on 127.0.0.1, port 0, with the web routes over a fake password
// check, a ManualClock, and one route standing in for the lead's API behind the cookie
// check (POST/GET /api/v1/test/echo). Started in the constructor, stopped in the
// destructor. Thread-safety: use from the test's thread only.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/http/events.hpp"
#include "server/http/web_routes.hpp"
#include "server/http/web_session.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server::web::testing {

inline shared::Instant test_start() {
    return shared::Instant{std::chrono::seconds{1'800'000'000}}; // 2027-01-15
}

/// A temporary folder with a tiny page in it, removed at the end.
struct TempWebRoot {
    std::filesystem::path dir;
    TempWebRoot() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("fd-web-" + std::to_string(rd()));
        std::filesystem::create_directories(dir / "css");
        std::ofstream(dir / "index.html") << "<!doctype html><title>Front Door</title>";
        std::ofstream(dir / "app.js") << "export const x = 1;\n";
        std::ofstream(dir / "css" / "day.css") << "body{}\n";
        std::ofstream(dir / "notes.secret") << "not served\n";
    }
    ~TempWebRoot() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

struct WebTestServer {
    shared::ManualClock clock{test_start()};
    TempWebRoot root;
    WebSessions sessions;
    EventBus events;
    httplib::Server svr;
    std::thread thread;
    int port = 0;

    explicit WebTestServer(WebSessionOptions options = {}) : sessions(clock, options) {
        WebRoutes routes{sessions, events, root.dir, check_password, nullptr, 4,
                         std::chrono::milliseconds{15000}};
        register_web_routes(svr, routes);
        auto echo = [this](const httplib::Request& req, httplib::Response& res) {
            auto auth = sessions.authenticate(req);
            shared::Error e = shared::make_error(shared::ErrorCode::unauthenticated, "no session");
            if (auth && *auth) {
                res.set_content(nlohmann::json{{"staff_id", (*auth)->staff_id}}.dump(),
                                "application/json");
                return;
            }
            if (auth) e = auth->error();
            res.status = status_of(e.code);
            res.set_content(shared::wire::error_body(e).dump(), "application/json");
        };
        svr.Get("/api/v1/test/echo", echo);
        svr.Post("/api/v1/test/echo", echo);
        port = svr.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { svr.listen_after_bind(); });
        while (!svr.is_running()) std::this_thread::yield();
    }
    ~WebTestServer() {
        events.shutdown();
        svr.stop();
        thread.join();
    }

    static shared::Result<StaffIdentity> check_password(const std::string& user,
                                                        const std::string& password,
                                                        const std::string&) {
        if (user == "manager" && password == "manager-demo-1")
            return StaffIdentity{7, "manager", 1, "Mina Manager"};
        if (user == "reception" && password == "reception-demo-1")
            return StaffIdentity{8, "reception", 1, "Rae Reception"};
        return shared::make_error(shared::ErrorCode::unauthenticated, "wrong username or password");
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_connection_timeout(std::chrono::seconds{2});
        c.set_read_timeout(std::chrono::seconds{5});
        return c;
    }

    struct SignedIn {
        std::string cookie; // "fd_session=..."
        std::string csrf;
    };
    /// Signs in and returns the cookie and CSRF token, or empty strings on failure.
    SignedIn sign_in(const std::string& user = "manager", const std::string& pw = "manager-demo-1") {
        auto c = client();
        auto res = c.Post("/api/v1/auth/web-session",
                          nlohmann::json{{"username", user}, {"password", pw}}.dump(),
                          "application/json");
        if (!res || res->status != 200) return {};
        auto set_cookie = res->get_header_value("Set-Cookie");
        auto body = nlohmann::json::parse(res->body);
        return {set_cookie.substr(0, set_cookie.find(';')), body["csrf_token"].get<std::string>()};
    }
};

} // namespace frontdoor::server::web::testing

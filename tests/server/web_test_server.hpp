#pragma once
// The real HttpServer on 127.0.0.1, port 0, over a temporary database and a tiny web
// root, with a ManualClock; two accounts: "admin" (every hub) and "reception" (hub 1).
// Started in the constructor, stopped in the destructor. Use from the test's thread.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/http/server.hpp"
#include "server/services/crypto.hpp"
#include "server/services/services.hpp"
#include "server/storage/database.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server::testing {

inline shared::Instant test_start() {
    return shared::Instant{std::chrono::seconds{1'800'000'000}}; // 2027-01-15
}

/// A temporary folder with a tiny page and the database in it, removed at the end.
struct TempDir {
    std::filesystem::path dir;
    TempDir() {
        std::random_device rd;
        dir = std::filesystem::temp_directory_path() / ("fd-web-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(dir / "web" / "css");
        std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>Front Door</title>";
        std::ofstream(dir / "web" / "app.js") << "export const x = 1;\n";
        std::ofstream(dir / "web" / "css" / "day.css") << "body{}\n";
        std::ofstream(dir / "web" / "notes.secret") << "not served\n";
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

struct WebTestServer {
    TempDir tmp;
    std::shared_ptr<shared::ManualClock> clock = std::make_shared<shared::ManualClock>(test_start());
    std::unique_ptr<HttpServer> server;
    int port = 0;

    explicit WebTestServer(std::chrono::minutes idle = std::chrono::minutes{30}) {
        ServerOptions o;
        o.db_path = (tmp.dir / "test.db").string();
        o.bind = "127.0.0.1";
        o.port = 0;
        o.threads = 16;
        o.web_root = (tmp.dir / "web").string();
        o.settings.staff_session_idle = idle;
        o.clock = clock;
        server = std::make_unique<HttpServer>(o);
        auto admin = server->services().auth.create_admin("admin", "admin-password-1");
        if (!admin) throw std::runtime_error(admin.error().message);
        server->database().write([&](storage::Connection& c) {
            auto hub = storage::insert_hub(c, {0, "Riverside", "Europe/London", std::nullopt}, test_start());
            storage::insert_hub(c, {0, "Hillside", "Europe/London", std::nullopt}, test_start());
            storage::insert_staff(c, {0, "Rae Reception", "receptionist", hub, "reception", "reception", true},
                                  hash_password("reception-demo-1"), test_start());
        });
        port = server->start();
    }
    ~WebTestServer() { server->stop(); }

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
    /// Signs in as a browser does; empty strings on failure.
    SignedIn sign_in(const std::string& user = "admin", const std::string& pw = "admin-password-1") {
        auto c = client();
        auto res = c.Post("/api/v1/auth/login", nlohmann::json{{"username", user}, {"password", pw}}.dump(),
                          "application/json");
        if (!res || res->status != 200) return {};
        auto set_cookie = res->get_header_value("Set-Cookie");
        auto body = nlohmann::json::parse(res->body);
        return {set_cookie.substr(0, set_cookie.find(';')), body.value("csrf_token", "")};
    }
};

} // namespace frontdoor::server::testing

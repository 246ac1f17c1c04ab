#pragma once
// Test scaffolding for the set-up tests: a temporary database file, services over it
// with a manual clock, and a real server on 127.0.0.1 with an HTTP client.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include <httplib.h>

#include "server/http/server.hpp"
#include "server/services/services.hpp"
#include "shared/json_fields.hpp"
#include "shared/time.hpp"
#include "tests/support/test_database.hpp"

namespace frontdoor::setup_test {

using server::Id;
using shared::json;

inline shared::Instant at(const char* rfc3339) { return *shared::parse_instant(rfc3339); }

/// A fresh database (TestDatabase: SQLite in a temporary folder, or PostgreSQL on the
/// *_pg run), removed with everything in the folder.
class TempDb {
  public:
    TempDb() : dir_(make_dir()), db_(dir_) {}
    ~TempDb() {
        std::error_code ec;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
    }
    TempDb(const TempDb&) = delete;
    TempDb& operator=(const TempDb&) = delete;
    const std::string& path() const { return db_.url(); }
    std::string dir() const { return dir_; }

  private:
    static std::string make_dir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "frontdoor-setup-XXXXXX").string();
        return ::mkdtemp(tmpl.data()) ? tmpl : std::string{};
    }
    std::string dir_;
    testing::TestDatabase db_;
};

/// Services over a temporary database with a clock the test sets.
struct ServiceHarness {
    explicit ServiceHarness(const char* now = "2027-03-24T09:00:00Z")
        : clock(at(now)), db(tmp.path()), services(server::ServiceContext{db, clock, {}, {}}) {}
    TempDb tmp;
    shared::ManualClock clock;
    server::storage::Database db;
    server::Services services;
    server::Principal admin{server::Role::admin, Id{1}};
};

struct Reply {
    int status = 0; // 0 when the request did not complete
    std::string text;
    std::string content_type;
    json body;
    std::string code() const { return body.contains("error") ? body["error"].value("code", "") : ""; }
    std::string field() const { return body.contains("error") ? body["error"].value("field", "") : ""; }
};

/// A real server on a free port with an admin account ("admin" / "admin-password-1").
class ServerHarness {
  public:
    explicit ServerHarness(const char* now = "2027-03-24T09:00:00Z")
        : clock_(std::make_shared<shared::ManualClock>(at(now))), server_(options()), port_(server_.start()),
          client_("127.0.0.1", port_) {
        client_.set_connection_timeout(5, 0);
        client_.set_read_timeout(30, 0);
        auto made = server_.services().auth.create_admin("admin", "admin-password-1");
        if (!made) throw std::runtime_error("no admin: " + made.error().message);
        admin_ = login("admin", "admin-password-1");
    }
    ~ServerHarness() { server_.stop(); }

    server::Services& services() { return server_.services(); }
    shared::ManualClock& clock() { return *clock_; }
    const std::string& admin() const { return admin_; }

    std::string login(const std::string& user, const std::string& password) {
        auto r = post("/api/v1/auth/login", json{{"username", user}, {"password", password}}, "");
        if (r.status != 200) throw std::runtime_error("login " + user + ": " + std::to_string(r.status) + " " + r.text);
        return r.body["token"].get<std::string>();
    }

    Reply get(const std::string& path, const std::string& token) {
        return wrap(client_.Get(path.c_str(), headers(token)));
    }
    Reply post(const std::string& path, const json& body, const std::string& token) {
        return wrap(client_.Post(path.c_str(), headers(token), body.dump(), "application/json"));
    }
    Reply post_raw(const std::string& path, const std::string& body, const std::string& token) {
        return wrap(client_.Post(path.c_str(), headers(token), body, "application/json"));
    }
    Reply put(const std::string& path, const json& body, const std::string& token) {
        return wrap(client_.Put(path.c_str(), headers(token), body.dump(), "application/json"));
    }

  private:
    server::ServerOptions options() {
        server::ServerOptions o;
        o.db_path = tmp_.path();
        o.port = 0;
        o.threads = 4;
        o.clock = clock_;
        return o;
    }
    static httplib::Headers headers(const std::string& token) {
        httplib::Headers h;
        if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
        return h;
    }
    static Reply wrap(const httplib::Result& res) {
        Reply r;
        if (!res) return r;
        r.status = res->status;
        r.text = res->body;
        r.content_type = res->get_header_value("Content-Type");
        if (r.content_type.rfind("application/json", 0) == 0)
            r.body = json::parse(r.text, nullptr, /*allow_exceptions=*/false);
        return r;
    }

    TempDb tmp_;
    std::shared_ptr<shared::ManualClock> clock_;
    server::HttpServer server_;
    int port_;
    httplib::Client client_;
    std::string admin_;
};

} // namespace frontdoor::setup_test

// The test harness itself: what the server tests and the kiosk tests lean on.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "server/storage/sql.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;
namespace storage = frontdoor::server::storage;

TEST_SUITE("server: test harness") {

TEST_CASE("TestServer serves on loopback, signs in, and cleans up after itself") {
    std::string dir, db;
    {
        TestServer server;
        dir = server.dir();
        db = server.db_path();
        CHECK(server.port() > 0);
        CHECK(server.url() == "http://127.0.0.1:" + std::to_string(server.port()));
        if (TestDatabase::on_postgres()) CHECK_NOTHROW(storage::open_connection(db));
        else CHECK(std::filesystem::exists(db));
        CHECK(server.clock().now() == default_start());
        REQUIRE_REPLY(server.get("/api/v1/hubs", server.admin_token()), 200);

        auto hub = server.hub_id();
        CHECK(hub == server.hub_id()); // made once
        auto kiosk = server.kiosk_token(hub);
        auto me = server.get("/api/v1/kiosks/me", kiosk);
        REQUIRE_REPLY(me, 200);
        CHECK(me.body["hub"]["id"] == hub);

        int port = server.port();
        server.restart();
        CHECK(server.port() == port);
        REQUIRE_REPLY(server.get("/api/v1/kiosks/me", kiosk), 200);
    }
    CHECK_FALSE(std::filesystem::exists(dir));
    if (TestDatabase::on_postgres()) CHECK_THROWS(storage::open_connection(db)); // dropped
}

TEST_CASE("TestServer with the demo hub") {
    TestServer::Options o;
    o.demo = true;
    TestServer server(o);
    auto hub = server.hub_id();
    CHECK(hub > 0);
    auto kiosk = server.kiosk_token(hub);
    auto services = server.get("/api/v1/hubs/" + std::to_string(hub) + "/services", kiosk);
    REQUIRE_REPLY(services, 200);
    CHECK_FALSE(services.body["services"].empty());
    auto day = server.get("/api/v1/hubs/" + std::to_string(hub) + "/day", server.admin_token());
    REQUIRE_REPLY(day, 200);
    CHECK_FALSE(day.body["appointments"].empty());
}

} // TEST_SUITE

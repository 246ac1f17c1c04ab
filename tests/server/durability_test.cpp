// Data survives a restart; a kill -9 in the middle of a stream of bookings loses none
// that were acknowledged (point 8). The second case runs the real program.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include <signal.h>
#include <sys/wait.h>

#include <date/date.h>

#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"
#include "server/storage/schema.hpp"
#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

#ifndef FRONTDOOR_SERVER_BIN
#error "FRONTDOOR_SERVER_BIN must name the frontdoor-server program"
#endif

namespace {

std::set<std::string> references_in_day(const json& day) {
    std::set<std::string> out;
    for (const auto& a : day["appointments"]) out.insert(a.value("reference", ""));
    return out;
}

} // namespace

TEST_SUITE("server: durability") {

TEST_CASE("bookings, check-ins, waitlists and tokens survive a restart") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto room = f.room(hub, "Room 1", 4);
    auto midwife = f.staff(hub, "Amina Khan", "midwife");
    f.working_hours(midwife, hub, {Hours{3, "09:00", "12:00"}});
    auto antenatal = f.appointment_service("Antenatal check", 30, "midwife");
    auto group = f.group_service("Baby massage", 60, 1);
    auto session = f.session(group, hub, room, "2027-01-13T14:00:00Z");
    auto kiosk = server.kiosk_token(hub);

    auto one = f.book(Fixture::appointment_booking(hub, antenatal, "2027-01-13T09:30:00Z", family("Ngozi", "Okafor", "1990-05-01")));
    auto two = f.book(Fixture::group_booking(hub, group, session, family("Sarah", "Smith", "1988-02-02")));
    REQUIRE_REPLY(server.post("/api/v1/checkins", json{{"hub_id", hub}, {"reference", one["reference"]}}, kiosk), 200);
    auto wait = server.post("/api/v1/waitlist",
                            json{{"hub_id", hub}, {"service_id", group}, {"session_id", session},
                                 {"client", family("Bola", "Adeyemi", "1993-04-05")}},
                            server.admin_token());
    REQUIRE_REPLY(wait, 201);
    auto before = server.get("/api/v1/hubs/" + std::to_string(hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(before, 200);

    server.restart();

    auto after = server.get("/api/v1/hubs/" + std::to_string(hub) + "/day?date=2027-01-13", server.admin_token());
    REQUIRE_REPLY(after, 200);
    CHECK(after.body == before.body);
    CHECK(references_in_day(after.body) ==
          std::set<std::string>{one["reference"].get<std::string>(), two["reference"].get<std::string>()});
    REQUIRE_REPLY(server.get("/api/v1/kiosks/me", kiosk), 200);
    auto w = server.get("/api/v1/waitlist/" + std::to_string(wait.body["id"].get<Id>()), server.admin_token());
    REQUIRE_REPLY(w, 200);
    CHECK(w.body["status"] == "waiting");
    // The place is still taken, and the 09:30 slot still gone.
    REQUIRE_ERROR(f.try_book(Fixture::group_booking(hub, group, session, family("Dara", "Walsh", "1995-08-09"))), 409,
                  "slot_unavailable");
    REQUIRE_ERROR(f.try_book(Fixture::appointment_booking(hub, antenatal, "2027-01-13T09:30:00Z",
                                                          family("Dara", "Walsh", "1995-08-09"))),
                  409, "slot_unavailable");
}

TEST_CASE("kill -9 in the middle of a stream of bookings loses none that were acknowledged") {
    TempDir dir("kill");
    const std::string bin = FRONTDOOR_SERVER_BIN;
    const std::string db_path = dir.path + "/frontdoor.db";
    const std::string password = "correct horse battery";
    ServerProcess::init(bin, db_path, "admin", password);

    // The real program runs on the system clock: book a week from today.
    auto day = date::floor<date::days>(std::chrono::system_clock::now()) + date::days{7};
    const std::string when = date::format("%F", day);

    ServerProcess first(bin, db_path);
    first.start();
    HttpJson http = first.http();
    auto login = http.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", password}});
    REQUIRE_REPLY(login, 200);
    Fixture f(http, login.body["token"].get<std::string>());
    auto hub = f.hub();
    auto hall = f.room(hub, "Hall", 500);
    auto group = f.group_service("Open session", 60, 500);
    auto session = f.session(group, hub, hall, when + "T10:00:00Z", 500);

    constexpr int kWriters = 4;
    constexpr int kKillAfter = 40; // acknowledged bookings before the kill
    std::mutex mutex;
    std::condition_variable acked_cv;
    std::vector<std::string> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> unexpected{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&, w] {
            auto client = http.client();
            for (int i = 0; !stop; ++i) {
                auto body = Fixture::group_booking(
                    hub, group, session, family("W" + std::to_string(w) + "n" + std::to_string(i), "Stream", "1990-01-01"));
                auto r = to_reply(client->Post("/api/v1/bookings", auth_headers(f.token(), {{"Idempotency-Key", Fixture::new_key()}}),
                                               body.dump(), "application/json"));
                if (!r.transport_ok) break; // the server is gone
                if (r.status != 201) {
                    ++unexpected;
                    continue;
                }
                std::lock_guard lock(mutex);
                acknowledged.push_back(r.body["reference"].get<std::string>());
                acked_cv.notify_all();
            }
        });
    {
        std::unique_lock lock(mutex);
        bool enough = acked_cv.wait_for(lock, std::chrono::seconds{30}, [&] { return acknowledged.size() >= kKillAfter; });
        CHECK(enough);
    }
    int status = first.kill_and_wait(SIGKILL); // while the writers still send
    stop = true;
    for (auto& t : writers) t.join();
    CHECK(WIFSIGNALED(status));
    CHECK(unexpected == 0);
    REQUIRE(acknowledged.size() >= kKillAfter);

    ServerProcess second(bin, db_path);
    second.start();
    DbProbe db(db_path);
    auto stored = db.column("SELECT reference FROM bookings WHERE session_id = " + std::to_string(session) +
                            " AND status = 'booked'");
    std::set<std::string> in_db(stored.begin(), stored.end());
    for (const auto& ref : acknowledged) {
        INFO("reference " << ref);
        CHECK(in_db.count(ref) == 1);
    }
    // Only requests in flight at the kill may have committed without an answer.
    CHECK(in_db.size() <= acknowledged.size() + kWriters);

    // The restarted server answers for them too, with the same token.
    HttpJson again = second.http();
    auto day_view = again.get("/api/v1/hubs/" + std::to_string(hub) + "/day?date=" + when, f.token());
    REQUIRE_REPLY(day_view, 200);
    auto listed = references_in_day(day_view.body);
    for (const auto& ref : acknowledged) CHECK(listed.count(ref) == 1);

    // SIGTERM: a clean exit 0.
    int term = second.kill_and_wait(SIGTERM);
    CHECK(WIFEXITED(term));
    CHECK(WEXITSTATUS(term) == 0);
}

TEST_CASE("a database from the first schema is carried forward with every row, and finds families by index") {
    using namespace frontdoor::server::storage;
    TempDir dir("kill");
    auto path = dir.path + "/old.db";
    {
        SqliteConnection c(path); // as the first release left it: schema 1, one family, one hub
        c.exec(migrations().at(0));
        c.exec("PRAGMA user_version=1");
        c.exec("INSERT INTO hubs(name, timezone, created_at) VALUES ('Riverside', 'Europe/London', 0)");
        c.exec("INSERT INTO clients(first_name, last_name, date_of_birth, created_at) "
               "VALUES ('Zoë', 'O''Brien', '1990-04-01', 0)");
    }
    Database db(path);
    CHECK(db.schema_version() == Database::latest_schema_version());
    CHECK(Database::latest_schema_version() >= 2);
    auto found = db.read([](Connection& c) {
        Statement s(c, "SELECT first_name, last_name FROM clients WHERE date_of_birth = '1990-04-01'");
        return s.step() ? s.text(0) + " " + s.text(1) : std::string{};
    });
    CHECK(found == "Zoë O'Brien");
    auto plan = db.read([](Connection& c) {
        Statement s(c, "EXPLAIN QUERY PLAN SELECT id FROM clients WHERE first_name = 'a' AND last_name = 'b' "
                       "AND date_of_birth = '1990-01-01'");
        std::string out;
        while (s.step()) out += s.text(3) + "\n";
        return out;
    });
    CAPTURE(plan);
    CHECK(plan.find("clients_by_identity") != std::string::npos);
}

TEST_CASE("the write-ahead log is checkpointed outside the writer and does not grow without end") {
    using namespace frontdoor::server::storage;
    TempDir dir("kill");
    auto path = dir.path + "/busy.db";
    Database db(path);
    const std::string detail(16 * 1024, 'x'); // about five pages a commit
    for (int i = 0; i < 1500; ++i)
        db.write([&](Connection& c) {
            Statement(c, "INSERT INTO audit(at, actor, action, detail) VALUES (0, 'test', 'fill', ?)").bind_all(detail).run();
        });
    // Unchecked, the log would hold every commit: 1500 x 16 KiB, over 24 MB.
    auto wal = std::filesystem::file_size(path + "-wal");
    CAPTURE(wal);
    CHECK(wal < 12u * 1024 * 1024);
    auto rows = db.read([](Connection& c) {
        Statement s(c, "SELECT COUNT(*) FROM audit WHERE action = 'fill'");
        s.step();
        return s.integer(0);
    });
    CHECK(rows == 1500);
}

} // TEST_SUITE

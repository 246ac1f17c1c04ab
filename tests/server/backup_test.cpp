// Backups you can trust (issue 10, must-show 4): `frontdoor-server backup` taken while 8
// clients book holds every booking acknowledged before it began and passes
// integrity_check; `restore` refuses while a server holds the database and, after it
// stops, puts the backup in place for a server to answer from; the nightly script keeps
// the newest 14. All through the real program and the real script.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <sys/wait.h>

#include <date/date.h>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/run_program.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace frontdoor::testing;
namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;

#if !defined(FRONTDOOR_SERVER_BIN) || !defined(FRONTDOOR_NIGHTLY_BACKUP)
#error "FRONTDOOR_SERVER_BIN and FRONTDOOR_NIGHTLY_BACKUP must name the program and the script"
#endif

namespace {

const std::string kBin = FRONTDOOR_SERVER_BIN;
const std::string kPassword = "correct horse battery";

std::set<std::string> references_in_day(const json& day) {
    std::set<std::string> out;
    for (const auto& a : day["appointments"]) out.insert(a.value("reference", ""));
    return out;
}

struct Acknowledged {
    std::string reference;
    Steady::time_point at;
};

} // namespace

TEST_SUITE("server: backup") {

TEST_CASE("a backup taken while 8 clients book holds every booking acknowledged before it began, and restores") {
    TempDir dir("backup");
    const std::string db_path = dir.path + "/frontdoor.db";
    const std::string copy_path = dir.path + "/front-copy.db";
    ServerProcess::init(kBin, db_path, "admin", kPassword);

    auto day = date::floor<date::days>(std::chrono::system_clock::now()) + date::days{7};
    const std::string when = date::format("%F", day);

    auto server = std::make_unique<ServerProcess>(kBin, db_path);
    server->start();
    HttpJson http = server->http();
    auto login = http.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", kPassword}});
    REQUIRE_REPLY(login, 200);
    Fixture f(http, login.body["token"].get<std::string>());
    auto hub = f.hub();
    auto hall = f.room(hub, "Hall", 1000);
    auto group = f.group_service("Open session", 60, 1000);
    std::vector<Id> sessions;
    for (int h = 10; h <= 13; ++h) sessions.push_back(f.session(group, hub, hall, when + "T" + std::to_string(h) + ":00:00Z", 1000));

    constexpr int kClients = 8;
    std::mutex mutex;
    std::condition_variable acked_cv;
    std::vector<Acknowledged> acknowledged;
    std::atomic<bool> stop{false};
    std::atomic<int> unexpected{0};
    std::vector<std::thread> clients;
    for (int w = 0; w < kClients; ++w)
        clients.emplace_back([&, w] {
            auto client = http.client();
            for (int i = 0; !stop; ++i) {
                auto session = sessions[static_cast<size_t>(i) % sessions.size()];
                auto body = Fixture::group_booking(
                    hub, group, session, family("C" + std::to_string(w) + "n" + std::to_string(i), "Backup", "1990-01-01"));
                auto r = to_reply(client->Post("/api/v1/bookings",
                                               auth_headers(f.token(), {{"Idempotency-Key", Fixture::new_key()}}),
                                               body.dump(), "application/json"));
                auto at = Steady::now();
                if (!r.transport_ok || r.status != 201) {
                    ++unexpected;
                    continue;
                }
                std::lock_guard lock(mutex);
                acknowledged.push_back({r.body["reference"].get<std::string>(), at});
                acked_cv.notify_all();
            }
        });
    auto wait_for_count = [&](size_t n) {
        std::unique_lock lock(mutex);
        return acked_cv.wait_for(lock, std::chrono::seconds{60}, [&] { return acknowledged.size() >= n; });
    };
    CHECK(wait_for_count(150));

    auto began = Steady::now();
    auto backup = run_program({kBin, "backup", "--db", db_path, "--to", copy_path});
    auto finished = Steady::now();
    size_t at_finish = 0;
    {
        std::lock_guard lock(mutex);
        at_finish = acknowledged.size();
    }
    CHECK(wait_for_count(at_finish + 50)); // bookings after the backup: the restore must not have them
    stop = true;
    for (auto& t : clients) t.join();
    CAPTURE(backup.output);
    REQUIRE(backup.exit_code == 0);
    CHECK(backup.output.find("backed up " + db_path + " to " + copy_path) != std::string::npos);
    CHECK(backup.output.find("integrity ok") != std::string::npos);
    CHECK(unexpected == 0);

    std::vector<std::string> before, after;
    for (const auto& a : acknowledged) {
        if (a.at < began) before.push_back(a.reference);
        if (a.at > finished) after.push_back(a.reference);
    }
    MESSAGE("acknowledged ", acknowledged.size(), ": ", before.size(), " before the backup began, ", after.size(),
            " after it finished; backup took ",
            std::chrono::duration_cast<std::chrono::milliseconds>(finished - began).count(), " ms");
    REQUIRE(before.size() >= 150);
    REQUIRE(after.size() >= 50);

    std::set<std::string> in_copy;
    {
        DbProbe copy(copy_path);
        CHECK(copy.column("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
        auto refs = copy.column("SELECT reference FROM bookings");
        in_copy.insert(refs.begin(), refs.end());
        CHECK(backup.output.find(std::to_string(in_copy.size()) + " bookings") != std::string::npos);
    }
    for (const auto& ref : before) {
        INFO("acknowledged before the backup: " << ref);
        CHECK(in_copy.count(ref) == 1);
    }

    // While the server runs, restore refuses and changes nothing.
    auto refused = run_program({kBin, "restore", "--from", copy_path, "--db", db_path});
    CAPTURE(refused.output);
    CHECK(refused.exit_code == 1);
    CHECK(refused.output.find("a running Front Door server holds " + db_path) != std::string::npos);
    {
        DbProbe live(db_path);
        CHECK(live.integer("SELECT COUNT(*) FROM bookings") == static_cast<std::int64_t>(acknowledged.size()));
    }

    int term = server->kill_and_wait(SIGTERM);
    CHECK(WIFEXITED(term));
    auto restored = run_program({kBin, "restore", "--from", copy_path, "--db", db_path});
    CAPTURE(restored.output);
    REQUIRE(restored.exit_code == 0);
    CHECK(restored.output.find("restored " + db_path + " from " + copy_path) != std::string::npos);
    CHECK_FALSE(fs::exists(db_path + "-wal"));

    // A server on the restored database answers for every booking of the backup, and for
    // none made after it.
    server = std::make_unique<ServerProcess>(kBin, db_path);
    server->start();
    auto day_view = server->http().get("/api/v1/hubs/" + std::to_string(hub) + "/day?date=" + when, f.token());
    REQUIRE_REPLY(day_view, 200);
    auto listed = references_in_day(day_view.body);
    CHECK(listed == in_copy);
    for (const auto& ref : before) CHECK(listed.count(ref) == 1);
    for (const auto& ref : after) CHECK(listed.count(ref) == 0);
}

TEST_CASE("backup and restore refuse what they cannot do, with a sentence and exit code 1") {
    TempDir dir("backup");
    const std::string db_path = dir.path + "/frontdoor.db";
    ServerProcess::init(kBin, db_path, "admin", kPassword);

    SUBCASE("backup: the database does not exist") {
        auto r = run_program({kBin, "backup", "--db", dir.path + "/nowhere.db", "--to", dir.path + "/copy.db"});
        CHECK(r.exit_code == 1);
        CHECK(r.output == "frontdoor-server: backup: the database " + dir.path + "/nowhere.db does not exist (or is not a file)\n");
        CHECK_FALSE(fs::exists(dir.path + "/nowhere.db"));
    }
    SUBCASE("backup: the target's folder does not exist") {
        auto r = run_program({kBin, "backup", "--db", db_path, "--to", dir.path + "/missing/copy.db"});
        CHECK(r.exit_code == 1);
        CHECK(r.output == "frontdoor-server: backup: the folder " + dir.path + "/missing for the backup " + dir.path +
                              "/missing/copy.db does not exist\n");
    }
    SUBCASE("backup: the target is the database itself") {
        auto size = fs::file_size(db_path);
        auto r = run_program({kBin, "backup", "--db", db_path, "--to", db_path});
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("is the database itself") != std::string::npos);
        CHECK(fs::file_size(db_path) == size);
    }
    SUBCASE("restore: the backup is not a database at all, and the database stays") {
        const std::string junk = dir.path + "/junk.db";
        std::ofstream(junk) << std::string(8192, 'x');
        auto r = run_program({kBin, "restore", "--from", junk, "--db", db_path});
        CAPTURE(r.output);
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("frontdoor-server: restore: " + junk + " is not a readable SQLite database") == 0);
        DbProbe still(db_path);
        CHECK(still.integer("SELECT COUNT(*) FROM staff WHERE username = 'admin'") == 1);
    }
    SUBCASE("restore: a sound SQLite file that is not a Front Door database") {
        const std::string other = dir.path + "/other.db";
        REQUIRE(run_program({"/usr/bin/sqlite3", other, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);"}).exit_code == 0);
        auto r = run_program({kBin, "restore", "--from", other, "--db", db_path});
        CHECK(r.exit_code == 1);
        CHECK(r.output == "frontdoor-server: restore: " + other + " is not a Front Door database (no Front Door schema in it)\n");
    }
    SUBCASE("backup and restore of a PostgreSQL database point to PostgreSQL's own tools") {
        const std::string url = "postgresql://localhost/frontdoor";
        auto b = run_program({kBin, "backup", "--db", url, "--to", dir.path + "/copy.db"});
        CHECK(b.exit_code == 1);
        CHECK(b.output.find("frontdoor-server: backup: a PostgreSQL database is backed up and restored with "
                            "PostgreSQL's own tools (pg_dump and pg_restore") == 0);
        CHECK_FALSE(fs::exists(dir.path + "/copy.db"));
        auto r = run_program({kBin, "restore", "--from", db_path, "--db", url});
        CHECK(r.exit_code == 1);
        CHECK(r.output.find("frontdoor-server: restore: a PostgreSQL database") == 0);
    }
    SUBCASE("serve: a second server on the same database is refused") {
        ServerProcess first(kBin, db_path);
        first.start();
        auto second = run_program({kBin, "serve", "--db", db_path, "--bind", "127.0.0.1", "--port", "0"});
        CHECK(second.exit_code == 1);
        CHECK(second.output.find("another server holds " + db_path) != std::string::npos);
        REQUIRE_REPLY(first.http().get("/healthz"), 200);
    }
}

TEST_CASE("the nightly backup script writes front-YYYY-MM-DD.db and keeps the newest 14") {
    TempDir dir("nightly");
    const std::string db_path = dir.path + "/frontdoor.db";
    const std::string backups = dir.path + "/backups"; // made by the script
    ServerProcess::init(kBin, db_path, "admin", kPassword);

    auto first = date::year{2026} / 11 / 1;
    std::vector<std::string> days;
    for (int i = 0; i < 16; ++i) {
        auto d = date::format("%F", date::sys_days{first} + date::days{i});
        days.push_back(d);
        auto r = run_program({FRONTDOOR_NIGHTLY_BACKUP},
                             {"FRONTDOOR_DB=" + db_path, "FRONTDOOR_BACKUP_DIR=" + backups, "FRONTDOOR_BACKUP_DATE=" + d,
                              "FRONTDOOR_SERVER=" + kBin});
        CAPTURE(r.output);
        REQUIRE(r.exit_code == 0);
        CHECK(fs::exists(backups + "/front-" + d + ".db"));
    }
    std::vector<std::string> kept;
    for (const auto& e : fs::directory_iterator(backups)) kept.push_back(e.path().filename().string());
    std::sort(kept.begin(), kept.end());
    std::vector<std::string> newest;
    for (size_t i = 2; i < days.size(); ++i) newest.push_back("front-" + days[i] + ".db");
    CHECK(kept == newest);
    DbProbe last(backups + "/front-2026-11-16.db");
    CHECK(last.column("PRAGMA integrity_check") == std::vector<std::string>{"ok"});

    auto bad = run_program({FRONTDOOR_NIGHTLY_BACKUP}, {"FRONTDOOR_DB=" + db_path, "FRONTDOOR_BACKUP_DIR=" + backups,
                                                        "FRONTDOOR_BACKUP_DATE=yesterday", "FRONTDOOR_SERVER=" + kBin});
    CHECK(bad.exit_code == 2);
    CHECK(bad.output == "nightly-backup: FRONTDOOR_BACKUP_DATE must be YYYY-MM-DD, not 'yesterday'\n");
}

} // TEST_SUITE

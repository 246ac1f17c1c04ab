// The schema step that makes usernames case-insensitive, run on a database written
// before it: names that clashed in another case are kept apart (renamed, audited), and
// no new clash can be stored.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <sqlite3.h>

#include "server/storage/database.hpp"
#include "server/storage/schema.hpp"
#include "tests/support/db_probe.hpp"

using namespace frontdoor;

namespace {

/// A database at schema version 2 (before usernames folded case), with staff whose
/// names clash in case.
void write_schema_2(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    auto exec = [db](const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string why = error ? error : "?";
            sqlite3_free(error);
            throw std::runtime_error(why);
        }
    };
    const auto& steps = server::storage::migrations();
    exec(steps.at(0));
    exec(steps.at(1));
    exec("PRAGMA user_version=2");
    exec("INSERT INTO staff(name, role, username, password_hash, access, created_at) VALUES "
         "('First', 'admin', 'admin', 'x', 'admin', 0), ('Second', 'admin', 'ADMIN', 'x', 'admin', 0), "
         "('Third', 'admin', 'Admin', 'x', 'admin', 0), ('Rita', 'family_worker', 'rita', 'x', 'reception', 0), "
         "('No login', 'midwife', NULL, NULL, 'practitioner', 0)");
    sqlite3_close(db);
}

int insert_staff(const std::string& path, const std::string& username) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    auto sql = "INSERT INTO staff(name, role, username, access, created_at) VALUES ('New', 'midwife', '" + username +
               "', 'practitioner', 0)";
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
}

} // namespace

TEST_SUITE("server: storage") {

TEST_CASE("usernames become case-insensitive on upgrade; names that clashed are renamed and audited") {
    auto dir = std::filesystem::temp_directory_path() / ("frontdoor-migration-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto path = (dir / "old.db").string();
    std::filesystem::remove(path);
    write_schema_2(path);

    {
        server::storage::Database db(path); // migrates
        CHECK(db.schema_version() == static_cast<int>(server::storage::migrations().size()));
    }
    {
        testing::DbProbe probe(path);
        CHECK(probe.column("SELECT coalesce(username, '-') FROM staff ORDER BY id") ==
              std::vector<std::string>{"admin", "ADMIN.2", "Admin.3", "rita", "-"});
        CHECK(probe.column("SELECT detail FROM audit WHERE action = 'staff.username_renamed' ORDER BY id") ==
              std::vector<std::string>{"2:ADMIN -> ADMIN.2", "3:Admin -> Admin.3"});
    }
    CHECK(insert_staff(path, "RITA") == SQLITE_CONSTRAINT);
    CHECK(insert_staff(path, "Admin.2") == SQLITE_CONSTRAINT);
    CHECK(insert_staff(path, "maya") == SQLITE_OK);
    std::filesystem::remove_all(dir);
}

} // TEST_SUITE

#include "server/storage/database.hpp"

#include "server/storage/pg_engine.hpp"
#include "server/storage/postgres.hpp"
#include "server/storage/schema.hpp"
#include "server/storage/sqlite.hpp"
#include "server/storage/sqlite_engine.hpp"

namespace frontdoor::server::storage {

Engine engine_of(std::string_view url) {
    return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ? Engine::postgresql : Engine::sqlite;
}

std::unique_ptr<Connection> open_connection(const std::string& url) {
    if (engine_of(url) == Engine::postgresql) return std::make_unique<PgConnection>(url);
    return std::make_unique<SqliteConnection>(url);
}

Database::Database(std::string url) : path_(std::move(url)), engine_kind_(engine_of(path_)) {
    if (engine_kind_ == Engine::postgresql) engine_ = std::make_unique<PgEngine>(path_);
    else engine_ = std::make_unique<SqliteEngine>(path_);
}

Database::~Database() = default;

int Database::latest_schema_version() { return static_cast<int>(migrations().size()); }

} // namespace frontdoor::server::storage

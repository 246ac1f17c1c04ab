#include "server/storage/sqlite.hpp"

#include <sqlite3.h>

namespace frontdoor::server::storage {
namespace {

StorageError::Kind kind_of(int rc) {
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return StorageError::Kind::constraint;
    return StorageError::Kind::other;
}

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    throw StorageError(rc, std::string{what} + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), kind_of(rc));
}

class SqliteCursor final : public Cursor {
  public:
    SqliteCursor(sqlite3* db, std::string_view sql) : db_(db) {
        int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
        if (rc != SQLITE_OK) fail(db, rc, "prepare");
    }
    ~SqliteCursor() override { sqlite3_finalize(stmt_); }

    void bind(int i, std::int64_t v) override { check(sqlite3_bind_int64(stmt_, i, v)); }
    void bind(int i, std::string_view v) override {
        check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    void bind_null(int i) override { check(sqlite3_bind_null(stmt_, i)); }
    bool step() override {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(db_, rc, "step");
    }
    std::int64_t integer(int col) const override { return sqlite3_column_int64(stmt_, col); }
    std::string text(int col) const override {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string{};
    }
    bool is_null(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    int columns() const override { return sqlite3_column_count(stmt_); }
    void reset() override {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

  private:
    void check(int rc) {
        if (rc != SQLITE_OK) fail(db_, rc, "bind");
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

} // namespace

SqliteConnection::SqliteConnection(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw StorageError(rc, "cannot open database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    exec("PRAGMA cache_size=-1024"); // 1 MiB a connection: many threads, small resident set
    exec("PRAGMA temp_store=MEMORY");
}

SqliteConnection::~SqliteConnection() {
    prepared_.clear(); // finalized before the connection closes
    sqlite3_close_v2(db_);
}

Cursor* SqliteConnection::take(std::string_view sql) {
    auto it = prepared_.find(std::string{sql});
    if (it == prepared_.end() || it->second.empty()) return new SqliteCursor(db_, sql);
    auto* cursor = it->second.back().release();
    it->second.pop_back();
    return cursor;
}

void SqliteConnection::give_back(std::string_view sql, Cursor* cursor) noexcept {
    std::unique_ptr<Cursor> owned(cursor);
    owned->reset();
    try {
        auto& slot = prepared_[std::string{sql}];
        if (slot.size() < 4 && prepared_.size() < 256) slot.push_back(std::move(owned));
    } catch (...) { // out of memory: the statement is finalized instead of kept
    }
}

void SqliteConnection::exec(std::string_view sql) {
    char* err = nullptr;
    std::string s{sql};
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StorageError(rc, msg + " in: " + s.substr(0, 80), kind_of(rc));
    }
}

std::int64_t SqliteConnection::last_insert_id() { return sqlite3_last_insert_rowid(db_); }
int SqliteConnection::changes() const { return sqlite3_changes(db_); }

void SqliteConnection::begin(TxKind kind) { exec(kind == TxKind::write ? "BEGIN IMMEDIATE" : "BEGIN"); }
void SqliteConnection::commit() { exec("COMMIT"); }
void SqliteConnection::rollback() noexcept { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

} // namespace frontdoor::server::storage

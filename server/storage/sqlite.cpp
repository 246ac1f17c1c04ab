#include "server/storage/sqlite.hpp"

#include <sqlite3.h>

namespace frontdoor::server::storage {
namespace {

[[noreturn]] void fail(sqlite3* db, int rc, std::string_view what) {
    throw StorageError(rc, std::string{what} + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

} // namespace

bool StorageError::is_constraint() const { return (code_ & 0xff) == SQLITE_CONSTRAINT; }

Connection::Connection(const std::string& path) {
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

Connection::~Connection() {
    for (auto& [sql, stmts] : prepared_)
        for (auto* stmt : stmts) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

sqlite3_stmt* Connection::take_prepared(std::string_view sql) {
    auto it = prepared_.find(std::string{sql});
    if (it == prepared_.end() || it->second.empty()) return nullptr;
    auto* stmt = it->second.back();
    it->second.pop_back();
    return stmt;
}

void Connection::give_back(std::string_view sql, sqlite3_stmt* stmt) {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    auto& slot = prepared_[std::string{sql}];
    if (slot.size() < 4 && prepared_.size() < 256) slot.push_back(stmt);
    else sqlite3_finalize(stmt);
}

void Connection::exec(std::string_view sql) {
    char* err = nullptr;
    std::string s{sql};
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StorageError(rc, msg + " in: " + s.substr(0, 80));
    }
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Connection& c, std::string_view sql) : conn_(c), sql_(sql) {
    stmt_ = c.take_prepared(sql_);
    if (stmt_) return;
    int rc = sqlite3_prepare_v2(c.handle(), sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) fail(c.handle(), rc, "prepare");
}

Statement::~Statement() {
    if (stmt_) conn_.give_back(sql_, stmt_);
}

Statement& Statement::bind(int i, std::int64_t v) {
    int rc = sqlite3_bind_int64(stmt_, i, v);
    if (rc != SQLITE_OK) fail(conn_.handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) fail(conn_.handle(), rc, "bind");
    return *this;
}

Statement& Statement::bind(int i, std::nullopt_t) {
    int rc = sqlite3_bind_null(stmt_, i);
    if (rc != SQLITE_OK) fail(conn_.handle(), rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(conn_.handle(), rc, "step");
}

void Statement::run() {
    while (step()) {
    }
}

std::int64_t Statement::integer(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string{};
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::optional<std::int64_t> Statement::opt_integer(int col) const {
    if (is_null(col)) return std::nullopt;
    return integer(col);
}

std::optional<std::string> Statement::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}

Transaction::Transaction(Connection& c, Kind kind) : conn_(c) {
    c.exec(kind == Kind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(conn_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    conn_.exec("COMMIT");
    done_ = true;
}

} // namespace frontdoor::server::storage

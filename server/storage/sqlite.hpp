#pragma once
// A thin RAII layer over SQLite: Connection, Statement, Transaction. Storage code
// throws StorageError inside; the storage layer's callers (services) catch at their edge.
// Thread-safety: a Connection and its Statements belong to one thread at a time
// (SQLite's multi-thread mode); Database (database.hpp) hands them out.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace frontdoor::server::storage {

class StorageError : public std::runtime_error {
  public:
    StorageError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }
    /// A UNIQUE, CHECK or FOREIGN KEY constraint refused the write.
    bool is_constraint() const;

  private:
    int code_;
};

class Connection {
  public:
    /// Opens (creating when missing) with WAL, synchronous=FULL, foreign keys on and a
    /// busy timeout for other processes.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    std::int64_t last_insert_id() const;
    int changes() const;
    sqlite3* handle() { return db_; }

  private:
    friend class Statement;
    /// Prepared statements kept for reuse, by their SQL text (Statement takes and returns them).
    sqlite3_stmt* take_prepared(std::string_view sql);
    void give_back(std::string_view sql, sqlite3_stmt* stmt);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::vector<sqlite3_stmt*>> prepared_;
};

class Statement {
  public:
    Statement(Connection& c, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds by 1-based position; returns *this to chain.
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const char* v) { return bind(i, std::string_view{v}); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view{v}); }
    Statement& bind(int i, std::nullopt_t);
    template <class T> Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind(i, std::nullopt);
    }
    /// Binds each argument in order from position 1.
    template <class... A> Statement& bind_all(const A&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    /// Steps once: true while a row is there.
    bool step();
    /// Steps to completion (for writes).
    void run();

    std::int64_t integer(int col) const;
    std::string text(int col) const;
    bool is_null(int col) const;
    std::optional<std::int64_t> opt_integer(int col) const;
    std::optional<std::string> opt_text(int col) const;

  private:
    Connection& conn_;
    std::string sql_;
    sqlite3_stmt* stmt_ = nullptr;
};

/// BEGIN IMMEDIATE (or DEFERRED for reads) on construction; rolls back in the
/// destructor unless commit() was called. The destructor never throws.
class Transaction {
  public:
    enum class Kind { read, write };
    Transaction(Connection& c, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

  private:
    Connection& conn_;
    bool done_ = false;
};

} // namespace frontdoor::server::storage

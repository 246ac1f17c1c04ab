#pragma once
// The storage seam's SQL layer, the same for both engines: Connection, Statement,
// Transaction, StorageError. The repositories (*_repo.cpp) are written once against it,
// in the SQL both engines speak: `?` placeholders (`?N` for the N-th), integers for
// instants, `ON CONFLICT DO NOTHING`, `lower()` for case-insensitive names, no engine's
// own functions. SqliteConnection (sqlite.hpp) and PgConnection (postgres.hpp) are the
// two implementations; only those two files and the engines' Database halves include a
// client library.
//
// Thread-safety: a Connection and its Statements belong to one thread at a time;
// Database (database.hpp) hands them out.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace frontdoor::server::storage {

enum class Engine { sqlite, postgresql };

class StorageError : public std::runtime_error {
  public:
    /// What kind of refusal, the same for both engines, so services map it without
    /// knowing which engine answered.
    enum class Kind {
        other,
        constraint, // a UNIQUE, CHECK or FOREIGN KEY constraint refused the write
        overlap,    // an exclusion constraint: the time is taken (PostgreSQL's bookings rules)
        retry,      // a serialization failure or deadlock: the same work may simply run again
        closing,    // the database is closing
    };
    StorageError(int code, const std::string& what, Kind kind = Kind::other)
        : std::runtime_error(what), code_(code), kind_(kind) {}
    int code() const { return code_; } // the engine's own code (SQLite's result code), 0 when none
    Kind kind() const { return kind_; }
    bool is_constraint() const { return kind_ == Kind::constraint || kind_ == Kind::overlap; }

  private:
    int code_;
    Kind kind_;
};

/// One engine's prepared statement. Owned by its Connection, which keeps it for reuse;
/// a Statement borrows it for its lifetime.
class Cursor {
  public:
    virtual ~Cursor() = default;
    virtual void bind(int i, std::int64_t v) = 0;
    virtual void bind(int i, std::string_view v) = 0;
    virtual void bind_null(int i) = 0;
    /// Runs (first call) or moves to the next row: true while a row is there.
    virtual bool step() = 0;
    virtual std::int64_t integer(int col) const = 0;
    virtual std::string text(int col) const = 0;
    virtual bool is_null(int col) const = 0;
    /// How many columns a row has.
    virtual int columns() const = 0;
    /// Back to unbound and unrun, ready for the next borrower.
    virtual void reset() = 0;
};

class Connection {
  public:
    virtual ~Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    virtual Engine engine() const = 0;
    /// Runs one or more statements that take no parameters and return nothing.
    virtual void exec(std::string_view sql) = 0;
    /// The id the last INSERT on this connection gave its row.
    virtual std::int64_t last_insert_id() = 0;
    /// Rows changed by the last statement that ran to completion.
    virtual int changes() const = 0;

    enum class TxKind { read, write };
    virtual void begin(TxKind kind) = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;

  protected:
    Connection() = default;

  private:
    friend class Statement;
    /// A prepared statement for sql (kept ones are reused); give it back when done.
    virtual Cursor* take(std::string_view sql) = 0;
    virtual void give_back(std::string_view sql, Cursor* cursor) noexcept = 0;
};

class Statement {
  public:
    Statement(Connection& c, std::string_view sql) : conn_(c), sql_(sql), cursor_(c.take(sql_)) {}
    ~Statement() { conn_.give_back(sql_, cursor_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Binds by 1-based position; returns *this to chain.
    Statement& bind(int i, std::int64_t v) {
        cursor_->bind(i, v);
        return *this;
    }
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, std::string_view v) {
        cursor_->bind(i, v);
        return *this;
    }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view{v}); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view{v}); }
    Statement& bind(int i, std::nullopt_t) {
        cursor_->bind_null(i);
        return *this;
    }
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
    bool step() { return cursor_->step(); }
    /// Steps to completion (for writes).
    void run() {
        while (step()) {
        }
    }

    std::int64_t integer(int col) const { return cursor_->integer(col); }
    std::string text(int col) const { return cursor_->text(col); }
    bool is_null(int col) const { return cursor_->is_null(col); }
    int columns() const { return cursor_->columns(); }
    std::optional<std::int64_t> opt_integer(int col) const {
        if (is_null(col)) return std::nullopt;
        return integer(col);
    }
    std::optional<std::string> opt_text(int col) const {
        if (is_null(col)) return std::nullopt;
        return text(col);
    }

  private:
    Connection& conn_;
    std::string sql_;
    Cursor* cursor_;
};

/// Begins on construction (a write transaction takes the engine's write lock at once on
/// SQLite); rolls back in the destructor unless commit() was called. Never throws from
/// the destructor.
class Transaction {
  public:
    using Kind = Connection::TxKind;
    Transaction(Connection& c, Kind kind) : conn_(c) { c.begin(kind); }
    ~Transaction() {
        if (!done_) conn_.rollback();
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        conn_.commit();
        done_ = true;
    }

  private:
    Connection& conn_;
    bool done_ = false;
};

/// Opens a connection to `url`: a postgresql:// (or postgres://) URL, else an SQLite file path.
std::unique_ptr<Connection> open_connection(const std::string& url);
/// Which engine a --db value names.
Engine engine_of(std::string_view url);

} // namespace frontdoor::server::storage

#pragma once
// Database: the unit of work over either engine, chosen by the --db value: a
// postgresql:// (or postgres://) URL, else an SQLite file path. Opens, applies forward
// migrations (schema.hpp; each engine's steps, versioned the same), and runs work in
// transactions: read(f) in one snapshot, write(f) as "check and write together".
//
//   SQLite (sqlite_engine.hpp): one writer thread owns the write connection and
//     group-commits whatever writes wait (each in its own savepoint, one fsync); reads
//     run on pooled connections. One server per file.
//   PostgreSQL (pg_engine.hpp): several servers may write at once. Each write runs
//     SERIALIZABLE on a pooled connection and runs again (bounded) when PostgreSQL
//     reports a serialization failure; the rules that must hold across servers (one
//     booking per practitioner and room at a time) are constraints in the schema.
//     Every committed change is announced with NOTIFY, so other servers' caches and
//     live pages hear of it (generation(), on_broadcast()).
//
// Either way write(f) returns after f's writes are committed and durable, and rethrows
// what f threw (its writes rolled back alone). f may run more than once on PostgreSQL:
// it must not act outside the transaction (publish events after write() returns).
// write() from inside a write on the same thread runs inline, within it.
//
// Thread-safety: any thread may call read(), write(), append_log() and broadcast().

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>

#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

/// One engine's half of Database.
class DatabaseEngine {
  public:
    virtual ~DatabaseEngine() = default;
    virtual void read(const std::function<void(Connection&)>& work) = 0;
    virtual void write(const std::function<void(Connection&)>& work, bool log_only) = 0;
    virtual int schema_version() = 0;
    /// Sends payload to every other server on the same database (none on SQLite).
    virtual void broadcast(const std::string& payload) = 0;
    /// f hears, on a thread of the engine's, each payload another server broadcast.
    void set_listener(std::function<void(const std::string&)> f) {
        std::lock_guard lock(listener_mutex_);
        listener_ = std::move(f);
    }
    /// Counts committed write groups that changed data, this server's and others'.
    std::atomic<std::uint64_t> generation{0};

  protected:
    void deliver(const std::string& payload) {
        std::lock_guard lock(listener_mutex_);
        if (listener_) listener_(payload);
    }

  private:
    std::mutex listener_mutex_;
    std::function<void(const std::string&)> listener_;
};

class Database {
  public:
    /// Opens or creates the database and migrates it to the newest schema. Throws StorageError.
    explicit Database(std::string url);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs f(Connection&) in a read transaction (one snapshot) and returns its result.
    template <class F> auto read(F&& f) {
        using R = decltype(f(std::declval<Connection&>()));
        if constexpr (std::is_void_v<R>) {
            engine_->read([&](Connection& c) { f(c); });
        } else {
            std::optional<R> result;
            engine_->read([&](Connection& c) { result.emplace(f(c)); });
            return std::move(*result);
        }
    }

    /// Runs f(Connection&) in a write transaction and returns its result once it is
    /// committed; rethrows what f threw (its writes rolled back) or a failed commit.
    template <class F> auto write(F&& f) {
        using R = decltype(f(std::declval<Connection&>()));
        if constexpr (std::is_void_v<R>) {
            engine_->write([&](Connection& c) { f(c); }, false);
        } else {
            std::optional<R> result;
            engine_->write([&](Connection& c) { result.emplace(f(c)); }, false);
            return std::move(*result);
        }
    }

    /// Runs f(Connection&) in a write transaction like write(), for a line that only
    /// records (the audit line of a read): nothing a cache holds changes, so generation()
    /// does not move and a staff page reading the day leaves the kiosks' caches warm.
    template <class F> void append_log(F&& f) { engine_->write([&](Connection& c) { f(c); }, true); }

    /// Counts committed write groups that changed data (on PostgreSQL, other servers'
    /// too, as their NOTIFY arrives): equal numbers mean nothing but log lines was written
    /// between.
    std::uint64_t generation() const { return engine_->generation.load(std::memory_order_acquire); }

    /// Sends payload to every other server on this database; on_broadcast(f) hears theirs.
    void broadcast(const std::string& payload) { engine_->broadcast(payload); }
    void on_broadcast(std::function<void(const std::string&)> f) { engine_->set_listener(std::move(f)); }

    int schema_version() { return engine_->schema_version(); }
    Engine engine() const { return engine_kind_; }
    /// The --db value it was opened with.
    const std::string& path() const { return path_; }
    static int latest_schema_version();

  private:
    std::string path_;
    Engine engine_kind_;
    std::unique_ptr<DatabaseEngine> engine_;
};

} // namespace frontdoor::server::storage

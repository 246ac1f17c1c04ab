#pragma once
// Database: the one door to the SQLite file. Opens it, applies forward migrations,
// and runs work in transactions.
//
// Thread-safety rule: any thread may call read() and write(). read() lends the calling
// thread a pooled connection for the length of the call (a deferred transaction, so
// it reads one snapshot). write() hands its work to the one writer thread, which owns
// the one write connection: writes run one after another, each seeing every write
// before it, so checks and writes inside one write() call see no other writer.
//
// Group commit: the writer takes every write waiting at that moment into one
// BEGIN IMMEDIATE transaction, runs each inside its own SAVEPOINT (a write that throws
// is rolled back alone), commits once (synchronous=FULL: one fsync for the group), and
// only then returns to each caller. A write() returns after its work is durable.
// write() called from inside a write (on the writer thread) runs inline, within it.
//
// Checkpoints: SQLite would copy the WAL back into the database file inside whichever
// commit crossed 1000 pages, fsyncing the file while every waiting booking waits. The
// writer turns that off; after a commit leaves the WAL over 256 pages, a checkpointer
// thread on its own connection runs a PASSIVE checkpoint, which never blocks the writer
// (kept small: a commit's fsync can wait behind the checkpoint's). A writer that never
// pauses outruns it, and the log can only start again from its beginning after a
// checkpoint that reaches its end; so at 2000 pages the writer finishes the checkpoint
// itself (the background has already copied most of it).

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "server/storage/sqlite.hpp"

namespace frontdoor::server::storage {

class Database {
  public:
    /// Opens or creates the file and migrates it to the newest schema. Throws StorageError.
    explicit Database(std::string path);
    /// Finishes the writes already queued, then closes.
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Runs f(Connection&) in a read transaction and returns its result.
    template <class F> auto read(F&& f) {
        Lease lease(*this);
        Transaction tx(*lease.conn, Transaction::Kind::read);
        return f(*lease.conn);
    }

    /// Runs f(Connection&) in a write transaction and returns its result once it is
    /// committed; rethrows what f threw (its writes rolled back) or a failed commit.
    template <class F> auto write(F&& f) {
        using R = decltype(f(std::declval<Connection&>()));
        if constexpr (std::is_void_v<R>) {
            submit([&](Connection& c) { f(c); });
        } else {
            std::optional<R> result;
            submit([&](Connection& c) { result.emplace(f(c)); });
            return std::move(*result);
        }
    }

    /// Runs f(Connection&) in a write transaction like write(), for a line that only
    /// records (the audit line of a read): nothing a cache holds changes, so generation()
    /// does not move and a staff page reading the day leaves the kiosks' caches warm.
    template <class F> void append_log(F&& f) { submit([&](Connection& c) { f(c); }, true); }

    /// Counts committed write groups that changed data: equal numbers mean nothing but
    /// log lines (append_log) was written between.
    std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

    int schema_version();
    const std::string& path() const { return path_; }
    static int latest_schema_version();

  private:
    struct Lease {
        explicit Lease(Database& db);
        ~Lease();
        Database& db;
        std::unique_ptr<Connection> conn;
    };
    struct Pending {
        std::function<void(Connection&)> work;
        std::exception_ptr error;
        bool log_only = false; // append_log: does not move generation()
        std::atomic<bool> done{false}; // each caller waits on its own flag, not on one shared condition
    };
    void migrate();
    void submit(std::function<void(Connection&)> work, bool log_only = false);
    void writer_loop();
    void run_group(std::vector<std::shared_ptr<Pending>>& group);
    void checkpoint_loop();
    void stop_checkpoints();
    static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);

    std::string path_;
    std::unique_ptr<Connection> writer_;
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_; // the writer waits for work
    std::deque<std::shared_ptr<Pending>> queue_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> generation_{0};
    std::thread writer_thread_;

    std::mutex checkpoint_mutex_;
    std::condition_variable checkpoint_cv_;
    bool checkpoint_wanted_ = false;
    bool stopping_checkpoints_ = false;
    std::thread checkpoint_thread_;

    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

} // namespace frontdoor::server::storage

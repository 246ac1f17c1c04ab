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

#include <condition_variable>
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
        bool done = false;
    };
    void migrate();
    void submit(std::function<void(Connection&)> work);
    void writer_loop();
    void run_group(std::vector<std::shared_ptr<Pending>>& group);

    std::string path_;
    std::unique_ptr<Connection> writer_;
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_; // the writer waits for work
    std::condition_variable done_cv_;  // callers wait for their group's commit
    std::deque<std::shared_ptr<Pending>> queue_;
    bool stopping_ = false;
    std::thread writer_thread_;

    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

} // namespace frontdoor::server::storage

#pragma once
// PgEngine: Database (database.hpp) over PostgreSQL, for several servers on one database.
//
// Connections: a pool; a thread that reads or writes holds one for the length of the
// call (so each busy worker thread has its own), with its prepared statements. A
// connection the server closed is dropped, not returned.
//
// Writes: each write() is one SERIALIZABLE transaction, run at once on the caller's
// thread (no writer thread: other servers write meanwhile anyway). When PostgreSQL
// refuses it as a serialization failure or deadlock, or a lock waits past lock_timeout,
// it is rolled back and run again, up to kAttempts times with a short random pause;
// then the caller hears StorageError::Kind::retry (the service answers 503, never 500).
// A write that lost once runs its further attempts one at a time on this server (the
// retry lane): fifty racers for one place otherwise keep cancelling each other (SSI's
// predicate locks are per index page, so even unrelated inserts into a small table
// conflict), while in the lane each sees the last one's commit and answers at once.
// A write inside a write on the same thread runs inline, within it.
//
// Every other server hears of it: a write that changed data sends NOTIFY inside its
// transaction (delivered only if it commits). A listener thread on its own connection
// LISTENs; each change from another server moves generation (so their caches stop
// answering from before it) and each broadcast payload goes to the listener
// (the live day pages). If the listening connection drops, generation moves (nothing
// cached survives what may have been missed) and it connects again.
//
// Migrations run under an advisory lock, so servers starting together migrate once.
//
// Thread-safety: as Database.

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/storage/database.hpp"
#include "server/storage/postgres.hpp"

namespace frontdoor::server::storage {

class PgEngine final : public DatabaseEngine {
  public:
    explicit PgEngine(std::string url);
    ~PgEngine() override;

    void read(const std::function<void(Connection&)>& work) override;
    void write(const std::function<void(Connection&)>& work, bool log_only) override;
    int schema_version() override;
    void broadcast(const std::string& payload) override;

    static constexpr int kAttempts = 30;
    /// At most this many connections open at once (reads and writes; the listener's
    /// apart): a server under a crowd queues for one rather than exhaust the
    /// PostgreSQL server's max_connections, which several servers share.
    static constexpr std::size_t kMaxConnections = 24;

  private:
    struct Lease {
        explicit Lease(PgEngine& db);
        ~Lease();
        PgEngine& db;
        std::unique_ptr<PgConnection> conn;
    };
    void migrate();
    void listen_loop();

    std::string url_;
    std::string origin_; // this server's name in NOTIFY payloads: its own are not news
    std::mutex retry_lane_; // held by a write on its second and later attempts
    std::mutex pool_mutex_;
    std::condition_variable pool_cv_; // a connection came back
    std::vector<std::unique_ptr<PgConnection>> idle_;
    std::size_t open_ = 0; // lent or idle
    std::atomic<bool> stopping_{false};
    int wake_[2] = {-1, -1}; // a pipe: the destructor wakes the listener
    std::atomic<bool> listening_{false};
    std::mutex listening_mutex_;
    std::condition_variable listening_cv_;
    std::thread listener_;
};

} // namespace frontdoor::server::storage

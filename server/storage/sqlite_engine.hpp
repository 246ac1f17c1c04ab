#pragma once
// SqliteEngine: Database (database.hpp) over one SQLite file.
//
// read() lends the calling thread a pooled connection for the length of the call (a
// deferred transaction, so it reads one snapshot). write() hands its work to the one
// writer thread, which owns the one write connection: writes run one after another,
// each seeing every write before it, so checks and writes inside one write() call see
// no other writer.
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
//
// Thread-safety: as Database.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/storage/database.hpp"
#include "server/storage/sqlite.hpp"

namespace frontdoor::server::storage {

class SqliteEngine final : public DatabaseEngine {
  public:
    explicit SqliteEngine(std::string path);
    ~SqliteEngine() override;

    void read(const std::function<void(Connection&)>& work) override;
    void write(const std::function<void(Connection&)>& work, bool log_only) override;
    int schema_version() override;
    void broadcast(const std::string&) override {} // one server per file: nobody to tell

  private:
    struct Lease {
        explicit Lease(SqliteEngine& db);
        ~Lease();
        SqliteEngine& db;
        std::unique_ptr<SqliteConnection> conn;
    };
    struct Pending {
        const std::function<void(Connection&)>* work = nullptr;
        std::exception_ptr error;
        bool log_only = false; // append_log: does not move generation
        std::atomic<bool> done{false}; // each caller waits on its own flag, not on one shared condition
    };
    void migrate();
    void writer_loop();
    void run_group(std::vector<std::shared_ptr<Pending>>& group);
    void checkpoint_loop();
    void stop_checkpoints();
    static int on_wal_commit(void* self, sqlite3* db, const char* name, int pages);

    std::string path_;
    std::unique_ptr<SqliteConnection> writer_;
    std::mutex queue_mutex_;
    std::condition_variable queue_cv_; // the writer waits for work
    std::deque<std::shared_ptr<Pending>> queue_;
    bool stopping_ = false;
    std::thread writer_thread_;

    std::mutex checkpoint_mutex_;
    std::condition_variable checkpoint_cv_;
    bool checkpoint_wanted_ = false;
    bool stopping_checkpoints_ = false;
    std::thread checkpoint_thread_;

    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

} // namespace frontdoor::server::storage

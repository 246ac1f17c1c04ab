#include "server/storage/sqlite_engine.hpp"

#include "server/storage/schema.hpp"

#include <cstdio>

#include <sqlite3.h>

namespace frontdoor::server::storage {
namespace {

constexpr size_t kMaxGroup = 64;
/// Read connections kept for reuse (each holds up to 1 MiB of page cache). More may be
/// open at one moment under load; past this many they close when returned, so that a
/// crowd of readers that came and went does not stay in the resident size.
constexpr size_t kIdleReaders = 16;
// Small background checkpoints: each ends with an fsync of the database file, and on
// this machine's filesystem a commit's WAL fsync waits behind it (a 1000-page checkpoint
// held commits up for 30-180 ms; at 256 pages they stay under the bench's notice).
constexpr int kBackgroundCheckpointFrom = 256;
constexpr int kWriterCheckpointFrom = 2000;
thread_local SqliteEngine* writing_in = nullptr; // the engine whose writer thread this is

} // namespace

SqliteEngine::SqliteEngine(std::string path) : path_(std::move(path)) {
    writer_ = std::make_unique<SqliteConnection>(path_);
    migrate();
    // Replaces SQLite's automatic checkpoint on this connection (see the header).
    sqlite3_wal_hook(writer_->handle(), &SqliteEngine::on_wal_commit, this);
    checkpoint_thread_ = std::thread([this] { checkpoint_loop(); });
    try {
        writer_thread_ = std::thread([this] { writer_loop(); });
    } catch (...) {
        stop_checkpoints();
        throw;
    }
}

void SqliteEngine::stop_checkpoints() {
    {
        std::lock_guard lock(checkpoint_mutex_);
        stopping_checkpoints_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

int SqliteEngine::on_wal_commit(void* self, sqlite3* handle, const char* name, int pages) {
    if (pages < kBackgroundCheckpointFrom) return SQLITE_OK;
    if (pages >= kWriterCheckpointFrom) {
        // The background checkpoints cannot catch a writer that never pauses, and only a
        // checkpoint that reaches the end lets the log start again from its beginning.
        // The background has copied most of it; the writer copies the rest, now.
        sqlite3_wal_checkpoint_v2(handle, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
    }
    auto* db = static_cast<SqliteEngine*>(self);
    {
        std::lock_guard lock(db->checkpoint_mutex_);
        db->checkpoint_wanted_ = true;
    }
    db->checkpoint_cv_.notify_one();
    return SQLITE_OK;
}

void SqliteEngine::checkpoint_loop() {
    std::unique_ptr<SqliteConnection> own;
    try {
        own = std::make_unique<SqliteConnection>(path_);
    } catch (const std::exception& e) {
        // The writer still checkpoints at twice the length; the log stays bounded.
        std::fprintf(stderr, "frontdoor: no checkpoint thread (%s)\n", e.what());
        return;
    }
    SqliteConnection& c = *own;
    std::unique_lock lock(checkpoint_mutex_);
    for (;;) {
        checkpoint_cv_.wait(lock, [&] { return checkpoint_wanted_ || stopping_checkpoints_; });
        if (stopping_checkpoints_) return; // closing the last connection checkpoints anyway
        checkpoint_wanted_ = false;
        lock.unlock();
        // PASSIVE: copies what no reader still needs, never waits for or blocks the writer.
        sqlite3_wal_checkpoint_v2(c.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
}

SqliteEngine::~SqliteEngine() {
    {
        std::lock_guard lock(queue_mutex_);
        stopping_ = true;
    }
    queue_cv_.notify_all();
    if (writer_thread_.joinable()) writer_thread_.join();
    stop_checkpoints();
}

SqliteEngine::Lease::Lease(SqliteEngine& d) : db(d) {
    {
        std::lock_guard lock(db.pool_mutex_);
        if (!db.idle_.empty()) {
            conn = std::move(db.idle_.back());
            db.idle_.pop_back();
            return;
        }
    }
    conn = std::make_unique<SqliteConnection>(db.path_);
}

SqliteEngine::Lease::~Lease() {
    std::lock_guard lock(db.pool_mutex_);
    if (db.idle_.size() < kIdleReaders) db.idle_.push_back(std::move(conn));
}

int SqliteEngine::schema_version() {
    Lease lease(*this);
    Statement s(*lease.conn, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

void SqliteEngine::migrate() {
    Transaction tx(*writer_, Transaction::Kind::write);
    size_t current = 0;
    { // finished before migrating: DROP INDEX refuses while a statement is running
        Statement v(*writer_, "PRAGMA user_version");
        v.step();
        current = static_cast<size_t>(v.integer(0));
    }
    const auto& steps = migrations();
    if (current > steps.size())
        throw StorageError(0, "the database is from a newer Front Door (schema " + std::to_string(current) + ")");
    for (size_t i = current; i < steps.size(); ++i) writer_->exec(steps[i]);
    writer_->exec("PRAGMA user_version=" + std::to_string(steps.size()));
    tx.commit();
}

void SqliteEngine::read(const std::function<void(Connection&)>& work) {
    Lease lease(*this);
    Transaction tx(*lease.conn, Transaction::Kind::read);
    work(*lease.conn);
}

void SqliteEngine::write(const std::function<void(Connection&)>& work, bool log_only) {
    if (writing_in == this) { // a write inside a write: part of the enclosing one
        work(*writer_);
        return;
    }
    auto p = std::make_shared<Pending>();
    p->work = &work;
    p->log_only = log_only;
    {
        std::lock_guard lock(queue_mutex_);
        if (stopping_) throw StorageError(0, "the database is closing", StorageError::Kind::closing);
        queue_.push_back(p);
    }
    queue_cv_.notify_one();
    p->done.wait(false);
    if (p->error) std::rethrow_exception(p->error);
}

void SqliteEngine::writer_loop() {
    writing_in = this;
    std::vector<std::shared_ptr<Pending>> group;
    for (;;) {
        {
            std::unique_lock lock(queue_mutex_);
            queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return; // stopping, and nothing left
            while (!queue_.empty() && group.size() < kMaxGroup) {
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        run_group(group);
        bool changed = false;
        for (auto& p : group) changed = changed || !p->log_only;
        if (changed) generation.fetch_add(1, std::memory_order_acq_rel);
        for (auto& p : group) {
            p->done.store(true);
            p->done.notify_one();
        }
        group.clear();
    }
}

void SqliteEngine::run_group(std::vector<std::shared_ptr<Pending>>& group) {
    try {
        Transaction tx(*writer_, Transaction::Kind::write);
        for (auto& p : group) {
            writer_->exec("SAVEPOINT one_write");
            try {
                (*p->work)(*writer_);
                writer_->exec("RELEASE one_write");
            } catch (...) {
                p->error = std::current_exception();
                writer_->exec("ROLLBACK TO one_write");
                writer_->exec("RELEASE one_write");
            }
        }
        tx.commit();
    } catch (...) {
        // BEGIN or COMMIT failed: nothing of the group is stored; each caller hears so.
        auto error = std::current_exception();
        for (auto& p : group)
            if (!p->error) p->error = error;
    }
}

} // namespace frontdoor::server::storage

#include "server/storage/pg_engine.hpp"

#include <chrono>
#include <cstdio>
#include <random>

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "server/storage/schema.hpp"

namespace frontdoor::server::storage {
namespace {

constexpr size_t kIdleConnections = 16; // kept open between calls
constexpr const char* kChannel = "frontdoor";
// Serialises migrations of servers that start together (any fixed 64-bit key).
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7318520011)";

struct InWrite {
    PgEngine* engine = nullptr;
    PgConnection* conn = nullptr;
};
thread_local InWrite writing_in; // the write this thread is inside, if any

std::string random_origin() {
    std::random_device rd;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
    return buf;
}

} // namespace

PgEngine::Lease::Lease(PgEngine& d) : db(d) {
    {
        std::unique_lock lock(db.pool_mutex_);
        db.pool_cv_.wait(lock, [&] { return !db.idle_.empty() || db.open_ < kMaxConnections; });
        while (!db.idle_.empty()) {
            conn = std::move(db.idle_.back());
            db.idle_.pop_back();
            if (conn->healthy()) return;
            conn.reset(); // the server closed it: connect anew
            --db.open_;
        }
        ++db.open_;
    }
    try {
        conn = std::make_unique<PgConnection>(db.url_);
    } catch (...) {
        std::lock_guard lock(db.pool_mutex_);
        --db.open_;
        db.pool_cv_.notify_one();
        throw;
    }
}

PgEngine::Lease::~Lease() {
    {
        std::lock_guard lock(db.pool_mutex_);
        if (conn->healthy() && db.idle_.size() < kIdleConnections) db.idle_.push_back(std::move(conn));
        else --db.open_;
    }
    db.pool_cv_.notify_one();
    conn.reset(); // closed outside the lock when not kept
}

PgEngine::PgEngine(std::string url) : url_(std::move(url)), origin_(random_origin()) {
    migrate();
    if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) throw StorageError(0, "cannot make the listener's pipe");
    listener_ = std::thread([this] { listen_loop(); });
    std::unique_lock lock(listening_mutex_);
    // Changes committed by others after this constructor returns are heard.
    if (!listening_cv_.wait_for(lock, std::chrono::seconds{10}, [&] { return listening_.load() || stopping_.load(); })) {
        lock.unlock();
        stopping_ = true;
        [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
        listener_.join();
        throw StorageError(0, "cannot LISTEN for other servers' changes");
    }
}

PgEngine::~PgEngine() {
    stopping_ = true;
    [[maybe_unused]] auto n = ::write(wake_[1], "x", 1);
    if (listener_.joinable()) listener_.join();
    ::close(wake_[0]);
    ::close(wake_[1]);
}

void PgEngine::migrate() {
    PgConnection c(url_);
    Transaction tx(c, Transaction::Kind::write);
    c.exec(kMigrationLock);
    c.exec("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)");
    size_t current = 0;
    {
        Statement v(c, "SELECT version FROM schema_version");
        if (v.step()) current = static_cast<size_t>(v.integer(0));
        else c.exec("INSERT INTO schema_version(version) VALUES (0)");
    }
    const auto& steps = postgres_migrations();
    if (current > steps.size())
        throw StorageError(0, "the database is from a newer Front Door (schema " + std::to_string(current) + ")");
    for (size_t i = current; i < steps.size(); ++i) c.exec(steps[i]);
    c.exec("UPDATE schema_version SET version = " + std::to_string(steps.size()));
    tx.commit();
}

int PgEngine::schema_version() {
    Lease lease(*this);
    Statement s(*lease.conn, "SELECT version FROM schema_version");
    return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

void PgEngine::read(const std::function<void(Connection&)>& work) {
    if (writing_in.engine == this) { // a read inside a write sees the write's own rows
        work(*writing_in.conn);
        return;
    }
    Lease lease(*this);
    Transaction tx(*lease.conn, Transaction::Kind::read);
    work(*lease.conn);
}

void PgEngine::write(const std::function<void(Connection&)>& work, bool log_only) {
    if (writing_in.engine == this) { // a write inside a write: part of the enclosing one
        work(*writing_in.conn);
        return;
    }
    Lease lease(*this);
    PgConnection& c = *lease.conn;
    std::minstd_rand jitter(std::random_device{}());
    std::unique_lock<std::mutex> lane(retry_lane_, std::defer_lock);
    for (int attempt = 1;; ++attempt) {
        writing_in = {this, &c};
        try {
            Transaction tx(c, Transaction::Kind::write);
            work(c);
            if (!log_only) {
                Statement n(c, "SELECT pg_notify(?, ?)");
                n.bind_all(kChannel, origin_ + " c").run();
            }
            tx.commit();
            writing_in = {};
            if (!log_only) generation.fetch_add(1, std::memory_order_acq_rel);
            return;
        } catch (const StorageError& e) {
            writing_in = {};
            if (e.kind() != StorageError::Kind::retry || attempt == kAttempts || !c.healthy()) throw;
        } catch (...) {
            writing_in = {};
            throw;
        }
        // Another transaction won; both ran at once. Run again in the retry lane (one
        // loser at a time on this server); a loser that loses again in the lane, to
        // another server's, waits a random moment so that the two do not collide again.
        if (!lane.owns_lock()) lane.lock();
        else std::this_thread::sleep_for(std::chrono::microseconds{100 + jitter() % (200u * static_cast<unsigned>(attempt))});
    }
}

void PgEngine::broadcast(const std::string& payload) {
    Lease lease(*this);
    Statement n(*lease.conn, "SELECT pg_notify(?, ?)");
    n.bind_all(kChannel, origin_ + " b " + payload).run();
}

void PgEngine::listen_loop() {
    while (!stopping_) {
        std::unique_ptr<PgConnection> c;
        try {
            c = std::make_unique<PgConnection>(url_);
            c->exec(std::string{"LISTEN "} + kChannel);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "frontdoor: cannot listen for other servers' changes (%s); trying again\n", e.what());
            pollfd p{wake_[0], POLLIN, 0};
            ::poll(&p, 1, 1000);
            continue;
        }
        {
            std::lock_guard lock(listening_mutex_);
            listening_ = true;
        }
        listening_cv_.notify_all();
        PGconn* pg = c->handle();
        while (!stopping_) {
            pollfd fds[2] = {{PQsocket(pg), POLLIN, 0}, {wake_[0], POLLIN, 0}};
            if (::poll(fds, 2, 1000) < 0) continue;
            if (fds[1].revents) break; // stopping
            if (!fds[0].revents) continue;
            if (!PQconsumeInput(pg)) break; // the connection dropped: connect again
            while (PGnotify* n = PQnotifies(pg)) {
                std::string payload = n->extra ? n->extra : "";
                PQfreemem(n);
                auto space = payload.find(' ');
                if (space == std::string::npos || payload.compare(0, space, origin_) == 0) continue;
                std::string rest = payload.substr(space + 1);
                if (rest == "c") generation.fetch_add(1, std::memory_order_acq_rel);
                else if (rest.rfind("b ", 0) == 0) deliver(rest.substr(2));
            }
        }
        // Whatever was announced while not listening is not known: nothing cached survives it.
        generation.fetch_add(1, std::memory_order_acq_rel);
    }
}

} // namespace frontdoor::server::storage

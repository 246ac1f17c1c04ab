#pragma once
// Database: the one door to the SQLite file. Opens it, applies forward migrations,
// and runs work in transactions.
//
// Thread-safety rule: any thread may call read() and write(). read() lends the calling
// thread a pooled connection for the length of the call (a deferred transaction, so
// it reads one snapshot). write() serialises every writer of this process on one
// mutex and one connection, in BEGIN IMMEDIATE: checks and writes inside one write()
// call see no other writer, which is what keeps a place from being sold twice. Other
// processes are held off by SQLite's lock and the busy timeout.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/storage/sqlite.hpp"

namespace frontdoor::server::storage {

class Database {
  public:
    /// Opens or creates the file and migrates it to the newest schema. Throws StorageError.
    explicit Database(std::string path);
    ~Database();

    /// Runs f(Connection&) in a read transaction and returns its result.
    template <class F> auto read(F&& f) {
        Lease lease(*this);
        Transaction tx(*lease.conn, Transaction::Kind::read);
        return f(*lease.conn);
    }

    /// Runs f(Connection&) in a write transaction; commits when f returns, rolls back
    /// when it throws. The commit is durable (synchronous=FULL) before write() returns.
    template <class F> auto write(F&& f) {
        std::lock_guard lock(write_mutex_);
        Transaction tx(*writer_, Transaction::Kind::write);
        if constexpr (std::is_void_v<decltype(f(*writer_))>) {
            f(*writer_);
            tx.commit();
        } else {
            auto result = f(*writer_);
            tx.commit();
            return result;
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
    void migrate();

    std::string path_;
    std::mutex write_mutex_;
    std::unique_ptr<Connection> writer_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

} // namespace frontdoor::server::storage

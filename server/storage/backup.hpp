#pragma once
// Backup and restore of the database file, and the lock a running server holds on it.
//
// backup_database copies a live database with SQLite's online backup API from a
// read-only connection: one read transaction, so the copy is one consistent snapshot
// while the server goes on writing (WAL readers never block the writer). The copy is
// written beside the target under a temporary name, switched to a rollback journal (a
// backup is one self-contained file), checked with PRAGMA integrity_check, fsynced and
// renamed over the target only when the check says ok.
//
// restore_database checks the backup (integrity and a Front Door schema), takes the
// server's lock on the target (refusing when a server holds it), copies the backup to a
// temporary name beside the target, fsyncs, removes the old database's -wal and -shm,
// and renames the copy into place.
//
// Every failure throws BackupError with one sentence a person can act on.
// Thread-safety: free functions; each call uses connections of its own.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace frontdoor::server::storage {

class BackupError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// What a checked database file holds.
struct BackupSummary {
    std::uintmax_t bytes = 0;
    std::int64_t bookings = 0;
    int schema_version = 0;
};

BackupSummary backup_database(const std::string& source, const std::string& target);

/// Opens `path` read-only: integrity_check ok, and a Front Door database (user_version
/// between 1 and this program's newest schema, with its hubs and bookings tables).
BackupSummary check_backup(const std::string& path);

BackupSummary restore_database(const std::string& backup, const std::string& db);

/// An exclusive flock(2) on "<db>.lock", held for the object's lifetime. A separate
/// file, so it never meets SQLite's own fcntl locks on the database; the kernel drops
/// it when the holder exits, killed or not.
class DatabaseLock {
  public:
    /// The lock, or nothing when another process holds it. Throws BackupError when the
    /// lock file cannot be opened.
    static std::optional<DatabaseLock> try_acquire(const std::string& db);
    ~DatabaseLock();
    DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    DatabaseLock& operator=(DatabaseLock&&) = delete;
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;

    static std::string lock_path(const std::string& db) { return db + ".lock"; }

  private:
    explicit DatabaseLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace frontdoor::server::storage

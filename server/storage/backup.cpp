#include "server/storage/backup.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "server/storage/schema.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {
namespace {

namespace fs = std::filesystem;

/// One raw connection, closed on scope exit (the Connection class opens read-write
/// with the server's pragmas; a backup wants neither).
class Handle {
  public:
    Handle(const std::string& path, int flags, const char* what) {
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            db_ = nullptr;
            throw BackupError(std::string("cannot open ") + what + " " + path + ": " + msg);
        }
        sqlite3_busy_timeout(db_, 5000);
    }
    ~Handle() { sqlite3_close_v2(db_); }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    sqlite3* get() { return db_; }

    /// Runs a statement whose one result row is read by f(stmt); throws on failure.
    template <class F> void query(const char* sql, const std::string& path, F&& f) {
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v2(db_, sql, -1, &s, nullptr);
        if (rc != SQLITE_OK) throw BackupError(path + " is not a readable SQLite database: " + sqlite3_errmsg(db_));
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) f(s);
        std::string msg = sqlite3_errmsg(db_);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) throw BackupError(path + " is not a readable SQLite database: " + msg);
    }

  private:
    sqlite3* db_ = nullptr;
};

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::string& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw BackupError("cannot open " + path + " to sync it: " + errno_text());
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    if (rc != 0) throw BackupError("cannot sync " + path + ": " + std::strerror(saved));
}

std::string folder_of(const std::string& file) {
    auto parent = fs::path(file).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

/// integrity_check, schema version and bookings of an open database.
BackupSummary summarise(Handle& h, const std::string& path) {
    std::string verdict;
    h.query("PRAGMA integrity_check", path, [&](sqlite3_stmt* s) {
        if (!verdict.empty()) verdict += "; ";
        verdict += reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    });
    if (verdict != "ok") throw BackupError("the integrity check of " + path + " failed: " + verdict);
    BackupSummary out;
    h.query("PRAGMA user_version", path, [&](sqlite3_stmt* s) { out.schema_version = sqlite3_column_int(s, 0); });
    int tables = 0;
    h.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('hubs', 'bookings')", path,
            [&](sqlite3_stmt* s) { tables = sqlite3_column_int(s, 0); });
    const int newest = static_cast<int>(migrations().size());
    if (out.schema_version < 1 || tables != 2)
        throw BackupError(path + " is not a Front Door database (no Front Door schema in it)");
    if (out.schema_version > newest)
        throw BackupError(path + " is from a newer Front Door (schema " + std::to_string(out.schema_version) +
                          ", this program knows up to " + std::to_string(newest) + ")");
    h.query("SELECT COUNT(*) FROM bookings", path, [&](sqlite3_stmt* s) { out.bookings = sqlite3_column_int64(s, 0); });
    return out;
}

/// Copies `source` (opened read-only) into a new file `temp` in one backup step (one
/// snapshot), as a self-contained rollback-journal database, checked. Removes `temp`
/// on failure.
BackupSummary copy_checked(const std::string& source, const std::string& temp) {
    fs::remove(temp);
    try {
        Handle from(source, SQLITE_OPEN_READONLY, "the database");
        BackupSummary summary;
        {
            Handle to(temp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the backup file");
            sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
            if (!b) throw BackupError("cannot start the backup: " + std::string(sqlite3_errmsg(to.get())));
            int rc;
            do { // -1: every page in one step, inside one read transaction of the source
                rc = sqlite3_backup_step(b, -1);
            } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            if (rc != SQLITE_DONE)
                throw BackupError("the backup of " + source + " failed: " + sqlite3_errstr(rc));
            char* err = nullptr;
            if (sqlite3_exec(to.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
                std::string msg = err ? err : "unknown error";
                sqlite3_free(err);
                throw BackupError("cannot finish the backup file: " + msg);
            }
            summary = summarise(to, temp);
        }
        fsync_path(temp, O_RDONLY);
        summary.bytes = fs::file_size(temp);
        return summary;
    } catch (...) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw;
    }
}

std::string temp_beside(const std::string& target, const char* kind) {
    return target + "." + kind + "-" + std::to_string(::getpid());
}

void rename_into_place(const std::string& temp, const std::string& target) {
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        std::string msg = errno_text();
        std::error_code ignored;
        fs::remove(temp, ignored);
        throw BackupError("cannot move the copy to " + target + ": " + msg);
    }
    fsync_path(folder_of(target), O_RDONLY | O_DIRECTORY);
}

void require_file(const std::string& path, const char* what) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        throw BackupError(std::string(what) + " " + path + " does not exist (or is not a file)");
}

void require_folder_of(const std::string& path, const char* what) {
    std::error_code ec;
    auto folder = folder_of(path);
    if (!fs::is_directory(folder, ec))
        throw BackupError(std::string("the folder ") + folder + " for " + what + " " + path + " does not exist");
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

void require_sqlite(const std::string& db) {
    if (engine_of(db) == Engine::postgresql)
        throw BackupError("a PostgreSQL database is backed up and restored with PostgreSQL's own tools "
                          "(pg_dump and pg_restore, or continuous archiving); this command copies an SQLite file");
}

} // namespace

BackupSummary backup_database(const std::string& source, const std::string& target) {
    require_sqlite(source);
    require_file(source, "the database");
    require_folder_of(target, "the backup");
    if (same_file(source, target)) throw BackupError("the backup " + target + " is the database itself; choose another file");
    auto temp = temp_beside(target, "partial");
    auto summary = copy_checked(source, temp);
    rename_into_place(temp, target);
    return summary;
}

BackupSummary check_backup(const std::string& path) {
    require_file(path, "the backup");
    Handle h(path, SQLITE_OPEN_READONLY, "the backup");
    auto summary = summarise(h, path);
    summary.bytes = fs::file_size(path);
    return summary;
}

BackupSummary restore_database(const std::string& backup, const std::string& db) {
    require_sqlite(db);
    require_file(backup, "the backup");
    require_folder_of(db, "the database");
    if (same_file(backup, db)) throw BackupError("the backup " + backup + " is the database itself; nothing to restore");
    check_backup(backup);
    auto lock = DatabaseLock::try_acquire(db);
    if (!lock)
        throw BackupError("a running Front Door server holds " + db + "; stop it first (systemctl stop frontdoor-server)");

    auto temp = temp_beside(db, "restoring");
    auto summary = copy_checked(backup, temp);
    // The restored file keeps the old one's owner and mode, so the server's user can write it.
    struct stat old {};
    if (::stat(db.c_str(), &old) == 0) {
        // Without privilege this fails and the copy stays ours: only the owner is lost.
        [[maybe_unused]] int owned = ::chown(temp.c_str(), old.st_uid, old.st_gid);
        ::chmod(temp.c_str(), old.st_mode & 07777);
    }
    // The old database's log must not be replayed into the new file: gone before the rename.
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        std::error_code ec;
        fs::remove(db + suffix, ec);
        if (ec) {
            fs::remove(temp, ec);
            throw BackupError("cannot remove " + db + suffix + ": " + ec.message());
        }
    }
    rename_into_place(temp, db);
    return summary;
}

std::optional<DatabaseLock> DatabaseLock::try_acquire(const std::string& db) {
    auto path = lock_path(db);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0 && (errno == EACCES || errno == EROFS)) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw BackupError("cannot open the lock file " + path + ": " + errno_text());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int saved = errno;
        ::close(fd);
        if (saved == EWOULDBLOCK) return std::nullopt;
        throw BackupError("cannot lock " + path + ": " + std::strerror(saved));
    }
    return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
    if (fd_ >= 0) ::close(fd_); // closing drops the flock
}

} // namespace frontdoor::server::storage

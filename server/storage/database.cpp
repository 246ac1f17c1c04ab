#include "server/storage/database.hpp"

#include "server/storage/schema.hpp"

namespace frontdoor::server::storage {

Database::Database(std::string path) : path_(std::move(path)) {
    writer_ = std::make_unique<Connection>(path_);
    migrate();
}

Database::~Database() = default;

Database::Lease::Lease(Database& d) : db(d) {
    {
        std::lock_guard lock(db.pool_mutex_);
        if (!db.idle_.empty()) {
            conn = std::move(db.idle_.back());
            db.idle_.pop_back();
            return;
        }
    }
    conn = std::make_unique<Connection>(db.path_);
}

Database::Lease::~Lease() {
    std::lock_guard lock(db.pool_mutex_);
    if (db.idle_.size() < 64) db.idle_.push_back(std::move(conn));
}

int Database::schema_version() {
    std::lock_guard lock(write_mutex_);
    Statement s(*writer_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

int Database::latest_schema_version() { return static_cast<int>(migrations().size()); }

void Database::migrate() {
    std::lock_guard lock(write_mutex_);
    Transaction tx(*writer_, Transaction::Kind::write);
    Statement v(*writer_, "PRAGMA user_version");
    v.step();
    auto current = static_cast<size_t>(v.integer(0));
    const auto& steps = migrations();
    if (current > steps.size())
        throw StorageError(0, "the database is from a newer Front Door (schema " +
                                  std::to_string(current) + ")");
    for (size_t i = current; i < steps.size(); ++i) writer_->exec(steps[i]);
    writer_->exec("PRAGMA user_version=" + std::to_string(steps.size()));
    tx.commit();
}

} // namespace frontdoor::server::storage

#pragma once
// SqliteConnection: the SQL layer (sql.hpp) over one SQLite connection. Opens with WAL,
// synchronous=FULL, foreign keys on and a busy timeout for other processes; keeps
// prepared statements for reuse by their SQL text (take() hands one out, owned by the
// Statement that borrows it until give_back()).
// Thread-safety: one thread at a time (SQLite's multi-thread mode).

#include <string>
#include <string_view>
#include <unordered_map>
#include <memory>
#include <vector>

#include "server/storage/sql.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace frontdoor::server::storage {

class SqliteConnection final : public Connection {
  public:
    explicit SqliteConnection(const std::string& path);
    ~SqliteConnection() override;

    Engine engine() const override { return Engine::sqlite; }
    void exec(std::string_view sql) override;
    std::int64_t last_insert_id() override;
    int changes() const override;
    void begin(TxKind kind) override;
    void commit() override;
    void rollback() noexcept override;

    sqlite3* handle() { return db_; }

  private:
    Cursor* take(std::string_view sql) override;
    void give_back(std::string_view sql, Cursor* cursor) noexcept override;

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::vector<std::unique_ptr<Cursor>>> prepared_;
};

} // namespace frontdoor::server::storage

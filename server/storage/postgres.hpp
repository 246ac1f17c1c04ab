#pragma once
// PgConnection: the SQL layer (sql.hpp) over one libpq connection. The repositories'
// `?` and `?N` placeholders become `$N`; each SQL text is prepared once per connection
// (server-side prepared statements) and its cursors kept for reuse. Parameters go as
// text, typed by the server from where they are used. The session waits at most 5 s
// for a lock and may sit idle inside a transaction at most 30 s (a stuck client cannot
// hold rows others need). Write transactions are SERIALIZABLE: a check and the write it
// guards see no other server's write between them, or the commit fails with a
// serialization error that the engine runs again (StorageError::Kind::retry).
// Thread-safety: one thread at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/storage/sql.hpp"

struct pg_conn;

namespace frontdoor::server::storage {

class PgConnection final : public Connection {
  public:
    explicit PgConnection(const std::string& url);
    ~PgConnection() override;

    Engine engine() const override { return Engine::postgresql; }
    void exec(std::string_view sql) override;
    std::int64_t last_insert_id() override;
    int changes() const override { return changes_; }
    void begin(TxKind kind) override;
    void commit() override;
    void rollback() noexcept override;

    /// False once the server closed the connection (it is then thrown away, not reused).
    bool healthy() const;
    pg_conn* handle() { return conn_; }
    /// `?` and `?N` placeholders as `$N`, outside quotes; sets count to the highest N.
    static std::string placeholders(std::string_view sql, int& count);

  private:
    friend class PgCursor;
    Cursor* take(std::string_view sql) override;
    void give_back(std::string_view sql, Cursor* cursor) noexcept override;

    pg_conn* conn_ = nullptr;
    int changes_ = 0;
    int next_name_ = 0;
    struct Prepared {
        std::string name;
        int params = 0;
        std::vector<std::unique_ptr<Cursor>> idle;
    };
    std::unordered_map<std::string, Prepared> prepared_;
};

} // namespace frontdoor::server::storage

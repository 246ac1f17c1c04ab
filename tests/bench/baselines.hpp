#pragma once
// The raw limits of this machine, measured in the same run as the server's figures:
// the durable booking transaction rate of SQLite on this disk, and an empty
// cpp-httplib handler with the server's own settings.

#include <chrono>
#include <memory>
#include <string>

namespace frontdoor::bench {

struct RawSqlite {
    double tx_per_second = 0;
    long transactions = 0;
    double p50_ms = 0, p99_ms = 0;
};

/// Runs check-then-insert booking transactions (BEGIN IMMEDIATE, idempotency lookup,
/// capacity count, client upsert, booking + history + idempotency insert, COMMIT) on a
/// fresh database at `db_path` opened by the server's own storage layer (WAL,
/// synchronous=FULL), on one thread, for `duration`.
RawSqlite measure_raw_sqlite(const std::string& db_path, std::chrono::seconds duration);

/// An httplib server with one empty JSON handler at GET /empty, configured as the
/// booking server is (TCP_NODELAY, a 64-thread pool, keep-alive limits, backlog 4096).
class EmptyServer {
  public:
    EmptyServer();
    ~EmptyServer();
    int port() const { return port_; }

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int port_ = 0;
};

} // namespace frontdoor::bench

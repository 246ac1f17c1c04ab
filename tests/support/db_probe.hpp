#pragma once
// DbProbe: a read-only look into the server's SQLite file, for tests that check what
// was stored (one live booking, nothing changed by bad input, rows after a kill -9).
// Each query runs on its own in autocommit, so it sees the latest committed state.
// Thread-safety: one thread per DbProbe.

#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;

namespace frontdoor::testing {

class DbProbe {
  public:
    explicit DbProbe(const std::string& path); // throws std::runtime_error
    ~DbProbe();
    DbProbe(const DbProbe&) = delete;
    DbProbe& operator=(const DbProbe&) = delete;

    /// The first column of the first row as an integer (0 when no row).
    std::int64_t integer(const std::string& sql);
    /// The first column of every row, as text ("" for NULL).
    std::vector<std::string> column(const std::string& sql);
    /// Every row, every column, as text.
    std::vector<std::vector<std::string>> rows(const std::string& sql);
    /// Every row of the tables, in rowid order, as one string: equal fingerprints mean
    /// equal contents.
    std::string fingerprint(const std::vector<std::string>& tables);

  private:
    sqlite3* db_ = nullptr;
};

} // namespace frontdoor::testing

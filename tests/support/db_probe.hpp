#pragma once
// DbProbe: a look into the server's database, either engine (the --db value the server
// was given), for tests that check what was stored (one live booking, nothing changed by
// bad input, rows after a kill -9). Each query runs on its own in autocommit, so it sees
// the latest committed state. Write the SQL both engines speak (see storage/sql.hpp).
// Thread-safety: one thread per DbProbe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace frontdoor::server::storage {
class Connection;
}

namespace frontdoor::testing {

class DbProbe {
  public:
    explicit DbProbe(const std::string& url); // throws
    ~DbProbe();
    DbProbe(const DbProbe&) = delete;
    DbProbe& operator=(const DbProbe&) = delete;

    /// The first column of the first row as an integer (0 when no row).
    std::int64_t integer(const std::string& sql);
    /// The first column of every row, as text ("" for NULL).
    std::vector<std::string> column(const std::string& sql);
    /// Every row, every column, as text.
    std::vector<std::vector<std::string>> rows(const std::string& sql);
    /// Every row of the tables, sorted, as one string: equal fingerprints mean equal
    /// contents.
    std::string fingerprint(const std::vector<std::string>& tables);

  private:
    std::unique_ptr<server::storage::Connection> db_;
};

} // namespace frontdoor::testing

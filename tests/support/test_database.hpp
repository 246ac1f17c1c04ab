#pragma once
// TestDatabase: a fresh, empty database for one test, on the engine the test run asks
// for. By default an SQLite file in the given directory. With
// FRONTDOOR_TEST_ENGINE=postgresql (ctest's *_pg tests, which scripts/test runs inside
// pg_virtualenv, so PGHOST, PGPORT, PGUSER and PGPASSWORD name a throwaway cluster) a new
// database on that cluster, dropped again by the destructor. url() is the server's --db.
// Thread-safety: construct and destroy on one thread.

#include <string>

namespace frontdoor::testing {

class TestDatabase {
  public:
    explicit TestDatabase(const std::string& dir);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    const std::string& url() const { return url_; }
    bool postgres() const { return !pg_name_.empty(); }
    /// True when this test run is the PostgreSQL one (FRONTDOOR_TEST_ENGINE=postgresql).
    static bool on_postgres();

  private:
    std::string url_;
    std::string pg_name_;
};

} // namespace frontdoor::testing

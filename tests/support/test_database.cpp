#include "tests/support/test_database.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include <unistd.h>

#include "server/storage/sql.hpp"

namespace frontdoor::testing {
namespace {

/// The cluster's maintenance database, where databases are made and dropped.
constexpr const char* kAdminUrl = "postgresql:///postgres";

} // namespace

bool TestDatabase::on_postgres() {
    const char* e = std::getenv("FRONTDOOR_TEST_ENGINE");
    return e && std::string_view{e} == "postgresql";
}

TestDatabase::TestDatabase(const std::string& dir) {
    if (!on_postgres()) {
        url_ = dir + "/frontdoor.db";
        return;
    }
    if (!std::getenv("PGHOST"))
        throw std::runtime_error("FRONTDOOR_TEST_ENGINE=postgresql needs a cluster: run the tests with scripts/test, "
                                 "or inside pg_virtualenv");
    static std::atomic<int> counter{0};
    pg_name_ = "fd_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
    server::storage::open_connection(kAdminUrl)->exec("CREATE DATABASE " + pg_name_);
    url_ = std::string{"postgresql:///"} + pg_name_;
}

TestDatabase::~TestDatabase() {
    if (pg_name_.empty()) return;
    try {
        server::storage::open_connection(kAdminUrl)->exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (...) { // the cluster goes when the run ends anyway
    }
}

} // namespace frontdoor::testing

#include "tests/support/db_probe.hpp"

#include <stdexcept>

#include <sqlite3.h>

namespace frontdoor::testing {

DbProbe::DbProbe(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw std::runtime_error("open " + path + " read-only: " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
}

DbProbe::~DbProbe() { sqlite3_close(db_); }

std::vector<std::vector<std::string>> DbProbe::rows(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        throw std::runtime_error("prepare '" + sql + "': " + sqlite3_errmsg(db_));
    std::vector<std::vector<std::string>> out;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
            auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
            row.emplace_back(t ? std::string(t, static_cast<size_t>(sqlite3_column_bytes(stmt, i))) : std::string{});
        }
        out.push_back(std::move(row));
    }
    std::string why = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) throw std::runtime_error("step '" + sql + "': " + why);
    return out;
}

std::int64_t DbProbe::integer(const std::string& sql) {
    auto r = rows(sql);
    if (r.empty() || r[0].empty() || r[0][0].empty()) return 0;
    return std::stoll(r[0][0]);
}

std::vector<std::string> DbProbe::column(const std::string& sql) {
    std::vector<std::string> out;
    for (auto& row : rows(sql)) out.push_back(row.empty() ? std::string{} : row[0]);
    return out;
}

std::string DbProbe::fingerprint(const std::vector<std::string>& tables) {
    std::string out;
    for (const auto& t : tables) {
        out += "[" + t + "]\n";
        for (const auto& row : rows("SELECT * FROM " + t + " ORDER BY rowid")) {
            for (const auto& v : row) out += v + "\x1f";
            out += "\n";
        }
    }
    return out;
}

} // namespace frontdoor::testing

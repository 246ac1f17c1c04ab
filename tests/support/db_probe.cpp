#include "tests/support/db_probe.hpp"

#include <algorithm>
#include <stdexcept>

#include "server/storage/sql.hpp"

namespace frontdoor::testing {

using server::storage::Statement;

DbProbe::DbProbe(const std::string& url) : db_(server::storage::open_connection(url)) {}

DbProbe::~DbProbe() = default;

std::vector<std::vector<std::string>> DbProbe::rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    try {
        Statement s(*db_, sql);
        while (s.step()) {
            std::vector<std::string> row;
            for (int i = 0; i < s.columns(); ++i) row.push_back(s.is_null(i) ? std::string{} : s.text(i));
            out.push_back(std::move(row));
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("'" + sql + "': " + e.what());
    }
    return out;
}

std::int64_t DbProbe::integer(const std::string& sql) {
    auto r = rows(sql);
    if (r.empty() || r[0].empty() || r[0][0].empty()) return 0;
    if (r[0][0] == "t") return 1; // PostgreSQL's boolean
    if (r[0][0] == "f") return 0;
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
        auto all = rows("SELECT * FROM " + t);
        std::sort(all.begin(), all.end());
        for (const auto& row : all) {
            for (const auto& v : row) out += v + "\x1f";
            out += "\n";
        }
    }
    return out;
}

} // namespace frontdoor::testing

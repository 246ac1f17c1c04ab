#include "server/storage/postgres.hpp"

#include <algorithm>
#include <cstdlib>

#include <libpq-fe.h>

namespace frontdoor::server::storage {
namespace {

StorageError::Kind kind_of(std::string_view sqlstate) {
    if (sqlstate == "23P01") return StorageError::Kind::overlap; // exclusion_violation
    if (sqlstate.substr(0, 2) == "23") return StorageError::Kind::constraint;
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") return StorageError::Kind::retry;
    return StorageError::Kind::other;
}

/// Throws the result's error (and frees it) unless it is one of the good statuses.
void check(PGconn* conn, PGresult* res, std::string_view what) {
    auto status = PQresultStatus(res);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string state;
    if (const char* s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr) state = s;
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQclear(res);
    throw StorageError(0, std::string{what} + ": " + msg + (state.empty() ? "" : " [" + state + "]"), kind_of(state));
}

} // namespace

class PgCursor final : public Cursor {
  public:
    PgCursor(PgConnection& conn, std::string name, int params)
        : conn_(conn), name_(std::move(name)), values_(static_cast<size_t>(params)),
          null_(static_cast<size_t>(params), true) {}
    ~PgCursor() override { PQclear(res_); }

    void bind(int i, std::int64_t v) override { set(i, std::to_string(v)); }
    void bind(int i, std::string_view v) override { set(i, std::string{v}); }
    void bind_null(int i) override {
        slot(i);
        null_[static_cast<size_t>(i - 1)] = true;
    }
    bool step() override {
        if (!ran_) run();
        return ++row_ < rows_;
    }
    std::int64_t integer(int col) const override {
        const char* v = PQgetvalue(res_, row_, col);
        if (v[0] == 't' && v[1] == 0) return 1; // a boolean expression's answer
        if (v[0] == 'f' && v[1] == 0) return 0;
        return std::strtoll(v, nullptr, 10);
    }
    std::string text(int col) const override {
        return std::string(PQgetvalue(res_, row_, col), static_cast<size_t>(PQgetlength(res_, row_, col)));
    }
    bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
    int columns() const override { return res_ ? PQnfields(res_) : 0; }
    void reset() override {
        PQclear(res_);
        res_ = nullptr;
        ran_ = false;
        row_ = -1;
        rows_ = 0;
        for (size_t i = 0; i < null_.size(); ++i) null_[i] = true;
    }

  private:
    void slot(int i) {
        if (i < 1 || i > static_cast<int>(values_.size()))
            throw StorageError(0, "bind: no parameter " + std::to_string(i) + " in " + name_);
    }
    void set(int i, std::string v) {
        slot(i);
        values_[static_cast<size_t>(i - 1)] = std::move(v);
        null_[static_cast<size_t>(i - 1)] = false;
    }
    void run() {
        std::vector<const char*> args(values_.size());
        for (size_t i = 0; i < values_.size(); ++i) args[i] = null_[i] ? nullptr : values_[i].c_str();
        PGresult* res = PQexecPrepared(conn_.conn_, name_.c_str(), static_cast<int>(args.size()), args.data(), nullptr,
                                       nullptr, 0);
        check(conn_.conn_, res, "query");
        res_ = res;
        ran_ = true;
        rows_ = PQresultStatus(res) == PGRES_TUPLES_OK ? PQntuples(res) : 0;
        conn_.changes_ = std::atoi(PQcmdTuples(res));
    }

    PgConnection& conn_;
    std::string name_;
    std::vector<std::string> values_;
    std::vector<bool> null_;
    PGresult* res_ = nullptr;
    bool ran_ = false;
    int row_ = -1;
    int rows_ = 0;
};

PgConnection::PgConnection(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(conn_);
        while (!msg.empty() && msg.back() == '\n') msg.pop_back();
        PQfinish(conn_);
        conn_ = nullptr;
        throw StorageError(0, "cannot connect to PostgreSQL: " + msg);
    }
    exec("SET lock_timeout = '5s'; SET idle_in_transaction_session_timeout = '30s'; "
         "SET client_min_messages = warning");
}

PgConnection::~PgConnection() {
    prepared_.clear();
    PQfinish(conn_);
}

bool PgConnection::healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

std::string PgConnection::placeholders(std::string_view sql, int& count) {
    std::string out;
    out.reserve(sql.size() + 16);
    count = 0;
    int next = 0; // a bare ? is the one after the highest so far, as in SQLite
    char quote = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        char ch = sql[i];
        if (quote) {
            if (ch == quote) quote = 0;
            out += ch;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
            out += ch;
        } else if (ch == '?') {
            int n = 0;
            size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
            if (j == i + 1) n = next + 1;
            next = std::max(next, n);
            count = std::max(count, n);
            out += '$';
            out += std::to_string(n);
            i = j - 1;
        } else {
            out += ch;
        }
    }
    return out;
}

Cursor* PgConnection::take(std::string_view sql) {
    auto it = prepared_.find(std::string{sql});
    if (it == prepared_.end()) {
        Prepared p;
        std::string text = placeholders(sql, p.params);
        p.name = "fd" + std::to_string(++next_name_);
        PGresult* res = PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr);
        check(conn_, res, "prepare");
        PQclear(res);
        it = prepared_.emplace(std::string{sql}, std::move(p)).first;
    }
    auto& p = it->second;
    if (!p.idle.empty()) {
        auto* cursor = p.idle.back().release();
        p.idle.pop_back();
        return cursor;
    }
    return new PgCursor(*this, p.name, p.params);
}

void PgConnection::give_back(std::string_view sql, Cursor* cursor) noexcept {
    std::unique_ptr<Cursor> owned(cursor);
    owned->reset();
    auto it = prepared_.find(std::string{sql});
    if (it != prepared_.end() && it->second.idle.size() < 4) it->second.idle.push_back(std::move(owned));
}

void PgConnection::exec(std::string_view sql) {
    std::string s{sql};
    PGresult* res = PQexec(conn_, s.c_str());
    check(conn_, res, "exec " + s.substr(0, 60));
    changes_ = std::atoi(PQcmdTuples(res));
    PQclear(res);
}

std::int64_t PgConnection::last_insert_id() {
    PGresult* res = PQexec(conn_, "SELECT lastval()");
    check(conn_, res, "lastval");
    std::int64_t id = std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);
    PQclear(res);
    return id;
}

void PgConnection::begin(TxKind kind) {
    exec(kind == TxKind::write ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                               : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

void PgConnection::commit() {
    PGresult* res = PQexec(conn_, "COMMIT");
    check(conn_, res, "commit");
    std::string tag = PQcmdStatus(res);
    PQclear(res);
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
    if (tag != "COMMIT") throw StorageError(0, "commit: the transaction had failed and was rolled back");
}

void PgConnection::rollback() noexcept {
    if (conn_) PQclear(PQexec(conn_, "ROLLBACK"));
}

} // namespace frontdoor::server::storage

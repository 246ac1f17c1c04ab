#include "server/storage/auth_repo.hpp"

namespace frontdoor::server::storage {

std::optional<AccountRow> find_account(Connection& c, const std::string& username) {
    Statement s(c, "SELECT id, password_hash, access, active FROM staff "
                   "WHERE lower(username) = lower(?) AND password_hash IS NOT NULL");
    s.bind(1, username);
    if (!s.step()) return std::nullopt;
    return AccountRow{s.integer(0), s.text(1), s.text(2), s.integer(3) != 0};
}

void insert_token(Connection& c, const std::string& hash, const TokenRow& t, Instant now) {
    Statement s(c, "INSERT INTO tokens(hash, kind, staff_id, kiosk_id, csrf, created_at, expires_at) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::optional<std::int64_t> exp;
    if (t.expires_at) exp = t.expires_at->time_since_epoch().count();
    s.bind_all(hash, t.kind, t.staff_id, t.kiosk_id, t.csrf, now.time_since_epoch().count(), exp)
        .run();
}

std::optional<TokenRow> find_token(Connection& c, const std::string& hash) {
    Statement s(c, "SELECT kind, staff_id, kiosk_id, csrf, expires_at, revoked FROM tokens WHERE hash = ?");
    s.bind(1, hash);
    if (!s.step()) return std::nullopt;
    TokenRow t{s.text(0), s.opt_integer(1), s.opt_integer(2), s.opt_text(3), std::nullopt,
               s.integer(5) != 0};
    if (auto e = s.opt_integer(4)) t.expires_at = Instant{std::chrono::seconds{*e}};
    return t;
}

void extend_token(Connection& c, const std::string& hash, Instant expires_at) {
    Statement s(c, "UPDATE tokens SET expires_at = ? WHERE hash = ? AND revoked = 0");
    s.bind_all(expires_at.time_since_epoch().count(), hash).run();
}

void revoke_token(Connection& c, const std::string& hash) {
    Statement s(c, "UPDATE tokens SET revoked = 1 WHERE hash = ?");
    s.bind(1, hash).run();
}

} // namespace frontdoor::server::storage

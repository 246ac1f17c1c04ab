#pragma once
// Accounts and tokens. Tokens are stored only as hashes.

#include <optional>
#include <string>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct AccountRow {
    Id staff_id = 0;
    std::string password_hash;
    std::string access;
    bool active = true;
};
std::optional<AccountRow> find_account(Connection& c, const std::string& username);

struct TokenRow {
    std::string kind; // staff | kiosk
    std::optional<Id> staff_id;
    std::optional<Id> kiosk_id;
    std::optional<std::string> csrf;
    std::optional<Instant> expires_at;
    bool revoked = false;
};
void insert_token(Connection& c, const std::string& hash, const TokenRow& t, Instant now);
std::optional<TokenRow> find_token(Connection& c, const std::string& hash);
void extend_token(Connection& c, const std::string& hash, Instant expires_at);
void revoke_token(Connection& c, const std::string& hash);

} // namespace frontdoor::server::storage

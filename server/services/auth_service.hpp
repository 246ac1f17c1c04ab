#pragma once
// Logins, tokens and roles. Staff tokens expire after an idle period that each use
// extends; kiosk tokens last until their kiosk is revoked.

#include <optional>
#include <string>
#include <vector>

#include "server/services/context.hpp"
#include "server/services/fresh_cache.hpp"

namespace frontdoor::server {

enum class Role { admin, manager, reception, practitioner, kiosk };
std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view name);

/// Usernames are case-insensitive: `ADMIN` is `admin`. They are ASCII (letters, digits,
/// . _ - @), so folding ASCII letters is the whole rule, the same as SQLite's NOCASE
/// the staff table's username index uses. The key sign-in limits count an account by.
std::string username_key(std::string_view username);

struct Principal {
    Role role = Role::kiosk;
    std::optional<Id> staff_id;
    std::optional<Id> kiosk_id;
    std::optional<Id> hub_id; // a kiosk's hub; a staff member's home hub (one of hub_ids)
    std::vector<Id> hub_ids;  // the hubs a staff member acts at (see hub_scope.hpp)
    std::string token_hash;
    std::optional<std::string> csrf; // set for browser sessions
    std::optional<shared::Instant> expires_at; // a staff session's end; none for kiosks
    /// The client's address for this request (Api sets it on its own copy; the cached
    /// principal in AuthService has none): where an audit line says it came from.
    std::string address;
    /// "staff:3" or "kiosk:2": who did it, for audit and idempotency keys.
    std::string actor() const;
};

struct LoginResult {
    std::string token;
    Role role = Role::practitioner;
    Id staff_id = 0;
    std::string expires_at; // RFC 3339 UTC
    std::string csrf_token;
};

class AuthService {
  public:
    explicit AuthService(const ServiceContext& ctx) : ctx_(ctx), recent_(ctx.db, 10'000) {}

    /// `unauthenticated` for an unknown user, a wrong password or a disabled account.
    /// Both outcomes leave an audit line from `address`: "auth.sign_in" by the staff
    /// member with the session's token, or "auth.sign_in_failed" by "anonymous" naming
    /// the username tried (never the password).
    Result<LoginResult> login(const std::string& username, const std::string& password,
                              const std::string& address);
    /// The principal behind a token, or nullopt when unknown, expired or revoked.
    /// `extend` slides a staff token's idle expiry (false for background requests and
    /// for the event stream's re-checks, which are no sign of a person at the desk).
    std::optional<Principal> resolve(const std::string& token, bool extend = true);
    void logout(const Principal& p);

    struct KioskToken {
        Id id = 0;
        std::string token;
    };
    Result<KioskToken> create_kiosk(const Principal& by, Id hub_id, const std::string& name);

    /// Creates the first admin account (init). `conflict` when the user exists.
    Result<Id> create_admin(const std::string& username, const std::string& password);

  private:
    std::optional<Principal> resolve_stored(const std::string& hash, bool extend);

    const ServiceContext& ctx_;
    /// Principals resolved since the last committed write, so a busy client does not
    /// read its token's row on every request. Any write (a sign-out, a revoked kiosk,
    /// a disabled account) makes every entry stale, so nothing outlives its revocation.
    FreshCache<std::string, Principal> recent_;
};

} // namespace frontdoor::server

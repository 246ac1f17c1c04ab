#include "server/services/auth_service.hpp"

#include "server/services/audit_service.hpp"
#include "server/services/crypto.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/auth_repo.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {

std::string_view role_name(Role r) {
    switch (r) {
    case Role::admin: return "admin";
    case Role::manager: return "manager";
    case Role::reception: return "reception";
    case Role::practitioner: return "practitioner";
    case Role::kiosk: return "kiosk";
    }
    return "kiosk";
}

std::optional<Role> parse_role(std::string_view n) {
    for (Role r : {Role::admin, Role::manager, Role::reception, Role::practitioner, Role::kiosk})
        if (role_name(r) == n) return r;
    return std::nullopt;
}

std::string username_key(std::string_view username) {
    std::string key(username);
    for (auto& ch : key)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return key;
}

std::string Principal::actor() const {
    if (kiosk_id) return "kiosk:" + std::to_string(*kiosk_id);
    if (staff_id) return "staff:" + std::to_string(*staff_id);
    return "system";
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& address) {
    auto account = guard_storage([&]() -> Result<std::optional<storage::AccountRow>> {
        return ctx_.db.read([&](storage::Connection& c) { return storage::find_account(c, username); });
    });
    if (!account) return account.error();
    // Verify against a dummy hash for unknown users so timing does not tell them apart.
    static const std::string dummy = hash_password("not-a-real-password");
    const auto& row = *account;
    bool good = verify_password(password, row ? row->password_hash : dummy) && row && row->active &&
                row->access != "none";
    if (!good) {
        auto wrong = make_error(ErrorCode::unauthenticated, "the username or password is wrong");
        auto written = guard_storage([&]() -> Result<shared::Unit> {
            storage::AuditEntry e;
            e.at = ctx_.clock.now();
            e.actor = "anonymous";
            e.address = address;
            e.action = "auth.sign_in_failed";
            e.detail = username;
            ctx_.db.write([&](storage::Connection& c) { storage::append_audit(c, e); });
            return shared::Unit{};
        });
        if (!written) return written.error();
        return wrong;
    }

    LoginResult out;
    out.token = random_token();
    out.csrf_token = random_token();
    out.staff_id = row->staff_id;
    out.role = parse_role(row->access).value_or(Role::practitioner);
    auto now = ctx_.clock.now();
    auto expires = now + ctx_.settings.staff_session_idle;
    out.expires_at = shared::format_instant(expires, nullptr);
    auto written = guard_storage([&]() -> Result<shared::Unit> {
        ctx_.db.write([&](storage::Connection& c) {
            storage::insert_token(c, token_hash(out.token),
                                  {"staff", row->staff_id, std::nullopt, out.csrf_token, expires, false},
                                  now);
            Principal who;
            who.role = out.role;
            who.staff_id = row->staff_id;
            who.address = address;
            audit_change(c, who, now, "auth.sign_in", {.detail = username});
        });
        return shared::Unit{};
    });
    if (!written) return written.error();
    return out;
}

std::optional<Principal> AuthService::resolve(const std::string& token, bool extend) {
    if (token.size() != 64) return std::nullopt;
    auto hash = token_hash(token);
    auto now = ctx_.clock.now();
    if (auto p = recent_.find(hash, now)) {
        if (!p->expires_at) return p; // a kiosk
        if (*p->expires_at <= now) return std::nullopt;
        // A person's request slides the session, at most once a minute (a write).
        if (!extend || now + ctx_.settings.staff_session_idle - *p->expires_at < std::chrono::minutes{1}) return p;
    }
    auto generation = recent_.generation(); // before reading: a write meanwhile makes it stale
    auto p = resolve_stored(hash, extend);
    if (p) recent_.put(hash, *p, generation);
    else recent_.erase(hash);
    return p;
}

std::optional<Principal> AuthService::resolve_stored(const std::string& hash, bool extend) {
    auto now = ctx_.clock.now();
    try {
        struct Found {
            storage::TokenRow token;
            std::optional<storage::StaffRow> staff;
            std::optional<storage::KioskRow> kiosk;
        };
        auto found = ctx_.db.read([&](storage::Connection& c) -> std::optional<Found> {
            auto t = storage::find_token(c, hash);
            if (!t || t->revoked) return std::nullopt;
            Found f{*t, std::nullopt, std::nullopt};
            if (t->staff_id) f.staff = storage::find_staff(c, *t->staff_id);
            if (t->kiosk_id) f.kiosk = storage::find_kiosk(c, *t->kiosk_id);
            return f;
        });
        if (!found) return std::nullopt;
        Principal p;
        p.token_hash = hash;
        p.csrf = found->token.csrf;
        if (found->token.kind == "kiosk") {
            if (!found->kiosk || found->kiosk->revoked) return std::nullopt;
            p.role = Role::kiosk;
            p.kiosk_id = found->kiosk->id;
            p.hub_id = found->kiosk->hub_id;
            return p;
        }
        if (!found->staff || !found->staff->active || !found->token.expires_at ||
            *found->token.expires_at <= now)
            return std::nullopt;
        auto role = parse_role(found->staff->access);
        if (!role || *role == Role::kiosk) return std::nullopt;
        p.role = *role;
        p.staff_id = found->staff->id;
        p.hub_ids = found->staff->hub_ids;
        p.hub_id = found->staff->hub_id;
        if (!p.hub_ids.empty() && (!p.hub_id || !acts_at(p, *p.hub_id))) p.hub_id = p.hub_ids.front();
        // Slide the idle expiry, at most once a minute per token.
        auto fresh = now + ctx_.settings.staff_session_idle;
        p.expires_at = found->token.expires_at;
        if (extend && fresh - *found->token.expires_at >= std::chrono::minutes{1}) {
            ctx_.db.write([&](storage::Connection& c) { storage::extend_token(c, hash, fresh); });
            p.expires_at = fresh;
        }
        return p;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void AuthService::logout(const Principal& p) {
    recent_.erase(p.token_hash);
    try {
        ctx_.db.write([&](storage::Connection& c) {
            storage::revoke_token(c, p.token_hash);
            audit_change(c, p, ctx_.clock.now(), "auth.sign_out");
        });
    } catch (const std::exception&) {
    }
}

Result<AuthService::KioskToken> AuthService::create_kiosk(const Principal& by, Id hub_id,
                                                          const std::string& name) {
    return guard_storage([&]() -> Result<KioskToken> {
        return ctx_.db.write([&](storage::Connection& c) -> Result<KioskToken> {
            if (auto refused = require_hub(by, hub_id)) return *refused;
            if (!storage::find_hub(c, hub_id))
                return make_error(ErrorCode::not_found, "no such hub", "hub_id");
            auto now = ctx_.clock.now();
            KioskToken k{storage::insert_kiosk(c, hub_id, name, now), random_token()};
            storage::insert_token(c, token_hash(k.token),
                                  {"kiosk", std::nullopt, k.id, std::nullopt, std::nullopt, false}, now);
            audit_change(c, by, now, "kiosk.create", {.hub_id = hub_id, .detail = std::to_string(k.id) + " " + name});
            return k;
        });
    });
}

Result<Id> AuthService::create_admin(const std::string& username, const std::string& password) {
    auto hash = hash_password(password);
    return guard_storage([&]() -> Result<Id> {
        return ctx_.db.write([&](storage::Connection& c) -> Result<Id> {
            if (storage::username_taken(c, username))
                return make_error(ErrorCode::conflict, "that username exists already", "username");
            storage::StaffRow s{0, "Administrator", "administrator", std::nullopt, username, "admin", true};
            return storage::insert_staff(c, s, hash, ctx_.clock.now());
        });
    });
}

} // namespace frontdoor::server

#include "server/http/web_session.hpp"

#include <algorithm>

#include <httplib.h>
#include <sodium.h>

namespace frontdoor::server::web {
namespace {

using shared::ErrorCode;
using shared::make_error;

/// 32 random bytes as 64 lowercase hex characters.
std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[sizeof bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return std::string(hex, sizeof bytes * 2);
}

bool same_secret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

bool is_safe_method(std::string_view method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto end = header.find(';');
        auto pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        auto key = pair.substr(0, eq);
        while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
        if (key != name) continue;
        auto value = pair.substr(eq + 1);
        while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
        return std::string(value);
    }
    return std::nullopt;
}

WebSessions::WebSessions(const shared::Clock& clock, WebSessionOptions options)
    : clock_(clock), options_(std::move(options)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
}

shared::Instant WebSessions::expiry_of(const WebSession& s) const {
    return std::min(s.last_active + options_.idle_timeout, s.created_at + options_.max_lifetime);
}

WebSessions::Started WebSessions::start(StaffIdentity who) {
    const auto now = clock_.now();
    WebSession s{std::move(who), random_token(), now, now, {}};
    s.expires_at = expiry_of(s);
    Started started{random_token(), s.csrf_token, s.expires_at};
    std::lock_guard lock(mutex_);
    if (sessions_.size() >= options_.max_sessions) evict_one_locked();
    sessions_.emplace(started.token, std::move(s));
    return started;
}

void WebSessions::evict_one_locked() {
    // Expired ones first; otherwise the one idle longest.
    const auto now = clock_.now();
    auto oldest = sessions_.end();
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (expiry_of(it->second) <= now) {
            it = sessions_.erase(it);
            continue;
        }
        if (oldest == sessions_.end() || it->second.last_active < oldest->second.last_active)
            oldest = it;
        ++it;
    }
    if (sessions_.size() >= options_.max_sessions && oldest != sessions_.end())
        sessions_.erase(oldest);
}

std::optional<WebSession> WebSessions::find(std::string_view token, bool touch) {
    std::lock_guard lock(mutex_);
    auto it = sessions_.find(std::string(token));
    if (it == sessions_.end()) return std::nullopt;
    const auto now = clock_.now();
    if (expiry_of(it->second) <= now) {
        sessions_.erase(it);
        return std::nullopt;
    }
    if (touch) {
        it->second.last_active = now;
        it->second.expires_at = expiry_of(it->second);
    }
    return it->second;
}

bool WebSessions::end(std::string_view token) {
    std::lock_guard lock(mutex_);
    return sessions_.erase(std::string(token)) > 0;
}

std::size_t WebSessions::end_all_of(std::int64_t staff_id) {
    std::lock_guard lock(mutex_);
    return std::erase_if(sessions_, [&](const auto& kv) { return kv.second.who.staff_id == staff_id; });
}

std::size_t WebSessions::size() const {
    std::lock_guard lock(mutex_);
    return sessions_.size();
}

std::optional<std::string> WebSessions::token_of(const httplib::Request& req) const {
    if (!req.has_header("Cookie")) return std::nullopt;
    // Several Cookie headers are unusual but legal over HTTP/1.1; look in each.
    auto n = req.get_header_value_count("Cookie");
    for (std::size_t i = 0; i < n; ++i) {
        auto v = cookie_value(req.get_header_value("Cookie", i), options_.cookie_name);
        if (v && !v->empty()) return v;
    }
    return std::nullopt;
}

std::optional<shared::Result<StaffIdentity>> WebSessions::authenticate(const httplib::Request& req) {
    auto token = token_of(req);
    if (!token) return std::nullopt;
    auto session = find(*token, /*touch=*/false);
    if (!session)
        return shared::Result<StaffIdentity>(
            make_error(ErrorCode::unauthenticated, "signed out or session expired; sign in again"));
    if (!is_safe_method(req.method) &&
        !same_secret(req.get_header_value("X-CSRF-Token"), session->csrf_token))
        return shared::Result<StaffIdentity>(
            make_error(ErrorCode::forbidden, "a change needs the session's X-CSRF-Token header"));
    if (req.get_header_value("X-Frontdoor-Background") != "1") find(*token, /*touch=*/true);
    return shared::Result<StaffIdentity>(session->who);
}

std::string WebSessions::set_cookie_value(const std::string& token) const {
    std::string v = options_.cookie_name + "=" + token + "; HttpOnly; SameSite=Strict; Path=/";
    if (options_.secure_cookie) v += "; Secure";
    return v;
}

std::string WebSessions::clear_cookie_value() const {
    std::string v = options_.cookie_name + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
    if (options_.secure_cookie) v += "; Secure";
    return v;
}

} // namespace frontdoor::server::web

// [SECTION] Operations and sign-in routes.
#include "server/http/routes.hpp"

namespace frontdoor::server::http {
namespace {

/// The staff page's session cookie. Secure when the request reached the TLS proxy over
/// HTTPS (X-Forwarded-Proto: https, as nginx is told to send it); a client that fakes
/// the header only makes its own cookie stricter.
std::string session_cookie(const httplib::Request& req, const std::string& value, long max_age) {
    std::string cookie = std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/; Max-Age=" +
                         std::to_string(max_age);
    if (req.get_header_value("X-Forwarded-Proto") == "https") cookie += "; Secure";
    return cookie;
}

/// application/json, any case, with or without parameters (charset=utf-8).
bool is_json_type(std::string_view type) {
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    constexpr std::string_view json_type = "application/json";
    return type.size() == json_type.size() &&
           std::equal(type.begin(), type.end(), json_type.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

} // namespace

void register_ops_routes(Api& api, Services&) {
    api.public_get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        reply(res, 200, json{{"status", "ok"}});
    });
    api.public_get("/metrics", [&api](const httplib::Request&, httplib::Response& res) {
        res.set_content(api.metrics().render(), "text/plain; version=0.0.4");
    });
}

void register_auth_routes(Api& api, Services& s, Limiters& limits) {
    api.public_post("/api/v1/auth/login", [&s, &limits](const httplib::Request& req, httplib::Response& res) {
        // A cross-site form can post text/plain or a form body, never application/json
        // (that needs a CORS preflight, which nothing here answers).
        if (!is_json_type(req.get_header_value("Content-Type")))
            return reply_error(res, make_error(ErrorCode::unsupported_media_type, "send the sign-in as application/json"));
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto username = r.string("username", 200);
        auto password = r.string("password", 1000);
        if (auto& e = r.error()) return reply_error(res, *e);
        auto account = username_key(username);
        auto address = client_key(req, nullptr, limits);
        if (auto wait = limits.logins.retry_after(account, address))
            return reply_rate_limited(res, *wait, "too many sign-in attempts");
        auto login = s.auth.login(username, password, client_address(req, limits.trusted_proxy));
        if (!login) {
            if (login.error().code == ErrorCode::unauthenticated) limits.logins.failed(account, address);
            return reply_error(res, login.error());
        }
        limits.logins.succeeded(account, address);
        // Browsers keep the session in an HttpOnly cookie; API clients use the token.
        auto max_age = s.ctx.settings.staff_session_idle.count();
        res.set_header("Set-Cookie", session_cookie(req, login->token, max_age));
        res.set_header("Cache-Control", "no-store");
        reply(res, 200, json{{"token", login->token},
                             {"role", role_name(login->role)},
                             {"staff_id", login->staff_id},
                             {"expires_at", login->expires_at},
                             {"csrf_token", login->csrf_token}});
    });

    api.get("/api/v1/auth/session", kStaff, [](const httplib::Request&, httplib::Response& res, const Principal& p) {
        json j{{"role", role_name(p.role)}, {"staff_id", p.staff_id.value_or(0)}};
        if (p.hub_id) j["hub_id"] = *p.hub_id;
        j["hub_ids"] = p.hub_ids;
        if (p.csrf) j["csrf_token"] = *p.csrf;
        res.set_header("Cache-Control", "no-store");
        reply(res, 200, j);
    });

    api.post("/api/v1/auth/logout", kAnyone, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        if (p.role == Role::kiosk)
            return reply_error(res, make_error(ErrorCode::forbidden, "a kiosk's token is revoked by an admin"));
        s.auth.logout(p);
        res.set_header("Set-Cookie", session_cookie(req, "", 0));
        reply(res, 200, json{{"status", "signed_out"}});
    });
}

} // namespace frontdoor::server::http

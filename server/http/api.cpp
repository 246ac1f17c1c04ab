#include "server/http/api.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "server/services/compress.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server::http {

int http_status(shared::ErrorCode code) {
    using shared::ErrorCode;
    switch (code) {
    case ErrorCode::invalid_json:
    case ErrorCode::invalid_field:
    case ErrorCode::missing_field: return 400;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found:
    case ErrorCode::no_appointment_found: return 404;
    case ErrorCode::slot_unavailable:
    case ErrorCode::ambiguous_match:
    case ErrorCode::conflict: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
    }
    return 500;
}

void reply(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void reply_error(httplib::Response& res, const shared::Error& e) {
    if (e.code == shared::ErrorCode::internal) {
        std::fprintf(stderr, "internal error: %s\n", e.message.c_str());
        reply(res, 500, shared::wire::error_body(shared::make_error(
                            shared::ErrorCode::internal, "something went wrong on the server")));
        return;
    }
    reply(res, http_status(e.code), shared::wire::error_body(e));
}

namespace {

constexpr std::size_t kCompressFrom = 1024;

void provide(httplib::Response& res, const std::string& type, std::shared_ptr<const std::string> body, bool gzipped) {
    res.headers.erase("Content-Type"); // set_content_provider sets it again
    res.body.clear();
    if (gzipped) res.set_header("Content-Encoding", "gzip");
    if (gzipped || body->size() >= kCompressFrom) res.set_header("Vary", "Accept-Encoding");
    auto size = body->size();
    res.set_content_provider(size, type, [body = std::move(body)](size_t offset, size_t length, httplib::DataSink& sink) {
        // httplib 0.11.4 passes a Range header's numbers through unchecked; the server
        // drops ranges before routing (server.cpp), and nothing past the body is ever read.
        if (offset > body->size() || length > body->size() - offset) return false;
        return sink.write(body->data() + offset, length);
    });
}

} // namespace

bool accepts_gzip(const httplib::Request& req) {
    auto header = req.get_header_value("Accept-Encoding");
    auto trim = [](std::string_view v) {
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
        return v;
    };
    std::string_view rest = header;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        auto semi = item.find(';');
        if (trim(item.substr(0, semi)) != "gzip") continue;
        if (semi == std::string_view::npos) return true;
        auto param = trim(item.substr(semi + 1)); // "q=0.5"; "q=0" refuses gzip
        if (param.substr(0, 2) != "q=") return true;
        return std::strtod(std::string(param.substr(2)).c_str(), nullptr) > 0;
    }
    return false;
}

void reply_prepared(const httplib::Request& req, httplib::Response& res, int status,
                    std::shared_ptr<const std::string> json_body, std::shared_ptr<const std::string> json_gzip) {
    res.status = status;
    bool gzipped = json_gzip && !json_gzip->empty() && json_body->size() >= kCompressFrom && accepts_gzip(req);
    provide(res, "application/json", gzipped ? std::move(json_gzip) : std::move(json_body), gzipped);
}

void send_body(const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) return; // nothing, or already a provider (prepared answers, event streams)
    auto type = res.get_header_value("Content-Type");
    if (res.body.size() >= kCompressFrom && accepts_gzip(req) && !res.has_header("Content-Encoding"))
        return provide(res, type, std::make_shared<const std::string>(server::gzip(res.body, 1)), true);
    provide(res, type, std::make_shared<const std::string>(std::move(res.body)), false);
}

shared::Result<json> body_object(const httplib::Request& req) { return shared::parse_json_object(req.body); }

Id path_id(const httplib::Request& req, size_t index) {
    if (req.matches.size() <= index) return 0;
    auto s = req.matches[index].str();
    if (s.empty() || s.size() > 15) return 0;
    return std::stoll(s);
}

shared::Result<Id> query_id(const httplib::Request& req, const std::string& name) {
    if (!req.has_param(name.c_str()))
        return shared::make_error(shared::ErrorCode::missing_field, "is required", name);
    auto v = req.get_param_value(name.c_str());
    if (v.empty() || v.size() > 15 || !std::all_of(v.begin(), v.end(), ::isdigit) || std::stoll(v) < 1)
        return shared::make_error(shared::ErrorCode::invalid_field, "must be a positive whole number", name);
    return std::stoll(v);
}

namespace {

std::string bearer_token(const httplib::Request& req) {
    auto h = req.get_header_value("Authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (h.size() > prefix.size() && h.compare(0, prefix.size(), prefix) == 0) return h.substr(prefix.size());
    return {};
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
    auto cookies = req.get_header_value("Cookie");
    size_t pos = 0;
    while (pos < cookies.size()) {
        auto end = cookies.find(';', pos);
        if (end == std::string::npos) end = cookies.size();
        auto part = std::string_view(cookies).substr(pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
            return std::string{part.substr(name.size() + 1)};
        pos = end + 1;
    }
    return {};
}

bool is_change(const std::string& method) { return method != "GET" && method != "HEAD"; }

} // namespace

std::optional<Principal> Api::authenticate(const httplib::Request& req, shared::Error& why) {
    using shared::ErrorCode;
    auto token = bearer_token(req);
    bool from_cookie = false;
    if (token.empty()) {
        token = cookie_value(req, kSessionCookie);
        from_cookie = !token.empty();
    }
    if (token.empty()) {
        why = shared::make_error(ErrorCode::unauthenticated, "sign in first");
        return std::nullopt;
    }
    // The staff page marks its automatic refreshes: they keep nobody signed in.
    auto p = auth_.resolve(token, req.get_header_value("X-Frontdoor-Background") != "1");
    if (!p) {
        why = shared::make_error(ErrorCode::unauthenticated, "the session has ended; sign in again");
        return std::nullopt;
    }
    // A browser sends the cookie by itself; a change must also prove it came from our page.
    if (from_cookie && is_change(req.method)) {
        auto sent = req.get_header_value("X-CSRF-Token");
        if (!p->csrf || sent.empty() || sent != *p->csrf) {
            why = shared::make_error(ErrorCode::forbidden, "the request is missing its CSRF token");
            return std::nullopt;
        }
    }
    return p;
}

httplib::Server::Handler Api::timed(const char* method, const std::string& pattern, PublicHandler h) {
    return [this, method, pattern, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
        auto start = std::chrono::steady_clock::now();
        try {
            h(req, res);
            send_body(req, res);
        } catch (const std::exception& e) {
            reply_error(res, shared::make_error(shared::ErrorCode::internal, e.what()));
        } catch (...) {
            reply_error(res, shared::make_error(shared::ErrorCode::internal, "unknown exception"));
        }
        std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        metrics_.record_request(method, pattern, res.status, took.count());
    };
}

void Api::add_public(Method m, const std::string& pattern, PublicHandler h) {
    switch (m) {
    case Method::get: server_.Get(pattern, timed("GET", pattern, std::move(h))); break;
    case Method::post: server_.Post(pattern, timed("POST", pattern, std::move(h))); break;
    case Method::put: server_.Put(pattern, timed("PUT", pattern, std::move(h))); break;
    case Method::del: server_.Delete(pattern, timed("DELETE", pattern, std::move(h))); break;
    }
}

void Api::add(Method m, const std::string& pattern, RoleSet roles, Handler h) {
    add_public(m, pattern, [this, roles = std::move(roles), h = std::move(h)](const httplib::Request& req,
                                                                            httplib::Response& res) {
        shared::Error why;
        auto p = authenticate(req, why);
        if (!p) return reply_error(res, why);
        if (std::find(roles.begin(), roles.end(), p->role) == roles.end())
            return reply_error(res, shared::make_error(shared::ErrorCode::forbidden,
                                                       "your role may not do this"));
        h(req, res, *p);
    });
}

void Api::get(const std::string& p, RoleSet r, Handler h) { add(Method::get, p, std::move(r), std::move(h)); }
void Api::post(const std::string& p, RoleSet r, Handler h) { add(Method::post, p, std::move(r), std::move(h)); }
void Api::put(const std::string& p, RoleSet r, Handler h) { add(Method::put, p, std::move(r), std::move(h)); }
void Api::del(const std::string& p, RoleSet r, Handler h) { add(Method::del, p, std::move(r), std::move(h)); }
void Api::public_get(const std::string& p, PublicHandler h) { add_public(Method::get, p, std::move(h)); }
void Api::public_post(const std::string& p, PublicHandler h) { add_public(Method::post, p, std::move(h)); }

} // namespace frontdoor::server::http

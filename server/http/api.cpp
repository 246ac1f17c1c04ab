#include "server/http/api.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <tuple>
#include <string_view>

#include "server/http/front_server.hpp"
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
    case ErrorCode::method_not_allowed: return 405;
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

std::string client_address(const httplib::Request& req, const std::string& trusted_proxy) {
    if (!trusted_proxy.empty() && req.remote_addr == trusted_proxy) {
        // nginx appends the address it saw ($proxy_add_x_forwarded_for): the last one is
        // the only one the proxy vouches for; a proxy that adds a header line of its own
        // puts it after the client's.
        auto lines = req.get_header_value_count("X-Forwarded-For");
        auto forwarded = lines ? req.get_header_value("X-Forwarded-For", lines - 1) : std::string{};
        auto last = std::string_view(forwarded);
        if (auto comma = last.rfind(','); comma != std::string_view::npos) last.remove_prefix(comma + 1);
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
        if (!last.empty() && last.size() <= 64) return std::string(last);
    }
    return req.remote_addr;
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
    p->address = client_address(req, trusted_proxy_);
    return p;
}

namespace {

constexpr std::size_t kMaxBody = 64 * 1024;

/// Reads the body through httplib's reader (which undoes chunks and gzip), keeping at
/// most kMaxBody decoded bytes. False when `res` holds the refusal (413, 415 or 400);
/// the connection then closes, since the rest of the body is left unread.
bool read_capped_body(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    std::string body;
    bool too_large = false;
    bool ok = reader([&](const char* data, size_t n) {
        if (body.size() + n > kMaxBody) {
            too_large = true;
            return false;
        }
        body.append(data, n);
        return true;
    });
    if (ok) {
        const_cast<httplib::Request&>(req).body = std::move(body); // httplib's own object
        FrontServer::body_read();
        return true;
    }
    FrontServer::close_after_response();
    res.set_header("Connection", "close");
    using shared::ErrorCode;
    if (too_large || res.status == 413 || FrontServer::body_overrun())
        reply(res, 413, shared::wire::error_body({ErrorCode::too_large, "the request body is over 64 KiB", ""}));
    else if (res.status == 415)
        reply(res, 415, shared::wire::error_body({ErrorCode::unsupported_media_type, "the body's Content-Encoding is not supported", ""}));
    else
        reply(res, 400, shared::wire::error_body({ErrorCode::invalid_json, "the request body could not be read", ""}));
    return false;
}

bool takes_body(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

/// Refuses before routing and closes the connection after the answer.
bool refuse(const httplib::Request& req, httplib::Response& res, int status, shared::ErrorCode code,
            const char* message) {
    FrontServer::close_after_response();
    res.set_header("Connection", "close");
    reply(res, status, shared::wire::error_body({code, message, ""}));
    send_body(req, res);
    return false;
}

} // namespace

bool Api::screen(const httplib::Request& req, httplib::Response& res) {
    using shared::ErrorCode;
    const auto& m = req.method;
    if (m != "GET" && m != "HEAD" && !takes_body(m) && m != "OPTIONS") {
        res.set_header("Allow", "GET, HEAD, POST, PUT, DELETE");
        return refuse(req, res, 405, ErrorCode::method_not_allowed, "this method is not served here");
    }
    auto lengths = req.get_header_value_count("Content-Length");
    bool chunked = req.has_header("Transfer-Encoding");
    if (chunked && (req.get_header_value_count("Transfer-Encoding") > 1 ||
                    req.get_header_value("Transfer-Encoding") != "chunked"))
        return refuse(req, res, 400, ErrorCode::invalid_json, "only chunked transfer encoding is understood");
    if (lengths > 1 || (lengths == 1 && chunked))
        return refuse(req, res, 400, ErrorCode::invalid_json, "the request's length is given more than once");
    bool declared = lengths == 1 && req.get_header_value("Content-Length") != "0";
    if ((chunked || declared) && !takes_body(m))
        return refuse(req, res, 400, ErrorCode::invalid_json, "this method takes no body");
    if (chunked && m == "DELETE")
        return refuse(req, res, 400, ErrorCode::invalid_json, "a DELETE body must give its length");
    // A chunked body is read by httplib's lenient parser: never trust what follows it.
    if (chunked) FrontServer::close_after_response();
    if (lengths == 1) {
        const auto& v = req.get_header_value("Content-Length");
        if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
            return refuse(req, res, 400, ErrorCode::invalid_json, "Content-Length is not a number");
        if (std::stoull(v) > kMaxBody) return refuse(req, res, 413, ErrorCode::too_large, "the request body is over 64 KiB");
    } else if (!chunked && takes_body(m)) {
        // httplib would read such a body until the client closes; HTTP says it is empty.
        const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
    }
    FrontServer::request_screened(chunked || declared);
    return true;
}

void Api::answer_unrouted(const httplib::Request& req, httplib::Response& res) {
    using shared::ErrorCode;
    std::string allow;
    for (const auto& [method, pattern] : routes_) {
        if (method == req.method || allow.find(method) != std::string::npos) continue;
        if (std::regex_match(req.path, pattern)) allow += (allow.empty() ? "" : ", ") + method;
    }
    if (allow.empty()) {
        reply(res, 404, shared::wire::error_body({ErrorCode::not_found, "there is nothing here", ""}));
        return;
    }
    res.set_header("Allow", allow);
    reply(res, 405, shared::wire::error_body({ErrorCode::method_not_allowed, "this method is not allowed here", ""}));
}

void Api::register_fallbacks() {
    auto unrouted_body = [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader&) {
        // The body is never read: the connection closes after the answer when there is one.
        if (req.has_header("Transfer-Encoding") || req.get_header_value("Content-Length") != "0") {
            FrontServer::close_after_response();
            res.set_header("Connection", "close");
        }
        answer_unrouted(req, res);
        send_body(req, res);
    };
    auto unrouted = [this](const httplib::Request& req, httplib::Response& res) {
        answer_unrouted(req, res);
        send_body(req, res);
    };
    const std::string any = ".*";
    server_.Get(any, unrouted);
    server_.Options(any, unrouted);
    server_.Post(any, httplib::Server::HandlerWithContentReader(unrouted_body));
    server_.Put(any, httplib::Server::HandlerWithContentReader(unrouted_body));
    server_.Patch(any, httplib::Server::HandlerWithContentReader(unrouted_body));
    server_.Delete(any, httplib::Server::HandlerWithContentReader(unrouted_body));
}

void Api::run(const char* method, const std::string& pattern, const PublicHandler& h, const httplib::Request& req,
              httplib::Response& res, const httplib::ContentReader* body) {
    auto start = std::chrono::steady_clock::now();
    try {
        if (!body || read_capped_body(req, res, *body)) h(req, res);
        send_body(req, res);
    } catch (const std::exception& e) {
        reply_error(res, shared::make_error(shared::ErrorCode::internal, e.what()));
    } catch (...) {
        reply_error(res, shared::make_error(shared::ErrorCode::internal, "unknown exception"));
    }
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    metrics_.record_request(method, pattern, res.status, took.count());
}

std::string openapi_path(const std::string& pattern) {
    static const std::pair<std::string_view, std::string_view> tokens[] = {
        {R"((\d+))", "{id}"},
        {"([A-Za-z0-9-]{1,20})", "{ref}"},
        {"([A-Za-z0-9]{1,128})", "{code}"},
        {R"(\.)", "."},
    };
    std::string out;
    std::string_view rest = pattern;
    while (!rest.empty()) {
        bool matched = false;
        for (const auto& [from, to] : tokens)
            if (rest.substr(0, from.size()) == from) {
                out += to;
                rest.remove_prefix(from.size());
                matched = true;
                break;
            }
        if (matched) continue;
        char c = rest.front();
        if (std::string_view("\\()[]{}*+?.^$|").find(c) != std::string_view::npos)
            throw std::invalid_argument("route pattern " + pattern + " has '" + std::string(rest) +
                                        "', which has no OpenAPI path template (api.cpp openapi_path)");
        out += c;
        rest.remove_prefix(1);
    }
    return out;
}

namespace {
constexpr const char* kMethodNames[] = {"GET", "POST", "PUT", "DELETE"};
}

json route_table_json(const std::vector<RouteInfo>& table) {
    std::vector<const RouteInfo*> documented;
    for (const auto& r : table)
        if (r.documented) documented.push_back(&r);
    std::stable_sort(documented.begin(), documented.end(), [](const RouteInfo* a, const RouteInfo* b) {
        return std::tie(a->path, a->method) < std::tie(b->path, b->method);
    });
    json out = json::array();
    for (const auto* r : documented) {
        json roles = json::array();
        for (auto role : r->roles) roles.push_back(std::string(role_name(role)));
        out.push_back({{"method", r->method}, {"path", r->path}, {"roles", std::move(roles)}, {"public", r->is_public}});
    }
    return out;
}

void Api::record(Method m, const std::string& pattern, RoleSet roles, bool is_public, bool documented) {
    RouteInfo r;
    r.method = kMethodNames[static_cast<int>(m)];
    r.pattern = pattern;
    r.path = documented ? openapi_path(pattern) : "";
    r.roles = std::move(roles);
    r.is_public = is_public;
    r.documented = documented;
    table_.push_back(std::move(r));
}

void Api::add_public(Method m, const std::string& pattern, PublicHandler h) {
    const char* method = kMethodNames[static_cast<int>(m)];
    routes_.emplace_back(method, std::regex(pattern));
    auto handler = std::make_shared<const PublicHandler>(std::move(h));
    auto plain = [this, method, pattern, handler](const httplib::Request& req, httplib::Response& res) {
        run(method, pattern, *handler, req, res, nullptr);
    };
    auto with_body = [this, method, pattern, handler](const httplib::Request& req, httplib::Response& res,
                                                      const httplib::ContentReader& reader) {
        run(method, pattern, *handler, req, res, &reader);
    };
    switch (m) {
    case Method::get: server_.Get(pattern, plain); break;
    case Method::post: server_.Post(pattern, httplib::Server::HandlerWithContentReader(with_body)); break;
    case Method::put: server_.Put(pattern, httplib::Server::HandlerWithContentReader(with_body)); break;
    case Method::del: server_.Delete(pattern, httplib::Server::HandlerWithContentReader(with_body)); break;
    }
}

void Api::add(Method m, const std::string& pattern, RoleSet roles, Handler h) {
    record(m, pattern, roles, false, true);
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
void Api::public_get(const std::string& p, PublicHandler h) {
    record(Method::get, p, {}, true, true);
    add_public(Method::get, p, std::move(h));
}
void Api::public_post(const std::string& p, PublicHandler h) {
    record(Method::post, p, {}, true, true);
    add_public(Method::post, p, std::move(h));
}
void Api::undocumented_get(const std::string& p, PublicHandler h) {
    record(Method::get, p, {}, true, false);
    add_public(Method::get, p, std::move(h));
}

} // namespace frontdoor::server::http

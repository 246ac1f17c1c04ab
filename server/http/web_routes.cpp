#include "server/http/web_routes.hpp"

#include <memory>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/http/static_files.hpp"
#include "shared/json_fields.hpp"
#include "shared/time.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server::web {
namespace {

using nlohmann::json;
using shared::Error;
using shared::ErrorCode;
using shared::make_error;

constexpr const char* kJson = "application/json";

void send_error(httplib::Response& res, const Error& e) {
    res.status = status_of(e.code);
    res.set_header("Cache-Control", "no-store");
    res.set_content(shared::wire::error_body(e).dump(), kJson);
}

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(body.dump(), kJson);
}

std::string utc_text(shared::Instant t) {
    static const auto* utc = shared::find_zone("UTC");
    return shared::format_instant(t, utc);
}

json session_body(const WebSession& s, const WebSessions& sessions) {
    json j = {{"staff_id", s.who.staff_id},
              {"role", s.who.role},
              {"name", s.who.name},
              {"csrf_token", s.csrf_token},
              {"expires_at", utc_text(s.expires_at)},
              {"idle_timeout_seconds", sessions.options().idle_timeout.count()}};
    j["hub_id"] = s.who.hub_id ? json(*s.who.hub_id) : json(nullptr);
    return j;
}

/// Ends the stream's admission when the last copy of its provider goes away.
struct StreamTicket {
    explicit StreamTicket(EventBus& bus) : bus_(bus) {}
    ~StreamTicket() { bus_.leave_stream(); }
    StreamTicket(const StreamTicket&) = delete;
    StreamTicket& operator=(const StreamTicket&) = delete;
    EventBus& bus_;
};

struct StreamState {
    std::uint64_t cursor = 0;
    bool started = false;
    std::optional<std::string> cookie_token; // re-checked while the stream is open
    std::chrono::steady_clock::time_point last_write;
    std::chrono::steady_clock::time_point last_session_check;
    std::shared_ptr<StreamTicket> ticket;
};

// [SECTION] sign in, who am I, sign out

void register_session_routes(httplib::Server& svr, const WebRoutes& r) {
    WebSessions& sessions = r.sessions;
    CheckPassword check = r.check_password;

    svr.Post("/api/v1/auth/web-session", [&sessions, check](const httplib::Request& req,
                                                            httplib::Response& res) {
        // A JSON content type cannot be sent cross-site without a CORS preflight, which
        // this server never grants: no other site can sign a browser in.
        if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
            return send_error(res, make_error(ErrorCode::invalid_json,
                                              "send the sign-in as application/json"));
        auto body = shared::parse_json_object(req.body);
        if (!body) return send_error(res, body.error());
        shared::FieldReader f(*body);
        auto username = f.string("username", 200);
        auto password = f.string("password", 1000);
        if (auto& e = f.error()) return send_error(res, *e);
        if (!check) return send_error(res, make_error(ErrorCode::internal, "sign-in is not set up"));
        auto who = check(username, password, req.remote_addr);
        if (!who) return send_error(res, who.error());
        if (who->role == "kiosk")
            return send_error(res, make_error(ErrorCode::forbidden, "a kiosk cannot sign in here"));
        if (auto old = sessions.token_of(req)) sessions.end(*old);
        auto started = sessions.start(*who);
        auto session = sessions.find(started.token, false);
        res.set_header("Set-Cookie", sessions.set_cookie_value(started.token));
        send_json(res, 200, session_body(*session, sessions));
    });

    svr.Get("/api/v1/auth/web-session", [&sessions](const httplib::Request& req,
                                                    httplib::Response& res) {
        auto auth = sessions.authenticate(req);
        if (!auth) return send_error(res, make_error(ErrorCode::unauthenticated, "not signed in"));
        if (!*auth) return send_error(res, auth->error());
        auto session = sessions.find(*sessions.token_of(req), false);
        if (!session) return send_error(res, make_error(ErrorCode::unauthenticated, "not signed in"));
        send_json(res, 200, session_body(*session, sessions));
    });

    svr.Delete("/api/v1/auth/web-session", [&sessions](const httplib::Request& req,
                                                       httplib::Response& res) {
        auto auth = sessions.authenticate(req);
        if (!auth) return send_error(res, make_error(ErrorCode::unauthenticated, "not signed in"));
        if (!*auth) return send_error(res, auth->error());
        sessions.end(*sessions.token_of(req));
        res.set_header("Set-Cookie", sessions.clear_cookie_value());
        send_json(res, 200, json{{"status", "signed_out"}});
    });
}

// [SECTION] event stream

void register_event_route(httplib::Server& svr, const WebRoutes& r) {
    WebSessions& sessions = r.sessions;
    EventBus& events = r.events;
    BearerResolver bearer = r.bearer;
    const auto max_streams = r.max_event_streams;
    const auto heartbeat = r.heartbeat;

    svr.Get(R"(/api/v1/hubs/(\d+)/events)", [&sessions, &events, bearer, max_streams, heartbeat](
                                               const httplib::Request& req, httplib::Response& res) {
        std::int64_t hub_id = 0;
        try {
            hub_id = std::stoll(req.matches[1].str());
        } catch (...) {
            return send_error(res, make_error(ErrorCode::not_found, "no such hub"));
        }
        std::optional<shared::Result<StaffIdentity>> auth;
        bool by_cookie = false;
        if (bearer && req.has_header("Authorization")) auth = bearer(req);
        if (!auth) {
            auth = sessions.authenticate(req);
            by_cookie = auth.has_value();
        }
        if (!auth) return send_error(res, make_error(ErrorCode::unauthenticated, "not signed in"));
        if (!*auth) return send_error(res, auth->error());
        const auto& who = auth->value();
        if (who.role == "kiosk")
            return send_error(res, make_error(ErrorCode::forbidden, "a kiosk cannot follow the day"));
        if (!may_see_hub(who, hub_id))
            return send_error(res, make_error(ErrorCode::forbidden, "not a hub of yours"));
        if (!events.try_enter_stream(max_streams)) {
            res.set_header("Retry-After", "30");
            return send_error(res, make_error(ErrorCode::unavailable,
                                              "too many live pages; this one will poll instead"));
        }

        auto st = std::make_shared<StreamState>();
        st->ticket = std::make_shared<StreamTicket>(events);
        st->cursor = events.last_id();
        if (auto last = req.get_header_value("Last-Event-ID"); !last.empty()) {
            try {
                auto id = std::stoull(last);
                if (id <= st->cursor) st->cursor = id;
            } catch (...) {
            }
        }
        if (by_cookie) st->cookie_token = sessions.token_of(req);

        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Accel-Buffering", "no");
        res.set_chunked_content_provider(
            "text/event-stream",
            [st, hub_id, heartbeat, &events, &sessions](size_t, httplib::DataSink& sink) {
                using namespace std::chrono;
                auto now = steady_clock::now();
                auto write = [&](const std::string& text) {
                    st->last_write = now;
                    return sink.write(text.data(), text.size());
                };
                if (!st->started) {
                    st->started = true;
                    st->last_session_check = now;
                    return write("retry: 2000\n\n" + sse_message("hello", "{}"));
                }
                auto batch = events.wait(hub_id, st->cursor, milliseconds{1000});
                now = steady_clock::now();
                if (batch.closed) {
                    sink.done();
                    return true;
                }
                std::string out;
                if (batch.resync) out += sse_message("resync", "{}", st->cursor);
                for (const auto& f : batch.frames) out += sse_message("booking", f.data, f.id);
                if (st->cookie_token && now - st->last_session_check >= seconds{5}) {
                    st->last_session_check = now;
                    if (!sessions.find(*st->cookie_token, /*touch=*/false)) {
                        out += sse_message("signed_out", "{}");
                        write(out);
                        sink.done();
                        return true;
                    }
                }
                if (out.empty() && now - st->last_write >= heartbeat) out = ": keep-alive\n\n";
                if (!out.empty()) return write(out);
                return true;
            });
    });
}

// [SECTION] the page's files

void register_static_routes(httplib::Server& svr, const WebRoutes& r) {
    auto files = std::make_shared<StaticFiles>(r.web_root);
    svr.Get(kStaticRoutePattern, [files](const httplib::Request& req, httplib::Response& res) {
        files->serve(req.path, res);
    });
}

} // namespace

int status_of(ErrorCode code) {
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
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
    }
    return 500;
}

bool may_see_hub(const StaffIdentity& who, std::int64_t hub_id) {
    if (who.role == "admin") return true;
    return !who.hub_id || *who.hub_id == hub_id;
}

void register_web_routes(httplib::Server& svr, const WebRoutes& routes) {
    register_session_routes(svr, routes);
    register_event_route(svr, routes);
    register_static_routes(svr, routes);
}

} // namespace frontdoor::server::web

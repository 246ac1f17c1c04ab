#include "server/http/web_routes.hpp"

#include <memory>

#include "server/http/front_server.hpp"
#include "server/http/static_files.hpp"
#include "server/http/worker_pool.hpp"

namespace frontdoor::server::http {
namespace {

using shared::make_error;

/// The token a request authenticated with (bearer first, then the session cookie).
std::string request_token(const httplib::Request& req) {
    auto h = req.get_header_value("Authorization");
    constexpr std::string_view bearer = "Bearer ";
    if (h.size() > bearer.size() && h.compare(0, bearer.size(), bearer) == 0)
        return h.substr(bearer.size());
    const std::string header = req.get_header_value("Cookie"); // by value: keep it alive
    std::string_view cookies = header;
    const std::string name = std::string(kSessionCookie) + "=";
    while (!cookies.empty()) {
        auto end = cookies.find(';');
        auto part = cookies.substr(0, end);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.substr(0, name.size()) == name) return std::string(part.substr(name.size()));
        cookies = end == std::string_view::npos ? std::string_view{} : cookies.substr(end + 1);
    }
    return {};
}

/// Ends the stream's admission when the last copy of its provider goes away.
struct StreamTicket {
    StreamTicket(EventBus& bus, std::string key) : bus_(bus), key_(std::move(key)) {}
    ~StreamTicket() { bus_.leave_stream(key_); }
    StreamTicket(const StreamTicket&) = delete;
    StreamTicket& operator=(const StreamTicket&) = delete;
    EventBus& bus_;
    std::string key_;
};

/// One open stream's state, owned by its content provider (one request thread).
struct StreamState {
    std::uint64_t cursor = 0;
    bool started = false;
    std::string token;
    std::chrono::steady_clock::time_point last_write;
    std::chrono::steady_clock::time_point last_session_check;
    std::unique_ptr<StreamTicket> ticket;
};

// [SECTION] event stream

void register_event_route(Api& api, AuthService& auth, EventBus& events, const WebOptions& o) {
    const auto max_streams = o.max_event_streams;
    const auto per_session = o.max_event_streams_per_session;
    const auto heartbeat = o.heartbeat;
    const auto recheck = o.session_recheck;

    api.get(R"(/api/v1/hubs/(\d+)/events)", kStaff, [&auth, &events, max_streams, per_session, heartbeat, recheck](
                                                      const httplib::Request& req, httplib::Response& res,
                                                      const Principal& p) {
        const Id hub_id = path_id(req);
        if (!may_see_hub(p, hub_id))
            return reply_error(res, make_error(ErrorCode::forbidden, "this is not your hub"));
        if (!events.try_enter_stream(p.token_hash, max_streams, per_session)) {
            res.set_header("Retry-After", "30");
            return reply_error(res, make_error(ErrorCode::unavailable,
                                               "too many live pages are open; this one will poll"));
        }
        auto st = std::make_shared<StreamState>();
        st->ticket = std::make_unique<StreamTicket>(events, p.token_hash);
        // The stream keeps this thread until it ends; the pool starts another for the rest.
        if (!WorkerPool::hold_thread()) {
            st.reset(); // gives the admission back
            res.set_header("Retry-After", "30");
            return reply_error(res, make_error(ErrorCode::unavailable,
                                               "too many live pages are open; this one will poll"));
        }
        st->cursor = events.last_id();
        // A reconnecting EventSource says what it saw last; replay from there if we can.
        if (auto last = req.get_header_value("Last-Event-ID"); !last.empty() && last.size() < 20 &&
                                                              last.find_first_not_of("0123456789") ==
                                                                  std::string::npos) {
            auto id = std::stoull(last);
            if (id <= st->cursor) st->cursor = id;
        }
        st->token = request_token(req);

        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Accel-Buffering", "no"); // a proxy in front must not buffer it
        res.set_chunked_content_provider(
            "text/event-stream",
            [st, hub_id, heartbeat, recheck, &events, &auth](size_t, httplib::DataSink& sink) {
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
                // Short waits: httplib checks for a server stop between two calls, and a
                // page that has gone gives its place back within a second.
                auto batch = events.wait(hub_id, st->cursor, milliseconds{1000});
                if (FrontServer::client_gone()) return false;
                now = steady_clock::now();
                if (batch.closed) {
                    sink.done();
                    return true;
                }
                std::string out;
                if (batch.resync) out += sse_message("resync", "{}", st->cursor);
                for (const auto& f : batch.frames) out += sse_message("booking", f.data, f.id);
                if (now - st->last_session_check >= recheck) {
                    st->last_session_check = now;
                    if (!auth.resolve(st->token, /*extend=*/false)) {
                        write(out + sse_message("signed_out", "{}"));
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

void register_static_routes(Api& api, const WebOptions& o) {
    auto files = std::make_shared<StaticFiles>(o.web_root);
    // Through Api for the timing and the final catch; no authentication: the page's
    // files hold no data, and the sign-in form is one of them.
    api.undocumented_get(kStaticRoutePattern, [files](const httplib::Request& req, httplib::Response& res) {
        files->serve(req.path, res);
    });
}

} // namespace

bool may_see_hub(const Principal& p, Id hub_id) { return acts_at(p, hub_id); }

void register_web_routes(Api& api, AuthService& auth, EventBus& events, const WebOptions& options) {
    register_event_route(api, auth, events, options);
    if (!options.web_root.empty()) register_static_routes(api, options);
}

} // namespace frontdoor::server::http

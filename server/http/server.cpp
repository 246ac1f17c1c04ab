#include "server/http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <sys/socket.h>

#include <httplib.h>

#include "server/http/api.hpp"
#include "server/http/routes.hpp"
#include "server/http/web_routes.hpp"
#include "server/services/services.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server {

struct HttpServer::Impl {
    explicit Impl(ServerOptions o)
        : options(std::move(o)),
          clock(options.clock ? options.clock : std::make_shared<shared::SystemClock>()),
          db(options.db_path),
          services(ServiceContext{db, *clock, options.settings,
                                  [this](const BookingEvent& e) { events.publish(e); }}),
          limits(options, *clock),
          server(connection_limits(options)),
          api(server, services.auth, metrics, options.trusted_proxy) {}

    static http::ConnectionLimits connection_limits(const ServerOptions& o) {
        auto l = o.connections;
        l.worker_threads = static_cast<std::size_t>(std::max(1, o.threads));
        l.exempt_address = o.trusted_proxy;
        l.max_held_threads = o.max_event_streams;
        return l;
    }

    ServerOptions options;
    std::shared_ptr<const shared::Clock> clock;
    storage::Database db;
    http::EventBus events; // the staff page's live feed, fed by services' publish()
    Services services;
    http::Metrics metrics;
    http::Limiters limits;
    http::FrontServer server;
    http::Api api;
    std::thread thread;
    std::atomic<bool> listener_ended{false};
    int listen_fd = -1;

    std::thread sweeper;
    std::mutex sweep_mutex;
    std::condition_variable sweep_cv;
    bool stopping = false;

    void configure();
    void sweep_loop();
};

void HttpServer::Impl::configure() {
    using namespace http;
    // The three httplib defaults that cost most (STYLE.md): Nagle, backlog, pool size.
    server.set_tcp_nodelay(true);
    server.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        listen_fd = sock;
    });
    // Threads, keep-alive, timeouts and the size of what is read: FrontServer's.

    // Every answer is whole. httplib 0.11.4 applies a Range header to any answer (a 200
    // with part of a JSON body) and, for a content provider, trusts the range's numbers
    // and reads past the body's end. Ignoring Range is always allowed (RFC 9110 14.2):
    // the parsed ranges are dropped before routing. (The request is httplib's own
    // non-const object, handed to handlers as const.)
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        const_cast<httplib::Request&>(req).ranges.clear();
        return api.screen(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                    : httplib::Server::HandlerResponse::Handled;
    });
    // Every answer: no sniffing; JSON (personal data) is never stored by a cache; an
    // answer that closes its connection promises no keep-alive.
    server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
        res.set_header("X-Content-Type-Options", "nosniff");
        if (!res.has_header("Cache-Control") && res.get_header_value("Content-Type").rfind("application/json", 0) == 0)
            res.set_header("Cache-Control", "no-store");
        if (res.get_header_value("Connection") == "close") res.headers.erase("Keep-Alive");
    });

    // Every error is JSON in the contract's shape, the library's own included.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // Our own answers (a body, or a prepared one sent by a provider) carry a type.
        if (!res.body.empty() || res.has_header("Content-Type")) return;
        using shared::ErrorCode;
        switch (res.status) {
        case 400: reply(res, 400, shared::wire::error_body({ErrorCode::invalid_json, "the request could not be read", ""})); break;
        case 404: reply(res, 404, shared::wire::error_body({ErrorCode::not_found, "there is nothing here", ""})); break;
        case 405: reply(res, 405, shared::wire::error_body({ErrorCode::method_not_allowed, "this method is not allowed here", ""})); break;
        case 413: reply(res, 413, shared::wire::error_body({ErrorCode::too_large, "the request body is over 64 KiB", ""})); break;
        case 414: reply(res, 414, shared::wire::error_body({ErrorCode::too_large, "the address is too long", ""})); break;
        default: {
            int status = res.status;
            reply(res, status, shared::wire::error_body({status >= 500 ? ErrorCode::internal : ErrorCode::invalid_field,
                                                         "the request could not be handled", ""}));
        }
        }
    });
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        reply(res, 500, shared::wire::error_body({shared::ErrorCode::internal, "something went wrong on the server", ""}));
    });
    if (options.log_requests)
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
        });

    metrics.open_connections = [this] { return server.open_connections(); };
    metrics.open_streams = [this] { return events.open_streams(); };
    register_ops_routes(api, services);
    register_openapi_routes(api);
    register_auth_routes(api, services, limits);
    register_setup_routes(api, services);
    register_booking_routes(api, services, metrics, limits);
    register_arrival_routes(api, services, metrics, limits);
    register_day_routes(api, services);
    register_diary_routes(api, services);
    register_series_routes(api, services);
    register_translation_routes(api, services);
    register_audit_routes(api, services);
    // Last: the page's files take every GET path the API left.
    WebOptions web;
    web.web_root = options.web_root;
    web.max_event_streams = options.max_event_streams;
    web.max_event_streams_per_session = options.max_event_streams_per_session;
    register_web_routes(api, services.auth, events, web);
    // Then what no route took: 405 where the path has other methods, else 404.
    api.register_fallbacks();
}

void HttpServer::Impl::sweep_loop() {
    std::unique_lock lock(sweep_mutex);
    while (!stopping) {
        sweep_cv.wait_for(lock, options.sweep_every, [this] { return stopping; });
        if (stopping) break;
        lock.unlock();
        services.expire_offers();
        lock.lock();
    }
}

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    impl_->configure();
}

HttpServer::~HttpServer() { stop(); }

const std::vector<http::RouteInfo>& HttpServer::route_table() const { return impl_->api.route_table(); }
Services& HttpServer::services() { return impl_->services; }
storage::Database& HttpServer::database() { return impl_->db; }

int HttpServer::start() {
    auto& s = *impl_;
    port_ = s.options.port == 0 ? s.server.bind_to_any_port(s.options.bind)
                                : (s.server.bind_to_port(s.options.bind, s.options.port) ? s.options.port : -1);
    if (port_ <= 0) throw std::runtime_error("cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port));
    // httplib listens with a backlog of 5; a burst of clients would be dropped.
    if (s.listen_fd >= 0) ::listen(s.listen_fd, 4096);
    s.server.start_front();
    s.thread = std::thread([&s] {
        s.server.listen_after_bind();
        s.listener_ended = true;
    });
    while (!s.server.is_running() && !s.listener_ended) std::this_thread::yield();
    if (s.listener_ended) {
        s.thread.join();
        throw std::runtime_error("the server stopped as it started");
    }
    s.sweeper = std::thread([&s] { s.sweep_loop(); });
    return port_;
}

void HttpServer::stop() {
    auto& s = *impl_;
    {
        std::lock_guard lock(s.sweep_mutex);
        s.stopping = true;
    }
    s.sweep_cv.notify_all();
    if (s.sweeper.joinable()) s.sweeper.join();
    if (s.thread.joinable()) {
        s.events.shutdown(); // open event streams end now, not at their next heartbeat
        s.server.stop_front(); // idle connections close; requests in flight finish
        s.server.stop();
        s.thread.join();
    }
}

} // namespace frontdoor::server

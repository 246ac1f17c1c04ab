#include "server/http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdio>
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
          api(server, services.auth, metrics) {}

    ServerOptions options;
    std::shared_ptr<const shared::Clock> clock;
    storage::Database db;
    http::EventBus events; // the staff page's live feed, fed by services' publish()
    Services services;
    http::Metrics metrics;
    http::Limiters limits;
    httplib::Server server;
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
    int threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    server.set_keep_alive_max_count(1000);
    server.set_keep_alive_timeout(5);
    server.set_read_timeout(10, 0);
    server.set_write_timeout(10, 0);
    server.set_payload_max_length(64 * 1024);

    // Every answer is whole. httplib 0.11.4 applies a Range header to any answer (a 200
    // with part of a JSON body) and, for a content provider, trusts the range's numbers
    // and reads past the body's end. Ignoring Range is always allowed (RFC 9110 14.2):
    // the parsed ranges are dropped before routing. (The request is httplib's own
    // non-const object, handed to handlers as const.)
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
        const_cast<httplib::Request&>(req).ranges.clear();
        return httplib::Server::HandlerResponse::Unhandled;
    });

    // Every error is JSON in the contract's shape, the library's own included.
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        // Our own answers (a body, or a prepared one sent by a provider) carry a type.
        if (!res.body.empty() || res.has_header("Content-Type")) return;
        using shared::ErrorCode;
        switch (res.status) {
        case 400: reply(res, 400, shared::wire::error_body({ErrorCode::invalid_json, "the request could not be read", ""})); break;
        case 404: reply(res, 404, shared::wire::error_body({ErrorCode::not_found, "there is nothing here", ""})); break;
        case 405: reply(res, 405, shared::wire::error_body({ErrorCode::not_found, "this method is not allowed here", ""})); break;
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

    register_ops_routes(api, services);
    register_auth_routes(api, services, limits);
    register_setup_routes(api, services);
    register_booking_routes(api, services, metrics, limits);
    register_arrival_routes(api, services, metrics, limits);
    register_day_routes(api, services);
    register_diary_routes(api, services);
    // Last: the page's files take every GET path the API left.
    register_web_routes(api, services.auth, events, {options.web_root});
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

Services& HttpServer::services() { return impl_->services; }
storage::Database& HttpServer::database() { return impl_->db; }

int HttpServer::start() {
    auto& s = *impl_;
    port_ = s.options.port == 0 ? s.server.bind_to_any_port(s.options.bind)
                                : (s.server.bind_to_port(s.options.bind, s.options.port) ? s.options.port : -1);
    if (port_ <= 0) throw std::runtime_error("cannot listen on " + s.options.bind + ":" + std::to_string(s.options.port));
    // httplib listens with a backlog of 5; a burst of clients would be dropped.
    if (s.listen_fd >= 0) ::listen(s.listen_fd, 4096);
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
        s.server.stop();
        s.thread.join();
    }
}

} // namespace frontdoor::server

#pragma once
// FrontServer: cpp-httplib's server with connection handling of our own, so that no
// client can hold the server by being slow, idle or large.
//
// httplib 0.11.4 gives each connection a pool thread for its whole life: the thread
// waits (up to the keep-alive timeout) for the next request, reads a request head a
// byte at a time with a timeout that each byte restarts, and reads chunked or
// compressed bodies whole. Here instead:
//  - one "parker" thread (epoll) holds every connection between requests and reads each
//    request head without blocking; a worker is given a connection only once its whole
//    head has arrived. Idle keep-alive sockets cost no thread.
//  - a head must arrive within `head_timeout` of its first byte (408, then closed), be
//    at most `max_head_bytes` and `max_header_lines` lines (431, then closed).
//  - a body must arrive within `body_timeout` of its head, and no request reads more
//    than `max_body_wire` bytes of body from the network, chunked or not; the Api's
//    routes cap the decoded body (see api.hpp).
//  - open connections are capped in all and per client address (503, then closed); the
//    trusted proxy's address is capped only in all.
//
// Thread-safety: start/stop are the owner's (HttpServer); everything else is internal.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <httplib.h>

namespace frontdoor::server::http {

struct ConnectionLimits {
    std::size_t max_connections = 512;
    std::size_t max_per_address = 64;
    std::string exempt_address; // the trusted proxy: capped only in all
    std::chrono::milliseconds idle_timeout{5000}; // between two requests of a connection
    std::chrono::milliseconds head_timeout{5000}; // first byte of a head to its blank line
    std::chrono::milliseconds body_timeout{5000};
    std::chrono::milliseconds write_timeout{10000};
    std::size_t max_head_bytes = 32 * 1024;
    std::size_t max_header_lines = 100;
    std::size_t max_body_wire = 64 * 1024 + 16 * 1024; // chunk framing on top of 64 KiB
    std::size_t max_requests_per_connection = 1000;
    std::size_t worker_threads = 64;
    std::size_t max_held_threads = 256; // long requests (event streams) beyond the workers
};

class FrontServer : public httplib::Server {
  public:
    explicit FrontServer(ConnectionLimits limits);
    ~FrontServer() override;

    /// Starts the parker; call before listen_after_bind().
    void start_front();
    /// Closes every parked connection and stops the parker; requests in flight finish
    /// and their connections close. Call before httplib's stop().
    void stop_front();

    /// From a request handler: close this connection once the answer is sent (a body
    /// was refused unread).
    static void close_after_response();
    /// From a request handler: whether the client of this request has gone away (for
    /// long answers such as event streams). False outside a FrontServer request.
    static bool client_gone();
    /// From a request handler: whether reading this request's body stopped at the cap
    /// on the bytes read from the network (an oversized chunked body).
    static bool body_overrun();
    /// From the pre-routing check: this request passed it, with or without a body to
    /// read. A request answered without it, or whose body was left unread (see
    /// body_read), closes its connection after the answer.
    static void request_screened(bool has_body);
    static void body_read();

    std::size_t open_connections() const;

  private:
    bool process_and_close_socket(socket_t sock) override;

    struct Impl;
    std::unique_ptr<Impl> impl_;
    friend struct Impl;
};

} // namespace frontdoor::server::http

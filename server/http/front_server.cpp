#include "server/http/front_server.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/http/worker_pool.hpp"

namespace frontdoor::server::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::chrono::milliseconds kLinger{2000};
constexpr std::size_t kLingerDiscard = 1024 * 1024;
constexpr std::chrono::milliseconds kSweepEvery{100};
/// How long a worker waits for the next request of a connection it has just answered,
/// when no other connection waits for a worker, before it hands the connection to the
/// parker. Most clients send their next request at once; the hop costs more.
constexpr std::chrono::milliseconds kStayFor{2};

/// One client connection. Owned by the parker while it waits for a request head, by
/// one worker while a request is served; never by both.
struct Conn {
    int fd = -1;
    std::string address;
    int port = 0;
    std::string buf;          // received bytes not yet consumed, from buf[pos]
    std::size_t pos = 0;
    std::size_t head_end = 0; // end of the current request's head in buf
    std::size_t served = 0;   // requests answered on this connection
    Clock::time_point idle_since = Clock::now();
    std::optional<Clock::time_point> head_started; // first byte of the next head
    bool close_requested = false;
    bool body_overrun = false;
    bool screened = false;     // the request passed Api::screen (pre-routing)
    bool body_pending = false; // it has a body that was not (yet) read whole
    bool lingering = false; // answered and half-closed; discarding what still comes
    Clock::time_point linger_until;
    std::size_t discarded = 0;
};
using ConnPtr = std::shared_ptr<Conn>;

thread_local Conn* current_conn = nullptr;

enum class Head { incomplete, complete, too_large };

/// Finds the end of the request head at the start of buf[pos..] (its blank line).
Head scan_head(Conn& c, const ConnectionLimits& limits) {
    std::string_view rest(c.buf);
    rest.remove_prefix(c.pos);
    auto end = rest.find("\r\n\r\n");
    auto head = end == std::string_view::npos ? rest : rest.substr(0, end + 4);
    std::size_t lines = 0;
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] != '\n') continue;
        ++lines;
        // httplib and we must agree where a head ends: lines end in CRLF only.
        if (i == 0 || head[i - 1] != '\r') return Head::too_large;
    }
    if (head.size() > limits.max_head_bytes || lines > limits.max_header_lines + 2) return Head::too_large;
    if (end == std::string_view::npos) return Head::incomplete;
    c.head_end = c.pos + end + 4;
    return Head::complete;
}

/// Waits until fd is ready for `events` or the deadline passes.
bool wait_for(int fd, short events, Clock::time_point deadline) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left < 0) left = 0;
        pollfd p{fd, events, 0};
        int r = ::poll(&p, 1, static_cast<int>(left));
        if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
        if (r == 0) return false;
        if (errno != EINTR) return false;
    }
}

/// A short answer written without blocking by the parker or the acceptor.
void send_now(int fd, int status, const char* reason, const char* code, const char* message) {
    std::string body = std::string(R"({"error":{"code":")") + code + R"(","message":")" + message + "\"}}";
    std::string text = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                       "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                       "\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n";
    if (status == 503) text += "Retry-After: 5\r\n";
    text += "\r\n" + body;
    [[maybe_unused]] auto n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

/// The text of an IPv4 or IPv6 address, and its port.
std::string address_of(const sockaddr_storage& addr, int& port) {
    char host[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &a->sin_addr, host, sizeof(host));
        port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
        ::inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof(host));
        port = ntohs(a->sin6_port);
    }
    return host;
}

/// The events poll(2) saw on fd within `timeout`, 0 when none.
short poll_once(int fd, short events, std::chrono::milliseconds timeout) {
    pollfd p{fd, events, 0};
    for (;;) {
        int r = ::poll(&p, 1, static_cast<int>(timeout.count()));
        if (r > 0) return p.revents;
        if (r == 0 || errno != EINTR) return 0;
    }
}

/// httplib's Stream over a Conn: the head comes from what the parker buffered; the body
/// from the network with a deadline and a cap on the bytes read.
class FrontStream final : public httplib::Stream {
  public:
    FrontStream(Conn& c, const ConnectionLimits& limits)
        : c_(c), limits_(limits), body_deadline_(Clock::now() + limits.body_timeout),
          head_left_(c.head_end > c.pos ? c.head_end - c.pos : 0) {}

    bool is_readable() const override {
        return c_.pos < c_.buf.size() || wait_for(c_.fd, POLLIN, body_deadline_);
    }
    bool is_writable() const override {
        auto ev = poll_once(c_.fd, POLLOUT, limits_.write_timeout);
        return (ev & POLLOUT) && !(ev & (POLLHUP | POLLERR));
    }

    ssize_t read(char* ptr, size_t size) override {
        if (c_.pos >= c_.buf.size() && !fill()) return -1;
        auto n = std::min(size, c_.buf.size() - c_.pos);
        std::memcpy(ptr, c_.buf.data() + c_.pos, n);
        c_.pos += n;
        auto head_part = std::min(n, head_left_);
        head_left_ -= head_part;
        body_read_ += n - head_part;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        auto deadline = Clock::now() + limits_.write_timeout;
        for (;;) {
            auto n = ::send(c_.fd, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n >= 0) return n;
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
            if (!wait_for(c_.fd, POLLOUT, deadline)) return -1;
        }
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.address;
        port = c_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage addr{};
        socklen_t len = sizeof(addr);
        ip.clear();
        port = 0;
        if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = address_of(addr, port);
    }
    socket_t socket() const override { return c_.fd; }

  private:
    /// Reads more from the network (only ever body: the parker read the whole head);
    /// false past the body's deadline or its cap on the wire, or when the client left.
    bool fill() {
        c_.buf.clear();
        c_.pos = 0;
        c_.head_end = 0;
        if (body_read_ >= limits_.max_body_wire) {
            c_.body_overrun = true;
            return false;
        }
        char tmp[kReadChunk];
        auto want = std::min(sizeof(tmp), limits_.max_body_wire - body_read_);
        for (;;) {
            auto n = ::recv(c_.fd, tmp, want, MSG_DONTWAIT);
            if (n > 0) {
                c_.buf.assign(tmp, static_cast<size_t>(n));
                return true;
            }
            if (n == 0) return false;
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
            if (!wait_for(c_.fd, POLLIN, body_deadline_)) return false;
        }
    }

    Conn& c_;
    const ConnectionLimits& limits_;
    Clock::time_point body_deadline_;
    std::size_t head_left_;     // bytes of the head still to be read from the buffer
    std::size_t body_read_ = 0; // body bytes read so far
};

std::string peer_address(int fd, int& port) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    port = 0;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
    return address_of(addr, port);
}

} // namespace

struct FrontServer::Impl {
    explicit Impl(FrontServer& s, ConnectionLimits l) : server(s), limits(std::move(l)) {}

    FrontServer& server;
    ConnectionLimits limits;
    std::atomic<WorkerPool*> pool{nullptr};

    // Admission: open connections in all and per address.
    mutable std::mutex count_mutex;
    std::size_t open = 0;
    std::unordered_map<std::string, std::size_t> per_address;

    // The parker.
    int epfd = -1;
    int wake_fd = -1;
    std::thread parker;
    std::mutex inbox_mutex;
    std::deque<ConnPtr> inbox; // connections handed to the parker by other threads
    bool stopping = false;     // under inbox_mutex
    std::unordered_map<int, ConnPtr> parked; // parker thread only

    bool admit(const std::string& address);
    void release(Conn& c);
    void close(const ConnPtr& c);
    void park(ConnPtr c); // any thread
    void wake();
    void parker_loop();
    void take_inbox();
    void on_readable(const ConnPtr& c);
    void sweep(Clock::time_point now);
    void unpark(const ConnPtr& c);
    void dispatch(ConnPtr c);
    void serve(ConnPtr c);
    void linger(const ConnPtr& c);
    void read_next_soon(Conn& c);
};

void FrontServer::Impl::read_next_soon(Conn& c) {
    auto* p = pool.load();
    if (!p || p->busy()) return;
    if (!(poll_once(c.fd, POLLIN, kStayFor) & POLLIN)) return;
    char tmp[kReadChunk];
    auto n = ::recv(c.fd, tmp, sizeof(tmp), MSG_DONTWAIT);
    if (n > 0) {
        c.buf.append(tmp, static_cast<size_t>(n));
        c.head_started = Clock::now();
    }
    // A close or an error is the parker's to see.
}

bool FrontServer::Impl::admit(const std::string& address) {
    std::lock_guard lock(count_mutex);
    if (open >= limits.max_connections) return false;
    auto& mine = per_address[address];
    if (address != limits.exempt_address && mine >= limits.max_per_address) {
        if (mine == 0) per_address.erase(address);
        return false;
    }
    ++mine;
    ++open;
    return true;
}

void FrontServer::Impl::release(Conn& c) {
    std::lock_guard lock(count_mutex);
    if (open) --open;
    if (auto it = per_address.find(c.address); it != per_address.end() && --it->second == 0) per_address.erase(it);
}

void FrontServer::Impl::close(const ConnPtr& c) {
    if (c->fd < 0) return;
    ::close(c->fd);
    c->fd = -1;
    release(*c);
}

void FrontServer::Impl::wake() {
    std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof(one));
}

void FrontServer::Impl::park(ConnPtr c) {
    {
        std::lock_guard lock(inbox_mutex);
        if (!stopping) {
            inbox.push_back(std::move(c));
            wake(); // under the lock: stop_front closes wake_fd only after taking it
            return;
        }
    }
    close(c);
}

void FrontServer::Impl::linger(const ConnPtr& c) {
    // The answer is sent; what the client still sends is read and dropped for a moment,
    // so that closing does not reset the connection before it has read the answer.
    ::shutdown(c->fd, SHUT_WR);
    c->lingering = true;
    c->linger_until = Clock::now() + kLinger;
    c->buf.clear();
    c->pos = 0;
    park(c);
}

void FrontServer::Impl::dispatch(ConnPtr c) {
    auto* p = pool.load();
    if (!p) return close(c);
    p->enqueue([this, c = std::move(c)]() mutable { serve(std::move(c)); });
}

void FrontServer::Impl::serve(ConnPtr c) {
    for (;;) {
        bool last = c->served + 1 >= limits.max_requests_per_connection;
        bool connection_closed = false;
        c->close_requested = false;
        c->body_overrun = false;
        c->screened = false;
        c->body_pending = false;
        bool ok;
        try {
            FrontStream strm(*c, limits);
            current_conn = c.get();
            ok = server.process_request(strm, last, connection_closed, nullptr);
            current_conn = nullptr;
        } catch (...) {
            current_conn = nullptr;
            return close(c); // nothing may keep a connection's slot
        }
        ++c->served;
        bool stop;
        {
            std::lock_guard lock(inbox_mutex);
            stop = stopping;
        }
        // What httplib answered before our screening (a bad request line, a long URI, a
        // bad Range), a head it did not read whole, or a body left unread: the bytes
        // that follow are not a next request.
        if (c->close_requested || c->body_overrun || !c->screened || c->body_pending || c->pos < c->head_end)
            return linger(c);
        if (!ok || connection_closed || last || stop) return close(c);
        // The next request: its head may already be here (pipelined), or still to come.
        c->buf.erase(0, c->pos);
        c->pos = 0;
        c->head_end = 0;
        c->idle_since = Clock::now();
        c->head_started.reset();
        if (!c->buf.empty()) c->head_started = c->idle_since;
        if (c->buf.empty()) read_next_soon(*c);
        switch (scan_head(*c, limits)) {
        case Head::complete: continue;
        case Head::too_large:
            send_now(c->fd, 431, "Request Header Fields Too Large", "too_large", "the request head is too large");
            return linger(c);
        case Head::incomplete: return park(std::move(c));
        }
    }
}

void FrontServer::Impl::take_inbox() {
    std::deque<ConnPtr> taken;
    {
        std::lock_guard lock(inbox_mutex);
        taken.swap(inbox);
    }
    for (auto& c : taken) {
        if (!c->lingering && scan_head(*c, limits) == Head::complete) {
            dispatch(std::move(c));
            continue;
        }
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.fd = c->fd;
        if (::epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) != 0) {
            close(c);
            continue;
        }
        parked[c->fd] = std::move(c);
    }
}

void FrontServer::Impl::unpark(const ConnPtr& c) {
    ::epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, nullptr);
    parked.erase(c->fd);
}

void FrontServer::Impl::on_readable(const ConnPtr& c) {
    char tmp[kReadChunk];
    for (;;) {
        auto n = ::recv(c->fd, tmp, sizeof(tmp), MSG_DONTWAIT);
        if (n > 0) {
            if (c->lingering) {
                c->discarded += static_cast<size_t>(n);
                if (c->discarded > kLingerDiscard) break;
                continue;
            }
            if (!c->head_started) c->head_started = Clock::now();
            c->buf.append(tmp, static_cast<size_t>(n));
            auto head = scan_head(*c, limits);
            if (head == Head::complete) {
                unpark(c);
                dispatch(c);
                return;
            }
            if (head == Head::too_large) {
                send_now(c->fd, 431, "Request Header Fields Too Large", "too_large", "the request head is too large");
                unpark(c);
                linger(c);
                return;
            }
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        break; // closed by the client, or an error
    }
    unpark(c);
    close(c);
}

void FrontServer::Impl::sweep(Clock::time_point now) {
    std::vector<ConnPtr> expired;
    for (auto& [fd, c] : parked) {
        if (c->lingering ? now >= c->linger_until
                         : (c->head_started ? now - *c->head_started > limits.head_timeout
                                            : now - c->idle_since > limits.idle_timeout))
            expired.push_back(c);
    }
    for (auto& c : expired) {
        bool answer = !c->lingering && c->head_started;
        unpark(c);
        if (answer) {
            send_now(c->fd, 408, "Request Timeout", "unavailable", "the request was not sent in time");
            linger(c);
        } else {
            close(c);
        }
    }
}

void FrontServer::Impl::parker_loop() {
    epoll_event events[64];
    auto last_sweep = Clock::now();
    for (;;) {
        int n = ::epoll_wait(epfd, events, 64, static_cast<int>(kSweepEvery.count()));
        {
            std::lock_guard lock(inbox_mutex);
            if (stopping) break;
        }
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd == wake_fd) {
                std::uint64_t count;
                [[maybe_unused]] auto r = ::read(wake_fd, &count, sizeof(count));
                continue;
            }
            auto it = parked.find(fd);
            if (it == parked.end()) continue;
            auto c = it->second;
            on_readable(c);
        }
        take_inbox();
        auto now = Clock::now();
        if (now - last_sweep >= kSweepEvery) {
            sweep(now);
            last_sweep = now;
        }
    }
    for (auto& [fd, c] : parked) close(c);
    parked.clear();
    std::deque<ConnPtr> left;
    {
        std::lock_guard lock(inbox_mutex);
        left.swap(inbox);
    }
    for (auto& c : left) close(c);
}

FrontServer::FrontServer(ConnectionLimits limits) : impl_(std::make_unique<Impl>(*this, std::move(limits))) {
    auto& l = impl_->limits;
    new_task_queue = [this] {
        auto* p = new WorkerPool(impl_->limits.worker_threads, impl_->limits.max_held_threads);
        impl_->pool = p;
        return p;
    };
    // What httplib writes in its Keep-Alive header; the parker keeps these promises.
    set_keep_alive_timeout(std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(l.idle_timeout).count()));
    set_keep_alive_max_count(l.max_requests_per_connection);
    set_payload_max_length(64 * 1024);
}

FrontServer::~FrontServer() { stop_front(); }

void FrontServer::start_front() {
    auto& s = *impl_;
    s.epfd = ::epoll_create1(EPOLL_CLOEXEC);
    s.wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = s.wake_fd;
    ::epoll_ctl(s.epfd, EPOLL_CTL_ADD, s.wake_fd, &ev);
    s.parker = std::thread([&s] { s.parker_loop(); });
}

void FrontServer::stop_front() {
    auto& s = *impl_;
    if (!s.parker.joinable()) return;
    {
        std::lock_guard lock(s.inbox_mutex);
        s.stopping = true;
    }
    s.wake();
    s.parker.join();
    ::close(s.epfd);
    ::close(s.wake_fd);
    s.epfd = s.wake_fd = -1;
}

bool FrontServer::process_and_close_socket(socket_t sock) {
    auto& s = *impl_;
    auto c = std::make_shared<Conn>();
    c->fd = sock;
    c->address = peer_address(sock, c->port);
    ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
    if (!s.admit(c->address)) {
        send_now(sock, 503, "Service Unavailable", "unavailable", "too many connections; try again shortly");
        ::close(sock);
        return false;
    }
    s.park(std::move(c));
    return true;
}

void FrontServer::request_screened(bool has_body) {
    if (!current_conn) return;
    current_conn->screened = true;
    current_conn->body_pending = has_body;
}

void FrontServer::body_read() {
    if (current_conn) current_conn->body_pending = false;
}

void FrontServer::close_after_response() {
    if (current_conn) current_conn->close_requested = true;
}

bool FrontServer::client_gone() {
    if (!current_conn || current_conn->fd < 0) return false;
    pollfd p{current_conn->fd, POLLRDHUP, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
    return (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

bool FrontServer::body_overrun() { return current_conn && current_conn->body_overrun; }

std::size_t FrontServer::open_connections() const {
    std::lock_guard lock(impl_->count_mutex);
    return impl_->open;
}

} // namespace frontdoor::server::http

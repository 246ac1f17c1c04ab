#include "tests/support/raw_client.hpp"

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "shared/json_fields.hpp"

namespace frontdoor::testing {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

RawClient::RawClient(int port, const std::string& from) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("cannot open a socket");
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof(local)) != 0)
        throw std::runtime_error("cannot bind a socket to " + from);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0;
}

void RawClient::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

bool RawClient::send(std::string_view data) {
    while (!data.empty()) {
        auto n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
}

bool RawClient::read_some(std::string& got, Clock::time_point deadline) {
    pollfd p{fd_, POLLIN, 0};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (::poll(&p, 1, static_cast<int>(std::max<long>(left, 0))) <= 0) return false;
    char buf[16384];
    auto n = ::recv(fd_, buf, sizeof(buf), 0);
    if (n <= 0) {
        closed_ = true;
        return false;
    }
    got.append(buf, static_cast<size_t>(n));
    return true;
}

std::string RawClient::read_until_closed(std::chrono::milliseconds timeout) {
    std::string got;
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline && read_some(got, deadline)) {
    }
    return got;
}

std::string RawClient::read_answer(std::chrono::milliseconds timeout) {
    std::string got;
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        auto head_end = got.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            auto cl = got.find("Content-Length: ");
            if (cl == std::string::npos || cl > head_end) return got;
            auto len = std::stoul(got.substr(cl + 16));
            if (got.size() >= head_end + 4 + len) return got;
        }
        if (!read_some(got, deadline)) break;
    }
    return got;
}

std::string RawClient::stream_body(const std::string& head, const std::function<std::string()>& piece,
                                   std::size_t total, std::size_t& sent, std::chrono::milliseconds timeout) {
    if (!send(head)) throw std::runtime_error("the server refused a request head");
    sent = 0;
    std::string got, pending;
    auto deadline = Clock::now() + timeout;
    bool can_send = true;
    while (Clock::now() < deadline) {
        if (got.find("\r\n\r\n") != std::string::npos) break;
        pollfd p{fd_, static_cast<short>(POLLIN | (can_send && sent < total ? POLLOUT : 0)), 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        if (p.revents & POLLIN) {
            char buf[16384];
            auto n = ::recv(fd_, buf, sizeof(buf), MSG_DONTWAIT);
            if (n > 0) got.append(buf, static_cast<size_t>(n));
            else if (n == 0 || (errno != EAGAIN && errno != EINTR)) break;
        }
        if ((p.revents & POLLOUT) && can_send && sent < total) {
            if (pending.empty()) pending = piece();
            auto n = ::send(fd_, pending.data(), pending.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                sent += static_cast<size_t>(n);
                pending.erase(0, static_cast<size_t>(n));
            } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                can_send = false;
            }
        }
    }
    // The rest of the answer, if its head came in pieces.
    return got + read_answer(500ms);
}

int status_of(const std::string& answer) {
    if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
    return std::stoi(answer.substr(9, 3));
}

std::string code_of(const std::string& answer) {
    auto body = answer.find("\r\n\r\n");
    if (body == std::string::npos) return {};
    auto j = shared::json::parse(answer.substr(body + 4), nullptr, false);
    if (!j.is_object() || !j.contains("error")) return {};
    return j["error"].value("code", "");
}

} // namespace frontdoor::testing

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
#include "tests/support/answer_log.hpp"

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
    note_request(data);
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
    note_answer(got);
    return got;
}

void RawClient::note_request(std::string_view data) {
    for (auto at = data.find(" HTTP/1.1\r\n"); at != std::string_view::npos; at = data.find(" HTTP/1.1\r\n", at + 1)) {
        if (++requests_ == 1) {
            auto line_start = data.rfind('\n', at);
            auto line = data.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
            line = line.substr(0, line.find(" HTTP/1.1\r\n"));
            auto space = line.find(' ');
            if (space != std::string_view::npos) {
                method_ = std::string(line.substr(0, space));
                path_ = std::string(line.substr(space + 1));
            }
        }
    }
}

void RawClient::note_answer(const std::string& got) {
    // Only a connection's one request is paired with its answer: with pipelining or
    // smuggling tests, which answer belongs to which request is the test's business.
    if (requests_ != 1 || answer_noted_ || method_.empty()) return;
    auto head_end = got.find("\r\n\r\n");
    int status = status_of(got);
    if (head_end == std::string::npos || status == 0) return;
    auto head = got.substr(0, head_end + 2);
    auto header = [&](const std::string& name) -> std::string {
        auto at = head.find("\r\n" + name + ": ");
        if (at == std::string::npos) return {};
        auto from = at + 4 + name.size();
        return head.substr(from, head.find("\r\n", from) - from);
    };
    if (!header("Transfer-Encoding").empty() || !header("Content-Encoding").empty()) return;
    auto length = header("Content-Length");
    if (length.empty() || length.find_first_not_of("0123456789") != std::string::npos) return;
    auto len = std::stoul(length);
    if (got.size() < head_end + 4 + len) return;
    answer_noted_ = true;
    record_answer(method_, path_, status, header("Content-Type"), got.substr(head_end + 4, len));
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
            if (got.size() >= head_end + 4 + len) {
                note_answer(got);
                return got;
            }
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

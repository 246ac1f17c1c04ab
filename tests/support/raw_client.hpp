#pragma once
// A plain TCP client socket to 127.0.0.1:port, from a chosen loopback address, for what
// an HTTP library would not send: broken framing, slow or endless bodies, idle
// connections. Throws std::runtime_error when the socket cannot be made.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace frontdoor::testing {

class RawClient {
  public:
    explicit RawClient(int port, const std::string& from = "127.0.0.1");
    ~RawClient() { close(); }
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    bool connected() const { return connected_; }
    void close();
    /// Sends all of `data`; false when the connection refused some.
    bool send(std::string_view data);

    /// Reads until the server closes or `timeout` passes; what came.
    std::string read_until_closed(std::chrono::milliseconds timeout);
    /// Reads one answer's head and, when it gives a length, its body.
    std::string read_answer(std::chrono::milliseconds timeout);
    /// Sends `total` bytes made by `piece` while reading: returns the answer, and in
    /// `sent` how much of the body the server took before it answered or closed.
    std::string stream_body(const std::string& head, const std::function<std::string()>& piece, std::size_t total,
                            std::size_t& sent, std::chrono::milliseconds timeout);

    bool closed() const { return closed_; }
    int fd() const { return fd_; }

  private:
    /// Waits for bytes until `deadline` and appends them; false when none came in time
    /// or the server closed (then closed() is true).
    bool read_some(std::string& got, std::chrono::steady_clock::time_point deadline);

    /// For the answer log (answer_log.hpp): the request line sent, and the answer to it.
    void note_request(std::string_view data);
    void note_answer(const std::string& got);
    int requests_ = 0;
    std::string method_, path_;
    bool answer_noted_ = false;

    int fd_ = -1;
    bool connected_ = false;
    bool closed_ = false;
};

/// The status code of an answer as read off the wire; 0 when it is not HTTP/1.1.
int status_of(const std::string& answer);
/// The error code in an answer's JSON error body; empty when there is none.
std::string code_of(const std::string& answer);

} // namespace frontdoor::testing

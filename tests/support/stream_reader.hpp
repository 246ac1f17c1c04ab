#pragma once
// StreamReader: reads one server-sent event stream (a staff page's live day) on its own
// thread and keeps what arrived, so a test can wait for an event with a deadline instead
// of sleeping. Plain HTTP or HTTPS (an httplib::SSLClient), whatever client it is given.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>

namespace frontdoor::testing {

class StreamReader {
  public:
    StreamReader(std::unique_ptr<httplib::ClientImpl> client, std::string path, httplib::Headers headers,
                 std::chrono::seconds read_timeout = std::chrono::seconds{10});
    /// Plain HTTP to 127.0.0.1:port.
    StreamReader(int port, std::string path, httplib::Headers headers);
    /// Stops the stream (closes the socket under the blocked read) and joins.
    ~StreamReader();
    StreamReader(const StreamReader&) = delete;
    StreamReader& operator=(const StreamReader&) = delete;

    /// Waits until the text so far contains `needle`; true when it came in time.
    bool wait_for(const std::string& needle, std::chrono::milliseconds timeout);
    /// Waits for the answer's status (-1 when the request failed); 0 when none came in time.
    int wait_status(std::chrono::milliseconds timeout);
    std::string text();
    int status();

  private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::string text_;
    int status_ = 0;
    std::atomic<bool> stop_{false};
    std::unique_ptr<httplib::ClientImpl> client_;
    std::thread thread_;
};

} // namespace frontdoor::testing

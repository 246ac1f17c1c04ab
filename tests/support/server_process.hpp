#pragma once
// ServerProcess: the real frontdoor-server program as a child process, for tests that
// must kill it (kill -9) and for the benchmark (start-up time, resident memory).
// start() runs `serve --db FILE --bind 127.0.0.1 --port 0` and returns once the first
// line `listening on http://ADDR:PORT` has been read from its standard output (bounded
// wait; throws std::runtime_error when it does not come). The destructor sends SIGTERM
// and reaps the child if it still runs.
// Thread-safety: one controlling thread; http() may be copied to other threads.

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

#include "tests/support/http_json.hpp"

namespace frontdoor::testing {

class ServerProcess {
  public:
    /// `bin init --db db --admin-user user` with FRONTDOOR_ADMIN_PASSWORD=password.
    /// Throws std::runtime_error unless it exits 0.
    static void init(const std::string& bin, const std::string& db, const std::string& user,
                     const std::string& password);

    ServerProcess(std::string bin, std::string db, std::vector<std::string> extra_args = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    void start(std::chrono::seconds wait_for_line = std::chrono::seconds{10});
    /// Sends a signal (SIGKILL, SIGTERM) and waits for the child; returns its wait status.
    int kill_and_wait(int signal);
    bool running() const { return pid_ > 0; }

    pid_t pid() const { return pid_; }
    int port() const { return port_; }
    HttpJson http() const { return HttpJson("127.0.0.1", port_); }
    /// From fork to the `listening on` line.
    std::chrono::microseconds time_to_listen() const { return time_to_listen_; }
    /// VmRSS of the child from /proc, in KiB; 0 when unreadable.
    long resident_kib() const;

  private:
    std::string bin_;
    std::string db_;
    std::vector<std::string> extra_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::chrono::microseconds time_to_listen_{0};
};

} // namespace frontdoor::testing

#pragma once
// A fixed-window counter of failures per client key (IP address, kiosk): after
// `limit` failures in `window`, allowed() is false until the window passes.
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "shared/time.hpp"

namespace frontdoor::server::http {

class RateLimiter {
  public:
    RateLimiter(int limit, std::chrono::seconds window, const shared::Clock& clock)
        : limit_(limit), window_(window), clock_(clock) {}

    bool allowed(const std::string& key);
    void record_failure(const std::string& key);
    void reset(const std::string& key);

  private:
    struct Window {
        shared::Instant start;
        int failures = 0;
    };
    int limit_;
    std::chrono::seconds window_;
    const shared::Clock& clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
};

} // namespace frontdoor::server::http

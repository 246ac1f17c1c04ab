#pragma once
// A counter of events (failed proofs, bookings) per key (a kiosk, an address, an
// account): after `limit` events within `window`, the key is locked out for `lockout`;
// each further lockout of the same key doubles, up to `max_lockout`, until the key has
// had a quiet `window` past its lockout. retry_after() says how long is left.
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "shared/time.hpp"

namespace frontdoor::server::http {

struct LimitPolicy {
    int limit = 10;
    std::chrono::seconds window{std::chrono::minutes{5}};
    std::chrono::seconds lockout{std::chrono::minutes{5}};     // the first lockout
    std::chrono::seconds max_lockout{std::chrono::minutes{5}}; // equal to lockout: no back-off
};

class RateLimiter {
  public:
    RateLimiter(LimitPolicy policy, const shared::Clock& clock) : policy_(policy), clock_(clock) {}

    /// How long until the key may try again; nullopt when it may now.
    std::optional<std::chrono::seconds> retry_after(const std::string& key);
    /// Counts one event; the limit'th in a window locks the key out.
    void record(const std::string& key);
    /// Forgets the key's count and back-off.
    void reset(const std::string& key);

    const LimitPolicy& policy() const { return policy_; }

  private:
    struct Entry {
        shared::Instant window_start;
        int count = 0;
        int lockouts = 0;                  // in a row, for the back-off
        std::optional<shared::Instant> locked_until;
    };
    LimitPolicy policy_;
    const shared::Clock& clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

} // namespace frontdoor::server::http

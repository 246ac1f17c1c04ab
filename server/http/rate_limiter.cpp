#include "server/http/rate_limiter.hpp"

#include <algorithm>

namespace frontdoor::server::http {

std::optional<std::chrono::seconds> RateLimiter::retry_after(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || !it->second.locked_until) return std::nullopt;
    auto now = clock_.now();
    if (now >= *it->second.locked_until) return std::nullopt;
    return std::max(std::chrono::seconds{1},
                    std::chrono::duration_cast<std::chrono::seconds>(*it->second.locked_until - now));
}

void RateLimiter::record(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto now = clock_.now();
    if (entries_.size() > 100'000) { // bounded memory under a flood: keep only the locked
        std::erase_if(entries_, [now](const auto& e) { return !e.second.locked_until || *e.second.locked_until <= now; });
        if (entries_.size() > 100'000) entries_.clear();
    }
    auto& e = entries_[key];
    if (e.locked_until && now >= *e.locked_until) {
        // Served its lockout; a quiet window after it forgives the back-off.
        if (now - *e.locked_until >= policy_.window) e.lockouts = 0;
        e.locked_until.reset();
        e.count = 0;
    }
    if (e.count == 0 || now - e.window_start >= policy_.window) {
        e.window_start = now;
        e.count = 0;
    }
    if (++e.count < policy_.limit) return;
    auto lockout = policy_.lockout;
    for (int i = 0; i < e.lockouts && lockout < policy_.max_lockout; ++i) lockout *= 2;
    e.locked_until = now + std::min(lockout, policy_.max_lockout);
    ++e.lockouts;
    e.count = 0;
}

void RateLimiter::reset(const std::string& key) {
    std::lock_guard lock(mutex_);
    entries_.erase(key);
}

} // namespace frontdoor::server::http

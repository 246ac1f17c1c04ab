#include "server/http/rate_limiter.hpp"

namespace frontdoor::server::http {

bool RateLimiter::allowed(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(key);
    if (it == windows_.end()) return true;
    if (clock_.now() - it->second.start >= window_) {
        windows_.erase(it);
        return true;
    }
    return it->second.failures < limit_;
}

void RateLimiter::record_failure(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto now = clock_.now();
    if (windows_.size() > 100'000) windows_.clear(); // bounded memory under a flood
    auto& w = windows_[key];
    if (w.failures == 0 || now - w.start >= window_) w = Window{now, 0};
    ++w.failures;
}

void RateLimiter::reset(const std::string& key) {
    std::lock_guard lock(mutex_);
    windows_.erase(key);
}

} // namespace frontdoor::server::http

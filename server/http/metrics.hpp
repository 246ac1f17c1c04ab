#pragma once
// Prometheus counters and a latency histogram. Thread-safety: every method may be
// called from any thread.

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace frontdoor::server::http {

class Metrics {
  public:
    void record_request(const std::string& method, const std::string& route, int status,
                        double seconds);
    void count_booking() { bookings_.fetch_add(1, std::memory_order_relaxed); }
    void count_checkin() { checkins_.fetch_add(1, std::memory_order_relaxed); }
    /// The Prometheus text exposition format.
    std::string render() const;

    /// Gauges read when /metrics is asked (set once, before serving): open client
    /// connections and open event streams.
    std::function<std::size_t()> open_connections;
    std::function<std::size_t()> open_streams;

  private:
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,  0.1,    0.25,  0.5,  1.0};
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, long long> requests_;
    std::array<long long, kBuckets.size() + 1> latency_{};
    double latency_sum_ = 0;
    long long latency_count_ = 0;
    std::atomic<long long> bookings_{0};
    std::atomic<long long> checkins_{0};
};

} // namespace frontdoor::server::http

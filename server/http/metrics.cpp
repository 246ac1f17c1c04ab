#include "server/http/metrics.hpp"

#include <fmt/format.h>

namespace frontdoor::server::http {

void Metrics::record_request(const std::string& method, const std::string& route, int status,
                             double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{method, route, status}];
    size_t i = 0;
    while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
    ++latency_[i];
    latency_sum_ += seconds;
    ++latency_count_;
}

std::string Metrics::render() const {
    std::string out;
    if (open_connections)
        out += fmt::format("# HELP frontdoor_open_connections Client connections open now.\n"
                           "# TYPE frontdoor_open_connections gauge\nfrontdoor_open_connections {}\n",
                           open_connections());
    if (open_streams)
        out += fmt::format("# HELP frontdoor_event_streams Live staff pages (event streams) open now.\n"
                           "# TYPE frontdoor_event_streams gauge\nfrontdoor_event_streams {}\n",
                           open_streams());
    out += "# HELP frontdoor_http_requests_total HTTP requests by route and status.\n";
    out += "# TYPE frontdoor_http_requests_total counter\n";
    std::lock_guard lock(mutex_);
    for (const auto& [key, n] : requests_) {
        const auto& [method, route, status] = key;
        std::string escaped;
        for (char c : route) {
            if (c == '\\' || c == '"') escaped.push_back('\\');
            escaped.push_back(c);
        }
        out += fmt::format("frontdoor_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                           method, escaped, status, n);
    }
    out += "# HELP frontdoor_http_request_duration_seconds Time to answer a request.\n";
    out += "# TYPE frontdoor_http_request_duration_seconds histogram\n";
    long long cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += latency_[i];
        out += fmt::format("frontdoor_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n",
                           kBuckets[i], cumulative);
    }
    cumulative += latency_[kBuckets.size()];
    out += fmt::format("frontdoor_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    out += fmt::format("frontdoor_http_request_duration_seconds_sum {}\n", latency_sum_);
    out += fmt::format("frontdoor_http_request_duration_seconds_count {}\n", latency_count_);
    out += "# HELP frontdoor_bookings_total Bookings made.\n# TYPE frontdoor_bookings_total counter\n";
    out += fmt::format("frontdoor_bookings_total {}\n", bookings_.load());
    out += "# HELP frontdoor_checkins_total Check-ins.\n# TYPE frontdoor_checkins_total counter\n";
    out += fmt::format("frontdoor_checkins_total {}\n", checkins_.load());
    return out;
}

} // namespace frontdoor::server::http

#include "server/http/events.hpp"

#include <nlohmann/json.hpp>

namespace frontdoor::server::http {

EventBus::EventBus(std::size_t history) : history_(history == 0 ? 1 : history) {}

std::uint64_t EventBus::publish(const BookingEvent& e) {
    nlohmann::json j = {{"hub_id", e.hub_id}, {"booking_id", e.booking_id}, {"kind", e.kind}};
    std::uint64_t id;
    {
        std::lock_guard lock(mutex_);
        id = next_id_++;
        ring_.push_back(Entry{id, e.hub_id, j.dump()});
        while (ring_.size() > history_) ring_.pop_front();
    }
    changed_.notify_all();
    return id;
}

EventBus::Batch EventBus::wait(std::int64_t hub_id, std::uint64_t& cursor,
                               std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return closed_ || next_id_ - 1 > cursor; });
    Batch batch;
    batch.closed = closed_;
    if (!ring_.empty() && ring_.front().id > cursor + 1 && next_id_ - 1 > cursor) batch.resync = true;
    for (const auto& entry : ring_)
        if (entry.id > cursor && entry.hub_id == hub_id) batch.frames.push_back({entry.id, entry.data});
    cursor = next_id_ - 1;
    return batch;
}

std::uint64_t EventBus::last_id() const {
    std::lock_guard lock(mutex_);
    return next_id_ - 1;
}

void EventBus::shutdown() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    changed_.notify_all();
}

bool EventBus::try_enter_stream(const std::string& key, std::size_t max_streams, std::size_t max_per_key) {
    std::lock_guard lock(mutex_);
    if (closed_ || streams_ >= max_streams) return false;
    auto& mine = streams_by_key_[key];
    if (mine >= max_per_key) return false;
    ++mine;
    ++streams_;
    return true;
}

void EventBus::leave_stream(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (streams_ > 0) --streams_;
    if (auto it = streams_by_key_.find(key); it != streams_by_key_.end() && --it->second == 0)
        streams_by_key_.erase(it);
}

std::size_t EventBus::open_streams() const {
    std::lock_guard lock(mutex_);
    return streams_;
}

std::string sse_message(std::string_view event, std::string_view data, std::uint64_t id) {
    std::string out;
    if (id) out += "id: " + std::to_string(id) + "\n";
    out += "event: ";
    out += event;
    out += "\ndata: ";
    out += data; // our data is one line of JSON (dump() escapes newlines)
    out += "\n\n";
    return out;
}

} // namespace frontdoor::server::http

#pragma once
// Live updates for the staff page: an in-process publish/subscribe of booking changes
// and the server-sent-events stream GET /api/v1/hubs/{hub_id}/events that carries them.
//
// Whoever changes a booking (check-in, status, new booking, cancellation, waitlist
// offer) calls ServiceContext::publish after the change is committed; HttpServer points
// that sink at EventBus::publish. Every open day page of
// that hub receives `event: booking` with the change within a second and refreshes.
// The bus keeps the last `history` events in a ring with increasing ids, so a page that
// reconnects with Last-Event-ID misses nothing; one that fell further behind receives
// `event: resync` and reloads the day.
//
// Thread-safety: publish, wait and shutdown may be called from any thread. publish
// never blocks on a slow subscriber.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "server/services/context.hpp"

namespace frontdoor::server::http {

class EventBus {
  public:
    explicit EventBus(std::size_t history = 512);

    /// Records one change and wakes every stream. Returns the event's id.
    std::uint64_t publish(const BookingEvent& event);

    struct Frame {
        std::uint64_t id = 0;
        std::string data; // the JSON of one event
    };
    struct Batch {
        std::vector<Frame> frames; // events of the hub after the cursor, in order
        bool resync = false;       // events after the cursor were dropped from the ring
        bool closed = false;       // the bus shut down: end the stream
    };
    /// Waits up to `timeout` for events of `hub_id` with an id above `cursor`, then
    /// returns them and moves `cursor` past everything seen.
    Batch wait(std::int64_t hub_id, std::uint64_t& cursor, std::chrono::milliseconds timeout);

    /// The id of the newest event (0 before any): a new stream starts after it.
    std::uint64_t last_id() const;

    /// Ends every stream now and every later wait at once (server stopping).
    void shutdown();

    /// Admits one more open stream unless `max_streams` are open in all or
    /// `max_per_key` for `key` (one signed-in session); leave_stream(key) when it ends.
    bool try_enter_stream(const std::string& key, std::size_t max_streams, std::size_t max_per_key);
    void leave_stream(const std::string& key);
    std::size_t open_streams() const;

  private:
    struct Entry {
        std::uint64_t id;
        std::int64_t hub_id;
        std::string data;
    };
    std::size_t history_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Entry> ring_;
    std::uint64_t next_id_ = 1;
    bool closed_ = false;
    std::size_t streams_ = 0;
    std::unordered_map<std::string, std::size_t> streams_by_key_;
};

/// The text of one SSE message: "id: N\nevent: NAME\ndata: DATA\n\n".
std::string sse_message(std::string_view event, std::string_view data, std::uint64_t id = 0);

} // namespace frontdoor::server::http

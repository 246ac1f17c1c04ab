#pragma once
// WorkerPool: the request threads. `base` workers run requests; a request that will hold
// its thread for a long time (a live event stream) says so with hold_thread(), and the
// pool starts one more worker at once so that the others never wait behind it. When
// that request ends, its thread leaves the pool (at most `base` + held ones stay).
// Held threads are capped by the caller (the event stream's own limits); the pool adds
// at most `max_held` of them and refuses more (hold_thread() returns false).
//
// Thread-safety: enqueue and shutdown from any thread; hold_thread from a worker.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>

#include <httplib.h>

namespace frontdoor::server::http {

class WorkerPool : public httplib::TaskQueue {
  public:
    WorkerPool(std::size_t base, std::size_t max_held);
    ~WorkerPool() override;

    void enqueue(std::function<void()> fn) override;
    /// Runs what is queued, then joins every worker.
    void shutdown() override;

    /// Called by a task on a worker of a pool: this task will hold its thread for long;
    /// a replacement starts now. False (nothing changes) outside a pool's worker, when
    /// the task already holds, or past `max_held`.
    static bool hold_thread();

    std::size_t threads() const;
    /// Whether tasks are queued with no worker free to take them.
    bool busy() const;

  private:
    struct Worker {
        std::thread thread;
        bool finished = false;
    };
    void run(std::list<Worker>::iterator self);
    void start_worker(); // with mutex_ held
    void reap();         // with mutex_ held: joins workers that left

    std::size_t base_;
    std::size_t max_held_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> jobs_;
    std::list<Worker> workers_;
    std::size_t running_ = 0; // workers not finished
    std::size_t held_ = 0;
    bool shutdown_ = false;
};

} // namespace frontdoor::server::http

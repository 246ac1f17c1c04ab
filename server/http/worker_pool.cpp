#include "server/http/worker_pool.hpp"

#include <malloc.h>

namespace frontdoor::server::http {
namespace {

struct CurrentTask {
    WorkerPool* pool = nullptr;
    bool held = false;
};
thread_local CurrentTask current_task;

} // namespace

WorkerPool::WorkerPool(std::size_t base, std::size_t max_held) : base_(base ? base : 1), max_held_(max_held) {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < base_; ++i) start_worker();
}

WorkerPool::~WorkerPool() { shutdown(); }

void WorkerPool::start_worker() {
    workers_.emplace_back();
    auto self = std::prev(workers_.end());
    ++running_;
    self->thread = std::thread([this, self] { run(self); });
}

void WorkerPool::reap() {
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (it->finished) {
            it->thread.join();
            it = workers_.erase(it);
        } else {
            ++it;
        }
    }
}

void WorkerPool::enqueue(std::function<void()> fn) {
    {
        std::lock_guard lock(mutex_);
        if (shutdown_) return;
        jobs_.push_back(std::move(fn));
    }
    ready_.notify_one();
}

bool WorkerPool::hold_thread() {
    auto& task = current_task;
    if (!task.pool || task.held) return false;
    auto& pool = *task.pool;
    std::lock_guard lock(pool.mutex_);
    if (pool.held_ >= pool.max_held_ || pool.shutdown_) return false;
    ++pool.held_;
    task.held = true;
    pool.reap();
    pool.start_worker();
    return true;
}

void WorkerPool::run(std::list<Worker>::iterator self) {
    current_task.pool = this;
    std::unique_lock lock(mutex_);
    bool leave = false; // a held task ended and its replacement stays: this thread goes
    for (;;) {
        ready_.wait(lock, [this] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) break; // shutting down with nothing left
        auto job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        try {
            job();
        } catch (...) {
            // A task's own handler answers its errors; nothing may end a worker.
        }
        lock.lock();
        if (current_task.held) {
            current_task.held = false;
            --held_;
            if (running_ > base_ + held_ && !shutdown_) {
                leave = true;
                break;
            }
        }
    }
    --running_;
    current_task.pool = nullptr;
    if (!leave) {
        self->finished = true; // joined by shutdown() or reap()
        return;
    }
    // Leaving while the pool runs: nobody will join this thread, so it frees itself
    // (its stack goes back now, not at shutdown). Nothing of the pool is touched after
    // the lock is released.
    self->thread.detach();
    workers_.erase(self);
    lock.unlock();
    // A long task (an event stream) left memory in malloc's arenas that nothing may
    // reuse soon: give it back, so a crowd of pages that came and went does not stay
    // in the server's resident size.
#ifndef __SANITIZE_ADDRESS__ // ASan's allocator is not glibc's: nothing of ours to trim
    ::malloc_trim(0);
#endif
}

void WorkerPool::shutdown() {
    std::list<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        if (shutdown_ && workers_.empty()) return;
        shutdown_ = true;
    }
    ready_.notify_all();
    // Workers may still start replacements while they finish; join until none is left.
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (workers_.empty()) break;
            workers.splice(workers.end(), workers_);
        }
        for (auto& w : workers) w.thread.join();
        workers.clear();
    }
}

std::size_t WorkerPool::threads() const {
    std::lock_guard lock(mutex_);
    return running_;
}

} // namespace frontdoor::server::http

namespace frontdoor::server::http {

bool WorkerPool::busy() const {
    std::lock_guard lock(mutex_);
    return !jobs_.empty();
}

} // namespace frontdoor::server::http

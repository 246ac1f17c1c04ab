#include "kiosk/core/worker.hpp"

#include <exception>

namespace frontdoor::kiosk {

void Mailbox::post(Delivery d) {
    {
        std::lock_guard lock(mutex_);
        items_.push_back(std::move(d));
    }
    posted_.notify_all();
    if (wake_) wake_();
}

bool Mailbox::drain() {
    std::vector<Delivery> items;
    {
        std::lock_guard lock(mutex_);
        items.swap(items_);
    }
    bool changed = false;
    for (auto& d : items) changed |= d();
    return changed;
}

bool Mailbox::wait_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return posted_.wait_for(lock, timeout, [this] { return !items_.empty(); });
}

bool Mailbox::empty() const {
    std::lock_guard lock(mutex_);
    return items_.empty();
}

RequestWorker::RequestWorker() : thread_([this] { loop(); }) {}

RequestWorker::~RequestWorker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    thread_.join();
}

void RequestWorker::submit(std::function<void()> job, std::function<void(const char*)> on_crash) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Job{std::move(job), std::move(on_crash)});
    }
    cv_.notify_one();
}

bool RequestWorker::busy() const {
    std::lock_guard lock(mutex_);
    return running_job_ || !queue_.empty();
}

void RequestWorker::loop() {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            running_job_ = true;
        }
        try {
            job.run();
        } catch (const std::exception& e) {
            if (job.on_crash) job.on_crash(e.what());
        } catch (...) {
            if (job.on_crash) job.on_crash("unknown error");
        }
        std::lock_guard lock(mutex_);
        running_job_ = false;
    }
}

} // namespace frontdoor::kiosk

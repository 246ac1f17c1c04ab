#pragma once
// Mailbox and RequestWorker: network calls run on the worker's one thread; each
// posts its result, as a closure, into the mailbox, which the UI thread drains once
// per frame. After posting, the worker calls the injected wake callback (the program
// passes glfwPostEmptyEvent) so a sleeping frame loop wakes up.
//
// Thread-safety: Mailbox::post and RequestWorker::submit may be called from any
// thread; Mailbox::drain from the UI thread only. A job's exceptions are caught on the
// worker thread and reported through the `on_crash` closure it was submitted with.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace frontdoor::kiosk {

class Mailbox {
  public:
    /// Applies one result on the UI thread; returns true when the screen changes.
    using Delivery = std::function<bool()>;

    explicit Mailbox(std::function<void()> wake = {}) : wake_(std::move(wake)) {}

    void post(Delivery d);
    /// Runs every delivery posted so far on the calling (UI) thread; true if any
    /// changed what the screen shows.
    bool drain();
    /// Blocks until something is posted or `timeout` passes; true when mail waits.
    bool wait_for(std::chrono::milliseconds timeout);
    bool empty() const;

  private:
    mutable std::mutex mutex_;
    std::condition_variable posted_;
    std::vector<Delivery> items_;
    std::function<void()> wake_;
};

class RequestWorker {
  public:
    RequestWorker();
    ~RequestWorker(); // finishes the job in hand, drops queued ones, joins
    RequestWorker(const RequestWorker&) = delete;
    RequestWorker& operator=(const RequestWorker&) = delete;

    /// Queues `job`; if it throws, `on_crash(what)` runs instead (on the worker).
    void submit(std::function<void()> job, std::function<void(const char*)> on_crash);
    /// True while a job runs or waits.
    bool busy() const;

  private:
    struct Job {
        std::function<void()> run;
        std::function<void(const char*)> on_crash;
    };
    void loop();

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Job> queue_;
    bool running_job_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace frontdoor::kiosk

#pragma once
// Controller: applies the screens' intents to KioskState, starts requests on the
// worker, applies their results when the UI thread drains the mailbox, and keeps the
// idle timer (60 s, then a 10 s "still there?" countdown, then a reset that zeroes
// every typed buffer). Thread-safety: every public member is for the UI thread only;
// the worker touches nothing but the ApiClient copy it was given and the mailbox.

#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "kiosk/core/intent.hpp"
#include "kiosk/core/state.hpp"
#include "kiosk/core/worker.hpp"
#include "shared/api_client.hpp"
#include "shared/time.hpp"

namespace frontdoor::kiosk {

struct ControllerOptions {
    shared::ApiClientOptions api;
    double idle_seconds = 60;
    double still_there_seconds = 10;
    double answer_seconds = 20; // an answer screen closes by itself after this
    double scan_clear_seconds = 1; // a hidden scan buffer with no key for this long is wiped
    double offline_retry_seconds = 5;
    int booking_days = 21; // the day strip: today and the next three weeks
    std::string staff_pin;  // empty: the staff corner cannot be opened
    std::string default_language = "en";
    std::string version;
};

class Controller {
  public:
    /// `seconds` is a monotonic clock in seconds (tests pass their own); `wake` is
    /// called from the worker after each result (the program passes glfwPostEmptyEvent).
    Controller(KioskState& state, ControllerOptions options, const shared::Clock& wall,
               std::function<double()> seconds, std::function<void()> wake);
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    /// Asks the server who this kiosk is (hub, time zone); retried while offline.
    void start();
    void apply(const Intent& intent);
    /// A touch or a key: restarts the idle timer.
    void note_input();
    /// Applies results the worker posted; true when any arrived.
    bool drain();
    /// Clock, idle countdown, offline retries; true when the screen should redraw.
    bool tick();
    /// True while a request runs (the spinner turns); the countdown redraws via tick().
    bool animating() const;
    /// How long the frame loop may sleep before tick() has something to do.
    double seconds_until_wake() const;
    /// Ends the visit: every buffer zeroed, back to the first screen.
    void reset_visit();

    Mailbox& mailbox() { return mailbox_; }
    bool request_pending() const { return state_.request.phase == RequestPhase::pending; }

  private:
    // Intents (controller.cpp).
    /// `keypad`: an on-screen key on the first screen (the date of birth), not a scanner.
    void type_text(const std::string& text, bool keypad);
    /// The first screen's keypad types into the check-in's date of birth.
    void welcome_keypad();
    /// After a digit on a date step: moves on when the field cannot take another.
    void date_typed();
    /// Checks a typed date of birth (error.date under the fields when it is not one).
    bool dob_ok(Field day, Field month, Field year);
    /// The check-in's date of birth is complete: on to the initial if it is a date.
    void checkin_dob_done();
    void next();
    void back();
    void go_to_step(Step step);
    /// Shows an answer screen with its closing countdown.
    void show_answer(Screen screen);
    void submit_scan();
    void corner_tap();
    bool visit_active() const;
    std::string today() const;

    // Requests (controller_requests.cpp).
    void check_in_by_reference();
    void check_in_by_dob();
    /// Shows a check-in's answer when it is one both ways of checking in share (checked
    /// in, or nothing matched); false for any other error, which the caller handles.
    bool show_checkin_answer(const shared::Result<std::vector<shared::wire::CheckedIn>>& r);
    void load_services();
    /// After a language change: asks for the services again and renames them (and the
    /// chosen one) in place, keeping the screen and everything typed.
    void refresh_names();
    void load_availability();
    void book();
    void join_waitlist();
    void probe();
    void retry();
    void fail(const shared::Error& error, RetryKind kind);
    void remember_error(const std::string& what);
    wire::ClientDetails client_details() const;
    std::optional<wire::ChildDetails> child_details() const;
    std::string new_idempotency_key();
    /// Runs `call(api)` on the worker and `handle(result)` back on the UI thread,
    /// unless the visit ended meanwhile.
    template <class T, class Call, class Handle>
    void run(Call call, Handle handle, bool background = false);

    KioskState& state_;
    ControllerOptions options_;
    const shared::Clock& wall_;
    std::function<double()> seconds_;
    shared::ApiClient api_;
    double last_input_ = 0;
    double last_scan_key_ = 0;
    double next_probe_ = 0;
    bool probe_in_flight_ = false;
    int countdown_shown_ = -1;
    int answer_shown_ = -1;
    std::mt19937_64 random_;
    Mailbox mailbox_;
    RequestWorker worker_; // last: joined first, before anything it could post to
};

} // namespace frontdoor::kiosk

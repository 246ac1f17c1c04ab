#pragma once
// KioskState: everything the screens draw, as plain data. The controller changes it
// (on the UI thread only); screens read it and return intents. Nothing here does I/O.

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/text_field.hpp"
#include "shared/wire.hpp"

namespace frontdoor::kiosk {

namespace wire = frontdoor::shared::wire;

enum class Screen {
    welcome, // book, or check in: the date-of-birth keypad is on it (Step::checkin_dob)
    entry,          // one step of typing (see Step)
    checkin_result,
    services,
    days,
    times,
    review,
    confirmation,
    waitlist_done,
    problem, // the server cannot be reached, or took too long
    out_of_order, // drawn instead of any screen but the staff corner while `out_of_order` is set
    staff,
};

/// The typing steps of the entry screen.
enum class Step {
    checkin_reference,
    checkin_dob,
    checkin_initial,
    client_name,
    client_dob,
    child_name,
    child_dob,
    phone,
    staff_pin,
};

/// Every buffer a person can type into.
enum class Field {
    scan, // characters a scanner (or physical keyboard) types on the first screen
    reference,
    dob_day,
    dob_month,
    dob_year,
    initial,
    first_name,
    last_name,
    client_day,
    client_month,
    client_year,
    child_first_name,
    child_day,
    child_month,
    child_year,
    phone,
    staff_pin,
    count_,
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::count_);

/// The typed buffers of one visit. wipe_all() zeroes them all.
struct Buffers {
    Buffers();
    std::array<TextField, kFieldCount> fields;
    TextField& operator[](Field f) { return fields[static_cast<std::size_t>(f)]; }
    const TextField& operator[](Field f) const { return fields[static_cast<std::size_t>(f)]; }
    void wipe_all();
    bool all_zero() const;
    bool any_typed() const;
};

enum class RequestPhase { idle, pending, failed, done };

/// The one request in flight, as data the screens render (spinner after 300 ms).
struct RequestState {
    RequestPhase phase = RequestPhase::idle;
    double started_at = 0; // seconds on the controller's monotonic clock
};

enum class Connection { unknown, online, offline };

enum class CheckinAnswer { none, checked_in, ambiguous, no_match };

enum class Problem { none, offline, timeout, rejected };

struct BookingFlow {
    std::vector<wire::ServiceSummary> services;
    std::optional<wire::ServiceSummary> service;
    std::vector<wire::Slot> slots; // the next weeks, in time order
    std::string from, to;          // the window of `slots`, YYYY-MM-DD
    std::string day;               // the chosen day, YYYY-MM-DD
    std::optional<wire::Slot> slot;
    bool waitlist = false;          // joining the waitlist instead of booking
    bool slot_taken_notice = false; // the chosen time was taken meanwhile (409)
    int times_page = 0;
    std::string idempotency_key; // one per booking attempt, reused on retry
    std::optional<wire::BookingConfirmation> confirmation;
    std::optional<wire::WaitlistEntry> waitlist_entry;
};

/// What the request that failed was, so "Try again" can repeat it.
enum class RetryKind { none, checkin_reference, checkin_dob, services, availability, book, waitlist };

struct KioskState {
    Screen screen = Screen::welcome;
    Step step = Step::checkin_dob; // the first screen's keypad types a date of birth
    Field focus = Field::dob_day;
    std::string language = "en";
    bool large_text = false;
    bool high_contrast = false;
    bool other_alphabet = false; // the keyboard shows the language's other script

    Buffers buffers;
    std::string field_error; // a translation key shown under the fields, or empty
    bool change_from_review = false; // a review "Change": Next goes back to the review

    Connection connection = Connection::unknown;
    // Why the kiosk cannot work at all (a server address it must not send to), one plain
    // sentence the staff corner shows; empty: it can. Families see the out-of-order screen.
    std::string out_of_order;
    // Why the connection fails when staff can fix it (an untrusted certificate); empty
    // when the server is simply unreachable. Cleared when the server answers.
    std::string connection_note;
    std::optional<wire::KioskMe> me;
    RequestState request;
    Problem problem = Problem::none;
    RetryKind retry = RetryKind::none;

    bool checking_scan = false; // a scanned code is being checked: say so at once
    CheckinAnswer checkin_answer = CheckinAnswer::none;
    std::vector<wire::CheckedIn> checked_in;
    BookingFlow booking;

    // An answer (checked in, booked, on the waiting list) closes by itself after a
    // countdown, so the next person does not find it; "Keep this on screen" stops it.
    double answer_closes_at = 0; // monotonic seconds; 0: no countdown
    bool answer_kept = false;

    bool asking_still_there = false;
    double still_there_deadline = 0; // monotonic seconds
    std::uint64_t visit = 1;         // bumps at every reset; stale results are dropped

    std::string clock_text; // "HH:MM", hub-local, set by the controller
    std::string today;      // YYYY-MM-DD, hub-local

    // Staff corner.
    int corner_taps = 0;
    double first_corner_tap = 0;
    std::deque<std::string> last_errors; // newest first, at most 10
    std::string server_url;
    std::string version;
    bool quit = false;
};

} // namespace frontdoor::kiosk

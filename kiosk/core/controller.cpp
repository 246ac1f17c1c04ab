#include "kiosk/core/controller.hpp"

#include <cctype>
#include <algorithm>
#include <cmath>

#include "kiosk/core/dates.hpp"
#include "kiosk/core/steps.hpp"
#include "shared/validate.hpp"

namespace frontdoor::kiosk {

Controller::Controller(KioskState& state, ControllerOptions options, const shared::Clock& wall,
                       std::function<double()> seconds, std::function<void()> wake)
    : state_(state), options_(std::move(options)), wall_(wall), seconds_(std::move(seconds)),
      api_(options_.api), random_(std::random_device{}()), mailbox_(std::move(wake)) {
    state_.server_url = options_.api.base_url;
    state_.version = options_.version;
    state_.language = options_.default_language;
    if (shared::Status allowed = shared::check_server_address(options_.api.base_url); !allowed)
        state_.out_of_order = allowed.error().message; // the ApiClient would send nothing anyway
    last_input_ = seconds_();
}

Controller::~Controller() = default;

void Controller::start() {
    tick(); // asks the server who this kiosk is (and retries while offline), unless out of order
    if (!state_.out_of_order.empty()) {
        state_.connection = Connection::offline;
        remember_error(state_.out_of_order); // after tick(): stamped with the time
    }
}

void Controller::note_input() { last_input_ = seconds_(); }

bool Controller::drain() { return mailbox_.drain(); }

void Controller::apply(const Intent& in) {
    if (in.action != Action::type_text && in.action != Action::tap_key && in.action != Action::backspace &&
        in.action != Action::focus_field && in.action != Action::corner_tap)
        state_.field_error.clear();
    switch (in.action) {
    case Action::none: break;
    case Action::go_home:
    case Action::finish_visit: reset_visit(); break;
    case Action::back: back(); break;
    case Action::next: next(); break;
    case Action::start_checkin: go_to_step(Step::checkin_dob); break;
    case Action::checkin_by_reference: go_to_step(Step::checkin_reference); break;
    case Action::start_booking: load_services(); break;
    case Action::set_language:
        if (in.text != state_.language) {
            state_.language = in.text;
            refresh_names();
        }
        break;
    case Action::toggle_large_text: state_.large_text = !state_.large_text; break;
    case Action::toggle_contrast: state_.high_contrast = !state_.high_contrast; break;
    case Action::type_text:
    case Action::tap_key: {
        bool keypad = in.action == Action::tap_key && state_.screen == Screen::welcome;
        if ((state_.screen == Screen::entry || keypad) && state_.field_error != "checkin.ambiguous")
            state_.field_error.clear(); // an error goes once the person types again
        if (keypad) welcome_keypad();
        type_text(in.text, keypad);
        break;
    }
    case Action::backspace:
        if (state_.screen == Screen::welcome) welcome_keypad();
        if (state_.screen == Screen::entry || state_.screen == Screen::welcome) {
            if (state_.field_error != "checkin.ambiguous") state_.field_error.clear();
            state_.buffers[state_.focus].pop_back();
        }
        break;
    case Action::focus_field: state_.focus = in.field; break;
    case Action::switch_alphabet: state_.other_alphabet = !state_.other_alphabet; break;
    case Action::choose_service:
        if (in.index >= 0 && in.index < static_cast<int>(state_.booking.services.size())) {
            state_.booking.service = state_.booking.services[static_cast<std::size_t>(in.index)];
            state_.booking.slot.reset();
            state_.booking.slot_taken_notice = false;
            load_availability();
        }
        break;
    case Action::choose_day:
        state_.booking.day = in.text;
        state_.booking.times_page = 0;
        state_.booking.slot_taken_notice = false;
        state_.screen = Screen::times;
        break;
    case Action::more_times: ++state_.booking.times_page; break;
    case Action::choose_slot:
    case Action::join_waitlist: {
        auto& b = state_.booking;
        b.slot.reset();
        if (in.index >= 0 && in.index < static_cast<int>(b.slots.size()))
            b.slot = b.slots[static_cast<std::size_t>(in.index)];
        if (in.action == Action::choose_slot && !b.slot) break;
        b.waitlist = in.action == Action::join_waitlist;
        b.idempotency_key.clear(); // a new choice is a new booking attempt
        go_to_step(Step::client_name);
        break;
    }
    case Action::confirm:
        if (state_.booking.waitlist) join_waitlist();
        else book();
        break;
    case Action::keep_answer: state_.answer_kept = true; break;
    case Action::change_step:
        if (state_.screen == Screen::review && in.index >= 0 && in.index <= static_cast<int>(Step::phone)) {
            state_.change_from_review = true;
            go_to_step(static_cast<Step>(in.index));
        }
        break;
    case Action::retry: retry(); break;
    case Action::still_here:
        state_.asking_still_there = false;
        note_input();
        break;
    case Action::corner_tap: corner_tap(); break;
    case Action::staff_exit: state_.quit = true; break;
    }
}

void Controller::show_answer(Screen screen) {
    state_.screen = screen;
    state_.answer_kept = false;
    state_.answer_closes_at = seconds_() + options_.answer_seconds;
}

void Controller::go_to_step(Step step) {
    // The check-in's date of birth is typed on the first screen itself: no tap to get there.
    state_.screen = step == Step::checkin_dob ? Screen::welcome : Screen::entry;
    state_.step = step;
    state_.focus = step_fields(step).front();
}

void Controller::welcome_keypad() {
    // After a scan (or Back from elsewhere) the first screen's keypad types the date again.
    auto fields = step_fields(Step::checkin_dob);
    if (state_.step != Step::checkin_dob || std::find(fields.begin(), fields.end(), state_.focus) == fields.end()) {
        state_.step = Step::checkin_dob;
        state_.focus = fields.front();
    }
}

void Controller::type_text(const std::string& text, bool keypad) {
    // On the first screen a scanner's characters (a physical keyboard's) gather in the
    // scan buffer until its Enter; the on-screen keypad types the date of birth.
    if (state_.screen == Screen::welcome && !keypad) {
        state_.buffers[Field::scan].append(text);
        last_scan_key_ = seconds_();
        return;
    }
    if (state_.screen != Screen::entry && !keypad) return;
    TextField& field = state_.buffers[state_.focus];
    for (char c : text) { // single-byte filters; other text goes to name fields as typed
        if (is_digit_field(state_.focus) && !std::isdigit(static_cast<unsigned char>(c))) return;
        if (state_.focus == Field::reference && !std::isalnum(static_cast<unsigned char>(c)))
            return;
    }
    if (state_.focus == Field::reference || state_.focus == Field::initial) {
        std::string upper = text;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        field.append(upper);
    } else {
        field.append(text);
    }
    Field typed = state_.focus;
    if (is_date_step(state_.step)) {
        date_typed(); // may move on to the next field or step
        return;
    }
    // Fewer taps: a full reference checks in, a tapped initial checks in.
    if (typed == Field::reference && state_.step == Step::checkin_reference &&
        shared::normalise_reference(field.view()))
        check_in_by_reference();
    else if (typed == Field::initial && state_.step == Step::checkin_initial && !field.empty())
        check_in_by_dob();
}

void Controller::date_typed() {
    auto fields = step_fields(state_.step); // day, month, year
    TextField& field = state_.buffers[state_.focus];
    auto v = field.view();
    // Day and month move on once they cannot take another digit: "4" can only be the
    // 4th (no 40th), "2" only February; "3" waits for a possible "30".
    bool day = state_.focus == fields[0], month = state_.focus == fields[1];
    bool done = field.chars() >= field.max_chars() ||
                (day && v.size() == 1 && v[0] >= '4') || (month && v.size() == 1 && v[0] >= '2');
    if (!done) return;
    if (day || month) {
        state_.focus = fields[day ? 1 : 2];
        return;
    }
    // A full year on the check-in's date moves on to the initial by itself.
    if (state_.step == Step::checkin_dob) checkin_dob_done();
}

bool Controller::dob_ok(Field d, Field m, Field y) {
    auto& buf = state_.buffers;
    std::string text = compose_date(buf[d].view(), buf[m].view(), buf[y].view());
    auto today_date = shared::parse_date(today());
    bool ok = today_date && shared::validate_date_of_birth(text, "date_of_birth", *today_date).ok();
    if (!ok) state_.field_error = "error.date";
    return ok;
}

void Controller::checkin_dob_done() {
    if (dob_ok(Field::dob_day, Field::dob_month, Field::dob_year)) go_to_step(Step::checkin_initial);
}

void Controller::submit_scan() {
    TextField& scan = state_.buffers[Field::scan];
    auto reference = shared::normalise_reference(scan.view());
    if (!reference) {
        // Characters of a scan that lost its Enter may lead: the code is the last 8.
        TextField kept(TextField::kCapacity - 1); // wiped, as every typed buffer is
        for (char c : scan.view())
            if (std::isalnum(static_cast<unsigned char>(c))) kept.append(std::string_view(&c, 1));
        if (kept.chars() > 8) reference = shared::normalise_reference(kept.view().substr(kept.view().size() - 8));
        kept.wipe();
    }
    scan.wipe();
    if (!reference) return;
    state_.buffers[Field::reference].wipe();
    state_.buffers[Field::reference].append(*reference);
    state_.step = Step::checkin_reference;
    state_.focus = Field::reference;
    state_.checking_scan = true;
    check_in_by_reference();
}

void Controller::next() {
    if (state_.screen == Screen::welcome) { // Enter: a scan's end, else the typed date's
        auto& b = state_.buffers;
        if (b[Field::scan].empty() && (!b[Field::dob_day].empty() || !b[Field::dob_month].empty() ||
                                       !b[Field::dob_year].empty())) {
            welcome_keypad();
            checkin_dob_done();
        } else {
            submit_scan();
        }
        return;
    }
    if (state_.screen != Screen::entry) return;
    auto& buf = state_.buffers;
    auto name_ok = [&](Field f) {
        bool ok = shared::validate_name(buf[f].view(), "name", 40).ok();
        if (!ok) {
            state_.field_error = "error.name";
            state_.focus = f;
        }
        return ok;
    };
    // After a review's "Change", Next goes straight back to the review.
    auto advance = [this](Step step) {
        if (state_.change_from_review) {
            state_.change_from_review = false;
            state_.screen = Screen::review;
        } else {
            go_to_step(step);
        }
    };
    switch (state_.step) {
    case Step::checkin_reference: check_in_by_reference(); break;
    case Step::checkin_dob: checkin_dob_done(); break;
    case Step::checkin_initial:
        if (buf[Field::initial].empty()) state_.field_error = "error.initial";
        else check_in_by_dob();
        break;
    case Step::client_name:
        // Next from a typed first name to an untouched surname only moves there.
        if (state_.focus == Field::first_name && buf[Field::last_name].empty() &&
            shared::validate_name(buf[Field::first_name].view(), "name", 40).ok()) {
            state_.focus = Field::last_name;
            break;
        }
        if (name_ok(Field::first_name) && name_ok(Field::last_name)) advance(Step::client_dob);
        break;
    case Step::client_dob:
        if (dob_ok(Field::client_day, Field::client_month, Field::client_year)) {
            bool child = state_.booking.service && state_.booking.service->needs_child;
            advance(child ? Step::child_name : Step::phone);
        }
        break;
    case Step::child_name:
        if (name_ok(Field::child_first_name)) advance(Step::child_dob);
        break;
    case Step::child_dob:
        if (dob_ok(Field::child_day, Field::child_month, Field::child_year)) advance(Step::phone);
        break;
    case Step::phone:
        if (!buf[Field::phone].empty() &&
            !shared::validate_uk_mobile(buf[Field::phone].view(), "phone").ok()) {
            state_.field_error = "error.phone";
            break;
        }
        if (state_.booking.idempotency_key.empty())
            state_.booking.idempotency_key = new_idempotency_key();
        state_.change_from_review = false;
        state_.screen = Screen::review;
        break;
    case Step::staff_pin:
        if (!options_.staff_pin.empty() && buf[Field::staff_pin].view() == options_.staff_pin) {
            buf[Field::staff_pin].wipe();
            state_.screen = Screen::staff;
        } else {
            buf[Field::staff_pin].wipe();
            state_.field_error = "error.pin";
        }
        break;
    }
}

void Controller::back() {
    bool child = state_.booking.service && state_.booking.service->needs_child;
    switch (state_.screen) {
    case Screen::services:
    case Screen::staff:
    case Screen::problem: go_to_step(Step::checkin_dob); break; // the first screen
    case Screen::days: state_.screen = Screen::services; break;
    case Screen::times: state_.screen = Screen::days; break;
    case Screen::review: go_to_step(Step::phone); break;
    case Screen::entry:
        if (state_.change_from_review && state_.step != Step::staff_pin) { // Back from a "Change"
            state_.change_from_review = false;
            state_.screen = Screen::review;
            break;
        }
        switch (state_.step) {
        case Step::checkin_reference:
        case Step::checkin_dob: go_to_step(Step::checkin_dob); break; // the first screen
        case Step::checkin_initial: go_to_step(Step::checkin_dob); break;
        case Step::client_name: state_.screen = Screen::times; break;
        case Step::client_dob: go_to_step(Step::client_name); break;
        case Step::child_name: go_to_step(Step::client_dob); break;
        case Step::child_dob: go_to_step(Step::child_name); break;
        case Step::phone: go_to_step(child ? Step::child_dob : Step::client_dob); break;
        case Step::staff_pin: go_to_step(Step::checkin_dob); break;
        }
        break;
    default: break;
    }
}

void Controller::corner_tap() {
    double now = seconds_();
    if (state_.corner_taps == 0 || now - state_.first_corner_tap > 4.0) {
        state_.corner_taps = 0;
        state_.first_corner_tap = now;
    }
    if (++state_.corner_taps >= 5) {
        state_.corner_taps = 0;
        state_.buffers[Field::staff_pin].wipe();
        go_to_step(Step::staff_pin);
    }
}

void Controller::reset_visit() {
    state_.buffers.wipe_all();
    state_.booking = BookingFlow{};
    state_.checked_in.clear();
    state_.checkin_answer = CheckinAnswer::none;
    state_.screen = Screen::welcome;
    state_.step = Step::checkin_dob;
    state_.focus = Field::dob_day;
    state_.language = options_.default_language;
    state_.large_text = false;
    state_.high_contrast = false;
    state_.other_alphabet = false;
    state_.field_error.clear();
    state_.problem = Problem::none;
    state_.retry = RetryKind::none;
    state_.request = RequestState{};
    state_.asking_still_there = false;
    state_.answer_closes_at = 0;
    state_.answer_kept = false;
    state_.change_from_review = false;
    state_.checking_scan = false;
    state_.corner_taps = 0;
    ++state_.visit; // results of this visit's requests are dropped when they arrive
    note_input();
}

bool Controller::visit_active() const {
    return state_.screen != Screen::welcome || state_.buffers.any_typed() ||
           state_.language != options_.default_language || state_.large_text ||
           state_.high_contrast;
}

std::string Controller::today() const {
    const date::time_zone* zone = shared::find_zone(state_.me ? state_.me->hub.timezone : "Europe/London");
    if (!zone) zone = shared::find_zone("Europe/London");
    return shared::format_date(shared::local_date(zone, wall_.now()));
}

bool Controller::tick() {
    bool changed = false;
    double now = seconds_();
    const date::time_zone* zone = shared::find_zone(state_.me ? state_.me->hub.timezone : "Europe/London");
    if (zone) {
        auto t = wall_.now();
        std::string clock = shared::format_hhmm(shared::local_time_of_day(zone, t));
        std::string day = shared::format_date(shared::local_date(zone, t));
        if (clock != state_.clock_text || day != state_.today) changed = true;
        state_.clock_text = clock;
        state_.today = day;
    }
    if (!state_.buffers[Field::scan].empty() && now - last_scan_key_ >= options_.scan_clear_seconds)
        state_.buffers[Field::scan].wipe(); // a lost partial scan must not spoil the next
    bool answering = state_.screen == Screen::checkin_result || state_.screen == Screen::confirmation ||
                     state_.screen == Screen::waitlist_done;
    if (answering && !state_.answer_kept && state_.answer_closes_at > 0 && !state_.asking_still_there) {
        if (now >= state_.answer_closes_at) {
            reset_visit();
            return true;
        }
        int left = static_cast<int>(std::ceil(state_.answer_closes_at - now));
        changed |= left != answer_shown_; // the countdown redraws once a second
        answer_shown_ = left;
    }
    if (!visit_active()) {
        changed |= state_.asking_still_there;
        state_.asking_still_there = false;
    } else if (!state_.asking_still_there && now - last_input_ >= options_.idle_seconds) {
        state_.asking_still_there = true;
        state_.still_there_deadline = now + options_.still_there_seconds;
        changed = true;
    } else if (state_.asking_still_there && now >= state_.still_there_deadline) {
        reset_visit();
        changed = true;
    } else if (state_.asking_still_there) {
        int left = static_cast<int>(std::ceil(state_.still_there_deadline - now));
        changed = left != countdown_shown_; // redraw once a second, not every frame
        countdown_shown_ = left;
    }
    if ((state_.connection != Connection::online || !state_.me) && !probe_in_flight_ &&
        now >= next_probe_ && state_.out_of_order.empty())
        probe();
    return changed;
}

bool Controller::animating() const { return state_.request.phase == RequestPhase::pending; }

double Controller::seconds_until_wake() const {
    double now = seconds_();
    auto t = wall_.now().time_since_epoch().count();
    double wait = 60.0 - static_cast<double>(t % 60);
    if (!state_.buffers[Field::scan].empty())
        wait = std::min(wait, last_scan_key_ + options_.scan_clear_seconds - now);
    if (state_.asking_still_there || (state_.answer_closes_at > 0 && !state_.answer_kept))
        wait = std::min(wait, 1.0 - std::fmod(now, 1.0));
    else if (visit_active()) wait = std::min(wait, last_input_ + options_.idle_seconds - now);
    if ((state_.connection != Connection::online || !state_.me) && state_.out_of_order.empty())
        wait = std::min(wait, next_probe_ - now);
    return std::clamp(wait, 0.01, 0.5);
}

} // namespace frontdoor::kiosk

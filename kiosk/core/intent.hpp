#pragma once
// Intent: what a person asked for on a screen this frame. Screens return intents;
// the controller applies them. Plain data.

#include <string>

#include "kiosk/core/state.hpp"

namespace frontdoor::kiosk {

enum class Action {
    none,
    go_home,        // "Start again": ends the visit
    back,
    next,           // the entry screen's Next / Check in; Enter on a keyboard
    start_checkin,  // the date-of-birth keypad on the first screen ("Try again")
    checkin_by_reference,
    start_booking,
    set_language,   // text = language code
    toggle_large_text,
    toggle_contrast,
    type_text,      // text = UTF-8 from a physical keyboard or a barcode scanner
    tap_key,        // text = UTF-8 of an on-screen key
    backspace,
    switch_alphabet, // Latin <-> Cyrillic keyboard
    focus_field,    // field
    choose_service, // index into booking.services
    choose_day,     // text = YYYY-MM-DD
    choose_slot,    // index into booking.slots
    join_waitlist,  // index into booking.slots, or -1 for the service as a whole
    more_times,
    confirm,
    retry,
    still_here,
    finish_visit,
    keep_answer,    // "Keep this on screen": the answer's countdown stops
    change_step,    // review's "Change": back to the typing step `index` (a Step)
    corner_tap,
    staff_exit,
};

struct Intent {
    Action action = Action::none;
    std::string text;
    int index = -1;
    Field field = Field::scan;

    explicit operator bool() const { return action != Action::none; }
};

inline Intent make_intent(Action a) { return Intent{a, {}, -1, Field::scan}; }
inline Intent make_intent(Action a, std::string text) { return Intent{a, std::move(text), -1, Field::scan}; }
inline Intent make_intent(Action a, int index) { return Intent{a, {}, index, Field::scan}; }
inline Intent make_intent(Action a, Field f) { return Intent{a, {}, -1, f}; }

} // namespace frontdoor::kiosk

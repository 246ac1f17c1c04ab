#pragma once
// One function per screen: each draws the state it is given inside the content
// area the frame opened, and returns what the person asked for. No I/O, no state.

#include "kiosk/core/intent.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace frontdoor::kiosk {

Intent draw_welcome(UiContext& ui);
Intent draw_entry(UiContext& ui);
/// A step's fields (a date's day, month and year side by side) in `width`; a tap
/// focuses one.
Intent draw_step_fields(UiContext& ui, Step step, float width);
Intent draw_checkin_result(UiContext& ui);
Intent draw_services(UiContext& ui);
Intent draw_days(UiContext& ui);
Intent draw_times(UiContext& ui);
Intent draw_review(UiContext& ui);
Intent draw_confirmation(UiContext& ui);
Intent draw_waitlist_done(UiContext& ui);
Intent draw_problem(UiContext& ui);
Intent draw_out_of_order(UiContext& ui);
Intent draw_staff(UiContext& ui);
Intent draw_still_there(UiContext& ui);

} // namespace frontdoor::kiosk

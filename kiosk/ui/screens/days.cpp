// The day strip: today and the next weeks, seven to a row; a tick and a count mark
// the days with free times, a dash the days without.
#include <map>

#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_days(UiContext& ui) {
    Intent out;
    const BookingFlow& b = ui.state.booking;
    float w = begin_column(ui, 40.f);
    heading(ui, ui.t("days.title"));
    std::string months;
    if (!b.from.empty()) {
        months = ui.t(("month." + std::to_string(month_of(b.from))).c_str());
        if (month_of(b.to) != month_of(b.from))
            months += std::string(" \xE2\x80\x93 ") + ui.t(("month." + std::to_string(month_of(b.to))).c_str());
    }
    if (ui.landscape()) { // one line for both, to leave room for the days
        if (b.service) months = b.service->name + "  \xE2\x80\xA2  " + months;
        body(ui, months.c_str());
    } else {
        if (b.service) body(ui, b.service->name.c_str());
        heading(ui, months.c_str());
    }
    bool group = b.service && b.service->kind == "group";
    body(ui, ui.t(group ? "days.legend_places" : "days.legend"));

    std::map<std::string, int> places, sessions; // per day
    for (const auto& slot : b.slots) {
        std::string day = instant_day(slot.start);
        // Group days count places (not sessions); appointment days count free times.
        places[day] += slot.places_left > 0 ? (group ? slot.places_left : 1) : 0;
        sessions[day] += 1;
    }
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float tw = (w - 6 * gap) / 7.f;
    bool wide = ui.landscape(); // wide tiles: weekday and date on one line
    float th = std::max(ui.touch_height(), ImGui::GetTextLineHeightWithSpacing() * (wide ? 2.1f : 3.2f));
    int count = days_between_inclusive(b.from, b.to);
    for (int i = 0; i < count; ++i) {
        std::string day = add_days(b.from, i);
        if (i % 7 == 0 && i > 0) ImGui::Dummy(ImVec2(1, gap * 0.5f));
        if (i % 7 != 0) ImGui::SameLine();
        int free = places.count(day) ? places[day] : 0;
        bool full = !free && sessions.count(day);
        std::string status = free ? "\xE2\x9C\x93 " + std::to_string(free)
                                  : full ? ui.t("days.full") : "\xE2\x80\x94"; // — : nothing
        std::string label = std::string(ui.t(("weekday_short." + std::to_string(weekday_of(day))).c_str())) +
                            (wide ? " " : "\n") + std::to_string(day_of_month(day)) + "\n" + status;
        bool open = free || full;
        ImGui::BeginDisabled(!open);
        if (big_button(ui, ("day." + day).c_str(), label.c_str(),
                       free ? ButtonKind::primary : ButtonKind::secondary, ImVec2(tw, th)))
            out = make_intent(Action::choose_day, day);
        ImGui::EndDisabled();
    }
    if (b.slots.empty()) {
        ImGui::Spacing();
        notice(ui, ui.t("days.none"));
        if (big_button(ui, "waitlist", ui.t("days.join_waitlist"), ButtonKind::primary, ImVec2(w, 0)))
            out = make_intent(Action::join_waitlist, -1);
    }
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

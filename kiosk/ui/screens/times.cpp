// The times of the chosen day as large buttons (never a calendar grid), a page at a
// time. A full group session offers the waitlist instead.
#include <vector>

#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_times(UiContext& ui) {
    Intent out;
    const BookingFlow& b = ui.state.booking;
    float w = begin_column(ui);
    heading(ui, ui.t("times.title"));
    body(ui, long_day(ui, b.day).c_str());
    if (b.slot_taken_notice) notice(ui, ui.t("times.taken"));

    std::vector<int> today; // indexes into b.slots
    for (std::size_t i = 0; i < b.slots.size(); ++i)
        if (instant_day(b.slots[i].start) == b.day) today.push_back(static_cast<int>(i));
    if (today.empty()) body(ui, ui.t("times.none"));

    bool group = b.service && b.service->kind == "group";
    int columns = ui.landscape() ? 4 : 2;
    if (group) columns /= 2;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float bw = (w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    float bh = ui.touch_height() * (group ? 1.4f : 1.f);
    float spacing = ImGui::GetStyle().ItemSpacing.y;
    float nav = 2 * (ui.touch_height() + spacing);
    int rows = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().y - nav) / (bh + spacing)));
    int per_page = rows * columns;
    int pages = std::max(1, (static_cast<int>(today.size()) + per_page - 1) / per_page);
    int page = b.times_page % pages;

    for (int k = 0; k < per_page; ++k) {
        std::size_t at = static_cast<std::size_t>(page * per_page + k);
        if (at >= today.size()) break;
        const auto& slot = b.slots[static_cast<std::size_t>(today[at])];
        if (k % columns != 0) ImGui::SameLine();
        std::string label = instant_time(slot.start);
        bool full = slot.places_left <= 0;
        if (group)
            label += "\n" + (full ? std::string(ui.t("times.full_waitlist"))
                                  : std::to_string(slot.places_left) + " " + ui.t("times.places_left"));
        std::string id = "slot." + instant_time(slot.start);
        if (big_button(ui, id.c_str(), label.c_str(), full ? ButtonKind::secondary : ButtonKind::primary,
                       ImVec2(bw, bh)))
            out = make_intent(full ? Action::join_waitlist : Action::choose_slot, today[at]);
    }
    if (pages > 1) {
        std::string more = std::string(ui.t("times.more")) + "  (" + std::to_string(page + 1) + "/" +
                           std::to_string(pages) + ")";
        if (big_button(ui, "more_times", more.c_str(), ButtonKind::secondary, ImVec2(w, 0)))
            out = make_intent(Action::more_times);
    }
    if (ui.busy() && ui.now - ui.state.request.started_at > 0.3) spinner(ui);
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

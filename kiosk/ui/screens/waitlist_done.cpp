// On the waiting list: the place in the queue and what happens next.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_waitlist_done(UiContext& ui) {
    Intent out;
    const BookingFlow& b = ui.state.booking;
    float w = begin_column(ui);
    heading(ui, (std::string("\xE2\x9C\x93 ") + ui.t("waitlist.title")).c_str());
    if (b.service && !b.service->discreet) body(ui, b.service->name.c_str());
    if (b.waitlist_entry && b.waitlist_entry->position > 0) {
        ImGui::TextUnformatted(ui.t("waitlist.position"));
        ImGui::PushFont(ui.font_set().huge);
        ImGui::TextUnformatted(std::to_string(b.waitlist_entry->position).c_str());
        ImGui::PopFont();
    }
    body(ui, ui.t("waitlist.next"));
    if (Intent a = answer_footer(ui, w)) out = a;
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

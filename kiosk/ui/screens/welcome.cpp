// The first screen: check in or book (language and display choices are in the header).
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_welcome(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float w = begin_column(ui, 34.f); // language and display are in the header
    heading(ui, ui.t("welcome.title"));
    body(ui, ui.t("welcome.subtitle"));
    ImGui::Spacing();
    if (s.connection == Connection::offline) notice(ui, ui.t("welcome.offline"));
    if (s.checking_scan) notice(ui, ui.t("scan.checking")); // at once, not after the spinner's 300 ms

    float tall = ui.touch_height() * (ui.landscape() ? 1.5f : 2.f);
    ImGui::PushFont(ui.font_set().heading); // the two ways in, in large bold words
    if (big_button(ui, "checkin", ui.t("welcome.checkin"), ButtonKind::primary, ImVec2(w, tall)))
        out = make_intent(Action::start_checkin);
    if (big_button(ui, "book", ui.t("welcome.book"), ButtonKind::primary, ImVec2(w, tall)))
        out = make_intent(Action::start_booking);
    ImGui::PopFont();
    if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);

    end_column();
    return out;
}

} // namespace frontdoor::kiosk

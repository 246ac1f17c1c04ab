// After a minute without a touch: "Are you still there?" and a countdown; the
// screen behind is hidden so nobody passing sees what was typed.
#include <cmath>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_still_there(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float w = begin_column(ui);
    ImGui::Dummy(ImVec2(1, ImGui::GetContentRegionAvail().y * 0.2f));
    heading(ui, ui.t("idle.title"));
    int left = std::max(0, static_cast<int>(std::ceil(s.still_there_deadline - ui.now)));
    std::string text = ui.t("idle.countdown");
    auto at = text.find("{n}");
    if (at != std::string::npos) text.replace(at, 3, std::to_string(left));
    body(ui, text.c_str());
    ImGui::PushFont(ui.font_set().huge);
    ImGui::TextUnformatted(std::to_string(left).c_str());
    ImGui::PopFont();
    if (big_button(ui, "still_here", ui.t("idle.yes"), ButtonKind::primary, ImVec2(w, ui.touch_height() * 1.4f)))
        out = make_intent(Action::still_here);
    if (big_button(ui, "home", ui.t("nav.start_again"), ButtonKind::secondary, ImVec2(w, 0)))
        out = make_intent(Action::go_home);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

// How to check in: with the booking reference, or with a date of birth.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_checkin_choice(UiContext& ui) {
    Intent out;
    float w = begin_column(ui);
    heading(ui, ui.t("choice.title"));
    // The quickest way first: a scan takes no tap, a date of birth the fewest.
    body(ui, ui.t("choice.scan_hint"));
    if (ui.state.checking_scan) notice(ui, ui.t("scan.checking"));
    ImGui::Spacing();
    std::string by_dob = std::string(ui.t("choice.dob")) + "\n" + ui.t("choice.dob_hint");
    if (big_button(ui, "by_dob", by_dob.c_str(), ButtonKind::primary,
                   ImVec2(w, ui.touch_height() * 1.6f)))
        out = make_intent(Action::checkin_by_dob);
    std::string by_ref = std::string(ui.t("choice.reference")) + "\n" + ui.t("choice.reference_hint");
    if (big_button(ui, "by_reference", by_ref.c_str(), ButtonKind::primary,
                   ImVec2(w, ui.touch_height() * 1.6f)))
        out = make_intent(Action::checkin_by_reference);
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

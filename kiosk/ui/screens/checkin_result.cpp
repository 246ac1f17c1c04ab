// The answer to a check-in: the time, where to go, "please take a seat" — or
// "please see reception" (also when late). A discreet service is never named.
#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_checkin_result(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float w = begin_column(ui);
    if (s.checkin_answer == CheckinAnswer::checked_in) {
        heading(ui, (std::string("\xE2\x9C\x93 ") + ui.t("result.checked_in")).c_str());
        for (const auto& c : s.checked_in) {
            ImGui::Separator();
            ImGui::TextUnformatted(ui.t("result.time"));
            ImGui::PushFont(ui.font_set().huge);
            ImGui::TextUnformatted(instant_time(c.start).c_str());
            ImGui::PopFont();
            ImGui::TextUnformatted(ui.t("result.go_to"));
            heading(ui, c.room_name.c_str());
            if (!c.discreet && !c.service_name.empty())
                body(ui, (std::string(ui.t("result.for")) + " " + c.service_name).c_str());
        }
        ImGui::Separator();
        bool late = false;
        for (const auto& c : s.checked_in) late |= c.late;
        if (late) { // in large words, with the warning sign
            ImGui::PushFont(ui.font_set().heading);
            notice(ui, ui.t("result.late"));
            ImGui::PopFont();
        }
        else heading(ui, ui.t("result.take_seat"));
    } else {
        heading(ui, ui.t("result.not_found"));
        body(ui, ui.t("result.see_reception"));
        ImGui::Spacing();
        if (big_button(ui, "try_again", ui.t("result.try_again"), ButtonKind::secondary, ImVec2(w, 0)))
            out = make_intent(Action::start_checkin);
    }
    if (Intent a = answer_footer(ui, w)) out = a;
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

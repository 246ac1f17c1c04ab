// The server cannot be reached, took too long, or refused: plain words, reception,
// a way to try again and a way back.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_problem(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float w = begin_column(ui);
    const char* title = s.problem == Problem::timeout ? "problem.timeout"
                        : s.problem == Problem::offline ? "problem.offline"
                                                        : "problem.rejected";
    heading(ui, ui.t(title));
    body(ui, ui.t("problem.see_reception"));
    if (s.problem != Problem::rejected && s.connection == Connection::online)
        notice(ui, ui.t("problem.back_online"));
    ImGui::Spacing();
    if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);
    if (big_button(ui, "retry", ui.t("problem.retry"), ButtonKind::primary, ImVec2(w, 0)))
        out = make_intent(Action::retry);
    if (big_button(ui, "home", ui.t("nav.start_again"), ButtonKind::secondary, ImVec2(w, 0)))
        out = make_intent(Action::go_home);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

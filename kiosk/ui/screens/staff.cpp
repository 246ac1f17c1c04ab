// The staff corner: server, connection, version, the last errors; close or exit.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_staff(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float w = begin_column(ui);
    heading(ui, ui.t("staff.title"));
    const char* conn = s.connection == Connection::online ? "staff.online"
                       : s.connection == Connection::offline ? "staff.offline"
                                                             : "staff.unknown";
    ImGui::Text("%s: %s", ui.t("staff.server"), s.server_url.c_str());
    ImGui::Text("%s: %s", ui.t("staff.connection"), ui.t(conn));
    if (s.me) ImGui::Text("%s: %s (%s)", ui.t("staff.hub"), s.me->hub.name.c_str(), s.me->name.c_str());
    ImGui::Text("%s: %s", ui.t("staff.version"), s.version.c_str());
    ImGui::Separator();
    ImGui::TextUnformatted(ui.t("staff.errors"));
    if (s.last_errors.empty()) ImGui::TextUnformatted("\xE2\x80\x94");
    for (const auto& e : s.last_errors) body(ui, e.c_str());
    ImGui::Spacing();
    if (big_button(ui, "exit", ui.t("staff.exit"), ButtonKind::secondary, ImVec2(w, 0)))
        out = make_intent(Action::staff_exit);
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

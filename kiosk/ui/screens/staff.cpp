// The staff corner: server, connection (and why it fails, when staff can fix it: an
// address the kiosk refuses, an untrusted certificate), version, the last errors.
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
    // Why it cannot work, when staff can do something about it, before "cannot reach".
    std::string why = !s.out_of_order.empty() ? s.out_of_order
                      : s.connection == Connection::offline && !s.connection_note.empty() ? s.connection_note
                                                                                           : ui.t(conn);
    body(ui, (std::string(ui.t("staff.server")) + ": " + s.server_url).c_str());
    body(ui, (std::string(ui.t("staff.connection")) + ": " + why).c_str());
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

// What to book: one large tile per self-bookable service, named in the family's
// language with its one-line description; discreet services are never listed.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_services(UiContext& ui) {
    Intent out;
    const auto& services = ui.state.booking.services;
    float w = begin_column(ui);
    heading(ui, ui.t("services.title"));
    if (services.empty()) body(ui, ui.t("services.none"));
    int columns = ui.landscape() ? 2 : 1;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float tw = (w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < services.size(); ++i) {
        const auto& sv = services[i];
        if (sv.discreet) continue; // never named on a kiosk (the controller drops them too)
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        std::string kind = sv.kind == "group" ? ui.t("services.group") : ui.t("services.appointment");
        // The name in the family's language; English with a marker when set-up gave none.
        std::string label = service_name_shown(sv, ui.state.language, ui.translations) + "\n";
        if (!sv.description.empty()) label += sv.description + "\n";
        label += kind + ", " + std::to_string(sv.duration_minutes) + " " + ui.t("services.minutes");
        float lines = sv.description.empty() ? 1.5f : 2.1f;
        if (big_button(ui, ("service." + std::to_string(sv.id)).c_str(), label.c_str(),
                       ButtonKind::primary, ImVec2(tw, ui.touch_height() * lines)))
            out = make_intent(Action::choose_service, static_cast<int>(i));
    }
    if (ui.busy() && ui.now - ui.state.request.started_at > 0.3) spinner(ui);
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

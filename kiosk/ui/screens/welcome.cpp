// The first screen: check in, book, language, larger text, high contrast.
#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_welcome(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    bool wide = ui.landscape();
    float full = begin_column(ui, wide ? 48.f : 34.f);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    // Landscape: the two big choices on the left, language and display on the right.
    float w = wide ? (full - gap * 3) * 0.55f : full;
    if (wide) ImGui::BeginChild("##choices", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);
    heading(ui, ui.t("welcome.title"));
    body(ui, ui.t("welcome.subtitle"));
    ImGui::Spacing();
    if (s.connection == Connection::offline) notice(ui, ui.t("welcome.offline"));

    float tall = ui.touch_height() * (ui.landscape() ? 1.5f : 2.f);
    ImGui::PushFont(ui.font_set().heading); // the two ways in, in large bold words
    if (big_button(ui, "checkin", ui.t("welcome.checkin"), ButtonKind::primary, ImVec2(w, tall)))
        out = make_intent(Action::start_checkin);
    if (big_button(ui, "book", ui.t("welcome.book"), ButtonKind::primary, ImVec2(w, tall)))
        out = make_intent(Action::start_booking);
    ImGui::PopFont();
    if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);

    if (wide) {
        ImGui::EndChild();
        ImGui::SameLine(0, gap * 3);
        ImGui::BeginChild("##display", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        w = ImGui::GetContentRegionAvail().x;
    } else {
        // Portrait: language and display settings sit at the bottom of the screen.
        float sp = ImGui::GetStyle().ItemSpacing.y;
        float rows = static_cast<float>((ui.translations.languages().size() + 1) / 2);
        float settings = ImGui::GetTextLineHeightWithSpacing() + rows * (ui.touch_height() + sp) +
                         ImGui::GetFontSize() * 0.5f + sp + ui.touch_height() + sp * 2;
        float room = ImGui::GetContentRegionAvail().y - settings;
        ImGui::Dummy(ImVec2(1, std::max(ImGui::GetFontSize() * 0.5f, room)));
        ImGui::Separator();
    }
    ImGui::TextUnformatted(ui.t("welcome.language"));
    const auto& langs = ui.translations.languages();
    int columns = 2;
    float lw = (w - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    for (std::size_t i = 0; i < langs.size(); ++i) {
        if (i % static_cast<std::size_t>(columns) != 0) ImGui::SameLine();
        bool chosen = langs[i].code == s.language;
        std::string label = (chosen ? "\xE2\x9C\x93 " : "") + langs[i].name; // ✓ marks the choice
        if (big_button(ui, ("lang." + langs[i].code).c_str(), label.c_str(),
                       chosen ? ButtonKind::primary : ButtonKind::secondary, ImVec2(lw, 0)))
            out = make_intent(Action::set_language, langs[i].code);
    }

    ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.5f));
    float tw = (w - gap) * 0.5f;
    std::string large = std::string(ui.t("welcome.large_text")) + ": " +
                        ui.t(s.large_text ? "toggle.on" : "toggle.off");
    std::string contrast = std::string(ui.t("welcome.contrast")) + ": " +
                           ui.t(s.high_contrast ? "toggle.on" : "toggle.off");
    if (big_button(ui, "large_text", large.c_str(), ButtonKind::secondary, ImVec2(tw, 0)))
        out = make_intent(Action::toggle_large_text);
    ImGui::SameLine();
    if (big_button(ui, "contrast", contrast.c_str(), ButtonKind::secondary, ImVec2(tw, 0)))
        out = make_intent(Action::toggle_contrast);
    if (wide) ImGui::EndChild();
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

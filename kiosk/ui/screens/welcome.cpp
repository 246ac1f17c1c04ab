// The first screen: "Book an appointment" above, and check-in itself under it: the
// date-of-birth keypad (the fewest taps), a word that the letter's code can be scanned,
// and "Use my booking reference instead". Landscape puts the keypad on the right, as
// every typing screen does.
#include <algorithm>

#include "kiosk/core/steps.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_welcome(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    bool wide = ui.landscape();
    float full = begin_column(ui, wide ? 48.f : 34.f); // language and display are in the header
    float gap = ImGui::GetStyle().ItemSpacing.x;
    float spacing = ImGui::GetStyle().ItemSpacing.y;
    float w = wide ? full * 0.42f : full;
    if (wide) ImGui::BeginChild("##checkin", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);

    ImGui::PushFont(ui.font_set().heading); // booking, in large bold words
    if (big_button(ui, "book", ui.t("welcome.book"), ButtonKind::primary, ImVec2(w, ui.touch_height() * (wide ? 1.15f : 1.3f))))
        out = make_intent(Action::start_booking);
    ImGui::PopFont();
    if (s.connection == Connection::offline) notice(ui, ui.t("welcome.offline"));
    if (s.checking_scan) notice(ui, ui.t("scan.checking")); // at once, not after the spinner's 300 ms
    ImGui::Spacing(); // landscape's left column is short: no rule between booking and check-in
    if (!wide) {
        ImGui::Separator();
        ImGui::Spacing();
    }

    heading(ui, ui.t("welcome.checkin"));
    body(ui, ui.t("welcome.dob_hint"));
    if (s.connection != Connection::offline) body(ui, ui.t("welcome.scan_hint")); // no scan works offline
    // The keypad types the date (a scanner's keys gather apart, in the scan buffer).
    auto dob = step_fields(Step::checkin_dob);
    bool on_date = std::find(dob.begin(), dob.end(), s.focus) != dob.end();
    const TextField& typing = s.buffers[on_date ? s.focus : dob.front()];
    float button_h = ui.touch_height();
    auto reference_button = [&] {
        if (big_button(ui, "by_reference", ui.t("welcome.use_reference"), ButtonKind::secondary,
                       ImVec2(w, button_h)))
            out = make_intent(Action::checkin_by_reference);
    };
    auto fields = [&](float width) {
        if (Intent f = draw_step_fields(ui, Step::checkin_dob, width)) out = f;
        if (!s.field_error.empty()) notice(ui, ui.t(s.field_error.c_str()));
        if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);
    };
    float want = keyboard_height(ui, Keys::digits);
    if (wide) { // the typed date and its keypad on the right, as on every typing screen
        float bottom = ImGui::GetCursorPosY() + ImGui::GetContentRegionAvail().y;
        float at = bottom - button_h - spacing;
        if (ImGui::GetCursorPosY() < at) ImGui::SetCursorPosY(at);
        reference_button();
        ImGui::EndChild();
        ImGui::SameLine(0, gap * 3);
        ImGui::BeginChild("##keypad", ImVec2(0, 0), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar);
        fields(ImGui::GetContentRegionAvail().x);
        float room = ImGui::GetContentRegionAvail().y - spacing; // the keys right under the date
        if (Intent k = draw_keyboard(ui, Keys::digits, typing, std::min(room, want))) out = k;
        ImGui::EndChild();
    } else {
        fields(w);
        float bottom = ImGui::GetCursorPosY() + ImGui::GetContentRegionAvail().y;
        float room = bottom - ImGui::GetCursorPosY() - button_h - spacing * 3;
        if (Intent k = draw_keyboard(ui, Keys::digits, typing, std::min(room, want))) out = k;
        ImGui::Spacing();
        reference_button();
    }
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

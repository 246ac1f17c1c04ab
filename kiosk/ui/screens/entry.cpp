// One typing step: its question, its fields, a keyboard, Back and Next.
#include <algorithm>

#include "kiosk/core/steps.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

namespace {

const char* hint_key(Step step) {
    switch (step) {
    case Step::checkin_reference: return "entry.reference.hint";
    case Step::checkin_dob:
    case Step::client_dob:
    case Step::child_dob: return "entry.dob.hint";
    case Step::checkin_initial: return "entry.initial.hint";
    case Step::phone: return "entry.phone.hint";
    default: return nullptr;
    }
}

const char* next_key(Step step) {
    switch (step) {
    case Step::checkin_reference:
    case Step::checkin_initial: return "entry.check_in";
    case Step::staff_pin: return "staff.open";
    default: return "nav.next";
    }
}

} // namespace

Intent draw_step_fields(UiContext& ui, Step step, float w) {
    Intent out;
    const KioskState& s = ui.state;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    auto fields = step_fields(step);
    bool row = is_date_step(step);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        Field f = fields[i];
        float fw = w;
        if (row) { // day and month narrow, year wider, side by side
            float unit = (w - 2 * gap) / 4.f;
            fw = (i == 2) ? unit * 2 : unit;
            if (i) ImGui::SameLine();
        }
        std::string id = "field." + std::to_string(static_cast<int>(f));
        if (text_box(ui, id.c_str(), ui.t(field_label_key(f)), s.buffers[f], f == s.focus,
                     f == Field::staff_pin, fw))
            out = make_intent(Action::focus_field, f);
    }
    return out;
}

Intent draw_entry(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    bool wide = ui.landscape();
    float full = begin_column(ui, wide ? 48.f : 34.f);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    // Landscape: question, fields and buttons on the left, the keyboard on the right.
    float w = wide ? full * 0.42f : full;
    if (wide) ImGui::BeginChild("##question", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);
    heading(ui, ui.t(step_title_key(s.step)));
    if (const char* hint = hint_key(s.step)) body(ui, ui.t(hint));

    if (Intent f = draw_step_fields(ui, s.step, w)) out = f;
    if (!s.field_error.empty()) notice(ui, ui.t(s.field_error.c_str()));
    if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);

    Keys keys = step_keys(s.step);
    float want = keyboard_height(ui, keys);
    // Every typing screen puts its keyboard's top at the same height, that of the
    // tallest keyboard, so a finger that learned where the keys are finds them again.
    float tallest = std::max(keyboard_height(ui, Keys::letters), keyboard_height(ui, Keys::letters_and_digits));
    if (wide) {
        int nav_pressed = nav_row(ui, "next", ui.t(next_key(s.step)));
        if (nav_pressed == 1) out = make_intent(Action::back);
        if (nav_pressed == 2) out = make_intent(Action::next);
        ImGui::EndChild();
        ImGui::SameLine(0, gap * 3);
        ImGui::BeginChild("##keyboard", ImVec2(0, 0), false,
                          ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar);
        float spacing = ImGui::GetStyle().ItemSpacing.y;
        float room = ImGui::GetContentRegionAvail().y - spacing;
        if (room > tallest) ImGui::Dummy(ImVec2(1, room - tallest - spacing));
        if (Intent k = draw_keyboard(ui, keys, s.buffers[s.focus], std::min(room, want))) out = k;
        ImGui::EndChild();
    } else {
        float spacing = ImGui::GetStyle().ItemSpacing.y;
        float nav = ui.touch_height() + spacing * 3;
        float bottom = ImGui::GetCursorPosY() + ImGui::GetContentRegionAvail().y;
        float top = bottom - nav - tallest; // the same on every typing screen
        if (ImGui::GetCursorPosY() < top) ImGui::SetCursorPosY(top);
        float room = bottom - nav - ImGui::GetCursorPosY();
        if (Intent k = draw_keyboard(ui, keys, s.buffers[s.focus], std::min(room, want))) out = k;
        int nav_pressed = nav_row(ui, "next", ui.t(next_key(s.step)));
        if (nav_pressed == 1) out = make_intent(Action::back);
        if (nav_pressed == 2) out = make_intent(Action::next);
    }
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

#include "kiosk/ui/frame.hpp"

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

namespace {

std::string utf8(unsigned int c) {
    std::string s;
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
}

bool key_pressed(ImGuiKey key) {
    int index = ImGui::GetKeyIndex(key);
    return index >= 0 && ImGui::IsKeyPressed(index, false);
}

/// Characters and keys from a physical keyboard or a barcode scanner; ignored (but
/// still wiped) while a request runs or the kiosk asks "still there?".
void read_keyboard(FrameOutput& out, bool accept) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseClicked[0] || io.MouseDown[0]) out.input = true;
    for (ImWchar& c : io.InputQueueCharacters) {
        if (accept && c >= 0x20 && c != 0x7F) out.intents.push_back(make_intent(Action::type_text, utf8(c)));
        c = 0; // ImGui only shrinks its queue: leave no typed character behind in it
        out.input = true;
    }
    if (!accept) return;
    if (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)) {
        out.intents.push_back(make_intent(Action::next));
        out.input = true;
    }
    if (key_pressed(ImGuiKey_Backspace)) {
        out.intents.push_back(make_intent(Action::backspace));
        out.input = true;
    }
}

Intent draw_header(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    float f = ImGui::GetFontSize();
    ImVec2 start = ImGui::GetCursorPos();
    // The staff corner: five quick taps on the top-left corner, then a PIN.
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##staff_corner", ImVec2(f * 2.5f, f * 2.5f))) out = make_intent(Action::corner_tap);
    ui.hits.push_back(HitBox{"staff_corner", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    // One row, 88 px high at 1080: the hub's name, "Start again", the clock.
    float h = 88.f * ui.scale;
    float text_y = start.y + (h - ImGui::GetTextLineHeight()) * 0.5f;
    float right = ImGui::GetWindowContentRegionMax().x;
    float clock_w = ImGui::CalcTextSize(s.clock_text.c_str()).x;
    std::string place = s.me ? s.me->hub.name : std::string(ui.t("app.name"));
    ImGui::SetCursorPos(ImVec2(start.x, text_y));
    ImGui::TextUnformatted(place.c_str());
    if (s.screen != Screen::welcome && !s.asking_still_there) {
        std::string again = ui.t("nav.start_again");
        float bw = ImGui::CalcTextSize(again.c_str()).x + f * 1.6f;
        ImGui::SetCursorPos(ImVec2(right - clock_w - f - bw, start.y));
        if (big_button(ui, "home", again.c_str(), ButtonKind::secondary, ImVec2(bw, h)))
            out = make_intent(Action::go_home);
    }
    ImGui::SetCursorPos(ImVec2(right - clock_w, text_y));
    ImGui::TextUnformatted(s.clock_text.c_str());
    ImGui::SetCursorPos(ImVec2(start.x, start.y + h + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Separator();
    return out;
}

} // namespace

FrameOutput draw_frame(UiContext& ui) {
    FrameOutput out;
    const KioskState& s = ui.state;
    ui.hits.clear();
    ui.theme = make_theme(s.high_contrast);
    ImGui::PushFont(ui.font_set().body);
    apply_style(ui.theme, ImGui::GetFontSize());

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##kiosk", nullptr, flags);
    if (Intent h = draw_header(ui)) out.intents.push_back(h);

    ImGui::BeginDisabled(ui.busy());
    Intent in;
    if (s.asking_still_there) {
        in = draw_still_there(ui);
    } else {
        switch (s.screen) {
        case Screen::welcome: in = draw_welcome(ui); break;
        case Screen::checkin_choice: in = draw_checkin_choice(ui); break;
        case Screen::entry: in = draw_entry(ui); break;
        case Screen::checkin_result: in = draw_checkin_result(ui); break;
        case Screen::services: in = draw_services(ui); break;
        case Screen::days: in = draw_days(ui); break;
        case Screen::times: in = draw_times(ui); break;
        case Screen::review: in = draw_review(ui); break;
        case Screen::confirmation: in = draw_confirmation(ui); break;
        case Screen::waitlist_done: in = draw_waitlist_done(ui); break;
        case Screen::problem: in = draw_problem(ui); break;
        case Screen::staff: in = draw_staff(ui); break;
        }
    }
    ImGui::EndDisabled();
    if (in) out.intents.push_back(in);
    ImGui::End();
    ImGui::PopFont();
    read_keyboard(out, !ui.busy() && !s.asking_still_there);
    return out;
}

void apply_frame(Controller& controller, const FrameOutput& out) {
    if (out.input) controller.note_input();
    for (const auto& intent : out.intents) controller.apply(intent);
}

} // namespace frontdoor::kiosk

#include "kiosk/ui/frame.hpp"

#include <algorithm>

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
    } else if (c < 0x110000) {
        s += static_cast<char>(0xF0 | (c >> 18));
        s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
}

bool key_pressed(ImGuiKey key) {
    int index = ImGui::GetKeyIndex(key);
    return index >= 0 && ImGui::IsKeyPressed(index, false);
}

/// Characters and keys from a physical keyboard or a barcode scanner, in the order
/// they came (a scanner's Enter pressed and released within one frame counts);
/// ignored (but still wiped) while a request runs or the kiosk asks "still there?".
void read_keyboard(UiContext& ui, FrameOutput& out, bool accept) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseClicked[0] || io.MouseDown[0]) out.input = true;
    std::vector<KeyEvent> events;
    if (ui.keys) events = ui.keys->take();
    for (ImWchar& c : io.InputQueueCharacters) {
        if (!ui.keys && c >= 0x20 && c != 0x7F) events.push_back(KeyEvent{KeyEvent::Kind::character, c});
        c = 0; // ImGui only shrinks its queue: leave no typed character behind in it
        out.input = true;
    }
    if (!ui.keys) {
        if (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter))
            events.push_back(KeyEvent{KeyEvent::Kind::enter, 0});
        if (key_pressed(ImGuiKey_Backspace)) events.push_back(KeyEvent{KeyEvent::Kind::backspace, 0});
    }
    for (const KeyEvent& e : events) {
        out.input = true;
        if (!accept) continue;
        switch (e.kind) {
        case KeyEvent::Kind::character: out.intents.push_back(make_intent(Action::type_text, utf8(e.codepoint))); break;
        case KeyEvent::Kind::enter: out.intents.push_back(make_intent(Action::next)); break;
        case KeyEvent::Kind::backspace: out.intents.push_back(make_intent(Action::backspace)); break;
        }
    }
}

/// The header of every screen, in the normal text size whatever the choice (so it
/// always fits): the hub's name, larger text, high contrast, "Start again" and the
/// clock; under them a row with every language. Switching keeps what was typed.
Intent draw_header(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    ImGui::PushFont(ui.fonts.normal.body);
    float f = ImGui::GetFontSize();
    float gap = ImGui::GetStyle().ItemSpacing.x;
    ImVec2 start = ImGui::GetCursorPos();
    // The staff corner: five quick taps on the top-left corner, then a PIN.
    ImGui::SetCursorPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##staff_corner", ImVec2(f * 2.5f, f * 2.5f))) out = make_intent(Action::corner_tap);
    ui.hits.push_back(HitBox{"staff_corner", ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    // One row, 88 px high at 1080: the hub's name, the display toggles, "Start again", the clock.
    float h = 88.f * ui.scale;
    float text_y = start.y + (h - ImGui::GetTextLineHeight()) * 0.5f;
    float right = ImGui::GetWindowContentRegionMax().x;
    float clock_w = ImGui::CalcTextSize(s.clock_text.c_str()).x;
    std::string place = s.me ? s.me->hub.name : std::string(ui.t("app.name"));
    ImGui::SetCursorPos(ImVec2(start.x, text_y));
    ImGui::TextUnformatted(place.c_str());
    ui.texts.push_back(place);
    float x = right - clock_w - f;
    if (s.screen != Screen::welcome && !s.asking_still_there) {
        std::string again = ui.t("nav.start_again");
        float bw = ImGui::CalcTextSize(again.c_str()).x + f * 1.6f;
        x -= bw;
        ImGui::SetCursorPos(ImVec2(x, start.y));
        if (big_button(ui, "home", again.c_str(), ButtonKind::secondary, ImVec2(bw, h)))
            out = make_intent(Action::go_home);
        x -= gap * 3;
    }
    if (!s.asking_still_there) {
        // Words beside the symbol ("A+ Larger text", "◐ High contrast") where they fit,
        // else the symbol alone; filled and ticked when on.
        std::string large_mark = s.large_text ? "\xE2\x9C\x93 A+" : "A+";
        std::string contrast_mark = s.high_contrast ? "\xE2\x9C\x93 \xE2\x97\x90" : "\xE2\x97\x90";
        std::string large = large_mark + " " + ui.t("welcome.large_text");
        std::string contrast = contrast_mark + " " + ui.t("welcome.contrast");
        float need = ImGui::CalcTextSize(large.c_str()).x + ImGui::CalcTextSize(contrast.c_str()).x +
                     f * 2.4f + gap * 2 + ImGui::CalcTextSize(place.c_str()).x;
        if (need > x - start.x) {
            large = large_mark;
            contrast = contrast_mark;
        }
        auto toggle = [&](const char* id, const std::string& label, bool on, Action a) {
            float bw = std::max(ImGui::CalcTextSize(label.c_str()).x + f * 1.2f, h);
            x -= bw;
            ImGui::SetCursorPos(ImVec2(x, start.y));
            if (big_button(ui, id, label.c_str(), on ? ButtonKind::primary : ButtonKind::secondary, ImVec2(bw, h)))
                out = make_intent(a);
            x -= gap;
        };
        toggle("contrast", contrast, s.high_contrast, Action::toggle_contrast);
        toggle("large_text", large, s.large_text, Action::toggle_large_text);
    }
    ImGui::SetCursorPos(ImVec2(right - clock_w, text_y));
    ImGui::TextUnformatted(s.clock_text.c_str());
    float y = start.y + h + ImGui::GetStyle().ItemSpacing.y;
    if (!s.asking_still_there) {
        // Every language in its own name, one row; the chosen one filled and ticked.
        const auto& langs = ui.translations.languages();
        float w = right - start.x;
        float lw = (w - gap * static_cast<float>(langs.size() - 1)) / static_cast<float>(langs.size());
        float widest = 0;
        for (const auto& l : langs) widest = std::max(widest, ImGui::CalcTextSize(("\xE2\x9C\x93 " + l.name).c_str()).x);
        float shrink = std::min(1.f, (lw - f * 1.2f) / std::max(widest, 1.f));
        ImGui::SetWindowFontScale(shrink); // only when a name would not fit (narrow screens)
        for (std::size_t i = 0; i < langs.size(); ++i) {
            ImGui::SetCursorPos(ImVec2(start.x + static_cast<float>(i) * (lw + gap), y));
            bool chosen = langs[i].code == s.language;
            std::string label = (chosen ? "\xE2\x9C\x93 " : "") + langs[i].name;
            if (big_button(ui, ("lang." + langs[i].code).c_str(), label.c_str(),
                           chosen ? ButtonKind::primary : ButtonKind::secondary, ImVec2(lw, h)))
                out = make_intent(Action::set_language, langs[i].code);
        }
        ImGui::SetWindowFontScale(1.f);
        y += h + ImGui::GetStyle().ItemSpacing.y;
    }
    ImGui::SetCursorPos(ImVec2(start.x, y));
    ImGui::Separator();
    ImGui::PopFont();
    return out;
}

} // namespace

FrameOutput draw_frame(UiContext& ui) {
    FrameOutput out;
    const KioskState& s = ui.state;
    ui.hits.clear();
    ui.notices.clear();
    ui.texts.clear();
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
        // Out of order, the kiosk offers nothing but the staff corner (and its PIN).
        bool staff = s.screen == Screen::staff || (s.screen == Screen::entry && s.step == Step::staff_pin);
        switch (!s.out_of_order.empty() && !staff ? Screen::out_of_order : s.screen) {
        case Screen::out_of_order: in = draw_out_of_order(ui); break;
        case Screen::welcome: in = draw_welcome(ui); break;
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
    read_keyboard(ui, out, !ui.busy() && !s.asking_still_there);
    return out;
}

void apply_frame(Controller& controller, const FrameOutput& out) {
    if (out.input) controller.note_input();
    for (const auto& intent : out.intents) controller.apply(intent);
}

} // namespace frontdoor::kiosk

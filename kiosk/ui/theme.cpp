#include "kiosk/ui/theme.hpp"

namespace frontdoor::kiosk {

namespace {

ImVec4 rgb(int hex) {
    return ImVec4(((hex >> 16) & 0xFF) / 255.f, ((hex >> 8) & 0xFF) / 255.f, (hex & 0xFF) / 255.f, 1.f);
}

} // namespace

Theme make_theme(bool high_contrast) {
    Theme t;
    t.high_contrast = high_contrast;
    if (high_contrast) { // white and yellow on black, thick borders
        t.background = rgb(0x000000);
        t.panel = rgb(0x000000);
        t.text = rgb(0xFFFFFF);
        t.muted = rgb(0xFFFFFF);
        t.primary = rgb(0xFFDD00);
        t.primary_text = rgb(0x000000);
        t.secondary = rgb(0x000000);
        t.secondary_text = rgb(0xFFFFFF);
        t.border = rgb(0xFFFFFF);
        t.focus = rgb(0xFFDD00);
        t.notice_bg = rgb(0x000000);
        t.notice_text = rgb(0xFFDD00);
        t.disabled_text = rgb(0xC0C0C0);
    } else { // dark text on warm white, deep teal buttons (contrast > 7:1)
        t.background = rgb(0xF7F5F0);
        t.panel = rgb(0xFFFFFF);
        t.text = rgb(0x1B1B1B);
        t.muted = rgb(0x4A4A4A);
        t.primary = rgb(0x00546B);
        t.primary_text = rgb(0xFFFFFF);
        t.secondary = rgb(0xFFFFFF);
        t.secondary_text = rgb(0x1B1B1B);
        t.border = rgb(0x5A5A5A);
        t.focus = rgb(0x00546B);
        t.notice_bg = rgb(0xFFF2CC);
        t.notice_text = rgb(0x1B1B1B);
        t.disabled_text = rgb(0x6B6B6B);
    }
    return t;
}

void apply_style(const Theme& t, float f) {
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    s.WindowPadding = ImVec2(f * 0.8f, f * 0.6f);
    s.FramePadding = ImVec2(f * 0.5f, f * 0.35f);
    s.ItemSpacing = ImVec2(f * 0.4f, f * 0.4f);
    s.ItemInnerSpacing = ImVec2(f * 0.3f, f * 0.3f);
    s.FrameRounding = f * 0.25f;
    s.WindowRounding = 0;
    s.WindowBorderSize = 0;
    s.FrameBorderSize = t.high_contrast ? f * 0.08f : f * 0.04f;
    s.ScrollbarSize = f * 0.9f;
    s.ButtonTextAlign = ImVec2(0.5f, 0.5f);
    s.DisabledAlpha = 0.75f;
    s.TouchExtraPadding = ImVec2(0, 0);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = t.background;
    c[ImGuiCol_ChildBg] = t.background;
    c[ImGuiCol_PopupBg] = t.panel;
    c[ImGuiCol_Text] = t.text;
    c[ImGuiCol_TextDisabled] = t.disabled_text;
    c[ImGuiCol_Border] = t.border;
    c[ImGuiCol_FrameBg] = t.panel;
    c[ImGuiCol_Button] = t.primary;
    c[ImGuiCol_ButtonHovered] = t.primary;
    c[ImGuiCol_ButtonActive] = t.focus;
    c[ImGuiCol_ScrollbarBg] = t.background;
    c[ImGuiCol_ScrollbarGrab] = t.border;
    c[ImGuiCol_Separator] = t.border;
}

} // namespace frontdoor::kiosk

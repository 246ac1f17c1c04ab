#pragma once
// Theme: the kiosk's colours (calm, or high contrast) and the ImGui style sized from
// the font. Nothing is told by colour alone: selection and focus also show as a tick,
// a thicker border or words. Plain values.

#include <imgui.h>

namespace frontdoor::kiosk {

struct Theme {
    bool high_contrast = false;
    ImVec4 background, panel, text, muted, primary, primary_text, secondary, secondary_text,
        border, focus, notice_bg, notice_text, disabled_text;
};

Theme make_theme(bool high_contrast);
/// Applies colours and sizes (padding, rounding) relative to `font_size`.
void apply_style(const Theme& theme, float font_size);

} // namespace frontdoor::kiosk

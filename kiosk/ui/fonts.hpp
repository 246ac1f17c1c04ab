#pragma once
// Fonts: Noto Sans (or DejaVu Sans) from Debian's font packages, rasterised with
// FreeType, covering Latin, Latin Extended (Polish, Romanian, Portuguese) and
// Cyrillic (Ukrainian), with DejaVu merged in for ticks and arrows. Two sets, normal
// and larger text. Call before the atlas is built (before the first NewFrame).

#include <imgui.h>

namespace frontdoor::kiosk {

struct FontSet {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* huge = nullptr; // references and times: ASCII only
};

struct Fonts {
    FontSet normal;
    FontSet large;
    bool from_system = false; // false: no font file was found, ImGui's built-in font is used
};

/// Adds the fonts at `body_px` (normal) and 1.3 times that (larger text) and builds the
/// atlas with FreeType.
Fonts load_fonts(ImFontAtlas& atlas, float body_px);
/// The body size for a display: 38 px at 1080 px on the short side.
float body_px_for(float display_w, float display_h);

} // namespace frontdoor::kiosk

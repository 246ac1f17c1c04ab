#include "kiosk/ui/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <imgui_freetype.h>

namespace frontdoor::kiosk {

namespace {

// Glyph ranges live as long as the atlas: constants, never modified.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x00FF, // Basic Latin, Latin-1 (Portuguese)
    0x0100, 0x017F, // Latin Extended-A (Polish, Romanian ă â î)
    0x0218, 0x021B, // Ș ș Ț ț (Romanian comma-below)
    0x0400, 0x045F, // Cyrillic (Ukrainian)
    0x0490, 0x0491, // Ґ ґ
    0x2013, 0x2014, // dashes
    0x2018, 0x201E, // quotes
    0x2022, 0x2026, // bullet, ellipsis
    0,
};
constexpr ImWchar kSymbolRanges[] = {0x2190, 0x2193, 0x25D0, 0x25D1, 0x2713, 0x2714, 0x26A0, 0x26A0, 0};
constexpr ImWchar kAsciiRanges[] = {0x0020, 0x007F, 0};

const char* first_existing(std::initializer_list<const char*> paths) {
    for (const char* p : paths)
        if (std::filesystem::exists(p)) return p;
    return nullptr;
}

ImFont* add(ImFontAtlas& atlas, const char* text_font, const char* symbol_font, float px,
            const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;
    ImFont* font = atlas.AddFontFromFileTTF(text_font, px, &cfg, ranges);
    if (symbol_font && ranges == kTextRanges) {
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.OversampleH = merge.OversampleV = 1;
        atlas.AddFontFromFileTTF(symbol_font, px, &merge, kSymbolRanges);
    }
    return font;
}

} // namespace

float body_px_for(float display_w, float display_h) {
    float short_side = std::min(display_w, display_h);
    return std::max(16.f, 38.f * short_side / 1080.f);
}

Fonts load_fonts(ImFontAtlas& atlas, float body_px) {
    Fonts fonts;
    const char* text = first_existing({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                       "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
    const char* bold = first_existing({"/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
                                       "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"});
    const char* symbols = first_existing({"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"});
    atlas.Clear();
    if (!text || !bold) {
        ImFontConfig cfg;
        cfg.SizePixels = body_px;
        ImFont* f = atlas.AddFontDefault(&cfg);
        fonts.normal = fonts.large = FontSet{f, f, f};
    } else {
        fonts.from_system = true;
        for (auto [set, scale] : {std::pair{&fonts.normal, 1.f}, std::pair{&fonts.large, 1.3f}}) {
            float px = std::round(body_px * scale);
            set->body = add(atlas, text, symbols, px, kTextRanges);
            set->heading = add(atlas, bold, symbols, std::round(px * 1.35f), kTextRanges);
            set->huge = add(atlas, bold, nullptr, std::round(px * 2.1f), kAsciiRanges);
        }
    }
    ImGuiFreeType::BuildFontAtlas(&atlas, 0);
    return fonts;
}

} // namespace frontdoor::kiosk

#pragma once
// UiContext: what every screen draws with — the state to show, translations, theme,
// fonts, the time — and the list of touch targets drawn this frame, which tests and
// the screenshot walker use to find a button by its id. Owned by the frame loop;
// UI thread only.

#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/core/i18n.hpp"
#include "kiosk/core/key_queue.hpp"
#include "kiosk/core/state.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/theme.hpp"

namespace frontdoor::kiosk {

struct HitBox {
    std::string id;
    ImVec2 min, max;
    bool enabled = true;
};

struct UiContext {
    const Translations& translations;
    const KioskState& state;
    Fonts fonts;
    Theme theme = make_theme(false);
    double now = 0;               // monotonic seconds
    std::vector<HitBox> hits;     // cleared at the start of each frame
    std::vector<std::string> notices; // the boxed messages drawn this frame (tests read them)
    std::vector<std::string> texts;   // every heading, body line, notice and button label drawn this frame
    float scale = 1;              // display short side / 1080
    KeyQueue* keys = nullptr;     // physical keys in order (GLFW callbacks); else ImGui's state

    const char* t(const char* key) const { return translations.text(state.language, key); }
    const FontSet& font_set() const { return state.large_text ? fonts.large : fonts.normal; }
    /// Height of a touch target: never under 88 px at 1080 px wide.
    float touch_height() const;
    bool landscape() const;
    bool busy() const { return state.request.phase == RequestPhase::pending; }
    const HitBox* find(const std::string& id) const;
};

} // namespace frontdoor::kiosk

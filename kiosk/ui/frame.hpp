#pragma once
// One frame of the kiosk: the full-viewport window, the header (hub, clock, the
// hidden staff corner), the current screen (or the "still there?" question), and
// what was typed on a physical keyboard or scanner. Call between ImGui::NewFrame()
// and ImGui::Render(); UI thread only.

#include <vector>

#include "kiosk/core/controller.hpp"
#include "kiosk/core/intent.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace frontdoor::kiosk {

struct FrameOutput {
    std::vector<Intent> intents;
    bool input = false; // a touch or a key this frame
};

FrameOutput draw_frame(UiContext& ui);
/// Hands the frame's input to the controller: restarts the idle timer, applies intents.
void apply_frame(Controller& controller, const FrameOutput& out);

} // namespace frontdoor::kiosk

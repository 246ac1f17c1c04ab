#pragma once
// The on-screen keyboard: a digit keypad, or letters in the layout of the chosen
// language (Ukrainian gets Cyrillic, with a key to switch to Latin; Polish, Romanian
// and Portuguese get a row of their accented letters). Keys are touch targets at
// least 88 px high. Names are capitalised as people write them: a capital after a
// space or hyphen, small letters after.

#include "kiosk/core/intent.hpp"
#include "kiosk/core/steps.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace frontdoor::kiosk {

/// Draws the keyboard into `height` pixels (keys shrink to fit, never below 88 px at
/// 1080) and returns what was pressed.
Intent draw_keyboard(UiContext& ui, Keys keys, const TextField& field, float height);
/// The height the keyboard would like for these keys.
float keyboard_height(UiContext& ui, Keys keys);

} // namespace frontdoor::kiosk

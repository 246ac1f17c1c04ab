#pragma once
// Widgets of the kiosk: large buttons that record their touch target, headings,
// notices, text boxes for typed fields, a spinner, a QR code. Each returns true when
// tapped, as ImGui widgets do. UI thread only; no state of their own.

#include <string>

#include "kiosk/core/intent.hpp"
#include "kiosk/core/text_field.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace frontdoor::kiosk {

enum class ButtonKind { primary, secondary };

/// A button at least touch_height() high; `id` is stable across languages.
bool big_button(UiContext& ui, const char* id, const char* label,
                ButtonKind kind = ButtonKind::primary, ImVec2 size = ImVec2(-1, 0));
/// The "Done" that ends a visit, pinned to the bottom of the column.
bool done_button_at_bottom(UiContext& ui, float width);
/// The foot of an answer screen: "This screen closes in {n} seconds" with "Keep this
/// on screen" (until kept), then Done; returns keep_answer, finish_visit or none.
Intent answer_footer(UiContext& ui, float width);
void heading(UiContext& ui, const char* text);
void body(UiContext& ui, const char* text);
/// A boxed message with a warning sign: shown in words, not only colour.
void notice(UiContext& ui, const char* text);
/// A typed field with its label above; focus is shown by a thick border and a caret.
bool text_box(UiContext& ui, const char* id, const char* label, const TextField& field,
              bool focused, bool masked, float width);
/// "Please wait" with a turning arc, drawn once a request has run for 300 ms.
void spinner(UiContext& ui);
/// The QR code of `text` as squares, `size` pixels wide, quiet zone included.
void qr_code(UiContext& ui, const std::string& text, float size);
/// Content column: full width in portrait, centred and bounded in landscape.
float begin_column(UiContext& ui, float max_em = 34.f);
void end_column();
/// A row of Back (left) and, when `next_label` is set, a primary button (right).
/// Returns 1 for back, 2 for next, 0 otherwise.
int nav_row(UiContext& ui, const char* next_id = nullptr, const char* next_label = nullptr);
/// "10:30", "Monday 23 November" in the state's language.
std::string long_day(UiContext& ui, const std::string& day);

} // namespace frontdoor::kiosk

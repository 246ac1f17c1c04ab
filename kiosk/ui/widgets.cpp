#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cmath>

#include <qrencode.h>

#include "kiosk/core/dates.hpp"

namespace frontdoor::kiosk {

float UiContext::touch_height() const {
    return std::max(88.f * scale, 2.3f * ImGui::GetFontSize());
}

bool UiContext::landscape() const {
    ImVec2 d = ImGui::GetIO().DisplaySize;
    return d.x > d.y;
}

const HitBox* UiContext::find(const std::string& id) const {
    for (const auto& h : hits)
        if (h.id == id) return &h;
    return nullptr;
}

bool done_button_at_bottom(UiContext& ui, float width) {
    float room = ImGui::GetContentRegionAvail().y - ui.touch_height() - ImGui::GetStyle().ItemSpacing.y;
    if (room > 0) ImGui::Dummy(ImVec2(1, room));
    return big_button(ui, "done", ui.t("nav.done"), ButtonKind::primary, ImVec2(width, 0));
}

Intent answer_footer(UiContext& ui, float width) {
    const KioskState& s = ui.state;
    Intent out;
    bool counting = s.answer_closes_at > 0 && !s.answer_kept;
    float sp = ImGui::GetStyle().ItemSpacing.y;
    float need = ui.touch_height() + sp;
    if (counting) need += ImGui::GetTextLineHeightWithSpacing() + ui.touch_height() + sp;
    float room = ImGui::GetContentRegionAvail().y - need - sp;
    if (room > 0) ImGui::Dummy(ImVec2(1, room));
    if (counting) {
        int left = std::max(0, static_cast<int>(std::ceil(s.answer_closes_at - ui.now)));
        std::string text = ui.t("answer.closes_in");
        auto at = text.find("{n}");
        if (at != std::string::npos) text.replace(at, 3, std::to_string(left));
        ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.muted);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        if (big_button(ui, "keep", ui.t("answer.keep"), ButtonKind::secondary, ImVec2(width, 0)))
            out = make_intent(Action::keep_answer);
    }
    if (big_button(ui, "done", ui.t("nav.done"), ButtonKind::primary, ImVec2(width, 0)))
        out = make_intent(Action::finish_visit);
    return out;
}

bool big_button(UiContext& ui, const char* id, const char* label, ButtonKind kind, ImVec2 size) {
    const Theme& t = ui.theme;
    ui.texts.emplace_back(label);
    if (size.y <= 0) size.y = ui.touch_height();
    bool primary = kind == ButtonKind::primary;
    ImGui::PushStyleColor(ImGuiCol_Button, primary ? t.primary : t.secondary);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, primary ? t.primary : t.secondary);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, t.focus);
    ImGui::PushStyleColor(ImGuiCol_Text, primary ? t.primary_text : t.secondary_text);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, ImGui::GetFontSize() * (t.high_contrast ? 0.1f : 0.05f));
    ImGui::PushID(id);
    bool pressed = ImGui::Button(label, size);
    ImGui::PopID();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    ui.hits.push_back(HitBox{id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), !ui.busy()});
    return pressed;
}

void heading(UiContext& ui, const char* text) {
    ui.texts.emplace_back(text);
    ImGui::PushFont(ui.font_set().heading);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

void body(UiContext& ui, const char* text) {
    ui.texts.emplace_back(text);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

void notice(UiContext& ui, const char* text) {
    ui.notices.emplace_back(text);
    ui.texts.emplace_back(text);
    const Theme& t = ui.theme;
    float f = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x;
    ImVec2 pad(f * 0.6f, f * 0.5f);
    std::string line = std::string("\xE2\x9A\xA0  ") + text; // ⚠
    ImVec2 size = ImGui::CalcTextSize(line.c_str(), nullptr, false, w - 2 * pad.x);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 q(p.x + w, p.y + size.y + 2 * pad.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, q, ImGui::GetColorU32(t.notice_bg), f * 0.25f);
    dl->AddRect(p, q, ImGui::GetColorU32(t.high_contrast ? t.notice_text : t.border), f * 0.25f, 0,
                f * 0.08f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
    ImGui::PushStyleColor(ImGuiCol_Text, t.notice_text);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 2 * pad.x);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(p.x, q.y));
    ImGui::Dummy(ImVec2(w, ImGui::GetStyle().ItemSpacing.y));
}

bool text_box(UiContext& ui, const char* id, const char* label, const TextField& field,
              bool focused, bool masked, float width) {
    const Theme& t = ui.theme;
    float f = ImGui::GetFontSize();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(label);
    ImVec2 size(width, ui.touch_height());
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushID(id);
    bool pressed = ImGui::InvisibleButton("box", size);
    ImGui::PopID();
    ui.hits.push_back(HitBox{id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    ImVec2 q(p.x + size.x, p.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, q, ImGui::GetColorU32(t.panel), f * 0.2f);
    dl->AddRect(p, q, ImGui::GetColorU32(focused ? t.focus : t.border), f * 0.2f, 0,
                focused ? f * 0.16f : f * 0.05f);
    std::string shown;
    if (masked) for (std::size_t i = 0; i < field.chars(); ++i) shown += "\xE2\x80\xA2"; // •
    const char* text = masked ? shown.c_str() : field.c_str();
    ImVec2 ts = ImGui::CalcTextSize(text);
    ImVec2 tp(p.x + f * 0.5f, p.y + (size.y - ts.y) * 0.5f);
    dl->PushClipRect(p, q, true);
    dl->AddText(tp, ImGui::GetColorU32(t.text), text);
    if (focused) {
        float x = tp.x + ts.x + f * 0.08f;
        dl->AddLine(ImVec2(x, tp.y), ImVec2(x, tp.y + f * 1.1f), ImGui::GetColorU32(t.text), f * 0.08f);
    }
    dl->PopClipRect();
    ImGui::EndGroup();
    return pressed;
}

void spinner(UiContext& ui) {
    float f = ImGui::GetFontSize();
    ImVec2 p = ImGui::GetCursorScreenPos();
    float r = f * 0.6f;
    ImVec2 c(p.x + r + f * 0.2f, p.y + f * 0.7f);
    float a = static_cast<float>(std::fmod(ui.now * 4.0, 2 * 3.14159265));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PathArcTo(c, r, a, a + 4.2f, 24);
    dl->PathStroke(ImGui::GetColorU32(ui.theme.text), 0, f * 0.15f);
    ImGui::Dummy(ImVec2(2 * r + f * 0.6f, f * 1.4f));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(ui.t("busy.wait"));
}

void qr_code(UiContext& ui, const std::string& text, float size) {
    QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return;
    const int quiet = 4;
    int modules = qr->width + 2 * quiet;
    float m = std::floor(size / static_cast<float>(modules));
    ImVec2 p = ImGui::GetCursorScreenPos();
    float total = m * static_cast<float>(modules);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + total, p.y + total), IM_COL32(255, 255, 255, 255));
    if (ui.theme.high_contrast)
        dl->AddRect(p, ImVec2(p.x + total, p.y + total), IM_COL32(255, 255, 255, 255), 0, 0, 2);
    for (int y = 0; y < qr->width; ++y)
        for (int x = 0; x < qr->width; ++x)
            if (qr->data[y * qr->width + x] & 1) {
                ImVec2 a(p.x + (x + quiet) * m, p.y + (y + quiet) * m);
                dl->AddRectFilled(a, ImVec2(a.x + m, a.y + m), IM_COL32(0, 0, 0, 255));
            }
    QRcode_free(qr);
    ImGui::Dummy(ImVec2(total, total));
}

float begin_column(UiContext& ui, float max_em) {
    float avail = ImGui::GetContentRegionAvail().x;
    float w = std::min(avail, max_em * ImGui::GetFontSize());
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - w) * 0.5f);
    ImGui::BeginChild("##column", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);
    (void)ui;
    return w;
}

void end_column() { ImGui::EndChild(); }

int nav_row(UiContext& ui, const char* next_id, const char* next_label) {
    float h = ui.touch_height();
    float spacing = ImGui::GetStyle().ItemSpacing.y;
    float room = ImGui::GetContentRegionAvail().y - h - spacing;
    if (room > 0) ImGui::Dummy(ImVec2(1, room));
    float w = ImGui::GetContentRegionAvail().x;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    int result = 0;
    float back_w = next_label ? (w - gap) * 0.4f : w;
    if (big_button(ui, "back", (std::string("\xE2\x86\x90  ") + ui.t("nav.back")).c_str(),
                   ButtonKind::secondary, ImVec2(back_w, h)))
        result = 1;
    if (next_label) {
        ImGui::SameLine();
        if (big_button(ui, next_id, next_label, ButtonKind::primary, ImVec2(w - back_w - gap, h)))
            result = 2;
    }
    return result;
}

std::string long_day(UiContext& ui, const std::string& day) {
    std::string out = ui.t("format.long_day");
    auto put = [&out](const std::string& token, const std::string& value) {
        auto at = out.find(token);
        if (at != std::string::npos) out.replace(at, token.size(), value);
    };
    put("{weekday}", ui.t(("weekday." + std::to_string(weekday_of(day))).c_str()));
    put("{day}", std::to_string(day_of_month(day)));
    put("{month}", ui.t(("month." + std::to_string(month_of(day))).c_str()));
    return out;
}

} // namespace frontdoor::kiosk

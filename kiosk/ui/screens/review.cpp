// Check before booking: what, when, and the details just typed.
#include <algorithm>
#include <utility>
#include <vector>

#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

namespace {

/// One detail: its label (with "Change" beside it, back to the step that asked for it,
/// when `step` is set), then its value across the whole cell — large, or body size for
/// dates of birth — so a long name never breaks mid-word for the button.
Intent row(UiContext& ui, const char* label_key, const std::string& value, bool large, int step) {
    Intent out;
    float x0 = ImGui::GetCursorPosX();
    float y0 = ImGui::GetCursorPosY();
    float avail = ImGui::GetContentRegionAvail().x;
    if (step >= 0) {
        std::string change = ui.t("review.change");
        float bw = ImGui::CalcTextSize(change.c_str()).x + ImGui::GetFontSize() * 1.4f;
        ImGui::SetCursorPos(ImVec2(x0 + avail - bw, y0));
        std::string id = "change." + std::to_string(step);
        if (big_button(ui, id.c_str(), change.c_str(), ButtonKind::secondary, ImVec2(bw, 0)))
            out = make_intent(Action::change_step, step);
        ImGui::SetCursorPos(ImVec2(x0, y0 + (ui.touch_height() - ImGui::GetTextLineHeight()) * 0.5f));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.muted);
    ImGui::TextUnformatted(ui.t(label_key));
    ImGui::PopStyleColor();
    if (step >= 0) ImGui::SetCursorPos(ImVec2(x0, y0 + ui.touch_height() + ImGui::GetStyle().ItemSpacing.y * 0.5f));
    if (large) ImGui::PushFont(ui.font_set().heading);
    // Wrap inside the table cell (or the column), leaving a gap before the next one.
    ImGui::PushTextWrapPos(x0 + avail - ImGui::GetFontSize() * 0.5f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    if (large) ImGui::PopFont();
    return out;
}

std::string dob(const Buffers& b, Field d, Field m, Field y) {
    return std::string(b[d].view()) + " / " + std::string(b[m].view()) + " / " + std::string(b[y].view());
}

} // namespace

Intent draw_review(UiContext& ui) {
    Intent out;
    const KioskState& s = ui.state;
    const BookingFlow& bk = s.booking;
    const Buffers& b = s.buffers;
    bool wide = ui.landscape();
    float full = begin_column(ui, wide ? 48.f : 34.f);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    // Landscape: the details on the left, the buttons on the right.
    float w = wide ? (full - gap * 3) * 0.64f : full;
    if (wide) ImGui::BeginChild("##details", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);
    heading(ui, ui.t(bk.waitlist ? "review.title_waitlist" : "review.title"));
    struct Row {
        const char* label;
        std::string value;
        bool large;
        int step; // the typing step to change it, or -1
    };
    auto step = [](Step s) { return static_cast<int>(s); };
    std::vector<Row> rows;
    if (bk.service) rows.push_back({"review.service", bk.service->name, true, -1});
    if (bk.slot)
        rows.push_back({"review.when", long_day(ui, instant_day(bk.slot->start)) + ", " + instant_time(bk.slot->start), true, -1});
    else if (bk.waitlist)
        rows.push_back({"review.when", ui.t("review.first_free"), true, -1});
    rows.push_back({"review.name", std::string(b[Field::first_name].view()) + " " + std::string(b[Field::last_name].view()),
                    true, step(Step::client_name)});
    // Dates of birth in body size: what matters to check, not what a passer-by should read.
    rows.push_back({"review.dob", dob(b, Field::client_day, Field::client_month, Field::client_year), false,
                    step(Step::client_dob)});
    if (bk.service && bk.service->needs_child) {
        rows.push_back({"review.child", std::string(b[Field::child_first_name].view()), true, step(Step::child_name)});
        rows.push_back({"review.child_dob", dob(b, Field::child_day, Field::child_month, Field::child_year), false,
                        step(Step::child_dob)});
    }
    rows.push_back({"review.phone", b[Field::phone].empty() ? ui.t("review.no_phone") : b[Field::phone].str(), true,
                    step(Step::phone)});
    // Landscape: two to a line, so everything fits without scrolling.
    // Landscape with larger text: values in the (already larger) body size, so every
    // detail and its "Change" fit beside the buttons without scrolling.
    if (wide && s.large_text)
        for (auto& r : rows) r.large = false;
    if (wide && ImGui::BeginTable("##rows", 2)) {
        for (const auto& r : rows) {
            ImGui::TableNextColumn();
            if (Intent i = row(ui, r.label, r.value, r.large, r.step)) out = i;
        }
        ImGui::EndTable();
    } else {
        for (const auto& r : rows)
            if (Intent i = row(ui, r.label, r.value, r.large, r.step)) out = i;
    }
    if (wide) {
        ImGui::EndChild();
        ImGui::SameLine(0, gap * 3);
        ImGui::BeginChild("##actions", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
        w = ImGui::GetContentRegionAvail().x;
        ImGui::Dummy(ImVec2(1, ImGui::GetContentRegionAvail().y * 0.35f));
    }
    ImGui::Spacing();
    if (ui.busy() && ui.now - s.request.started_at > 0.3) spinner(ui);
    if (big_button(ui, "confirm", ui.t(bk.waitlist ? "review.confirm_waitlist" : "review.confirm"),
                   ButtonKind::primary, ImVec2(w, ui.touch_height() * 1.3f)))
        out = make_intent(Action::confirm);
    if (nav_row(ui) == 1) out = make_intent(Action::back);
    if (wide) ImGui::EndChild();
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

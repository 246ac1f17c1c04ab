// Check before booking: what, when, and the details just typed.
#include <utility>
#include <vector>

#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

namespace {

void row(UiContext& ui, const char* label_key, const std::string& value) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.theme.muted);
    ImGui::TextUnformatted(ui.t(label_key));
    ImGui::PopStyleColor();
    ImGui::PushFont(ui.font_set().heading);
    // Wrap inside the table cell (or the column), leaving a gap before the next one.
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 0.5f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
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
    std::vector<std::pair<const char*, std::string>> rows;
    if (bk.service) rows.emplace_back("review.service", bk.service->name);
    if (bk.slot)
        rows.emplace_back("review.when", long_day(ui, instant_day(bk.slot->start)) + ", " + instant_time(bk.slot->start));
    else if (bk.waitlist)
        rows.emplace_back("review.when", ui.t("review.first_free"));
    rows.emplace_back("review.name", std::string(b[Field::first_name].view()) + " " + std::string(b[Field::last_name].view()));
    rows.emplace_back("review.dob", dob(b, Field::client_day, Field::client_month, Field::client_year));
    if (bk.service && bk.service->needs_child)
        rows.emplace_back("review.child", std::string(b[Field::child_first_name].view()) + ", " +
                                              dob(b, Field::child_day, Field::child_month, Field::child_year));
    rows.emplace_back("review.phone", b[Field::phone].empty() ? ui.t("review.no_phone") : b[Field::phone].str());
    // Landscape: two to a line, so everything fits without scrolling.
    if (wide && ImGui::BeginTable("##rows", 2)) {
        for (const auto& [label, value] : rows) {
            ImGui::TableNextColumn();
            row(ui, label, value);
        }
        ImGui::EndTable();
    } else {
        for (const auto& [label, value] : rows) row(ui, label, value);
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

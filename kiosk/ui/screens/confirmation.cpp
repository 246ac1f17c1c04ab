// Booked: the reference, large and as a QR code to scan next time.
#include "kiosk/core/dates.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_confirmation(UiContext& ui) {
    Intent out;
    const BookingFlow& b = ui.state.booking;
    bool wide = ui.landscape();
    float full = begin_column(ui, wide ? 48.f : 34.f);
    float gap = ImGui::GetStyle().ItemSpacing.x;
    // Landscape: the booking and Done on the left, the QR code large on the right.
    float w = wide ? (full - gap * 3) * 0.55f : full;
    if (wide) ImGui::BeginChild("##booking", ImVec2(w, 0), false, ImGuiWindowFlags_NoBackground);
    heading(ui, (std::string("\xE2\x9C\x93 ") + ui.t("confirm.title")).c_str());
    if (b.confirmation) {
        const auto& c = *b.confirmation;
        bool discreet = b.service && b.service->discreet;
        if (!discreet) body(ui, c.service.name.c_str());
        heading(ui, (long_day(ui, instant_day(c.start)) + ", " + instant_time(c.start)).c_str());
        body(ui, (std::string(ui.t("confirm.room")) + " " + c.room.name).c_str());
        ImGui::Spacing();
        ImGui::TextUnformatted(ui.t("confirm.reference"));
        ImGui::PushFont(ui.font_set().huge);
        std::string ref = c.reference.size() == 8 ? c.reference.substr(0, 4) + " " + c.reference.substr(4)
                                                  : c.reference;
        ImGui::TextUnformatted(ref.c_str());
        ImGui::PopFont();
        if (wide) {
            body(ui, ui.t("confirm.scan_next_time"));
            if (Intent a = answer_footer(ui, w)) out = a;
            ImGui::EndChild();
            ImGui::SameLine(0, gap * 3);
            ImGui::BeginChild("##qr", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
            ImVec2 avail = ImGui::GetContentRegionAvail();
            qr_code(ui, c.reference, std::min(avail.x, avail.y));
            ImGui::EndChild();
            end_column();
            return out;
        }
        float nav = ui.touch_height() * 2 + ImGui::GetStyle().ItemSpacing.y * 4 + ImGui::GetTextLineHeightWithSpacing() * 3;
        float size = std::min(w * 0.6f, ImGui::GetContentRegionAvail().y - nav);
        size = std::max(size, ImGui::GetFontSize() * 5);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (w - size) * 0.5f);
        qr_code(ui, c.reference, size);
        body(ui, ui.t("confirm.scan_next_time"));
    }
    if (wide) ImGui::EndChild();
    if (Intent a = answer_footer(ui, w)) out = a;
    end_column();
    return out;
}

} // namespace frontdoor::kiosk

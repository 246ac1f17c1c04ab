// Out of order: the kiosk must not talk to the server it was given (plain http:// off
// this machine). Families are sent to reception; only the staff corner says why.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

Intent draw_out_of_order(UiContext& ui) {
    begin_column(ui);
    ImGui::Dummy(ImVec2(1, ImGui::GetContentRegionAvail().y * 0.2f));
    heading(ui, ui.t("welcome.offline")); // "... not working just now. Please see reception."
    end_column();
    return {};
}

} // namespace frontdoor::kiosk

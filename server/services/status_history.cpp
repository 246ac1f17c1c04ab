// A booking's history read for the undo rule (domain/status_undo.hpp).
#include "server/services/booking_detail.hpp"

namespace frontdoor::server::detail {

domain::UndoAsk undo_ask(storage::Connection& c, const ServiceContext& ctx, Id booking_id,
                         const domain::StatusMove& move, shared::Instant now) {
    domain::UndoAsk ask;
    ask.who = move.who;
    ask.now = now;
    ask.window = ctx.settings.undo_window;
    auto lines = storage::latest_history(c, booking_id, 2);
    if (lines.size() < 2) return ask; // only the line that made it: nothing changed since
    auto to = domain::parse_status(lines[0].status);
    auto from = domain::parse_status(lines[1].status);
    if (to && from) ask.newest = domain::StatusChange{*from, *to, lines[0].at, lines[0].undo_of.has_value()};
    return ask;
}

} // namespace frontdoor::server::detail

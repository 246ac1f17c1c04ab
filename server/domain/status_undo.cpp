#include "server/domain/status_undo.hpp"

#include <string>

namespace frontdoor::server::domain {
namespace {

bool undoable(BookingStatus s) {
    return s == BookingStatus::arrived || s == BookingStatus::in_progress || s == BookingStatus::seen;
}

} // namespace

shared::Result<BookingStatus> undo_target(const UndoAsk& ask) {
    using shared::ErrorCode;
    if (ask.who == Mover::other_practitioner)
        return shared::make_error(ErrorCode::forbidden, "this is another practitioner's booking");
    if (!ask.newest || ask.newest->is_undo || !undoable(ask.newest->to))
        return shared::make_error(ErrorCode::conflict,
                                  "there is nothing to undo: only arrived, in progress and seen can be undone");
    if (ask.now >= ask.newest->at + ask.window)
        return shared::make_error(ErrorCode::conflict, "it is too late to undo this: a change can be undone for " +
                                                           std::to_string(ask.window.count()) +
                                                           " minutes after it was made");
    if (!table_allows(ask.newest->from, ask.newest->to, ask.who))
        return shared::make_error(ErrorCode::forbidden, "this change is the desk's to undo");
    return ask.newest->from;
}

std::optional<shared::Instant> undo_until(const UndoAsk& ask) {
    if (!undo_target(ask)) return std::nullopt;
    return ask.newest->at + ask.window;
}

} // namespace frontdoor::server::domain

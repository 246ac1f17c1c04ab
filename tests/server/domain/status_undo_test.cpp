#include <doctest/doctest.h>

#include "server/domain/status_undo.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::ErrorCode;
using frontdoor::shared::Instant;
using namespace std::chrono_literals;

namespace {

using S = BookingStatus;
const Instant kAt = Instant{std::chrono::seconds{1'800'000'000}};

/// The newest change from `from` to `to`, made at kAt, asked about `after` it by `who`.
UndoAsk ask(S from, S to, std::chrono::seconds after, Mover who = Mover::desk) {
    return {StatusChange{from, to, kAt, false}, who, kAt + after, 5min};
}

ErrorCode refusal(const UndoAsk& a) {
    auto r = undo_target(a);
    REQUIRE_FALSE(r);
    return r.error().code;
}

} // namespace

TEST_SUITE("domain") {
TEST_CASE("arrived, in progress and seen go back to the status before them within the window") {
    CHECK(*undo_target(ask(S::booked, S::arrived, 1min)) == S::booked);
    CHECK(*undo_target(ask(S::did_not_attend, S::arrived, 1min)) == S::did_not_attend);
    CHECK(*undo_target(ask(S::arrived, S::in_progress, 4min)) == S::arrived);
    CHECK(*undo_target(ask(S::in_progress, S::seen, 4min + 59s)) == S::in_progress);
    CHECK(*undo_target(ask(S::arrived, S::seen, 0s, Mover::own_practitioner)) == S::arrived);
    CHECK(*undo_until(ask(S::arrived, S::seen, 2min)) == kAt + 5min);
}

TEST_CASE("at the window's end it is too late") {
    CHECK(refusal(ask(S::arrived, S::seen, 5min)) == ErrorCode::conflict);
    CHECK(undo_target(ask(S::arrived, S::seen, 5min)).error().message.find("5 minutes") != std::string::npos);
    CHECK_FALSE(undo_until(ask(S::arrived, S::seen, 5min)));
    UndoAsk longer = ask(S::arrived, S::seen, 20min);
    longer.window = 30min;
    CHECK(*undo_target(longer) == S::arrived);
}

TEST_CASE("nothing to undo: a new booking, other statuses, an undo itself") {
    CHECK(refusal({std::nullopt, Mover::desk, kAt, 5min}) == ErrorCode::conflict);
    CHECK(refusal(ask(S::booked, S::cancelled, 1min)) == ErrorCode::conflict);
    CHECK(refusal(ask(S::booked, S::was_not_brought, 1min)) == ErrorCode::conflict);
    auto undone = ask(S::seen, S::arrived, 1min);
    undone.newest->is_undo = true;
    CHECK(refusal(undone) == ErrorCode::conflict);
    CHECK_FALSE(undo_until(undone));
}

TEST_CASE("who undoes is who may make the change") {
    CHECK(refusal(ask(S::arrived, S::seen, 1min, Mover::other_practitioner)) == ErrorCode::forbidden);
    // An arrival is the desk's (or the kiosk's) to record, so not the practitioner's to undo.
    CHECK(refusal(ask(S::booked, S::arrived, 1min, Mover::own_practitioner)) == ErrorCode::forbidden);
    CHECK_FALSE(undo_until(ask(S::booked, S::arrived, 1min, Mover::own_practitioner)));
    CHECK(*undo_target(ask(S::in_progress, S::arrived, 1min, Mover::own_practitioner)) == S::in_progress);
    // Another practitioner hears "forbidden" before "too late".
    CHECK(refusal(ask(S::arrived, S::seen, 1h, Mover::other_practitioner)) == ErrorCode::forbidden);
}
}

#include <doctest/doctest.h>

#include <set>
#include <string>

#include "server/domain/booking_rules.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::ErrorCode;

namespace {

using S = BookingStatus;

/// A booking whose appointment has started (today, time passed), asked by `who`.
StatusMove started(S current, Mover who = Mover::desk, bool for_child = false) {
    return {current, for_child, /*day_reached=*/true, /*started=*/true, who};
}
/// A booking later today: its day has come, its start has not.
StatusMove later_today(S current, Mover who = Mover::desk) { return {current, false, true, false, who}; }
/// A booking on a day still to come.
StatusMove future(S current, Mover who = Mover::desk) { return {current, false, false, false, who}; }

ErrorCode refusal(const StatusMove& m, std::string_view request) {
    auto r = next_status(m, request);
    REQUIRE_FALSE(r);
    return r.error().code;
}

std::set<std::string> allowed(const StatusMove& m) {
    std::set<std::string> out;
    for (auto r : allowed_requests(m)) out.emplace(r);
    return out;
}

} // namespace

TEST_SUITE("domain") {
TEST_CASE("a missed appointment is 'was not brought' for a child, 'did not attend' for an adult") {
    CHECK(*next_status(started(S::booked, Mover::desk, true), "missed") == S::was_not_brought);
    CHECK(*next_status(started(S::booked, Mover::desk, false), "missed") == S::did_not_attend);
}

TEST_CASE("every move of the table, for the desk") {
    CHECK(*next_status(later_today(S::booked), "arrived") == S::arrived);
    CHECK(*next_status(started(S::booked), "missed") == S::did_not_attend);
    CHECK(*next_status(future(S::booked), "cancelled") == S::cancelled);
    CHECK(*next_status(later_today(S::arrived), "in_progress") == S::in_progress);
    CHECK(*next_status(later_today(S::arrived), "seen") == S::seen);
    CHECK(*next_status(started(S::in_progress), "seen") == S::seen);
    CHECK(*next_status(started(S::in_progress), "arrived") == S::arrived);
    CHECK(*next_status(started(S::did_not_attend), "arrived") == S::arrived);
    CHECK(*next_status(started(S::was_not_brought, Mover::desk, true), "arrived") == S::arrived);
}

TEST_CASE("asking for the status a booking has changes nothing") {
    CHECK(*next_status(started(S::seen), "seen") == S::seen);
    CHECK(*next_status(started(S::cancelled), "cancelled") == S::cancelled);
    CHECK(*next_status(started(S::arrived, Mover::own_practitioner), "arrived") == S::arrived);
}

TEST_CASE("an arrived child is never marked was-not-brought; seen and cancelled are final") {
    CHECK(refusal(started(S::arrived, Mover::desk, true), "missed") == ErrorCode::conflict);
    CHECK(refusal(started(S::in_progress, Mover::desk, true), "missed") == ErrorCode::conflict);
    for (auto request : {"arrived", "in_progress", "missed", "cancelled"}) {
        CAPTURE(request);
        CHECK(refusal(started(S::seen), request) == ErrorCode::conflict);
    }
    for (auto request : {"arrived", "in_progress", "seen", "missed"}) {
        CAPTURE(request);
        CHECK(refusal(started(S::cancelled), request) == ErrorCode::conflict);
        CHECK(refusal(started(S::held), request) == ErrorCode::conflict);
        CHECK(refusal(started(S::released), request) == ErrorCode::conflict);
    }
    CHECK(refusal(started(S::arrived), "cancelled") == ErrorCode::conflict);
    CHECK(refusal(started(S::was_not_brought, Mover::desk, true), "seen") == ErrorCode::conflict);
    CHECK(refusal(started(S::booked), "seen") == ErrorCode::conflict); // arrive first
    CHECK(refusal(started(S::booked), "in_progress") == ErrorCode::conflict);
}

TEST_CASE("a booking still to come is never missed, in progress or seen") {
    CHECK(refusal(later_today(S::booked), "missed") == ErrorCode::conflict);
    CHECK(refusal(future(S::booked), "missed") == ErrorCode::conflict);
    CHECK(refusal(future(S::booked), "arrived") == ErrorCode::conflict);
    CHECK(refusal(future(S::arrived), "in_progress") == ErrorCode::conflict);
    CHECK(refusal(future(S::arrived), "seen") == ErrorCode::conflict);
    CHECK(allowed(future(S::booked)) == std::set<std::string>{"cancelled"});
}

TEST_CASE("practitioners move their own bookings only, and never cancel") {
    CHECK(*next_status(later_today(S::arrived, Mover::own_practitioner), "in_progress") == S::in_progress);
    CHECK(*next_status(started(S::in_progress, Mover::own_practitioner), "seen") == S::seen);
    CHECK(*next_status(started(S::booked, Mover::own_practitioner), "missed") == S::did_not_attend);
    CHECK(refusal(later_today(S::booked, Mover::own_practitioner), "arrived") == ErrorCode::forbidden);
    CHECK(refusal(future(S::booked, Mover::own_practitioner), "cancelled") == ErrorCode::forbidden);
    CHECK(refusal(started(S::did_not_attend, Mover::own_practitioner), "arrived") == ErrorCode::forbidden);
    for (auto request : {"arrived", "in_progress", "seen", "missed", "cancelled"}) {
        CAPTURE(request);
        CHECK(refusal(started(S::arrived, Mover::other_practitioner), request) == ErrorCode::forbidden);
        CHECK(refusal(started(S::booked, Mover::other_practitioner), request) == ErrorCode::forbidden);
    }
    CHECK(allowed(started(S::arrived, Mover::other_practitioner)).empty());
}

TEST_CASE("a kiosk only checks in") {
    CHECK(*next_status(later_today(S::booked, Mover::kiosk), "arrived") == S::arrived);
    CHECK(refusal(started(S::booked, Mover::kiosk), "missed") == ErrorCode::forbidden);
    CHECK(refusal(later_today(S::arrived, Mover::kiosk), "seen") == ErrorCode::forbidden);
    CHECK(allowed(started(S::booked, Mover::kiosk)) == std::set<std::string>{"arrived"});
}

TEST_CASE("the allowed requests are the table's rows that apply now") {
    CHECK(allowed(later_today(S::booked)) == std::set<std::string>{"arrived", "cancelled"});
    CHECK(allowed(started(S::booked)) == std::set<std::string>{"arrived", "missed", "cancelled"});
    CHECK(allowed(started(S::booked, Mover::own_practitioner)) == std::set<std::string>{"missed"});
    CHECK(allowed(started(S::arrived)) == std::set<std::string>{"in_progress", "seen"});
    CHECK(allowed(started(S::in_progress, Mover::own_practitioner)) == std::set<std::string>{"seen", "arrived"});
    CHECK(allowed(started(S::seen)).empty());
    CHECK(allowed(started(S::cancelled)).empty());
    CHECK(allowed(started(S::was_not_brought, Mover::desk, true)) == std::set<std::string>{"arrived"});
    // Every allowed request is one next_status accepts.
    for (auto current : {S::booked, S::arrived, S::in_progress, S::seen, S::did_not_attend, S::cancelled})
        for (auto who : {Mover::desk, Mover::own_practitioner, Mover::kiosk})
            for (auto m : {started(current, who), later_today(current, who), future(current, who)})
                for (auto request : allowed_requests(m)) CHECK(next_status(m, request));
}

TEST_CASE("an unknown request names the status field") {
    auto unknown = next_status(started(S::booked), "teleported");
    CHECK(unknown.error().code == ErrorCode::invalid_field);
    CHECK(unknown.error().field == "status");
    CHECK(next_status(started(S::booked, Mover::other_practitioner), "teleported").error().code ==
          ErrorCode::invalid_field);
}

TEST_CASE("only cancelled and released bookings give their place back") {
    CHECK(occupies_place(S::held));
    CHECK(occupies_place(S::was_not_brought));
    CHECK_FALSE(occupies_place(S::cancelled));
    CHECK_FALSE(occupies_place(S::released));
    CHECK(parse_status(status_name(S::in_progress)) == S::in_progress);
}
}

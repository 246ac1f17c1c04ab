#include <doctest/doctest.h>

#include "server/domain/booking_rules.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::ErrorCode;

TEST_SUITE("domain") {
TEST_CASE("a missed appointment is 'was not brought' for a child, 'did not attend' for an adult") {
    CHECK(*next_status(BookingStatus::booked, "missed", true) == BookingStatus::was_not_brought);
    CHECK(*next_status(BookingStatus::booked, "missed", false) == BookingStatus::did_not_attend);
}

TEST_CASE("status moves") {
    CHECK(*next_status(BookingStatus::booked, "arrived", false) == BookingStatus::arrived);
    CHECK(*next_status(BookingStatus::arrived, "seen", false) == BookingStatus::seen);
    CHECK(*next_status(BookingStatus::seen, "seen", false) == BookingStatus::seen);
    CHECK(*next_status(BookingStatus::was_not_brought, "arrived", true) == BookingStatus::arrived);
    CHECK(next_status(BookingStatus::cancelled, "arrived", false).error().code == ErrorCode::conflict);
    CHECK(next_status(BookingStatus::seen, "cancelled", false).error().code == ErrorCode::conflict);
    auto unknown = next_status(BookingStatus::booked, "teleported", false);
    CHECK(unknown.error().code == ErrorCode::invalid_field);
    CHECK(unknown.error().field == "status");
}

TEST_CASE("only cancelled and released bookings give their place back") {
    CHECK(occupies_place(BookingStatus::held));
    CHECK(occupies_place(BookingStatus::was_not_brought));
    CHECK_FALSE(occupies_place(BookingStatus::cancelled));
    CHECK_FALSE(occupies_place(BookingStatus::released));
    CHECK(parse_status(status_name(BookingStatus::in_progress)) == BookingStatus::in_progress);
}
}

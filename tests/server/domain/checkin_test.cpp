#include <doctest/doctest.h>

#include "server/domain/checkin.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::ErrorCode;

TEST_SUITE("domain") {
TEST_CASE("surname initials compare across case in Latin and Cyrillic") {
    CHECK(initial_matches("O'Brien", "o"));
    CHECK(initial_matches("Łukasiewicz", "ł"));
    CHECK(initial_matches("Élodie", "é"));
    CHECK(initial_matches("Шевченко", "ш"));
    CHECK(initial_matches("Żak", "ż"));
    CHECK(initial_matches("ăla", "Ă"));
    CHECK_FALSE(initial_matches("Smith", "J"));
    CHECK_FALSE(initial_matches("Smith", ""));
}

TEST_CASE("lateness: whole minutes past the start, beyond the allowance") {
    using namespace std::chrono_literals;
    frontdoor::shared::Instant start{std::chrono::seconds{1'800'000'000}};
    CHECK(minutes_late(start, start - 20min, 15) == std::nullopt);
    CHECK(minutes_late(start, start, 15) == std::nullopt);
    CHECK(minutes_late(start, start + 14min + 59s, 15) == std::nullopt);
    CHECK(minutes_late(start, start + 15min + 59s, 15) == std::nullopt); // 15 whole minutes: not more than 15
    CHECK(minutes_late(start, start + 16min, 15) == 16);
    CHECK(minutes_late(start, start + 8h + 26min, 15) == 506);
    CHECK(minutes_late(start, start + 30s, 0) == std::nullopt);
    CHECK(minutes_late(start, start + 1min, 0) == 1);
}

TEST_CASE("choosing what a check-in means") {
    CHECK(choose_checkin({}).error().code == ErrorCode::no_appointment_found);
    CHECK(choose_checkin({{1, 10}, {2, 11}}).error().code == ErrorCode::ambiguous_match);
    auto one_family = choose_checkin({{1, 10}, {2, 10}});
    REQUIRE(one_family);
    CHECK(one_family->size() == 2);
}
}

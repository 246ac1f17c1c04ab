#include <doctest/doctest.h>

#include "shared/time.hpp"

using namespace frontdoor::shared;

TEST_SUITE("shared") {
TEST_CASE("dates parse only when they exist") {
    CHECK(parse_date("2027-03-28").has_value());
    CHECK(parse_date("2028-02-29").has_value());
    CHECK_FALSE(parse_date("2027-02-29").has_value());
    CHECK_FALSE(parse_date("2027-02-30").has_value());
    CHECK_FALSE(parse_date("2027-13-01").has_value());
    CHECK_FALSE(parse_date("27-03-28").has_value());
    CHECK_FALSE(parse_date("2027-3-28x").has_value());
    CHECK(format_date(*parse_date("2027-03-08")) == "2027-03-08");
}

TEST_CASE("wall-clock times") {
    CHECK(parse_hhmm("09:00")->count() == 540);
    CHECK(parse_hhmm("24:00")->count() == 1440);
    CHECK_FALSE(parse_hhmm("24:30"));
    CHECK_FALSE(parse_hhmm("9:00"));
    CHECK(format_hhmm(Minutes{12 * 60 + 30}) == "12:30");
}

TEST_CASE("instants round-trip through the hub's offset across clock changes") {
    auto london = find_zone("Europe/London");
    REQUIRE(london);
    CHECK(find_zone("Mars/Olympus") == nullptr);

    SUBCASE("winter is +00:00, summer +01:00") {
        auto winter = local_to_instant(london, *parse_date("2027-03-27"), Minutes{540});
        auto summer = local_to_instant(london, *parse_date("2027-03-29"), Minutes{540});
        CHECK(format_instant(winter, london) == "2027-03-27T09:00:00+00:00");
        CHECK(format_instant(summer, london) == "2027-03-29T09:00:00+01:00");
        CHECK(*parse_instant("2027-03-29T08:00:00Z") == summer);
    }
    SUBCASE("the day the clocks go forward: 09:00 is still 09:00") {
        auto t = local_to_instant(london, *parse_date("2027-03-28"), Minutes{540});
        CHECK(format_instant(t, london) == "2027-03-28T09:00:00+01:00");
        CHECK(local_time_of_day(london, t).count() == 540);
    }
    SUBCASE("the skipped hour moves forward; the repeated hour takes the first") {
        auto gap = local_to_instant(london, *parse_date("2027-03-28"), Minutes{90});
        CHECK(format_instant(gap, london) == "2027-03-28T02:30:00+01:00");
        auto twice = local_to_instant(london, *parse_date("2027-10-31"), Minutes{90});
        CHECK(format_instant(twice, london) == "2027-10-31T01:30:00+01:00");
    }
    SUBCASE("offsets and fractions are read") {
        CHECK(parse_instant("2027-03-28T10:30:00+01:00") == parse_instant("2027-03-28T09:30:00Z"));
        CHECK(parse_instant("2027-03-28T09:30:00.250Z") == parse_instant("2027-03-28T09:30:00Z"));
        CHECK_FALSE(parse_instant("2027-03-28T09:30:00"));
        CHECK_FALSE(parse_instant("2027-03-28 nonsense"));
        CHECK_FALSE(parse_instant("2027-02-30T09:30:00Z"));
    }
    SUBCASE("an instant read formats back to one read (found by fuzzing)") {
        // tests/fuzz/corpus/time/crash-1900-offset: the offset carried it into 1899.
        CHECK_FALSE(parse_instant("1900-01-01T00:00:60+23:59"));
        CHECK_FALSE(parse_instant("9999-12-31T23:59:60Z"));
        CHECK_FALSE(parse_instant("9999-12-31T23:30:00-01:00"));
        auto first = parse_instant("1900-01-01T00:00:00Z");
        REQUIRE(first);
        CHECK(parse_instant(format_instant(*first, nullptr)) == first);
        auto last = parse_instant("9999-12-31T23:59:59Z");
        REQUIRE(last);
        CHECK(parse_instant(format_instant(*last, london)) == last);
    }
}

TEST_CASE("weekdays are ISO") {
    CHECK(iso_weekday(*parse_date("2026-11-23")) == 1); // a Monday
    CHECK(iso_weekday(*parse_date("2026-11-22")) == 7);
    CHECK(days_between(*parse_date("2026-11-22"), *parse_date("2026-12-01")) == 9);
}
}

#include <doctest/doctest.h>

#include "server/domain/scheduling.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::find_zone;
using frontdoor::shared::format_instant;
using frontdoor::shared::parse_date;
using frontdoor::shared::parse_instant;

namespace {

const auto* london = find_zone("Europe/London");

Practitioner weekday_practitioner(Id id) {
    Practitioner p;
    p.id = id;
    for (int wd = 1; wd <= 5; ++wd) {
        p.hours.push_back({wd, Minutes{9 * 60}, Minutes{12 * 60 + 30}});  // morning
        p.hours.push_back({wd, Minutes{13 * 60 + 30}, Minutes{17 * 60}}); // after lunch
    }
    return p;
}

SlotQuery day_query(const char* day, int minutes = 30) {
    return SlotQuery{london, *parse_date(day), *parse_date(day), Minutes{minutes},
                     *parse_instant("2026-01-01T00:00:00Z")};
}

std::vector<std::string> local_starts(const std::vector<AppointmentSlot>& slots) {
    std::vector<std::string> out;
    for (const auto& s : slots) out.push_back(format_instant(s.start, london).substr(11, 5));
    return out;
}

} // namespace

TEST_SUITE("domain") {
TEST_CASE("slots start at each working range and step by the duration; the lunch gap offers nothing") {
    auto slots = appointment_slots(day_query("2027-01-13", 45), {weekday_practitioner(1)}, {{7, {}}});
    auto starts = local_starts(slots);
    // 09:00..11:15 fits four 45-minute slots before 12:30 (11:45 would end at 12:30: fits too).
    CHECK(starts == std::vector<std::string>{"09:00", "09:45", "10:30", "11:15", "13:30", "14:15", "15:00", "15:45"});
    CHECK(slots.front().room_id == 7);
    CHECK(slots.front().staff_id == 1);
}

TEST_CASE("09:00 stays 09:00 local on both sides of the clock changes") {
    for (const char* day : {"2027-03-26", "2027-03-29", "2027-10-29", "2027-11-01"}) {
        CAPTURE(day);
        auto slots = appointment_slots(day_query(day), {weekday_practitioner(1)}, {{1, {}}});
        REQUIRE_FALSE(slots.empty());
        CHECK(local_starts(slots).front() == "09:00");
    }
    auto before = appointment_slots(day_query("2027-03-26"), {weekday_practitioner(1)}, {{1, {}}});
    auto after = appointment_slots(day_query("2027-03-29"), {weekday_practitioner(1)}, {{1, {}}});
    CHECK(format_instant(before.front().start, london) == "2027-03-26T09:00:00+00:00");
    CHECK(format_instant(after.front().start, london) == "2027-03-29T09:00:00+01:00");
}

TEST_CASE("a Sunday shift across the spring gap offers no time that does not exist") {
    Practitioner night;
    night.id = 1;
    night.hours.push_back({7, Minutes{0}, Minutes{4 * 60}}); // Sunday 00:00-04:00
    auto starts = local_starts(appointment_slots(day_query("2027-03-28", 60), {night}, {{1, {}}}));
    // At 01:00 GMT the clocks go to 02:00 BST: 01:00 local does not exist that night.
    CHECK(starts == std::vector<std::string>{"00:00", "02:00", "03:00"});
}

TEST_CASE("days of leave offer nothing; the day after does") {
    auto p = weekday_practitioner(1);
    p.leave.push_back({*parse_date("2027-01-11"), *parse_date("2027-01-13")});
    CHECK(appointment_slots(day_query("2027-01-13"), {p}, {{1, {}}}).empty());
    CHECK_FALSE(appointment_slots(day_query("2027-01-14"), {p}, {{1, {}}}).empty());
}

TEST_CASE("nothing in the past is offered") {
    auto q = day_query("2027-01-13");
    q.not_before = *parse_instant("2027-01-13T10:15:00Z");
    auto starts = local_starts(appointment_slots(q, {weekday_practitioner(1)}, {{1, {}}}));
    REQUIRE_FALSE(starts.empty());
    CHECK(starts.front() == "10:30");
}

TEST_CASE("places left is the lesser of free practitioners and free rooms") {
    auto a = weekday_practitioner(1), b = weekday_practitioner(2);
    Interval nine{*parse_instant("2027-01-13T09:00:00Z"), *parse_instant("2027-01-13T09:30:00Z")};
    SUBCASE("two of each") {
        auto slots = appointment_slots(day_query("2027-01-13"), {a, b}, {{1, {}}, {2, {}}});
        CHECK(slots.front().places_left == 2);
    }
    SUBCASE("one room busy") {
        auto slots = appointment_slots(day_query("2027-01-13"), {a, b}, {{1, {nine}}, {2, {}}});
        CHECK(slots.front().places_left == 1);
        CHECK(slots.front().room_id == 2);
    }
    SUBCASE("both practitioners busy: the time is not offered") {
        a.busy.push_back(nine);
        b.busy.push_back(nine);
        auto slots = appointment_slots(day_query("2027-01-13"), {a, b}, {{1, {}}, {2, {}}});
        CHECK(local_starts(slots).front() == "09:30");
    }
}

TEST_CASE("assigning a start picks a free practitioner and room, never a busy one") {
    auto a = weekday_practitioner(1), b = weekday_practitioner(2);
    auto start = *parse_instant("2027-01-13T09:00:00Z");
    Interval nine{start, *parse_instant("2027-01-13T09:30:00Z")};
    a.busy.push_back(nine);
    auto got = assign_appointment(day_query("2027-01-13"), start, {a, b}, {{1, {nine}}, {2, {}}});
    REQUIRE(got);
    CHECK(got->staff_id == 2);
    CHECK(got->room_id == 2);
    CHECK_FALSE(assign_appointment(day_query("2027-01-13"), *parse_instant("2027-01-13T09:10:00Z"), {b}, {{2, {}}}));
    CHECK_FALSE(assign_appointment(day_query("2027-01-13"), *parse_instant("2027-01-13T12:30:00Z"), {b}, {{2, {}}}));
    CHECK_FALSE(assign_appointment(day_query("2027-01-13"), start, {a, b}, {{1, {nine}}}));
    CHECK(assign_appointment(day_query("2027-01-13"), start, {a, b}, {{2, {}}}, Id{1}) == std::nullopt);
}

TEST_CASE("overlap is half-open") {
    auto t = [](const char* s) { return *parse_instant(s); };
    CHECK(overlaps({t("2027-01-13T09:00:00Z"), t("2027-01-13T09:30:00Z")}, {t("2027-01-13T09:29:00Z"), t("2027-01-13T10:00:00Z")}));
    CHECK_FALSE(overlaps({t("2027-01-13T09:00:00Z"), t("2027-01-13T09:30:00Z")}, {t("2027-01-13T09:30:00Z"), t("2027-01-13T10:00:00Z")}));
}
}

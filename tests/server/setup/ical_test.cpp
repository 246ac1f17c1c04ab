// The diary's iCalendar text: escaping, folding at 75 octets without splitting a
// UTF-8 character, UTC times, and the exact text of one canonical calendar.
#include <doctest/doctest.h>

#include <sstream>

#include "server/domain/ical.hpp"
#include "tests/server/setup/setup_harness.hpp"

using namespace frontdoor::server::domain;
using frontdoor::setup_test::at;

namespace {

/// Every physical line of CRLF-terminated text, without its CRLF; fails on a bare LF.
std::vector<std::string> physical_lines(const std::string& text) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find("\r\n", pos);
        REQUIRE(end != std::string::npos);
        out.push_back(text.substr(pos, end - pos));
        pos = end + 2;
    }
    for (const auto& l : out) CHECK(l.find('\n') == std::string::npos);
    return out;
}

} // namespace

TEST_SUITE("server.domain") {
TEST_CASE("TEXT values escape backslash, semicolon, comma and newlines") {
    CHECK(ical_escape("plain words") == "plain words");
    CHECK(ical_escape("a,b;c\\d") == "a\\,b\\;c\\\\d");
    CHECK(ical_escape("one\ntwo\r\nthree\rfour") == "one\\ntwo\\nthree\\nfour");
    CHECK(ical_escape("Room 1 — Blue Room: \"quiet\"") == "Room 1 — Blue Room: \"quiet\"");
}

TEST_CASE("lines fold at 75 octets, continuation lines start with a space") {
    SUBCASE("short lines stay whole") { CHECK(ical_fold("SUMMARY:Hello") == "SUMMARY:Hello\r\n"); }
    SUBCASE("exactly 75 octets is one line") {
        std::string line(75, 'a');
        CHECK(ical_fold(line) == line + "\r\n");
    }
    SUBCASE("76 octets and beyond") {
        std::string line(75 + 74 + 3, 'a');
        CHECK(ical_fold(line) ==
              std::string(75, 'a') + "\r\n " + std::string(74, 'a') + "\r\n " + std::string(3, 'a') + "\r\n");
    }
    SUBCASE("never inside a UTF-8 character") {
        // 73 octets then an em dash (3 octets): the dash moves whole to the next line.
        std::string line = std::string(73, 'a') + "—b";
        CHECK(ical_fold(line) == std::string(73, 'a') + "\r\n —b\r\n");
        std::string cyrillic;
        for (int i = 0; i < 60; ++i) cyrillic += "Олена"; // 2 octets each letter
        auto folded = ical_fold("SUMMARY:" + cyrillic);
        std::string unfolded;
        for (const auto& l : physical_lines(folded)) {
            CHECK(l.size() <= 75);
            // No physical line starts or ends inside a character.
            CHECK((static_cast<unsigned char>(l.back()) & 0xC0) != 0xC0);
            unfolded += unfolded.empty() ? l : l.substr(1);
        }
        CHECK(unfolded == "SUMMARY:" + cyrillic);
    }
}

TEST_CASE("instants are written in UTC") {
    CHECK(ical_utc(at("2027-03-28T10:30:00+01:00")) == "20270328T093000Z");
    CHECK(ical_utc(at("2027-10-31T01:30:00+00:00")) == "20271031T013000Z");
}

TEST_CASE("a canonical calendar, exactly") {
    Calendar cal;
    cal.name = "Front Door: Grace Okafor";
    cal.stamp = at("2027-03-28T08:00:00Z");
    cal.events.push_back({"booking-7@frontdoor", at("2027-03-29T09:30:00+01:00"), at("2027-03-29T10:00:00+01:00"),
                          "Antenatal appointment: Anna", std::string{"Room 1 — Blue Room"}, std::nullopt, false});
    cal.events.push_back({"session-3@frontdoor", at("2027-03-30T13:30:00+01:00"), at("2027-03-30T14:30:00+01:00"),
                          "Baby massage, stretch; and \\ play", std::string{"Sensory Room"},
                          std::string{"2 of 8 places booked\nBring a towel, please; and a spare nappy for every baby who comes"},
                          false});
    cal.events.push_back({"booking-9@frontdoor", at("2027-03-31T08:00:00Z"), at("2027-03-31T08:45:00Z"),
                          "Infant feeding support: Inaya", std::nullopt, std::nullopt, true});

    const std::string expected =
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Front Door//Diary 1.0//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "X-WR-CALNAME:Front Door: Grace Okafor\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:booking-7@frontdoor\r\n"
        "DTSTAMP:20270328T080000Z\r\n"
        "DTSTART:20270329T083000Z\r\n"
        "DTEND:20270329T090000Z\r\n"
        "SUMMARY:Antenatal appointment: Anna\r\n"
        "LOCATION:Room 1 — Blue Room\r\n"
        "STATUS:CONFIRMED\r\n"
        "TRANSP:OPAQUE\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:session-3@frontdoor\r\n"
        "DTSTAMP:20270328T080000Z\r\n"
        "DTSTART:20270330T123000Z\r\n"
        "DTEND:20270330T133000Z\r\n"
        "SUMMARY:Baby massage\\, stretch\\; and \\\\ play\r\n"
        "LOCATION:Sensory Room\r\n"
        "DESCRIPTION:2 of 8 places booked\\nBring a towel\\, please\\; and a spare napp\r\n"
        " y for every baby who comes\r\n"
        "STATUS:CONFIRMED\r\n"
        "TRANSP:OPAQUE\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:booking-9@frontdoor\r\n"
        "DTSTAMP:20270328T080000Z\r\n"
        "DTSTART:20270331T080000Z\r\n"
        "DTEND:20270331T084500Z\r\n"
        "SUMMARY:Infant feeding support: Inaya\r\n"
        "STATUS:TENTATIVE\r\n"
        "TRANSP:OPAQUE\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    auto text = render_calendar(cal);
    CHECK(text == expected);
    for (const auto& l : physical_lines(text)) CHECK(l.size() <= 75);
}
}

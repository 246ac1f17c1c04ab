#pragma once
// iCalendar (RFC 5545) text for a diary, pure: CRLF line endings, lines folded at 75
// octets (never inside a UTF-8 character), TEXT values escaped, times in UTC ("Z").
// Thread-safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/time.hpp"

namespace frontdoor::server::domain {

struct CalendarEvent {
    std::string uid; // globally unique and stable for the same booking or session
    shared::Instant start;
    shared::Instant end;
    std::string summary;
    std::optional<std::string> location;
    std::optional<std::string> description;
    bool tentative = false; // STATUS:TENTATIVE instead of CONFIRMED
};

struct Calendar {
    std::string name; // X-WR-CALNAME
    shared::Instant stamp; // DTSTAMP of every event: when the calendar was made
    std::vector<CalendarEvent> events;
};

/// Escapes a TEXT value: backslash, semicolon and comma get a backslash; a newline
/// (CRLF, CR or LF) becomes "\n".
std::string ical_escape(std::string_view text);
/// One content line folded to at most 75 octets per physical line, each ending CRLF;
/// continuation lines start with one space.
std::string ical_fold(std::string_view line);
/// "20270328T093000Z"
std::string ical_utc(shared::Instant t);
/// The whole VCALENDAR.
std::string render_calendar(const Calendar& calendar);

} // namespace frontdoor::server::domain

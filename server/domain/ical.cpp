#include "server/domain/ical.hpp"

#include <cstdio>

namespace frontdoor::server::domain {
namespace {

constexpr size_t kMaxOctets = 75;

/// True for the bytes that continue a UTF-8 character (10xxxxxx).
bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

} // namespace

std::string ical_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
            break;
        case '\n': out += "\\n"; break;
        default: out += c;
        }
    }
    return out;
}

std::string ical_fold(std::string_view line) {
    std::string out;
    size_t pos = 0;
    size_t room = kMaxOctets; // the first line holds 75 octets, the others a space and 74
    while (line.size() - pos > room) {
        size_t cut = pos + room;
        while (cut > pos && is_continuation(static_cast<unsigned char>(line[cut]))) --cut;
        if (cut == pos) cut = pos + room; // not UTF-8 at all: cut by octets
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        room = kMaxOctets - 1;
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}

std::string ical_utc(shared::Instant t) {
    auto day = date::floor<date::days>(t);
    date::year_month_day ymd{day};
    date::hh_mm_ss tod{t - day};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()));
    return buf;
}

std::string render_calendar(const Calendar& cal) {
    std::string out;
    auto line = [&out](std::string_view name, std::string_view value) {
        std::string l{name};
        l += ':';
        l += value;
        out += ical_fold(l);
    };
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//Front Door//Diary 1.0//EN");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    if (!cal.name.empty()) line("X-WR-CALNAME", ical_escape(cal.name));
    auto stamp = ical_utc(cal.stamp);
    for (const auto& e : cal.events) {
        line("BEGIN", "VEVENT");
        line("UID", ical_escape(e.uid));
        line("DTSTAMP", stamp);
        line("DTSTART", ical_utc(e.start));
        line("DTEND", ical_utc(e.end));
        line("SUMMARY", ical_escape(e.summary));
        if (e.location) line("LOCATION", ical_escape(*e.location));
        if (e.description) line("DESCRIPTION", ical_escape(*e.description));
        line("STATUS", e.tentative ? "TENTATIVE" : "CONFIRMED");
        line("TRANSP", "OPAQUE");
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    return out;
}

} // namespace frontdoor::server::domain

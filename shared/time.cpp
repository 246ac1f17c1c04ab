#include "shared/time.hpp"

#include <charconv>
#include <cstdio>

namespace frontdoor::shared {
namespace {

bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
    if (pos + len > s.size()) return false;
    for (size_t i = pos; i < pos + len; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    auto r = std::from_chars(s.data() + pos, s.data() + pos + len, out);
    return r.ec == std::errc{};
}

} // namespace

std::optional<Date> parse_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, m) || !read_int(s, 8, 2, d))
        return std::nullopt;
    Date ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || y < 1900) return std::nullopt;
    return ymd;
}

std::string format_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::optional<Minutes> parse_hhmm(std::string_view s) {
    int h, m;
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    if (!read_int(s, 0, 2, h) || !read_int(s, 3, 2, m)) return std::nullopt;
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return Minutes{h * 60 + m};
}

std::string format_hhmm(Minutes m) {
    char buf[48];
    auto v = m.count();
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(v / 60),
                  static_cast<long long>(v % 60));
    return buf;
}

std::optional<Instant> parse_instant(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)
    if (s.size() < 20) return std::nullopt;
    auto day = parse_date(s.substr(0, 10));
    if (!day || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
    int hh, mm, ss;
    if (!read_int(s, 11, 2, hh) || s[13] != ':' || !read_int(s, 14, 2, mm) || s[16] != ':' ||
        !read_int(s, 17, 2, ss))
        return std::nullopt;
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    int offset_minutes = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        if (pos + 1 != s.size()) return std::nullopt;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (s.size() != pos + 6 || !read_int(s, pos + 1, 2, oh) || s[pos + 3] != ':' ||
            !read_int(s, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offset_minutes = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    } else {
        return std::nullopt;
    }
    auto local = date::sys_days{*day} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
                 std::chrono::seconds{ss};
    auto t = std::chrono::time_point_cast<std::chrono::seconds>(local -
                                                                std::chrono::minutes{offset_minutes});
    // Only instants whose UTC form is itself readable (years 1900 to 9999): an offset or
    // a leap second must not carry one out of parse_date's range (found by fuzzing).
    static constexpr auto first = date::sys_days{date::year{1900} / 1 / 1};
    static constexpr auto last = date::sys_days{date::year{10000} / 1 / 1};
    if (t < first || t >= last) return std::nullopt;
    return t;
}

std::string format_instant(Instant t, const date::time_zone* zone) {
    auto info = zone ? zone->get_info(t) : date::sys_info{};
    auto offset = zone ? std::chrono::duration_cast<std::chrono::minutes>(info.offset)
                       : std::chrono::minutes{0};
    auto local = t + offset;
    auto day = date::floor<date::days>(local);
    date::hh_mm_ss tod{local - day};
    char buf[128];
    auto ymd = Date{day};
    long long off = offset.count();
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02lld:%02lld",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(tod.hours().count()),
                  static_cast<long long>(tod.minutes().count()),
                  static_cast<long long>(tod.seconds().count()), sign, off / 60, off % 60);
    return buf;
}

const date::time_zone* find_zone(std::string_view name) {
    if (name.empty() || name.size() > 64) return nullptr;
    try {
        return date::locate_zone(std::string{name});
    } catch (const std::exception&) {
        return nullptr;
    }
}

Instant local_to_instant(const date::time_zone* zone, const Date& day, Minutes time_of_day) {
    auto local = date::local_days{day} + time_of_day;
    auto info = zone->get_info(date::local_seconds{local});
    switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous: // the earlier of the two
        return Instant{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent: // forward past the gap, as a wall clock does
    default:
        return Instant{local.time_since_epoch() - info.first.offset};
    }
}

Date local_date(const date::time_zone* zone, Instant t) {
    auto local = zone->to_local(t);
    return Date{date::floor<date::days>(local)};
}

Minutes local_time_of_day(const date::time_zone* zone, Instant t) {
    auto local = zone->to_local(t);
    return std::chrono::duration_cast<Minutes>(local - date::floor<date::days>(local));
}

int iso_weekday(const Date& d) { return static_cast<int>(date::weekday{d}.iso_encoding()); }

Date add_days(const Date& d, int days) { return Date{date::sys_days{d} + date::days{days}}; }

int days_between(const Date& from, const Date& to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Instant SystemClock::now() const {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace frontdoor::shared

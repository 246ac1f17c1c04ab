#include "kiosk/core/dates.hpp"

#include <cstdio>

#include "shared/time.hpp"

namespace frontdoor::kiosk {

std::string instant_day(std::string_view instant) { return std::string(instant.substr(0, 10)); }

std::string instant_time(std::string_view instant) {
    return instant.size() >= 16 ? std::string(instant.substr(11, 5)) : std::string();
}

int weekday_of(std::string_view day) {
    auto d = shared::parse_date(day);
    return d ? shared::iso_weekday(*d) : 0;
}

int day_of_month(std::string_view day) {
    auto d = shared::parse_date(day);
    return d ? static_cast<int>(static_cast<unsigned>(d->day())) : 0;
}

int month_of(std::string_view day) {
    auto d = shared::parse_date(day);
    return d ? static_cast<int>(static_cast<unsigned>(d->month())) : 0;
}

std::string add_days(std::string_view day, int n) {
    auto d = shared::parse_date(day);
    return d ? shared::format_date(shared::add_days(*d, n)) : std::string();
}

int days_between_inclusive(std::string_view from, std::string_view to) {
    auto a = shared::parse_date(from);
    auto b = shared::parse_date(to);
    return a && b ? shared::days_between(*a, *b) + 1 : 0;
}

std::string compose_date(std::string_view day, std::string_view month, std::string_view year) {
    if (day.empty() || month.empty() || year.size() != 4) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.4s-%02d-%02d", std::string(year).c_str(),
                  std::atoi(std::string(month).c_str()), std::atoi(std::string(day).c_str()));
    return buf;
}

} // namespace frontdoor::kiosk

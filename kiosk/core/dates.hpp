#pragma once
// Reading the server's instants for display, and the dates the kiosk asks for.
// Instants arrive in the hub's local offset (docs/api/openapi.yaml), so the local day and time are
// their first characters. Pure functions.

#include <string>
#include <string_view>

namespace frontdoor::kiosk {

/// "2027-03-28T10:30:00+01:00" -> "2027-03-28".
std::string instant_day(std::string_view instant);
/// "2027-03-28T10:30:00+01:00" -> "10:30".
std::string instant_time(std::string_view instant);
/// ISO weekday of a YYYY-MM-DD date (1 = Monday), 0 when it is not a date.
int weekday_of(std::string_view day);
int day_of_month(std::string_view day);
int month_of(std::string_view day);
/// YYYY-MM-DD plus n days.
std::string add_days(std::string_view day, int n);
/// Days from `from` to `to`, both counted; 0 when either is not a date.
int days_between_inclusive(std::string_view from, std::string_view to);
/// "7", "3", "1990" -> "1990-03-07"; empty when a part is missing.
std::string compose_date(std::string_view day, std::string_view month, std::string_view year);

} // namespace frontdoor::kiosk

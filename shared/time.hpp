#pragma once
// Dates, wall-clock times and instants, and the hub's IANA zone (Howard Hinnant's
// date/tz over the system's tzdata). Instants are UTC seconds; dates and times of day
// are local to a hub. Thread-safety: all functions are pure; the tz database is
// loaded once, thread-safely, by the library.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>
#include <date/tz.h>

namespace frontdoor::shared {

using Instant = std::chrono::sys_seconds;
using Date = date::year_month_day;
using Minutes = std::chrono::minutes; // minutes since local midnight

/// "YYYY-MM-DD" -> a real calendar date, or nullopt (2027-02-30 is nullopt).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);

/// "HH:MM" (00:00 to 24:00) -> minutes since midnight, or nullopt.
std::optional<Minutes> parse_hhmm(std::string_view text);
std::string format_hhmm(Minutes m);

/// RFC 3339 with an offset or Z ("2027-03-28T10:30:00+01:00"), or nullopt; only
/// instants from 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
std::optional<Instant> parse_instant(std::string_view text);
/// RFC 3339 in the zone's local offset at that instant.
std::string format_instant(Instant t, const date::time_zone* zone);

/// The zone for an IANA name, or nullptr when the system's tzdata does not know it.
const date::time_zone* find_zone(std::string_view name);

/// The instant of a local wall-clock time. A time that does not exist (the skipped
/// hour in March) moves forward past the gap; an ambiguous one (October) takes the
/// earlier instant.
Instant local_to_instant(const date::time_zone* zone, const Date& day, Minutes time_of_day);
/// The local date and time of day of an instant.
Date local_date(const date::time_zone* zone, Instant t);
Minutes local_time_of_day(const date::time_zone* zone, Instant t);
/// ISO weekday, 1 = Monday ... 7 = Sunday.
int iso_weekday(const Date& d);
Date add_days(const Date& d, int days);
int days_between(const Date& from, const Date& to);

/// The source of "now". Thread-safety: now() may be called from any thread.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
  public:
    Instant now() const override;
};

/// A clock that tests set and advance.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(Instant start) : t_(start.time_since_epoch().count()) {}
    Instant now() const override { return Instant{std::chrono::seconds{t_.load()}}; }
    void set(Instant t) { t_ = t.time_since_epoch().count(); }
    void advance(std::chrono::seconds d) { t_ += d.count(); }

  private:
    std::atomic<long long> t_;
};

} // namespace frontdoor::shared

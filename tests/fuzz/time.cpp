// Dates ("2027-03-28"), times of day ("09:30") and instants with offsets
// ("2027-03-28T10:30:00+01:00") as clients send them, and the promises around them:
// what parses formats back to itself (dates, times) or to the same instant, in UTC and
// in the hub's zone across the clock changes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/time.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor::shared;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const date::time_zone* london = find_zone("Europe/London");

    if (auto d = parse_date(text)) {
        FUZZ_CHECK(d->ok());
        FUZZ_CHECK(format_date(*d) == text);
        FUZZ_CHECK(days_between(*d, add_days(*d, 7)) == 7);
        FUZZ_CHECK(iso_weekday(*d) >= 1 && iso_weekday(*d) <= 7);
        auto midnight = local_to_instant(london, *d, Minutes{0});
        FUZZ_CHECK(local_date(london, midnight) == *d);
    }
    if (auto m = parse_hhmm(text)) {
        FUZZ_CHECK(m->count() >= 0 && m->count() <= 24 * 60);
        FUZZ_CHECK(format_hhmm(*m) == text);
    }
    if (auto t = parse_instant(text)) {
        for (const date::time_zone* zone : {static_cast<const date::time_zone*>(nullptr), london}) {
            auto back = parse_instant(format_instant(*t, zone));
            FUZZ_CHECK(back && *back == *t);
        }
        auto day = local_date(london, *t);
        auto tod = local_time_of_day(london, *t);
        FUZZ_CHECK(tod.count() >= 0 && tod.count() < 24 * 60);
        (void)local_to_instant(london, day, tod);
    }
    if (size <= 64) (void)find_zone(text);
    return 0;
}

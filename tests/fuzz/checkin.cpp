// The check-in matcher's inputs: a surname and the initial typed at the kiosk (any
// bytes), and the candidates a day's bookings give. An initial matches its own name;
// the choice is all of one family or an error.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "server/domain/checkin.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor::server::domain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    auto initial = in.ConsumeRandomLengthString(8);
    auto surname = in.ConsumeRandomLengthString(64);

    bool matches = initial_matches(surname, initial);
    if (matches) FUZZ_CHECK(initial_of(initial) != 0);
    if (initial_of(surname) != 0) FUZZ_CHECK(initial_matches(surname, surname));

    std::vector<CheckinCandidate> candidates(in.ConsumeIntegralInRange<size_t>(0, 8));
    for (auto& c : candidates) {
        c.booking_id = in.ConsumeIntegral<std::int64_t>();
        c.client_id = in.ConsumeIntegralInRange<std::int64_t>(1, 3);
    }
    auto chosen = choose_checkin(candidates);
    if (chosen) {
        FUZZ_CHECK(chosen->size() == candidates.size());
        for (const auto& c : candidates) FUZZ_CHECK(c.client_id == candidates.front().client_id);
    } else {
        FUZZ_CHECK(!chosen.error().message.empty());
    }
    return 0;
}

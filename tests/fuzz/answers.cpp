// The kiosk's reading of a server's answers (shared/api_client, shared/wire): any
// status and body into read_answer, then every parse_* the client applies. An answer
// read is re-serialised as the client would store or show it.
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "shared/api_client.hpp"
#include "shared/wire.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor::shared;

namespace {

template <class T> void dump(const Result<T>& r) {
    if (r) (void)json(*r).dump();
    else FUZZ_CHECK(!r.error().message.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    int status = in.ConsumeBool() ? in.ConsumeIntegralInRange(100, 599) : 200;
    auto body = in.ConsumeRemainingBytesAsString();

    auto error = wire::parse_error_body(body);
    if (error.code != ErrorCode::internal) (void)wire::error_body(error).dump();

    auto j = read_answer(status, body, 200);
    if (status != 200) FUZZ_CHECK(!j);
    if (!j) return 0;
    dump(wire::parse_kiosk_me(*j));
    dump(wire::parse_services(*j));
    dump(wire::parse_slots(*j));
    dump(wire::parse_booking_confirmation(*j));
    dump(wire::parse_waitlist_entry(*j));
    dump(wire::parse_checkin_result(*j));
    return 0;
}

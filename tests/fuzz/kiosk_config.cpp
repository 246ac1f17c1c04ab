// The kiosk's TOML config (kiosk/core/config), any text, over the defaults. Every
// error is a Result; settings accepted keep the kiosk's idle timer sane.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/core/config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto c = frontdoor::kiosk::parse_config(text, {}, "fuzz.toml");
    if (!c) return 0;
    FUZZ_CHECK(std::isfinite(c->idle_seconds) && c->idle_seconds >= 5);
    FUZZ_CHECK(std::isfinite(c->still_there_seconds) && c->still_there_seconds >= 1);
    return 0;
}

// The server's TOML config (server/cli/config), any text, over the defaults, then the
// check of what cannot work. A syntax error is a toml::parse_error, a setting that cannot
// work std::invalid_argument (the program reports either and exits 1); nothing else.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include <toml++/toml.h>

#include "server/cli/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    frontdoor::server::ServerOptions o;
    try {
        frontdoor::server::cli::read_config_text(text, "fuzz.toml", o);
        frontdoor::server::cli::check_options(o);
    } catch (const toml::parse_error&) {
    } catch (const std::invalid_argument&) {
    }
    return 0;
}

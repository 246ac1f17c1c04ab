#include "server/cli/config.hpp"

#include <climits>
#include <cstdint>
#include <stdexcept>
#include <string>

#include <toml++/toml.h>

namespace frontdoor::server::cli {
namespace {

/// An integer setting, `fallback` when absent. Only a TOML integer in int's range:
/// toml++ 3.3's value<int>() of a float casts it unchecked (`offer_hold_minutes = 1e30`
/// was undefined behaviour, found by fuzzing), so floats and anything else are refused.
int whole_number(const toml::table& cfg, const char* key, int fallback) {
    auto node = cfg[key];
    if (!node) return fallback;
    auto v = node.value_exact<std::int64_t>();
    if (!v || *v < INT_MIN || *v > INT_MAX)
        throw std::invalid_argument(std::string(key) + " must be a whole number");
    return static_cast<int>(*v);
}

void read_config(const toml::table& cfg, ServerOptions& o) {
    o.db_path = cfg["db"].value_or(o.db_path);
    o.bind = cfg["bind"].value_or(o.bind);
    o.port = whole_number(cfg, "port", o.port);
    o.web_root = cfg["web_root"].value_or(o.web_root);
    o.threads = whole_number(cfg, "threads", o.threads);
    o.trusted_proxy = cfg["trusted_proxy"].value_or(o.trusted_proxy);
    o.settings.offer_hold = std::chrono::minutes{whole_number(cfg, "offer_hold_minutes", 120)};
    o.settings.staff_session_idle = std::chrono::minutes{whole_number(cfg, "session_idle_minutes", 30)};
    o.settings.bookable_days_ahead = whole_number(cfg, "bookable_days_ahead", o.settings.bookable_days_ahead);
    o.settings.late_after_minutes = whole_number(cfg, "late_after_minutes", o.settings.late_after_minutes);
}

} // namespace

void read_config_file(const std::string& path, ServerOptions& o) { read_config(toml::parse_file(path), o); }

void read_config_text(std::string_view toml_text, const std::string& source, ServerOptions& o) {
    read_config(toml::parse(toml_text, source), o);
}

void check_options(const ServerOptions& o) {
    auto require = [](bool ok, const char* what) {
        if (!ok) throw std::invalid_argument(what);
    };
    require(o.port >= 0 && o.port <= 65535, "port must be between 0 and 65535");
    require(o.threads >= 1 && o.threads <= 1024, "threads must be between 1 and 1024");
    require(o.settings.offer_hold >= std::chrono::minutes{1}, "offer_hold_minutes must be at least 1");
    require(o.settings.staff_session_idle >= std::chrono::minutes{1},
            "session_idle_minutes must be at least 1");
    require(o.settings.bookable_days_ahead >= 1 && o.settings.bookable_days_ahead <= 3660,
            "bookable_days_ahead must be between 1 and 3660");
    require(o.settings.late_after_minutes >= 0 && o.settings.late_after_minutes <= 240,
            "late_after_minutes must be between 0 and 240");
}

} // namespace frontdoor::server::cli

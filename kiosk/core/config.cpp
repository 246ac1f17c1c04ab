#include "kiosk/core/config.hpp"

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include <toml++/toml.h>

#include "shared/api_client.hpp"

namespace frontdoor::kiosk {

using shared::ErrorCode;
using shared::make_error;

namespace {

/// A timeout in milliseconds: a TOML integer from 1 to a minute. (toml++ 3.3's
/// value<int>() of a float casts it unchecked: `1e30` was undefined behaviour.)
std::optional<int> timeout_ms(const toml::table& t, const char* key, int fallback) {
    auto node = t[key];
    if (!node) return fallback;
    auto v = node.value_exact<std::int64_t>();
    if (!v || *v < 1 || *v > 60'000) return std::nullopt;
    return static_cast<int>(*v);
}

/// A missing key keeps its value from `c`.
shared::Result<KioskConfig> read_config(const toml::table& t, KioskConfig c) {
    c.server_url = t["server"].value_or(c.server_url);
    c.ca_file = t["ca_file"].value_or(c.ca_file);
    c.token_file = t["token_file"].value_or(c.token_file);
    c.idle_seconds = t["idle_seconds"].value_or(c.idle_seconds);
    c.still_there_seconds = t["still_there_seconds"].value_or(c.still_there_seconds);
    c.staff_pin = t["staff_pin"].value_or(c.staff_pin);
    c.language = t["language"].value_or(c.language);
    c.assets_dir = t["assets_dir"].value_or(c.assets_dir);
    for (auto [key, slot] : {std::pair{"connect_timeout_ms", &c.connect_timeout_ms},
                             std::pair{"read_timeout_ms", &c.read_timeout_ms}}) {
        auto ms = timeout_ms(t, key, *slot);
        if (!ms) return make_error(ErrorCode::invalid_field, "must be a whole number from 1 to 60000", key);
        *slot = *ms;
    }
    // Written so that nan fails too; inf would never forget what was typed.
    if (!(c.idle_seconds >= 5 && c.still_there_seconds >= 1) || !std::isfinite(c.idle_seconds) ||
        !std::isfinite(c.still_there_seconds))
        return make_error(ErrorCode::invalid_field, "idle times are too short", "idle_seconds");
    return c;
}

} // namespace

shared::Result<KioskConfig> load_config(const std::string& path, KioskConfig c) {
    try {
        return read_config(toml::parse_file(path), std::move(c));
    } catch (const toml::parse_error& e) {
        return make_error(ErrorCode::invalid_field, std::string(e.description()), path);
    }
}

shared::Result<KioskConfig> parse_config(std::string_view toml_text, KioskConfig c,
                                         const std::string& source) {
    try {
        return read_config(toml::parse(toml_text, source), std::move(c));
    } catch (const toml::parse_error& e) {
        return make_error(ErrorCode::invalid_field, std::string(e.description()), source);
    }
}

shared::Status check_ca_file(const KioskConfig& config) {
    if (config.ca_file.empty()) return shared::ok_status();
    std::ifstream in(config.ca_file, std::ios::binary);
    if (!in)
        return make_error(ErrorCode::invalid_field, "cannot read the ca_file " + config.ca_file, "ca_file");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.find("-----BEGIN CERTIFICATE-----") == std::string::npos)
        return make_error(ErrorCode::invalid_field,
                          "the ca_file " + config.ca_file + " holds no PEM certificate", "ca_file");
    return shared::ok_status();
}

shared::Status check_server(const KioskConfig& config) {
    return shared::check_server_address(config.server_url);
}

shared::Result<std::string> read_token_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return make_error(ErrorCode::not_found, "cannot read the token file " + path);
    std::string line;
    std::getline(in, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\n'))
        line.pop_back();
    if (line.empty()) return make_error(ErrorCode::invalid_field, "the token file is empty", path);
    return line;
}

std::string find_assets_dir(const std::string& configured, const std::string& exe_dir) {
    namespace fs = std::filesystem;
    if (!configured.empty()) return configured;
    fs::path installed = fs::path(exe_dir) / ".." / "share" / "frontdoor" / "assets";
    if (fs::exists(installed / "i18n")) return installed.string();
    return FRONTDOOR_SOURCE_ASSETS;
}

} // namespace frontdoor::kiosk

#pragma once
// KioskConfig: the kiosk's settings, read from a TOML file and then overridden by
// flags. Example (deploy/kiosk.toml):
//
//   server = "https://hub.example.org"
//   ca_file = "/etc/frontdoor/ca.pem"
//   token_file = "/etc/frontdoor/kiosk.token"
//   idle_seconds = 60
//   still_there_seconds = 10
//   staff_pin = "4321"
//   language = "en"
//   assets_dir = "/usr/share/frontdoor/assets"
//
// Thread-safety: plain values and pure functions.

#include <string>
#include <string_view>

#include "shared/result.hpp"

namespace frontdoor::kiosk {

struct KioskConfig {
    std::string server_url = "http://127.0.0.1:8080";
    std::string ca_file; // PEM CA(s) an https:// server is verified against; empty: the system's store
    std::string token_file;
    std::string token; // read from token_file
    double idle_seconds = 60;
    double still_there_seconds = 10;
    std::string staff_pin;
    std::string language = "en";
    std::string assets_dir; // empty: found beside the program or in the source tree
    int connect_timeout_ms = 3000;
    int read_timeout_ms = 5000;
};

/// Reads `path` over `base`; a missing key keeps its value from `base`.
shared::Result<KioskConfig> load_config(const std::string& path, KioskConfig base);
/// The same over TOML text; `source` names it in errors.
shared::Result<KioskConfig> parse_config(std::string_view toml_text, KioskConfig base,
                                         const std::string& source);
/// The start-up check of ca_file: when set, a readable file holding at least one PEM
/// certificate, else an error (invalid_field "ca_file") the program stops with.
shared::Status check_ca_file(const KioskConfig& config);
/// The rule for the server address (shared::check_server_address): https:// anywhere,
/// plain http:// only to this machine. A refusal does not stop the program: the kiosk
/// shows its out-of-order screen with the sentence on the staff corner.
shared::Status check_server(const KioskConfig& config);
/// The first line of a token file, trimmed.
shared::Result<std::string> read_token_file(const std::string& path);
/// `configured` if set, else ../share/frontdoor/assets beside `exe_dir`, else the
/// source tree's assets/.
std::string find_assets_dir(const std::string& configured, const std::string& exe_dir);

} // namespace frontdoor::kiosk

#pragma once
// The server's TOML config (deploy/frontdoor.toml.example) read over ServerOptions:
// a missing key keeps its value. Flags are applied after, by the caller.
// Throws toml::parse_error naming the line of a syntax error, std::invalid_argument
// naming the key of an integer setting that is not a whole number.

#include <string>
#include <string_view>

#include "server/http/server.hpp"

namespace frontdoor::server::cli {

void read_config_file(const std::string& path, ServerOptions& o);
/// The same over TOML text; `source` names it in errors.
void read_config_text(std::string_view toml_text, const std::string& source, ServerOptions& o);

/// Throws std::invalid_argument naming the setting when one cannot work: a port outside
/// 0..65535, threads outside 1..1024 (0 serves nobody; -1 asked the pool for SIZE_MAX
/// threads), hold or idle times under a minute, a lateness allowance outside 0..240
/// minutes. Run after the flags are applied.
void check_options(const ServerOptions& o);

} // namespace frontdoor::server::cli

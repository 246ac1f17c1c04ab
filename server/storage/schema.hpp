#pragma once
// The versioned schema: migrations()[i] takes a database from version i to i + 1.
// Only ever append; never edit a migration that has shipped.

#include <string>
#include <vector>

namespace frontdoor::server::storage {

const std::vector<std::string>& migrations();

} // namespace frontdoor::server::storage

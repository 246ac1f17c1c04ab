#pragma once
// The versioned schema: migrations()[i] takes a database from version i to i + 1.
// Only ever append; never edit a migration that has shipped. Each engine has its own
// steps, versioned the same: postgres_migrations()[i] is migrations()[i] in PostgreSQL's
// words (identity columns for INTEGER PRIMARY KEY, BIGINT for INTEGER, lower() for
// COLLATE NOCASE, PL/pgSQL triggers), plus what only PostgreSQL can hold: the
// exclusion constraints that keep one booking per practitioner and per room at a time
// when several servers write at once.

#include <string>
#include <vector>

namespace frontdoor::server::storage {

/// SQLite's steps.
const std::vector<std::string>& migrations();
/// PostgreSQL's steps, the same versions.
const std::vector<std::string>& postgres_migrations();

} // namespace frontdoor::server::storage

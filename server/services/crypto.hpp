#pragma once
// Secrets, on libsodium: argon2id password hashes, random tokens stored only as hashes,
// booking references. Thread-safety: all functions may be called from any thread
// (libsodium is initialised once, before first use).

#include <string>
#include <string_view>

namespace frontdoor::server {

/// argon2id (libsodium's interactive limits), in the PHC string format.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& stored_hash);

/// 32 random bytes as 64 hex characters: what a client holds.
std::string random_token();
/// SHA-256 of a token as hex: what the database holds.
std::string token_hash(std::string_view token);
/// SHA-256 of any text as hex (request fingerprints).
std::string sha256_hex(std::string_view text);

/// 8 characters from the reference alphabet, uniformly random.
std::string random_reference();

} // namespace frontdoor::server

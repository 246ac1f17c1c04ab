#include "server/services/crypto.hpp"

#include <mutex>
#include <stdexcept>

#include <sodium.h>

#include "shared/validate.hpp"

namespace frontdoor::server {
namespace {

void ensure_sodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    });
}

std::string to_hex(const unsigned char* data, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.pop_back();
    return out;
}

} // namespace

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory hashing a password");
    return out;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string sha256_hex(std::string_view text) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    return to_hex(digest, sizeof digest);
}

std::string token_hash(std::string_view token) { return sha256_hex(token); }

std::string random_reference() {
    ensure_sodium();
    std::string out;
    const auto& alphabet = shared::kReferenceAlphabet;
    for (size_t i = 0; i < shared::kReferenceLength; ++i)
        out.push_back(alphabet[randombytes_uniform(static_cast<uint32_t>(alphabet.size()))]);
    return out;
}

} // namespace frontdoor::server

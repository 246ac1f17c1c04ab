#pragma once
// Sign-in limits that no attacker controls, on three keys at once (see the class).
// Thread-safety: every method may be called from any thread.

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/rate_limiter.hpp"

namespace frontdoor::server::http {

struct SignInPolicy {
    LimitPolicy per_pair{10};      // one account from one address
    LimitPolicy per_address{30};   // every account from one address (password spraying)
    LimitPolicy per_account{100};  // one account from anywhere (many addresses at once)
    size_t known_addresses = 8;    // remembered per account, most recent first
};

/// Why three keys, and why none is reset by anyone else's success:
/// - (account, address) stops one attacker guessing one account. It is the only count a
///   success forgives, and only the same account's success from the same address: a
///   good sign-in to the attacker's own account clears nothing of another's.
/// - address stops one attacker trying a few passwords on many accounts; no success
///   resets it, so "one good login every 9 guesses" keeps counting.
/// - account stops many addresses guessing one account. Locking the account for
///   everyone would hand any attacker a way to lock its owner out, so this lock does not
///   apply from the addresses the account last signed in from successfully: its owner
///   at her usual desk still signs in while a botnet is refused. (Remembered in memory:
///   a restart forgets them, and the lock, alike.)
/// Each lock doubles on repeat (the policies' lockout .. max_lockout). Unknown accounts
/// are counted exactly as known ones, so a 429 tells nothing about who exists.
class SignInLimiter {
  public:
    SignInLimiter(const SignInPolicy& policy, const shared::Clock& clock);

    /// How long `address` must wait before trying `account` again; nullopt when it may now.
    std::optional<std::chrono::seconds> retry_after(const std::string& account, const std::string& address);
    void failed(const std::string& account, const std::string& address);
    void succeeded(const std::string& account, const std::string& address);

  private:
    bool known(const std::string& account, const std::string& address);

    RateLimiter pair_;
    RateLimiter address_;
    RateLimiter account_;
    size_t keep_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::string>> known_;
};

} // namespace frontdoor::server::http

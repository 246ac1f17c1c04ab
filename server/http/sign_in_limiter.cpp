#include "server/http/sign_in_limiter.hpp"

#include <algorithm>

namespace frontdoor::server::http {
namespace {

std::string pair_key(const std::string& account, const std::string& address) { return account + "\n" + address; }

} // namespace

SignInLimiter::SignInLimiter(const SignInPolicy& policy, const shared::Clock& clock)
    : pair_(policy.per_pair, clock), address_(policy.per_address, clock), account_(policy.per_account, clock),
      keep_(policy.known_addresses) {}

std::optional<std::chrono::seconds> SignInLimiter::retry_after(const std::string& account, const std::string& address) {
    std::optional<std::chrono::seconds> wait;
    auto longest = [&wait](std::optional<std::chrono::seconds> w) {
        if (w && (!wait || *w > *wait)) wait = w;
    };
    longest(pair_.retry_after(pair_key(account, address)));
    longest(address_.retry_after(address));
    if (auto w = account_.retry_after(account); w && !known(account, address)) longest(w);
    return wait;
}

void SignInLimiter::failed(const std::string& account, const std::string& address) {
    pair_.record(pair_key(account, address));
    address_.record(address);
    account_.record(account);
}

void SignInLimiter::succeeded(const std::string& account, const std::string& address) {
    pair_.reset(pair_key(account, address));
    std::lock_guard lock(mutex_);
    if (known_.size() > 100'000) known_.clear(); // bounded memory
    auto& list = known_[account];
    std::erase(list, address);
    list.push_front(address);
    if (list.size() > keep_) list.pop_back();
}

bool SignInLimiter::known(const std::string& account, const std::string& address) {
    std::lock_guard lock(mutex_);
    auto it = known_.find(account);
    return it != known_.end() && std::find(it->second.begin(), it->second.end(), address) != it->second.end();
}

} // namespace frontdoor::server::http

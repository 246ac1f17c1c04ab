#pragma once
// all_at_once: runs `count` requests at once — every thread waits at one gate, then
// sends — and returns the replies in the order of their index. For tests of racing
// clients (no place sold twice, one booking per idempotency key).

#include <latch>
#include <thread>
#include <vector>

#include "tests/support/http_json.hpp"

namespace frontdoor::testing {

template <class Send> std::vector<Reply> all_at_once(int count, Send send) {
    std::vector<Reply> replies(static_cast<size_t>(count));
    std::latch gate(count);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i)
        threads.emplace_back([&, i] {
            gate.arrive_and_wait();
            replies[static_cast<size_t>(i)] = send(i);
        });
    for (auto& t : threads) t.join();
    return replies;
}

} // namespace frontdoor::testing

#pragma once
// Assertions for HTTP replies, in the order the contract is read: transport, then
// status, then headers, then body. Each failure prints the whole reply.

#include <doctest/doctest.h>

#include "tests/support/http_json.hpp"

namespace frontdoor::testing {

/// Transport ok, this status, a JSON body. REQUIRE-level: later checks need them.
#define REQUIRE_REPLY(reply, expected_status)                                                                  \
    do {                                                                                                       \
        const auto& r_ = (reply);                                                                              \
        INFO("reply: " << r_.describe());                                                                      \
        REQUIRE(r_.transport_ok);                                                                              \
        REQUIRE(r_.status == (expected_status));                                                               \
    } while (0)

/// The contract's error: transport, status, JSON content type, then the code (and field).
#define REQUIRE_ERROR(reply, expected_status, expected_code)                                                   \
    do {                                                                                                       \
        const auto& r_ = (reply);                                                                              \
        INFO("reply: " << r_.describe());                                                                      \
        REQUIRE(r_.transport_ok);                                                                              \
        REQUIRE(r_.status == (expected_status));                                                               \
        CHECK(r_.header("Content-Type").rfind("application/json", 0) == 0);                                    \
        REQUIRE(r_.body.is_object());                                                                          \
        REQUIRE(r_.body.contains("error"));                                                                    \
        CHECK(r_.body["error"].is_object());                                                                   \
        CHECK(r_.error_code() == (expected_code));                                                             \
        CHECK(r_.body["error"].contains("message"));                                                           \
    } while (0)

} // namespace frontdoor::testing

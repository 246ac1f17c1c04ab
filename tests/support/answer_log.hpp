#pragma once
// The answers integration tests got, for tests/web/openapi.test.mjs to check against
// docs/api/openapi.yaml. When FRONTDOOR_ANSWERS_DIR is set (tests/server/CMakeLists.txt
// sets it for the integration tests), each answer is one JSON line in
// <dir>/<program>-<pid>.jsonl: {program, method, path (no query), status,
// content_type, body (JSON, or null), text (when the body is not JSON)}.
// Unset, nothing is written.

#include <string>

namespace frontdoor::testing {

void record_answer(const std::string& method, const std::string& path, int status, const std::string& content_type,
                   const std::string& body);

} // namespace frontdoor::testing

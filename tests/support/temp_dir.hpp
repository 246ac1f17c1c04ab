#pragma once
// A fresh directory under the system's temporary directory, removed with everything in
// it when the TempDir goes out of scope.

#include <string>

namespace frontdoor::testing {

struct TempDir {
    /// `prefix` names the test in the directory's name (frontdoor-<prefix>-XXXXXX).
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string path;
};

} // namespace frontdoor::testing

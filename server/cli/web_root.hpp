#pragma once
// Where `serve` finds the staff page when neither --web-root nor the config names it.

#include <string>
#include <vector>

namespace frontdoor::server::cli {

struct WebRootSearch {
    std::string found;               // empty when no candidate holds an index.html
    std::vector<std::string> looked; // every folder tried, in order
};

/// In order: <folder of the executable>/../share/frontdoor/assets/web (an installed
/// package, wherever its root is: /usr, or a scratch root unpacked with dpkg -x), then
/// `source_web_root` (the source tree this program was built from, for runs from a build
/// folder; skipped when empty). A folder counts only when it holds index.html.
WebRootSearch find_web_root(const std::string& executable, const std::string& source_web_root);

/// The running program's own path (/proc/self/exe), or "" when it cannot be read.
std::string own_executable();

} // namespace frontdoor::server::cli

#include "server/cli/web_root.hpp"

#include <filesystem>
#include <system_error>

namespace frontdoor::server::cli {

WebRootSearch find_web_root(const std::string& executable, const std::string& source_web_root) {
    namespace fs = std::filesystem;
    WebRootSearch out;
    std::vector<fs::path> candidates;
    if (!executable.empty())
        candidates.push_back(fs::path(executable).parent_path().parent_path() / "share" / "frontdoor" / "assets" / "web");
    if (!source_web_root.empty()) candidates.emplace_back(source_web_root);
    for (const auto& c : candidates) {
        std::error_code ec;
        auto normal = fs::weakly_canonical(c, ec);
        const auto& path = ec ? c : normal;
        out.looked.push_back(path.string());
        if (fs::is_regular_file(path / "index.html", ec)) {
            out.found = path.string();
            break;
        }
    }
    return out;
}

std::string own_executable() {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string{} : p.string();
}

} // namespace frontdoor::server::cli

#include "server/http/static_files.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include <httplib.h>

namespace frontdoor::server::http {
namespace {

struct FileType {
    const char* ext;
    const char* mime;
};
constexpr FileType kTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
};

const char* mime_of(const std::filesystem::path& p) {
    const auto ext = p.extension().string();
    for (const auto& t : kTypes)
        if (ext == t.ext) return t.mime;
    return nullptr;
}

} // namespace

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

const char* const kStaticRoutePattern = R"(/(?!api/|healthz$|metrics$).*)";

namespace {
const char* const kServedName =
    R"(/((?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(?:html|js|mjs|css|svg|png|ico|woff2|json|webmanifest|txt))?)";
} // namespace

const std::vector<std::pair<std::string, std::string>>& security_headers() {
    static const std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Security-Policy", kContentSecurityPolicy},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
    };
    return headers;
}

void add_security_headers(httplib::Response& res) {
    for (const auto& [k, v] : security_headers())
        if (!res.has_header(k.c_str())) res.set_header(k.c_str(), v);
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

std::optional<std::filesystem::path> StaticFiles::resolve(const std::string& url_path) const {
    static const std::regex allowed(kServedName);
    if (!std::regex_match(url_path, allowed)) return std::nullopt;
    std::string rel = url_path.substr(1);
    if (rel.empty()) rel = "index.html";
    if (rel.rfind("api/", 0) == 0) return std::nullopt;
    std::error_code ec;
    auto base = std::filesystem::weakly_canonical(root_, ec);
    if (ec) return std::nullopt;
    auto file = std::filesystem::weakly_canonical(base / rel, ec);
    if (ec) return std::nullopt;
    // The pattern already rules out "..": this is a second lock on the same door.
    auto [b, f] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
    if (b != base.end()) return std::nullopt;
    if (!std::filesystem::is_regular_file(file, ec) || !mime_of(file)) return std::nullopt;
    return file;
}

void StaticFiles::serve(const std::string& url_path, httplib::Response& res) const {
    add_security_headers(res);
    auto file = resolve(url_path);
    std::ifstream in;
    if (file) in.open(*file, std::ios::binary);
    if (!file || !in) {
        res.status = 404;
        res.set_header("Cache-Control", "no-store");
        res.set_content("<!doctype html><title>Not found</title><p>Not found.</p>",
                        "text/html; charset=utf-8");
        return;
    }
    std::ostringstream body;
    body << in.rdbuf();
    const char* mime = mime_of(*file);
    // The page is small and changes with each release: always revalidate, never store
    // the HTML (it would outlive a sign-out in a shared browser's cache).
    res.set_header("Cache-Control", file->extension() == ".html" ? "no-store" : "no-cache");
    res.status = 200;
    res.set_content(body.str(), mime);
}

} // namespace frontdoor::server::http

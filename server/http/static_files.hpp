#pragma once
// The staff page's files (assets/web) and the security headers every page response
// carries. Only names made of letters, digits, '_', '-' and '.' in folders of the same
// (no "..", no hidden files) with a known extension are served; everything else is 404.
//
// Thread-safety: StaticFiles is immutable after construction; serve() may run on any
// thread.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace httplib {
struct Response;
}

namespace frontdoor::server::http {

/// Content-Security-Policy of the page: scripts, styles, images and connections from
/// this origin only; no inline script or style; no frames, plugins or foreign forms.
extern const char* const kContentSecurityPolicy;

/// The headers of every page response (HTML, scripts, styles, images, page errors):
/// CSP, X-Content-Type-Options, Referrer-Policy, X-Frame-Options, Permissions-Policy,
/// Cross-Origin-Opener-Policy, Cross-Origin-Resource-Policy.
const std::vector<std::pair<std::string, std::string>>& security_headers();
void add_security_headers(httplib::Response& res);

class StaticFiles {
  public:
    explicit StaticFiles(std::filesystem::path root);

    /// Answers GET of `url_path` ("/" is index.html): 200 with the file, its type and
    /// Cache-Control, or 404 with a small page. Security headers either way.
    void serve(const std::string& url_path, httplib::Response& res) const;

    /// The file a URL path names, or nullopt when it is not one we serve.
    std::optional<std::filesystem::path> resolve(const std::string& url_path) const;

    const std::filesystem::path& root() const { return root_; }

  private:
    std::filesystem::path root_;
};

/// The regex route of the page: every GET path outside /api/, /healthz and /metrics, so
/// that a path no file answers still gets a 404 with the security headers. Register it
/// after the API's own GET routes (httplib tries routes in the order they were added).
extern const char* const kStaticRoutePattern;

} // namespace frontdoor::server::http

// The staff page's files: every page response carries the security headers, found or
// not, and nothing outside assets/web is ever served.
#include <doctest/doctest.h>

#include "server/http/static_files.hpp"
#include "tests/server/web_test_server.hpp"

using namespace frontdoor::server::http;
using namespace frontdoor::server::testing;

namespace {
void check_security_headers(const httplib::Response& res) {
    CHECK(res.get_header_value("Content-Security-Policy") == kContentSecurityPolicy);
    CHECK(res.get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res.get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res.get_header_value("X-Frame-Options") == "DENY");
    CHECK(res.has_header("Cache-Control"));
}
} // namespace

TEST_SUITE("server/web_static") {

TEST_CASE("the policy allows no inline script or style and no framing") {
    std::string csp = kContentSecurityPolicy;
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("style-src 'self'") != std::string::npos);
    CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(csp.find("unsafe-eval") == std::string::npos);
}

TEST_CASE("every page response carries the security headers") {
    WebTestServer t;
    auto c = t.client();
    struct Want {
        const char* path;
        int status;
        const char* type;
    };
    const Want wants[] = {
        {"/", 200, "text/html; charset=utf-8"},
        {"/index.html", 200, "text/html; charset=utf-8"},
        {"/app.js", 200, "text/javascript; charset=utf-8"},
        {"/css/day.css", 200, "text/css; charset=utf-8"},
        {"/missing.js", 404, "text/html; charset=utf-8"},
        {"/no/such/page", 404, "text/html; charset=utf-8"},
        {"/notes.secret", 404, nullptr},
        {"/css/../index.html", 404, nullptr},
        {"/%2e%2e/etc/passwd.txt", 404, nullptr},
        {"/.hidden.js", 404, nullptr},
    };
    for (const auto& w : wants) {
        CAPTURE(w.path);
        auto res = c.Get(w.path);
        REQUIRE(res);
        CHECK(res->status == w.status);
        if (w.type) CHECK(res->get_header_value("Content-Type") == w.type);
        check_security_headers(res.value());
    }
    // A browser offers br; httplib would brotli every file at quality 11 per request.
    auto js = c.Get("/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(js);
    CHECK(js->status == 200);
    CHECK(js->get_header_value("Content-Encoding") != "br");
    check_security_headers(js.value());
    // The API keeps its JSON errors.
    auto api404 = c.Get("/api/v1/nothing-here");
    REQUIRE(api404);
    CHECK(api404->status == 404);
    CHECK(api404->get_header_value("Content-Type") == "application/json");
    auto health = c.Get("/healthz");
    REQUIRE(health);
    CHECK(health->status == 200);

    auto html = c.Get("/");
    REQUIRE(html);
    CHECK(html->get_header_value("Cache-Control") == "no-store");
    CHECK(html->body.find("Front Door") != std::string::npos);
}

TEST_CASE("resolve keeps to the web root") {
    TempDir tmp;
    StaticFiles files(tmp.dir / "web");
    CHECK(files.resolve("/") == std::filesystem::weakly_canonical(tmp.dir / "web" / "index.html"));
    CHECK(files.resolve("/css/day.css"));
    CHECK_FALSE(files.resolve("/../index.html"));
    CHECK_FALSE(files.resolve("/css/../../x.js"));
    CHECK_FALSE(files.resolve("/notes.secret"));
    CHECK_FALSE(files.resolve("/api/v1/x.json"));
    CHECK_FALSE(files.resolve("//etc/passwd.txt"));
}

} // TEST_SUITE

// serve without --web-root (issue 10): the installed location beside the program first,
// then the source tree of a build folder; the folders tried are named when neither has
// the staff page. The last case runs the real program from the build folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "server/cli/web_root.hpp"
#include "tests/server/expect.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace frontdoor::testing;
using frontdoor::server::cli::find_web_root;
namespace fs = std::filesystem;

#ifndef FRONTDOOR_SERVER_BIN
#error "FRONTDOOR_SERVER_BIN must name the frontdoor-server program"
#endif

namespace {
void page_in(const fs::path& folder) {
    fs::create_directories(folder);
    std::ofstream(folder / "index.html") << "<title>Front Door</title>";
}
} // namespace

TEST_SUITE("server: web root") {

TEST_CASE("the installed share/frontdoor/assets/web beside bin/ wins over the source tree") {
    TempDir dir("webroot");
    auto root = fs::path(dir.path) / "root" / "usr";
    page_in(root / "share/frontdoor/assets/web");
    page_in(fs::path(dir.path) / "src/assets/web");
    auto search = find_web_root((root / "bin/frontdoor-server").string(), dir.path + "/src/assets/web");
    CHECK(search.found == (root / "share/frontdoor/assets/web").string());
    CHECK(search.looked == std::vector<std::string>{(root / "share/frontdoor/assets/web").string()});
}

TEST_CASE("run from a build folder, the source tree's assets/web is found") {
    TempDir dir("webroot");
    page_in(fs::path(dir.path) / "src/assets/web");
    auto search = find_web_root(dir.path + "/build/server/frontdoor-server", dir.path + "/src/assets/web");
    CHECK(search.found == dir.path + "/src/assets/web");
    CHECK(search.looked ==
          std::vector<std::string>{dir.path + "/build/share/frontdoor/assets/web", dir.path + "/src/assets/web"});
}

TEST_CASE("a folder without index.html does not count, and every folder tried is named") {
    TempDir dir("webroot");
    fs::create_directories(fs::path(dir.path) / "usr/share/frontdoor/assets/web"); // empty
    auto search = find_web_root(dir.path + "/usr/bin/frontdoor-server", dir.path + "/gone/assets/web");
    CHECK(search.found.empty());
    CHECK(search.looked ==
          std::vector<std::string>{dir.path + "/usr/share/frontdoor/assets/web", dir.path + "/gone/assets/web"});
}

TEST_CASE("the program started from the build folder without --web-root serves the staff page") {
    TempDir dir("webroot");
    const std::string db = dir.path + "/frontdoor.db";
    ServerProcess::init(FRONTDOOR_SERVER_BIN, db, "admin", "correct horse battery");
    ServerProcess server(FRONTDOOR_SERVER_BIN, db);
    server.start();
    auto page = server.http().get("/");
    REQUIRE_REPLY(page, 200);
    CHECK(page.header("Content-Type").find("text/html") == 0);
    CHECK(page.text.find("<title>Front Door — staff</title>") != std::string::npos);
    REQUIRE_REPLY(server.http().get("/js/app.js"), 200);
}

} // TEST_SUITE

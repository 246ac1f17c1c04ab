// GET /api/v1/openapi.json: docs/api/openapi.yaml as JSON, public and cacheable.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "tests/server/expect.hpp"
#include "tests/support/http_json.hpp"
#include "tests/support/raw_client.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

/// The path keys of the YAML file, read off its lines ("  /api/v1/hubs:").
std::set<std::string> yaml_paths() {
    std::ifstream in(FRONTDOOR_SOURCE_DIR "/docs/api/openapi.yaml");
    REQUIRE(in);
    std::set<std::string> out;
    std::regex key(R"(^  (/[^:\s]*):\s*$)");
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_match(line, m, key)) out.insert(m[1]);
    return out;
}

} // namespace

TEST_SUITE("server: API document") {

TEST_CASE("GET /api/v1/openapi.json answers the YAML file as JSON without credentials") {
    TestServer server;
    auto r = server.get("/api/v1/openapi.json");
    REQUIRE_REPLY(r, 200);
    CHECK(r.header("Content-Type") == "application/json");
    auto cache = r.header("Cache-Control");
    CHECK(cache.find("max-age=300") != std::string::npos);
    CHECK(cache.find("no-store") == std::string::npos);

    const auto& doc = r.body;
    REQUIRE(doc.is_object());
    REQUIRE(doc["openapi"].is_string());
    CHECK(doc["openapi"].get<std::string>().rfind("3.1.", 0) == 0);

    std::set<std::string> served;
    for (const auto& [path, item] : doc["paths"].items()) served.insert(path);
    auto file = yaml_paths();
    CHECK(file.size() > 40);
    CHECK(served == file);
    CHECK(served.count("/api/v1/audit") == 1);
    CHECK(served.count("/api/v1/openapi.json") == 1);

    // YAML's scalars keep their kinds: a quoted "1" stays a string, numbers are numbers,
    // true a boolean, an alias (the shared waitlist operations) a copy.
    CHECK(doc["info"]["version"] == "1");
    const auto& limit = doc["paths"]["/api/v1/audit"]["get"]["parameters"][5];
    CHECK(limit["name"] == "limit");
    CHECK(limit["schema"]["maximum"] == 1000);
    CHECK(limit["schema"]["maximum"].is_number_integer());
    CHECK(doc["components"]["parameters"]["Id"]["required"] == true);
    CHECK(doc["components"]["schemas"]["AuditEntry"]["properties"]["actor_name"]["type"] ==
          nlohmann::json::array({"string", "null"}));
    CHECK(doc["paths"]["/api/v1/waitlist/code/{code}/decline"]["post"] ==
          doc["paths"]["/api/v1/waitlist/{id}/accept"]["post"]);
    CHECK(doc["paths"]["/healthz"]["get"]["security"] == nlohmann::json::array());
}

TEST_CASE("the document comes gzipped to a client that accepts it") {
    TestServer server;
    auto plain = server.get("/api/v1/openapi.json");
    REQUIRE_REPLY(plain, 200);
    RawClient raw(server.port());
    REQUIRE(raw.send("GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n"));
    auto answer = raw.read_answer(std::chrono::seconds(5));
    REQUIRE(status_of(answer) == 200);
    auto head = answer.substr(0, answer.find("\r\n\r\n"));
    CHECK(head.find("Content-Encoding: gzip") != std::string::npos);
    CHECK(answer.size() - head.size() < plain.text.size() / 3);
}

} // TEST_SUITE

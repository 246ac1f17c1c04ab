// GET /api/v1/openapi.json: docs/api/openapi.yaml, embedded at build time
// (server/CMakeLists.txt writes it into openapi_document.cpp) and turned into JSON once.
#include <cctype>
#include <memory>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "server/http/routes.hpp"
#include "server/services/compress.hpp"

namespace frontdoor::server::http {

extern const char* const kOpenApiYaml; // the generated openapi_document.cpp

namespace {

/// A plain scalar reads as YAML 1.2's core schema does (null, booleans, numbers); a
/// quoted one (tag "!") stays a string.
json scalar_json(const YAML::Node& n) {
    const auto& text = n.Scalar();
    if (n.Tag() == "!") return text;
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    // Numbers: the whole text must parse as one, else it is a string ("3.1.0", "HH:MM").
    auto first = text.find_first_not_of("+-");
    if (first != std::string::npos && first <= 1 && (std::isdigit(static_cast<unsigned char>(text[first])) || text[first] == '.')) {
        json number = json::parse(text[0] == '+' ? text.substr(1) : text, nullptr, false);
        if (number.is_number()) return number;
    }
    return text;
}

json to_json_value(const YAML::Node& n) {
    switch (n.Type()) {
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar: return scalar_json(n);
    case YAML::NodeType::Sequence: {
        json out = json::array();
        for (const auto& item : n) out.push_back(to_json_value(item));
        return out;
    }
    case YAML::NodeType::Map: {
        json out = json::object();
        for (const auto& kv : n) out[kv.first.Scalar()] = to_json_value(kv.second);
        return out;
    }
    case YAML::NodeType::Undefined: break;
    }
    throw std::runtime_error("the API document has an undefined node");
}

struct Prepared {
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzipped;
};

const Prepared& document() {
    static const Prepared prepared = [] {
        auto body = std::make_shared<const std::string>(openapi_json().dump());
        return Prepared{body, std::make_shared<const std::string>(server::gzip(*body, 6))};
    }();
    return prepared;
}

} // namespace

json openapi_json() { return to_json_value(YAML::Load(kOpenApiYaml)); }

void register_openapi_routes(Api& api) {
    document(); // a document that does not parse stops the server at start, not at the first request
    api.public_get(R"(/api/v1/openapi\.json)", [](const httplib::Request& req, httplib::Response& res) {
        const auto& d = document();
        res.set_header("Cache-Control", "public, max-age=300");
        reply_prepared(req, res, 200, d.body, d.gzipped);
    });
}

} // namespace frontdoor::server::http

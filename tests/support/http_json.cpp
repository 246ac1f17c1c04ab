#include "tests/support/http_json.hpp"

#include "tests/support/answer_log.hpp"

namespace frontdoor::testing {

std::string Reply::error_code() const {
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("code") && body["error"]["code"].is_string())
        return body["error"]["code"].get<std::string>();
    return {};
}

std::string Reply::error_field() const {
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].contains("field") && body["error"]["field"].is_string())
        return body["error"]["field"].get<std::string>();
    return {};
}

std::string Reply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string{} : it->second;
}

std::string Reply::describe() const {
    if (!transport_ok) return "transport: " + transport_error;
    auto t = text.size() > 400 ? text.substr(0, 400) + "..." : text;
    return std::to_string(status) + " " + t;
}

std::unique_ptr<httplib::Client> HttpJson::client() const {
    auto c = std::make_unique<httplib::Client>(host_, port_);
    c->set_connection_timeout(5, 0);
    c->set_read_timeout(5, 0);
    c->set_write_timeout(5, 0);
    c->set_tcp_nodelay(true);
    return c;
}

httplib::Headers auth_headers(const std::string& token, const httplib::Headers& extra) {
    httplib::Headers h = extra;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return h;
}

Reply to_reply(const httplib::Result& r) {
    Reply out;
    if (!r) {
        out.transport_error = httplib::to_string(r.error());
        return out;
    }
    out.transport_ok = true;
    out.status = r->status;
    out.headers = r->headers;
    out.text = r->body;
    out.body = json::parse(r->body, nullptr, false);
    if (out.body.is_discarded()) out.body = nullptr;
    return out;
}

namespace {

/// Every answer passes here: recorded for the schema check when that is asked for.
Reply recorded(const std::string& method, const std::string& path, Reply reply) {
    auto encoding = reply.header("Content-Encoding"); // a body still compressed is not the answer's JSON
    if (reply.transport_ok && (encoding.empty() || encoding == "identity"))
        record_answer(method, path, reply.status, reply.header("Content-Type"), reply.text);
    return reply;
}

} // namespace

Reply HttpJson::get(const std::string& path, const std::string& token, const httplib::Headers& headers) const {
    return recorded("GET", path, to_reply(client()->Get(path.c_str(), auth_headers(token, headers))));
}

Reply HttpJson::post(const std::string& path, const json& body, const std::string& token,
                     const httplib::Headers& headers) const {
    return post_raw(path, body.dump(), "application/json", token, headers);
}

Reply HttpJson::put(const std::string& path, const json& body, const std::string& token,
                    const httplib::Headers& headers) const {
    return recorded("PUT", path,
                    to_reply(client()->Put(path.c_str(), auth_headers(token, headers), body.dump(), "application/json")));
}

Reply HttpJson::post_raw(const std::string& path, const std::string& body, const std::string& content_type,
                         const std::string& token, const httplib::Headers& headers) const {
    return recorded("POST", path,
                    to_reply(client()->Post(path.c_str(), auth_headers(token, headers), body, content_type.c_str())));
}

Reply HttpJson::send(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& token, const httplib::Headers& headers) const {
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = auth_headers(token, headers);
    req.body = body;
    if (!body.empty()) req.set_header("Content-Type", "application/json");
    return recorded(method, path, to_reply(client()->send(req)));
}

} // namespace frontdoor::testing

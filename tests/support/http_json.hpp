#pragma once
// HttpJson: a small JSON client for tests and the benchmark. One httplib::Client per
// call, so any thread may use one HttpJson at the same time as others (it holds only
// the address). Every call returns a Reply; transport failures are data, not throws.

#include <chrono>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace frontdoor::testing {

using nlohmann::json;

struct Reply {
    bool transport_ok = false;     // false when no HTTP answer came (refused, timeout, reset)
    std::string transport_error;   // httplib's error name when !transport_ok
    int status = 0;
    httplib::Headers headers;
    std::string text;              // the raw body
    json body;                     // the parsed body; null when the body is not JSON

    /// "slot_unavailable" for an error body in the contract's shape, else "".
    std::string error_code() const;
    std::string error_field() const;
    std::string header(const std::string& name) const;
    /// One line for failure messages: "409 {...}" or "transport: Connection".
    std::string describe() const;
};

class HttpJson {
  public:
    HttpJson() = default;
    HttpJson(std::string host, int port) : host_(std::move(host)), port_(port) {}

    std::string url() const { return "http://" + host_ + ":" + std::to_string(port_); }
    const std::string& host() const { return host_; }
    int port() const { return port_; }

    /// A client with 5 s timeouts (connect, read, write) and TCP_NODELAY.
    std::unique_ptr<httplib::Client> client() const;

    Reply get(const std::string& path, const std::string& token = {},
              const httplib::Headers& headers = {}) const;
    Reply post(const std::string& path, const json& body, const std::string& token = {},
               const httplib::Headers& headers = {}) const;
    Reply put(const std::string& path, const json& body, const std::string& token = {},
              const httplib::Headers& headers = {}) const;
    /// A body sent as is, for broken JSON and oversized bodies.
    Reply post_raw(const std::string& path, const std::string& body, const std::string& content_type,
                   const std::string& token = {}, const httplib::Headers& headers = {}) const;
    /// Any method, any body (DELETE, PATCH ...).
    Reply send(const std::string& method, const std::string& path, const std::string& body,
               const std::string& token = {}, const httplib::Headers& headers = {}) const;

  private:
    std::string host_ = "127.0.0.1";
    int port_ = 0;
};

/// Builds a Reply from an httplib result.
Reply to_reply(const httplib::Result& r);
/// Headers with Authorization: Bearer token (when not empty) plus `extra`.
httplib::Headers auth_headers(const std::string& token, const httplib::Headers& extra = {});

} // namespace frontdoor::testing

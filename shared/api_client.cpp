#include "shared/api_client.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include <httplib.h>

namespace frontdoor::shared {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

/// 127.0.0.0/8, ::1 or localhost (a name this machine never asks a resolver for).
bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr v4{};
    if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (::inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

bool is_tls_error(httplib::Error e) {
    return e == httplib::Error::SSLConnection || e == httplib::Error::SSLLoadingCerts ||
           e == httplib::Error::SSLServerVerification;
}

} // namespace

bool is_untrusted_certificate(const Error& error) {
    return error.code == ErrorCode::unavailable && error.message == kUntrustedCertificate;
}

Status check_server_address(std::string_view base_url) {
    constexpr const char* https_only =
        "The server address must start with https:// (plain http:// is only for this machine: "
        "127.0.0.1 or localhost)";
    auto refuse = [](const std::string& sentence) {
        return make_error(ErrorCode::invalid_field, sentence, "server");
    };
    std::size_t sep = base_url.find("://");
    if (sep == std::string_view::npos) return refuse(https_only);
    std::string scheme = lower(base_url.substr(0, sep));
    std::string_view rest = base_url.substr(sep + 3);
    std::string host;
    if (!rest.empty() && rest.front() == '[') { // [::1]:8080
        std::size_t close = rest.find(']');
        if (close == std::string_view::npos) return refuse("The server address is not valid");
        host = lower(rest.substr(1, close - 1));
    } else {
        host = lower(rest.substr(0, rest.find_first_of(":/?#")));
    }
    if (host.empty()) return refuse("The server address has no host name");
    if (scheme == "https") return ok_status();
    if (scheme == "http" && is_loopback(host)) return ok_status();
    return refuse(https_only);
}

ApiClient::ApiClient(ApiClientOptions options) : options_(std::move(options)) {
    while (!options_.base_url.empty() && options_.base_url.back() == '/')
        options_.base_url.pop_back();
}

Result<ApiClient::Response> ApiClient::send(const char* method, const std::string& path,
                                            const std::string& body,
                                            const std::string& idempotency_key) const {
    if (Status allowed = check_server_address(options_.base_url); !allowed) return allowed.error();
    try {
        httplib::Client client(options_.base_url);
        if (!client.is_valid())
            return make_error(ErrorCode::unavailable, "the server address is not valid");
        // Verification stays on (httplib's default, said again so no one turns it off);
        // without a ca_file httplib asks OpenSSL for the system's store.
        client.enable_server_certificate_verification(true);
        if (!options_.ca_file.empty()) client.set_ca_cert_path(options_.ca_file);
        client.set_connection_timeout(options_.connect_timeout);
        client.set_read_timeout(options_.read_timeout);
        client.set_write_timeout(options_.read_timeout);
        client.set_keep_alive(false);
        if (!options_.token.empty()) client.set_bearer_token_auth(options_.token);
        // Answers over 1 KiB come gzipped (an availability answer: 63 KB as JSON, 5 KB
        // gzipped); httplib inflates them.
        httplib::Headers headers{{"Accept-Encoding", "gzip"}};
        if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
        if (!language_.empty()) headers.emplace("Accept-Language", language_);

        httplib::Result res = std::string_view(method) == "GET"
                                  ? client.Get(path, headers)
                                  : client.Post(path, headers, body, "application/json");
        if (!res) {
            auto err = res.error();
            if (is_tls_error(err)) return make_error(ErrorCode::unavailable, std::string(kUntrustedCertificate));
            std::string what = err == httplib::Error::Read || err == httplib::Error::Write
                                   ? "timed out"
                                   : httplib::to_string(err);
            return make_error(ErrorCode::unavailable, "cannot reach the server: " + what);
        }
        if (res->status >= 500)
            return make_error(ErrorCode::unavailable,
                              "the server answered " + std::to_string(res->status));
        return Response{res->status, res->body};
    } catch (const std::exception& e) {
        return make_error(ErrorCode::unavailable, std::string("request failed: ") + e.what());
    } catch (...) {
        return make_error(ErrorCode::unavailable, "request failed");
    }
}

Result<json> read_answer(int status, std::string_view body, int expected) {
    if (status != expected) {
        Error e = wire::parse_error_body(body);
        if (e.code == ErrorCode::internal && e.message.empty())
            e.message = "unexpected status " + std::to_string(status);
        return e;
    }
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return make_error(ErrorCode::invalid_json, "the server's answer is not a JSON object");
    return j;
}

Result<json> ApiClient::expect(Result<Response> response, int expected) const {
    if (!response) return response.error();
    return read_answer(response->status, response->body, expected);
}

Result<wire::KioskMe> ApiClient::kiosk_me() const {
    auto j = expect(send("GET", "/api/v1/kiosks/me", {}, {}), 200);
    if (!j) return j.error();
    return wire::parse_kiosk_me(*j);
}

Result<std::vector<wire::ServiceSummary>> ApiClient::services(wire::Id hub_id) const {
    auto j = expect(send("GET", "/api/v1/hubs/" + std::to_string(hub_id) + "/services", {}, {}),
                    200);
    if (!j) return j.error();
    return wire::parse_services(*j);
}

Result<std::vector<wire::Slot>> ApiClient::availability(wire::Id hub_id, wire::Id service_id,
                                                        const std::string& from,
                                                        const std::string& to) const {
    std::string path = "/api/v1/availability?hub_id=" + std::to_string(hub_id) +
                       "&service_id=" + std::to_string(service_id) +
                       "&from=" + from + "&to=" + to; // dates: digits and dashes
    auto j = expect(send("GET", path, {}, {}), 200);
    if (!j) return j.error();
    return wire::parse_slots(*j);
}

Result<wire::BookingConfirmation> ApiClient::book(const wire::BookingRequest& request,
                                                  const std::string& idempotency_key) const {
    json body = request;
    auto j = expect(send("POST", "/api/v1/bookings", body.dump(), idempotency_key), 201);
    if (!j) return j.error();
    return wire::parse_booking_confirmation(*j);
}

Result<wire::WaitlistEntry> ApiClient::join_waitlist(const wire::WaitlistRequest& request) const {
    json body = request;
    auto j = expect(send("POST", "/api/v1/waitlist", body.dump(), {}), 201);
    if (!j) return j.error();
    return wire::parse_waitlist_entry(*j);
}

Result<std::vector<wire::CheckedIn>> ApiClient::check_in(const wire::CheckinRequest& request) const {
    json body = request;
    auto j = expect(send("POST", "/api/v1/checkins", body.dump(), {}), 200);
    if (!j) return j.error();
    return wire::parse_checkin_result(*j);
}

Status ApiClient::health() const {
    auto r = send("GET", "/healthz", {}, {});
    if (!r) return r.error();
    if (r->status != 200) return make_error(ErrorCode::unavailable, "not healthy");
    return ok_status();
}

} // namespace frontdoor::shared

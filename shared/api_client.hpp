#pragma once
// ApiClient: the kiosk's calls of API v1 (docs/api/openapi.yaml) over cpp-httplib, returning the
// wire types. Every call sets its own connect and read timeouts (a few seconds,
// never httplib's 300 s default). A transport failure or a 5xx answer is
// ErrorCode::unavailable; an error body from the server becomes its Error.
// An https:// server's certificate is always verified (against ca_file, else the
// system's store); plain http:// goes to this machine only, and nothing at all (not
// even the token) is sent to an address check_server_address() refuses.
// Thread-safety: calls may run on any one thread at a time; each call opens its own
// connection, so an ApiClient holds no connection state between calls.

#include <chrono>
#include <string>
#include <vector>

#include "shared/result.hpp"
#include "shared/wire.hpp"

namespace frontdoor::shared {

struct ApiClientOptions {
    std::string base_url; // "http://127.0.0.1:8080"
    std::string token;    // bearer token (a kiosk token)
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds read_timeout{5000};
    std::string ca_file; // PEM file of the CA(s) an https:// server is verified against; empty: the system's
};

/// The message of every TLS failure (a certificate no trusted CA signed, one for another
/// name, a handshake that fails), ErrorCode::unavailable: distinct from "cannot reach".
inline constexpr std::string_view kUntrustedCertificate =
    "The server's certificate is not trusted (check ca_file)";
bool is_untrusted_certificate(const Error& error);

/// Whether a client may talk to `base_url` at all: https:// to any host, http:// only to
/// this machine (127.0.0.0/8, ::1, localhost), nothing else. The error is invalid_field
/// on "server" with one plain sentence for whoever set the kiosk up. Pure.
Status check_server_address(std::string_view base_url);

/// How a client reads a server's answer: the body as a JSON object when `status` is
/// `expected`, else the Error its error body carries (`internal` naming the status when
/// the body is not one); `invalid_json` when an expected answer is not a JSON object.
/// Pure, for any bytes a server (or anything posing as one) may send.
Result<json> read_answer(int status, std::string_view body, int expected);

class ApiClient {
  public:
    explicit ApiClient(ApiClientOptions options);

    Result<wire::KioskMe> kiosk_me() const;
    Result<std::vector<wire::ServiceSummary>> services(wire::Id hub_id) const;
    /// Slots from `from` to `to` inclusive (YYYY-MM-DD, hub-local).
    Result<std::vector<wire::Slot>> availability(wire::Id hub_id, wire::Id service_id,
                                                 const std::string& from,
                                                 const std::string& to) const;
    /// POST /bookings with the given Idempotency-Key: retrying with the same key books
    /// nothing twice.
    Result<wire::BookingConfirmation> book(const wire::BookingRequest& request,
                                           const std::string& idempotency_key) const;
    Result<wire::WaitlistEntry> join_waitlist(const wire::WaitlistRequest& request) const;
    Result<std::vector<wire::CheckedIn>> check_in(const wire::CheckinRequest& request) const;
    /// GET /healthz without a token.
    Status health() const;

    const std::string& base_url() const { return options_.base_url; }
    /// Every later call asks for names in this language (`Accept-Language: <code>`, one
    /// of the kiosk's codes); empty sends no such header.
    void set_language(std::string code) { language_ = std::move(code); }
    const std::string& language() const { return language_; }

  private:
    struct Response {
        int status = 0;
        std::string body;
    };
    Result<Response> send(const char* method, const std::string& path, const std::string& body,
                          const std::string& idempotency_key) const;
    /// read_answer() of a response, or the transport error.
    Result<json> expect(Result<Response> response, int expected) const;

    ApiClientOptions options_;
    std::string language_;
};

} // namespace frontdoor::shared

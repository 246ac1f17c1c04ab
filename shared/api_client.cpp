#include "shared/api_client.hpp"

#include <httplib.h>

namespace frontdoor::shared {

ApiClient::ApiClient(ApiClientOptions options) : options_(std::move(options)) {
    while (!options_.base_url.empty() && options_.base_url.back() == '/')
        options_.base_url.pop_back();
}

Result<ApiClient::Response> ApiClient::send(const char* method, const std::string& path,
                                            const std::string& body,
                                            const std::string& idempotency_key) const {
    try {
        httplib::Client client(options_.base_url);
        if (!client.is_valid())
            return make_error(ErrorCode::unavailable, "the server address is not valid");
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

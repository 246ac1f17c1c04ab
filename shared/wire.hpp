#pragma once
// Wire types of API v1 (docs/api/openapi.yaml) with their JSON forms, used by server and clients
// alike. to_json writes the exact contract shape; parse_* reads one and reports the
// first bad field in the contract's error codes. Instants stay RFC 3339 strings here:
// the server formats them in the hub's offset, clients show them as they come.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/json_fields.hpp"
#include "shared/result.hpp"

namespace frontdoor::shared::wire {

using Id = std::int64_t;

/// {"error": {"code", "message", "field"?}}
json error_body(const Error& e);
/// The Error inside an error body; `internal` with the raw text when it is not one.
Error parse_error_body(std::string_view body);

/// Names a family reads (hub, room, service) come in the language the client asked for
/// (`Accept-Language: pl`, one of the kiosk's language codes) when set-up gave one, else
/// in English; `name_lang` says which ("en" when English stood in).
struct Ref {
    Id id = 0;
    std::string name;
    std::optional<std::string> name_lang; // rooms and services; absent for staff
};
void to_json(json& j, const Ref& r);

struct ClientDetails {
    std::string first_name;
    std::string last_name;
    std::string date_of_birth; // YYYY-MM-DD
    std::optional<std::string> phone;
    std::optional<std::string> email;
};
void to_json(json& j, const ClientDetails& c);

struct ChildDetails {
    std::string first_name;
    std::string date_of_birth;
};
void to_json(json& j, const ChildDetails& c);

struct Hub {
    Id id = 0;
    std::string name;
    std::string timezone;
    std::string name_lang = "en";
};
void to_json(json& j, const Hub& h);

/// GET /kiosks/me
struct KioskMe {
    Id id = 0;
    std::string name;
    Hub hub;
};
void to_json(json& j, const KioskMe& k);
Result<KioskMe> parse_kiosk_me(const json& j);

/// One entry of GET /hubs/{id}/services.
struct ServiceSummary {
    Id id = 0;
    std::string name;
    std::string kind; // "appointment" | "group"
    int duration_minutes = 0;
    bool needs_child = false; // a child's details are asked for when booking
    bool discreet = false;    // the kiosk names no service on screen (never listed to a kiosk)
    std::string description;  // one line: who it is for (may be empty)
    std::string name_lang = "en";
};
void to_json(json& j, const ServiceSummary& s);
Result<std::vector<ServiceSummary>> parse_services(const json& j);

/// One entry of GET /availability.
struct Slot {
    std::string start;
    std::string end;
    Id room_id = 0;
    std::optional<Id> staff_id;
    std::optional<Id> session_id;
    int places_left = 0;
};
void to_json(json& j, const Slot& s);
Result<std::vector<Slot>> parse_slots(const json& j);

/// POST /bookings body.
struct BookingRequest {
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<std::string> start;
    std::optional<Id> session_id;
    ClientDetails client;
    std::optional<ChildDetails> child;
};
void to_json(json& j, const BookingRequest& b);

/// 201 answer of POST /bookings.
struct BookingConfirmation {
    Id id = 0;
    std::string reference;
    std::string status;
    std::string start;
    std::string end;
    Ref room;
    std::optional<Ref> staff;
    Ref service;
};
void to_json(json& j, const BookingConfirmation& b);
Result<BookingConfirmation> parse_booking_confirmation(const json& j);

/// POST /waitlist body and answer.
struct WaitlistRequest {
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<Id> session_id;
    std::optional<std::string> from; // YYYY-MM-DD
    std::optional<std::string> to;
    ClientDetails client;
    std::optional<ChildDetails> child;
};
void to_json(json& j, const WaitlistRequest& w);

struct WaitlistEntry {
    Id id = 0;
    int position = 0;
    std::string status; // waiting | offered | booked | declined | expired | cancelled
    std::optional<std::string> offer_expires_at;
    std::optional<std::string> offered_start;
    std::optional<std::string> reference;
    /// In the join answer only: the secret that names this entry later
    /// (GET /waitlist/code/{code}, .../accept, .../decline). Shown once.
    std::optional<std::string> code;
};
void to_json(json& j, const WaitlistEntry& w);
Result<WaitlistEntry> parse_waitlist_entry(const json& j);

/// POST /checkins body: by reference, or by date of birth plus surname initial.
struct CheckinRequest {
    Id hub_id = 0;
    std::optional<std::string> reference;
    std::optional<std::string> date_of_birth;
    std::optional<std::string> surname_initial;
};
void to_json(json& j, const CheckinRequest& c);

struct CheckedIn {
    Id booking_id = 0;
    std::string start;
    std::string service_name;
    std::string room_name;
    std::optional<std::string> practitioner_first_name;
    bool discreet = false; // then service_name is empty: a kiosk is never told it
    std::string service_name_lang = "en";
    std::string room_name_lang = "en";
    /// Checked in past its start by more than the hub's lateness allowance (default 15
    /// minutes): the kiosk says "please see reception"; the desk sees it as arrived late.
    bool late = false;
    int minutes_late = 0; // whole minutes past the start; 0 when not late
};
void to_json(json& j, const CheckedIn& c);
Result<std::vector<CheckedIn>> parse_checkin_result(const json& j);

} // namespace frontdoor::shared::wire

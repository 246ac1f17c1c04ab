#pragma once
// Reading a family's details out of a request body, with the validation every entry
// point shares (bookings, waitlist): names, dates of birth, phone, email.

#include <string>

#include <httplib.h>

#include "server/services/booking_service.hpp"
#include "shared/json_fields.hpp"

namespace frontdoor::server::http {

/// {first_name, last_name, date_of_birth, phone?, email?, interpreter?} under `key`.
PersonInput read_person(shared::FieldReader& r, const char* key, const shared::Date& today);
/// {first_name, date_of_birth} under `key`, when present.
std::optional<ChildInput> read_child(shared::FieldReader& r, const char* key, const shared::Date& today);
/// The language an answer's names are asked in: `Accept-Language` naming one of the
/// kiosk's languages (its first entry's primary tag: "pl", "pl-PL" and "pl;q=0.9" are
/// Polish), else "en".
std::string asked_language(const httplib::Request& req);
/// Today's date in UTC: the bound for dates of birth (a day's grace either side of midnight).
shared::Date today_utc(const shared::Clock& clock);

} // namespace frontdoor::server::http

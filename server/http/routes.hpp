#pragma once
// The route table, one register_* per area; server.cpp calls them in order.

#include "server/http/api.hpp"
#include "server/http/limits.hpp"
#include "server/services/services.hpp"

namespace frontdoor::server::http {

void register_ops_routes(Api& api, Services& s);
void register_auth_routes(Api& api, Services& s, Limiters& limits);
void register_setup_routes(Api& api, Services& s);
void register_booking_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits);
void register_arrival_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits);
void register_day_routes(Api& api, Services& s);
void register_diary_routes(Api& api, Services& s);
void register_series_routes(Api& api, Services& s);
void register_translation_routes(Api& api, Services& s);
/// GET /api/v1/openapi.json (routes_openapi.cpp).
void register_openapi_routes(Api& api);
/// docs/api/openapi.yaml, embedded at build time, as JSON.
json openapi_json();
void register_audit_routes(Api& api, Services& s);

/// Writes the audit line of `p` reading a family's personal data (routes_audit.cpp),
/// before the answer leaves: false, with the 500 in `res`, when it could not be written.
bool audit_read(Services& s, httplib::Response& res, const Principal& p, std::string action, AuditAbout about);

/// A group session as staff see it (routes_setup.cpp): {id, service, hub_id, room, start,
/// end, capacity, booked, places_left, staff?, series_id?, cancelled?}.
json session_json(const SessionView& v);
} // namespace frontdoor::server::http

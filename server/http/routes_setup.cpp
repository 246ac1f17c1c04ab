// [SECTION] Set-up routes: hubs, rooms, staff, hours, absences, services, sessions, kiosks.
//
// Index
//   [Wire forms]     rows -> JSON
//   [Hubs, rooms]    POST/GET /hubs, GET /hubs/{id}, POST/GET /hubs/{id}/rooms
//   [Staff]          POST/GET /staff, GET /staff/{id}, PUT /staff/{id}/hubs, PUT/GET /staff/{id}/working-hours,
//                    POST/GET /staff/{id}/absences
//   [Services]       POST/GET /services, GET /hubs/{id}/services (kiosks too)
//   [Sessions]       POST /sessions, GET /hubs/{id}/sessions?from=&to= (a series: routes_series.cpp)
//   [Kiosks]         POST/GET /kiosks, POST /kiosks/{id}/revoke, GET /kiosks/me
//   (names per language: routes_translations.cpp)
#include <fmt/core.h>

#include "server/http/request_parsing.hpp"
#include "server/http/routes.hpp"
#include "shared/validate.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server::http {
namespace {

// [SECTION] Wire forms

json hub_json(const storage::HubRow& h) {
    json j{{"id", h.id}, {"name", h.name}, {"timezone", h.timezone}};
    if (h.address) j["address"] = *h.address;
    return j;
}

json room_json(const storage::RoomRow& r) {
    return json{{"id", r.id}, {"hub_id", r.hub_id}, {"name", r.name}, {"capacity", r.capacity}, {"active", r.active}};
}

json staff_json(const storage::StaffRow& s) {
    json j{{"id", s.id}, {"name", s.name}, {"role", s.role}, {"access", s.access}, {"active", s.active}};
    if (s.hub_id) j["hub_id"] = *s.hub_id;
    j["hub_ids"] = s.hub_ids;
    if (s.username) j["username"] = *s.username;
    return j;
}

json hours_json(const std::vector<storage::WorkingHoursRow>& rows) {
    json out = json::array();
    for (const auto& r : rows)
        out.push_back({{"hub_id", r.hub_id},
                       {"weekday", r.weekday},
                       {"start", shared::format_hhmm(shared::Minutes{r.start_min})},
                       {"end", shared::format_hhmm(shared::Minutes{r.end_min})}});
    return out;
}

json absence_json(const storage::AbsenceRow& a) {
    json j{{"id", a.id}, {"staff_id", a.staff_id}, {"from", a.from_date}, {"to", a.to_date}};
    if (a.reason) j["reason"] = *a.reason;
    return j;
}

json service_json(const storage::ServiceRow& s) {
    json j{{"id", s.id},
           {"name", s.name},
           {"kind", s.kind},
           {"duration_minutes", s.duration_minutes},
           {"self_bookable", s.self_bookable},
           {"needs_child", s.needs_child},
           {"discreet", s.discreet},
           {"description", s.description},
           {"active", s.active}};
    if (s.staff_role) j["staff_role"] = *s.staff_role;
    if (s.capacity) j["capacity"] = *s.capacity;
    return j;
}

shared::wire::ServiceSummary service_summary(const OfferedService& o) {
    const auto& s = o.row;
    return {s.id, o.name, s.kind, s.duration_minutes, s.needs_child, s.discreet, o.description, o.name_lang};
}


json kiosk_json(const storage::KioskRow& k) {
    return json{{"id", k.id}, {"hub_id", k.hub_id}, {"name", k.name}, {"revoked", k.revoked}};
}

template <class T, class F> json list_of(const std::vector<T>& rows, F to) {
    json out = json::array();
    for (const auto& r : rows) out.push_back(to(r));
    return out;
}

// [SECTION] Request helpers

shared::Result<shared::Date> query_date(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return make_error(ErrorCode::missing_field, "is required", name);
    auto d = shared::parse_date(req.get_param_value(name));
    if (!d) return make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", name);
    return *d;
}

shared::Result<std::optional<Id>> optional_query_id(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return std::optional<Id>{};
    auto id = query_id(req, name);
    if (!id) return id.error();
    return std::optional<Id>{*id};
}

/// The body of PUT working-hours: a JSON array (or {"working_hours": [...]}) of at most
/// `max_items` objects, nested at most 3 deep; else the contract's 400.
shared::Result<json> body_array(const httplib::Request& req, size_t max_items) {
    constexpr int kMaxDepth = 3;
    bool too_deep = false;
    json::parser_callback_t guard = [&](int depth, json::parse_event_t ev, json&) {
        if ((ev == json::parse_event_t::object_start || ev == json::parse_event_t::array_start) &&
            depth + 1 > kMaxDepth)
            too_deep = true;
        return !too_deep;
    };
    json j = json::parse(req.body.begin(), req.body.end(), guard, /*allow_exceptions=*/false);
    if (too_deep) return make_error(ErrorCode::invalid_json, "the body is nested too deeply");
    if (j.is_discarded()) return make_error(ErrorCode::invalid_json, "the body is not valid JSON");
    if (j.is_object() && j.contains("working_hours")) j = j["working_hours"];
    if (!j.is_array()) return make_error(ErrorCode::invalid_json, "the body must be a JSON array of ranges");
    if (j.size() > max_items)
        return make_error(ErrorCode::invalid_field, "has more than " + std::to_string(max_items) + " ranges",
                          "working_hours");
    return j;
}

shared::Result<std::vector<WorkingRangeInput>> read_ranges(const json& items) {
    std::vector<WorkingRangeInput> out;
    for (size_t i = 0; i < items.size(); ++i) {
        auto index = fmt::format("[{}]", i);
        auto prefix = index + ".";
        if (!items[i].is_object()) return make_error(ErrorCode::invalid_field, "must be an object", index);
        shared::FieldReader r(items[i], prefix);
        WorkingRangeInput w;
        w.hub_id = r.optional_integer("hub_id");
        w.weekday = static_cast<int>(r.integer("weekday", 1, 7));
        for (auto [key, slot] : {std::pair{"start", &w.start}, std::pair{"end", &w.end}}) {
            auto text = r.string(key, 16);
            if (!r.ok()) break;
            auto m = shared::parse_hhmm(text);
            if (!m) r.fail(make_error(ErrorCode::invalid_field, "must be a time of day as HH:MM", r.field_name(key)));
            else *slot = *m;
        }
        if (auto& e = r.error()) return *e;
        out.push_back(w);
    }
    return out;
}

} // namespace

json session_json(const SessionView& v) {
    const auto& s = v.session;
    json j{{"id", s.id},
           {"service", {{"id", s.service_id}, {"name", v.service_name}}},
           {"hub_id", s.hub_id},
           {"room", {{"id", s.room_id}, {"name", v.room_name}}},
           {"start", v.start},
           {"end", v.end},
           {"capacity", s.capacity},
           {"booked", v.booked},
           {"places_left", std::max(0, s.capacity - v.booked)}};
    if (s.staff_id) j["staff"] = {{"id", *s.staff_id}, {"name", v.staff_name.value_or("")}};
    if (s.series_id) j["series_id"] = *s.series_id;
    if (s.cancelled) j["cancelled"] = true;
    return j;
}

void register_setup_routes(Api& api, Services& s) {
    // [SECTION] Hubs, rooms

    // A new hub is an admin's to make; managers and staff then act at the hubs they are given.
    api.post("/api/v1/hubs", kAdmin, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        HubInput in;
        in.name = r.take(shared::validate_name(r.string("name", 800), "name", 200));
        in.timezone = r.string_or("timezone", "Europe/London", 64);
        if (auto address = r.optional_string("address", 2000))
            in.address = r.take(shared::validate_text(*address, "address", 500));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto hub = s.setup.create_hub(p, in);
        if (!hub) return reply_error(res, hub.error());
        reply(res, 201, hub_json(*hub));
    });

    api.get("/api/v1/hubs", kStaff, [&s](const httplib::Request&, httplib::Response& res, const Principal& p) {
        auto hubs = s.setup.list_hubs(p);
        if (!hubs) return reply_error(res, hubs.error());
        reply(res, 200, json{{"hubs", list_of(*hubs, hub_json)}});
    });

    api.get(R"(/api/v1/hubs/(\d+))", kStaff, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto hub = s.setup.hub(p, path_id(req));
        if (!hub) return reply_error(res, hub.error());
        reply(res, 200, hub_json(*hub));
    });

    api.post(R"(/api/v1/hubs/(\d+)/rooms)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                        const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        RoomInput in;
        in.name = r.take(shared::validate_name(r.string("name", 800), "name", 200));
        in.capacity = static_cast<int>(r.integer_or("capacity", 1, 1, 1000));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto room = s.setup.create_room(p, path_id(req), in);
        if (!room) return reply_error(res, room.error());
        reply(res, 201, room_json(*room));
    });

    api.get(R"(/api/v1/hubs/(\d+)/rooms)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                       const Principal& p) {
        auto rooms = s.setup.list_rooms(p, path_id(req));
        if (!rooms) return reply_error(res, rooms.error());
        reply(res, 200, json{{"rooms", list_of(*rooms, room_json)}});
    });

    // [SECTION] Staff

    api.post("/api/v1/staff", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        StaffInput in;
        in.name = r.take(shared::validate_name(r.string("name", 800), "name", 200));
        in.role = r.string("role", 64);
        in.hub_id = r.integer("hub_id");
        if (auto more = r.optional_id_list("hub_ids", 100)) in.hub_ids = *more;
        in.username = r.optional_string("username", 64);
        in.password = r.optional_string("password", 200);
        in.access = r.string_or("access", "practitioner", 32);
        if (auto& e = r.error()) return reply_error(res, *e);
        auto staff = s.setup.create_staff(p, in);
        if (!staff) return reply_error(res, staff.error());
        reply(res, 201, staff_json(*staff));
    });

    api.put(R"(/api/v1/staff/(\d+)/hubs)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                        const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto hub_ids = r.optional_id_list("hub_ids", 100);
        if (r.ok() && !hub_ids) r.fail(make_error(ErrorCode::missing_field, "is required", "hub_ids"));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto staff = s.setup.set_staff_hubs(p, path_id(req), *hub_ids);
        if (!staff) return reply_error(res, staff.error());
        reply(res, 200, staff_json(*staff));
    });

    api.get("/api/v1/staff", kStaff, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto hub = optional_query_id(req, "hub_id");
        if (!hub) return reply_error(res, hub.error());
        auto staff = s.setup.list_staff(p, *hub);
        if (!staff) return reply_error(res, staff.error());
        reply(res, 200, json{{"staff", list_of(*staff, staff_json)}});
    });

    api.get(R"(/api/v1/staff/(\d+))", kStaff, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto detail = s.setup.staff(p, path_id(req));
        if (!detail) return reply_error(res, detail.error());
        auto j = staff_json(detail->staff);
        j["working_hours"] = hours_json(detail->hours);
        reply(res, 200, j);
    });

    api.put(R"(/api/v1/staff/(\d+)/working-hours)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                                const Principal& p) {
        auto items = body_array(req, 100);
        if (!items) return reply_error(res, items.error());
        auto ranges = read_ranges(*items);
        if (!ranges) return reply_error(res, ranges.error());
        Id staff_id = path_id(req);
        auto rows = s.setup.set_working_hours(p, staff_id, *ranges);
        if (!rows) return reply_error(res, rows.error());
        reply(res, 200, json{{"staff_id", staff_id}, {"working_hours", hours_json(*rows)}});
    });

    api.get(R"(/api/v1/staff/(\d+)/working-hours)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                                const Principal& p) {
        Id staff_id = path_id(req);
        auto rows = s.setup.working_hours(p, staff_id);
        if (!rows) return reply_error(res, rows.error());
        reply(res, 200, json{{"staff_id", staff_id}, {"working_hours", hours_json(*rows)}});
    });

    api.post(R"(/api/v1/staff/(\d+)/absences)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                            const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        AbsenceInput in;
        for (auto [key, slot] : {std::pair{"from", &in.from}, std::pair{"to", &in.to}}) {
            auto text = r.string(key, 32);
            if (!r.ok()) break;
            auto d = shared::parse_date(text);
            if (!d) r.fail(make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", key));
            else *slot = *d;
        }
        if (auto reason = r.optional_string("reason", 2000))
            in.reason = r.take(shared::validate_text(*reason, "reason", 200));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto absence = s.setup.add_absence(p, path_id(req), in);
        if (!absence) return reply_error(res, absence.error());
        reply(res, 201, absence_json(*absence));
    });

    api.get(R"(/api/v1/staff/(\d+)/absences)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                           const Principal& p) {
        auto rows = s.setup.absences(p, path_id(req));
        if (!rows) return reply_error(res, rows.error());
        reply(res, 200, json{{"absences", list_of(*rows, absence_json)}});
    });

    // [SECTION] Services

    api.post("/api/v1/services", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        ServiceInput in;
        in.name = r.take(shared::validate_name(r.string("name", 800), "name", 200));
        in.kind = r.string("kind", 32);
        in.duration_minutes = static_cast<int>(r.integer("duration_minutes", 5, 720));
        in.staff_role = r.optional_string("staff_role", 64);
        if (auto cap = r.optional_integer("capacity", 1, 1000)) in.capacity = static_cast<int>(*cap);
        in.self_bookable = r.boolean_or("self_bookable", true);
        in.needs_child = r.boolean_or("needs_child", false);
        in.discreet = r.boolean_or("discreet", false);
        in.description = r.take(shared::validate_text(r.string_or("description", "", 2000), "description", 200));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto service = s.setup.create_service(p, in);
        if (!service) return reply_error(res, service.error());
        reply(res, 201, service_json(*service));
    });

    api.get("/api/v1/services", kStaff, [&s](const httplib::Request&, httplib::Response& res, const Principal&) {
        auto services = s.setup.list_services();
        if (!services) return reply_error(res, services.error());
        reply(res, 200, json{{"services", list_of(*services, service_json)}});
    });

    api.get(R"(/api/v1/hubs/(\d+)/services)", kAnyone, [&s](const httplib::Request& req, httplib::Response& res,
                                                           const Principal& p) {
        auto services = s.setup.hub_services(p, path_id(req), asked_language(req));
        if (!services) return reply_error(res, services.error());
        json out = json::array();
        for (const auto& offered : *services) {
            const auto& row = offered.row;
            json j = service_summary(offered);
            if (p.role != Role::kiosk) { // staff also see what a kiosk does not need
                j["self_bookable"] = row.self_bookable;
                if (row.staff_role) j["staff_role"] = *row.staff_role;
                if (row.capacity) j["capacity"] = *row.capacity;
            }
            out.push_back(std::move(j));
        }
        reply(res, 200, json{{"services", out}});
    });

    // [SECTION] Sessions

    api.post("/api/v1/sessions", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        SessionInput in;
        in.service_id = r.integer("service_id");
        in.hub_id = r.integer("hub_id");
        in.room_id = r.integer("room_id");
        in.staff_id = r.optional_integer("staff_id");
        auto start = r.string("start", 64);
        if (r.ok()) {
            auto t = shared::parse_instant(start);
            if (!t) r.fail(make_error(ErrorCode::invalid_field, "must be a time like 2027-03-28T10:30:00+01:00", "start"));
            else in.start = *t;
        }
        if (auto cap = r.optional_integer("capacity", 1, 1000)) in.capacity = static_cast<int>(*cap);
        in.repeat_weekly = static_cast<int>(r.integer_or("repeat_weekly", 1, 1, 52));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto ids = s.setup.create_sessions(p, in);
        if (!ids) return reply_error(res, ids.error());
        reply(res, 201, json{{"ids", *ids}});
    });

    api.get(R"(/api/v1/hubs/(\d+)/sessions)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                          const Principal& p) {
        auto from = query_date(req, "from");
        if (!from) return reply_error(res, from.error());
        auto to = query_date(req, "to");
        if (!to) return reply_error(res, to.error());
        auto sessions = s.setup.hub_sessions(p, path_id(req), *from, *to);
        if (!sessions) return reply_error(res, sessions.error());
        reply(res, 200, json{{"sessions", list_of(*sessions, session_json)}});
    });

    // [SECTION] Kiosks

    api.post("/api/v1/kiosks", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto hub_id = r.integer("hub_id");
        auto name = r.take(shared::validate_name(r.string("name", 800), "name", 100));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto kiosk = s.auth.create_kiosk(p, hub_id, name);
        if (!kiosk) return reply_error(res, kiosk.error());
        res.set_header("Cache-Control", "no-store");
        reply(res, 201, json{{"id", kiosk->id}, {"token", kiosk->token}, {"hub_id", hub_id}, {"name", name}});
    });

    api.get("/api/v1/kiosks", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto hub = optional_query_id(req, "hub_id");
        if (!hub) return reply_error(res, hub.error());
        auto kiosks = s.setup.list_kiosks(p, *hub);
        if (!kiosks) return reply_error(res, kiosks.error());
        reply(res, 200, json{{"kiosks", list_of(*kiosks, kiosk_json)}});
    });

    api.post(R"(/api/v1/kiosks/(\d+)/revoke)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                           const Principal& p) {
        auto kiosk = s.setup.revoke_kiosk(p, path_id(req));
        if (!kiosk) return reply_error(res, kiosk.error());
        reply(res, 200, kiosk_json(*kiosk));
    });

    api.get("/api/v1/kiosks/me", kAnyone, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        reply_result(res, 200, s.setup.kiosk_me(p, asked_language(req)));
    });
}

} // namespace frontdoor::server::http

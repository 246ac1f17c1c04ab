// [SECTION] A weekly series of group sessions: all of it, changed or cancelled from a date on.
//   GET  /series/{id}          staff of its hub
//   PUT  /series/{id}          {from?, capacity?, staff_id?, time?}   set-up (admin, manager)
//   POST /series/{id}/cancel   {from}                                 set-up
#include "server/http/routes.hpp"

namespace frontdoor::server::http {
namespace {

json series_json(Id id, const std::vector<SessionView>& sessions) {
    json list = json::array();
    for (const auto& v : sessions) list.push_back(session_json(v));
    return json{{"series_id", id}, {"sessions", list}};
}

/// An optional YYYY-MM-DD field; a wrong one fails the reader.
std::optional<shared::Date> date_field(shared::FieldReader& r, const char* key, bool required) {
    auto text = required ? std::optional<std::string>{r.string(key, 32)} : r.optional_string(key, 32);
    if (!text || !r.ok()) return std::nullopt;
    auto d = shared::parse_date(*text);
    if (!d) r.fail(make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", key));
    return d;
}

} // namespace

void register_series_routes(Api& api, Services& s) {
    api.get(R"(/api/v1/series/(\d+))", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                   const Principal& p) {
        auto sessions = s.series.sessions(p, path_id(req));
        if (!sessions) return reply_error(res, sessions.error());
        reply(res, 200, series_json(path_id(req), *sessions));
    });

    api.put(R"(/api/v1/series/(\d+))", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                   const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        SeriesChange in;
        in.from = date_field(r, "from", false);
        if (auto cap = r.optional_integer("capacity", 1, 1000)) in.capacity = static_cast<int>(*cap);
        in.staff_id = r.optional_integer("staff_id");
        if (auto time = r.optional_string("time", 16)) {
            in.time = shared::parse_hhmm(*time);
            if (!in.time) r.fail(make_error(ErrorCode::invalid_field, "must be a time of day as HH:MM", "time"));
        }
        if (auto& e = r.error()) return reply_error(res, *e);
        auto sessions = s.series.change(p, path_id(req), in);
        if (!sessions) return reply_error(res, sessions.error());
        reply(res, 200, series_json(path_id(req), *sessions));
    });

    api.post(R"(/api/v1/series/(\d+)/cancel)", kSetup, [&s](const httplib::Request& req, httplib::Response& res,
                                                           const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto from = date_field(r, "from", true);
        if (auto& e = r.error()) return reply_error(res, *e);
        auto done = s.series.cancel(p, path_id(req), *from);
        if (!done) return reply_error(res, done.error());
        json families = json::array();
        for (const auto& f : done->families) {
            json j{{"booking_id", f.booking_id}, {"reference", f.reference}, {"session_id", f.session_id},
                   {"start", f.start},           {"client_name", f.client_name}};
            if (f.phone) j["phone"] = *f.phone;
            if (f.child_name) j["child_name"] = *f.child_name;
            families.push_back(std::move(j));
        }
        reply(res, 200, json{{"series_id", path_id(req)}, {"cancelled_sessions", done->sessions}, {"families", families}});
    });
}

} // namespace frontdoor::server::http

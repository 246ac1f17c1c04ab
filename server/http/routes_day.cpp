// [SECTION] The day view and statuses (staff).
#include "server/http/routes.hpp"

namespace frontdoor::server::http {

void register_day_routes(Api& api, Services& s) {
    api.get(R"(/api/v1/hubs/(\d+)/day)", kStaff, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        std::optional<shared::Date> date;
        if (req.has_param("date")) {
            date = shared::parse_date(req.get_param_value("date"));
            if (!date) return reply_error(res, make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", "date"));
        }
        auto day = s.arrival.day(p, path_id(req), date);
        if (!day) return reply_error(res, day.error());
        if (!audit_read(s, res, p, "read.day", {.hub_id = path_id(req), .detail = shared::format_date(day->date)})) return;
        reply(res, 200, json{{"date", shared::format_date(day->date)}, {"appointments", day->appointments}});
    });

    api.post(R"(/api/v1/bookings/(\d+)/status)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                           const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto status = r.string("status", 40);
        if (auto& e = r.error()) return reply_error(res, *e);
        // Who may move what, and when, is the domain's table (booking_rules.hpp).
        auto done = s.booking.set_status(p, path_id(req), status);
        if (!done) return reply_error(res, done.error());
        reply(res, 200, json{{"id", path_id(req)}, {"status", *done}});
    });

    api.post(R"(/api/v1/bookings/(\d+)/undo)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                         const Principal& p) {
        // Who may take back what, and for how long, is the domain's (status_undo.hpp).
        auto done = s.booking.undo_status(p, path_id(req));
        if (!done) return reply_error(res, done.error());
        reply(res, 200, json{{"id", path_id(req)}, {"status", *done}});
    });
}

} // namespace frontdoor::server::http

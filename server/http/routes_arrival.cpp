// [SECTION] Check-in (kiosk, reception).
#include "server/http/request_parsing.hpp"
#include "server/http/routes.hpp"
#include "shared/validate.hpp"

namespace frontdoor::server::http {

void register_arrival_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits) {
    api.post("/api/v1/checkins", kDeskAndKiosk, identity_proof(limits, [&s, &metrics](const httplib::Request& req, httplib::Response& res,
                                                                                      const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        CheckinInput in;
        in.hub_id = r.integer("hub_id");
        in.lang = asked_language(req);
        if (auto ref = r.optional_string("reference", 40)) {
            in.reference = r.take(shared::normalise_reference(*ref));
        } else {
            auto dob = r.string("date_of_birth", 32);
            auto initial = r.string("surname_initial", 8);
            if (r.ok())
                if (auto d = shared::validate_date_of_birth(dob, "date_of_birth", today_utc(s.ctx.clock)); !d)
                    r.fail(d.error());
            if (r.ok() && (initial.empty() || shared::utf8_length(initial) != 1 || !shared::is_clean_utf8(initial)))
                r.fail(make_error(ErrorCode::invalid_field, "must be one letter", "surname_initial"));
            in.date_of_birth = dob;
            in.surname_initial = initial;
        }
        if (auto& e = r.error()) return reply_error(res, *e);
        auto done = s.arrival.check_in(p, in);
        if (!done) return reply_error(res, done.error());
        metrics.count_checkin();
        reply(res, 200, json{{"checked_in", *done}});
    }));
}

} // namespace frontdoor::server::http

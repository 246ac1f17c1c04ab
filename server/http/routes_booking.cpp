// [SECTION] Families booking: availability, bookings, cancellation, waitlist.
#include "server/http/request_parsing.hpp"
#include "server/http/routes.hpp"
#include "server/services/crypto.hpp"
#include "shared/validate.hpp"

namespace frontdoor::server::http {
namespace {

shared::Result<shared::Date> query_date(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return make_error(ErrorCode::missing_field, "is required", name);
    auto d = shared::parse_date(req.get_param_value(name));
    if (!d) return make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", name);
    return *d;
}

/// A waitlist entry named by its path: an id (staff) or the code from the join answer.
WaitlistRef by_id(const httplib::Request& req) { return {path_id(req), std::nullopt}; }
WaitlistRef by_code(const httplib::Request& req) { return {std::nullopt, req.matches[1].str()}; }

/// {id, client_name, phone?, child_name?, contact_to_confirm?}: a waitlisted family.
json family_json(const WaitingFamily& f) {
    json j{{"id", f.entry_id}, {"client_name", f.client_name}};
    if (f.phone) j["phone"] = *f.phone;
    if (f.child_name) j["child_name"] = *f.child_name;
    if (!f.contact_to_confirm.empty()) j["contact_to_confirm"] = contact_json(f.contact_to_confirm);
    return j;
}

} // namespace

void register_booking_routes(Api& api, Services& s, Metrics& metrics, Limiters& limits) {
    api.get("/api/v1/availability", kAnyone, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto hub = query_id(req, "hub_id");
        if (!hub) return reply_error(res, hub.error());
        auto service = query_id(req, "service_id");
        if (!service) return reply_error(res, service.error());
        auto from = query_date(req, "from");
        if (!from) return reply_error(res, from.error());
        auto to = query_date(req, "to");
        if (!to) return reply_error(res, to.error());
        auto slots = s.booking.availability(p, {*hub, *service, *from, *to});
        if (!slots) return reply_error(res, slots.error());
        const auto& list = *slots;
        reply_prepared(req, res, 200, std::shared_ptr<const std::string>(list, &list->body),
                       std::shared_ptr<const std::string>(list, &list->body_gzip));
    });

    auto bookings_limit = [&limits](const char* what, Api::Handler h) {
        return per_kiosk(limits.kiosk_bookings, what, std::move(h));
    };
    api.post("/api/v1/bookings", kDeskAndKiosk, bookings_limit("too many bookings from this kiosk", [&s, &metrics](
                                                    const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto key = req.get_header_value("Idempotency-Key");
        // A kiosk retries after a timeout: without a key, a retry would book twice.
        if (key.empty() && p.role == Role::kiosk)
            return reply_error(res, make_error(ErrorCode::missing_field, "a kiosk sends one with every booking",
                                               "Idempotency-Key"));
        if (key.size() > 200)
            return reply_error(res, make_error(ErrorCode::invalid_field, "is longer than 200 characters", "Idempotency-Key"));
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto today = today_utc(s.ctx.clock);
        BookingInput in;
        in.hub_id = r.integer("hub_id");
        in.service_id = r.integer("service_id");
        if (auto start = r.optional_string("start", 64)) {
            in.start = shared::parse_instant(*start);
            if (!in.start) r.fail(make_error(ErrorCode::invalid_field, "must be a time like 2027-03-28T10:30:00+01:00", "start"));
        }
        in.session_id = r.optional_integer("session_id");
        if (p.role != Role::kiosk) in.staff_id = r.optional_integer("staff_id");
        in.client = read_person(r, "client", today);
        in.child = read_child(r, "child", today);
        in.lang = asked_language(req);
        if (r.ok() && !in.start && !in.session_id)
            r.fail(make_error(ErrorCode::missing_field, "give start (appointments) or session_id (groups)", "start"));
        if (auto& e = r.error()) return reply_error(res, *e);
        auto booked = s.booking.book(p, in, key, sha256_hex(body->dump()));
        if (booked) metrics.count_booking();
        reply_result(res, 201, booked);
    }));

    api.post(R"(/api/v1/bookings/([A-Za-z0-9-]{1,20})/cancel)", kDeskAndKiosk,
             identity_proof(limits, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
                 auto ref = shared::normalise_reference(req.matches[1].str());
                 if (!ref) return reply_error(res, make_error(ErrorCode::not_found, "no booking has that reference", "reference"));
                 std::optional<std::string> dob;
                 if (p.role == Role::kiosk) {
                     auto body = body_object(req);
                     if (!body) return reply_error(res, body.error());
                     shared::FieldReader r(*body);
                     dob = r.string("date_of_birth", 32);
                     if (auto& e = r.error()) return reply_error(res, *e);
                 }
                 auto done = s.booking.cancel(p, *ref, dob);
                 if (!done) return reply_error(res, done.error());
                 reply(res, 200, json{{"status", *done}});
             }));

    api.post("/api/v1/waitlist", kDeskAndKiosk, bookings_limit("too many bookings from this kiosk", [&s](
                                                    const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto body = body_object(req);
        if (!body) return reply_error(res, body.error());
        shared::FieldReader r(*body);
        auto today = today_utc(s.ctx.clock);
        WaitlistInput in;
        in.hub_id = r.integer("hub_id");
        in.service_id = r.integer("service_id");
        in.session_id = r.optional_integer("session_id");
        for (auto [key, slot] : {std::pair{"from", &in.from}, std::pair{"to", &in.to}}) {
            if (auto v = r.optional_string(key, 32)) {
                *slot = shared::parse_date(*v);
                if (!*slot) r.fail(make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", key));
            }
        }
        in.client = read_person(r, "client", today);
        in.child = read_child(r, "child", today);
        if (auto& e = r.error()) return reply_error(res, *e);
        reply_result(res, 201, s.booking.join_waitlist(p, in));
    }));

    // A waitlist entry by id (staff; a kiosk is refused) or by the code its join answer
    // gave (the kiosk's only way): both are proofs, through the one limiter.
    struct Naming {
        std::string pattern;
        WaitlistRef (*ref)(const httplib::Request&);
    };
    for (const Naming& n : {Naming{R"(/api/v1/waitlist/(\d+))", &by_id},
                            Naming{R"(/api/v1/waitlist/code/([A-Za-z0-9]{1,128}))", &by_code}}) {
        auto route = [&s, &limits, ref = n.ref](auto answer) {
            return identity_proof(limits, [&s, ref, answer](const httplib::Request& req, httplib::Response& res,
                                                            const Principal& p) {
                reply_result(res, 200, (s.booking.*answer)(p, ref(req)));
            });
        };
        api.get(n.pattern, kDeskAndKiosk, route(&BookingService::waitlist_entry));
        api.post(n.pattern + "/accept", kDeskAndKiosk, route(&BookingService::accept_offer));
        api.post(n.pattern + "/decline", kDeskAndKiosk, route(&BookingService::decline_offer));
    }

    api.get("/api/v1/waitlist", kStaff, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        auto hub = query_id(req, "hub_id");
        if (!hub) return reply_error(res, hub.error());
        std::optional<Id> service;
        if (req.has_param("service_id")) {
            auto sid = query_id(req, "service_id");
            if (!sid) return reply_error(res, sid.error());
            service = *sid;
        }
        auto list = s.booking.list_waitlist(p, *hub, service);
        if (!list) return reply_error(res, list.error());
        auto what = service ? "service " + std::to_string(*service) : std::string{"every service"};
        if (!audit_read(s, res, p, "read.waitlist", {.hub_id = *hub, .detail = what})) return;
        json entries = json::array();
        for (const auto& v : *list) {
            json e = v.entry;
            e["service_id"] = v.service_id;
            if (v.session_id) e["session_id"] = *v.session_id;
            e["client_name"] = v.client_name;
            if (v.child_name) e["child_name"] = *v.child_name;
            if (!v.contact_to_confirm.empty()) e["contact_to_confirm"] = contact_json(v.contact_to_confirm);
            entries.push_back(std::move(e));
        }
        reply(res, 200, json{{"entries", entries}});
    });

    api.get(R"(/api/v1/hubs/(\d+)/waitlists)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                          const Principal& p) {
        auto lists = s.booking.hub_waitlists(p, path_id(req));
        if (!lists) return reply_error(res, lists.error());
        if (!audit_read(s, res, p, "read.waitlists", {.hub_id = path_id(req)})) return;
        json services = json::array();
        for (const auto& l : *lists) {
            json waiting = json::array(), offers = json::array();
            for (const auto& e : l.waiting) {
                json j = family_json(e.family);
                j["position"] = e.position;
                if (e.from) j["from"] = *e.from;
                if (e.to) j["to"] = *e.to;
                if (e.session_id) j["session_id"] = *e.session_id;
                if (e.session_start) j["session_start"] = *e.session_start;
                waiting.push_back(std::move(j));
            }
            for (const auto& o : l.offers) {
                json j = family_json(o.family);
                j["reference"] = o.reference;
                j["offered_start"] = o.offered_start;
                j["room"] = o.room;
                j["offer_expires_at"] = o.offer_expires_at;
                j["minutes_left"] = o.minutes_left;
                offers.push_back(std::move(j));
            }
            services.push_back(json{{"service", l.service}, {"waiting", waiting}, {"offers", offers}});
        }
        reply(res, 200, json{{"services", services}});
    });
}

} // namespace frontdoor::server::http

// [SECTION] The audit trail (admins and managers), and the audit line of a staff read.
#include "server/http/routes.hpp"

#include <algorithm>

namespace frontdoor::server::http {
namespace {

/// An optional query parameter as a positive id; `invalid_field` naming it otherwise.
shared::Result<std::optional<Id>> optional_id(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return std::optional<Id>{};
    auto id = query_id(req, name);
    if (!id) return id.error();
    return std::optional<Id>{*id};
}

shared::Result<std::optional<shared::Date>> optional_date(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return std::optional<shared::Date>{};
    auto d = shared::parse_date(req.get_param_value(name));
    if (!d) return make_error(ErrorCode::invalid_field, "must be a real date as YYYY-MM-DD", name);
    return std::optional<shared::Date>{*d};
}

shared::Result<int> limit_of(const httplib::Request& req) {
    if (!req.has_param("limit")) return 500;
    auto v = req.get_param_value("limit");
    if (v.empty() || v.size() > 4 || !std::all_of(v.begin(), v.end(), ::isdigit) || std::stoi(v) < 1 ||
        std::stoi(v) > 1000)
        return make_error(ErrorCode::invalid_field, "must be a whole number from 1 to 1000", "limit");
    return std::stoi(v);
}

json entry_json(const storage::AuditLine& l) {
    const auto& e = l.entry;
    auto id_or_null = [](const std::optional<Id>& v) { return v ? json(*v) : json(nullptr); };
    return json{{"id", l.id},
                {"at", date::format("%FT%TZ", e.at)},
                {"actor", e.actor},
                {"actor_name", l.actor_name ? json(*l.actor_name) : json(nullptr)},
                {"staff_id", id_or_null(e.staff_id)},
                {"kiosk_id", id_or_null(e.kiosk_id)},
                {"address", e.address.empty() ? json(nullptr) : json(e.address)},
                {"action", e.action},
                {"read", e.is_read},
                {"booking_id", id_or_null(e.booking_id)},
                {"client_id", id_or_null(e.client_id)},
                {"hub_id", id_or_null(e.hub_id)},
                {"detail", e.detail}};
}

} // namespace

bool audit_read(Services& s, httplib::Response& res, const Principal& p, std::string action, AuditAbout about) {
    auto written = s.audit.record_read(p, std::move(action), std::move(about));
    if (written) return true;
    reply_error(res, written.error());
    return false;
}

void register_audit_routes(Api& api, Services& s) {
    api.get("/api/v1/audit", kSetup, [&s](const httplib::Request& req, httplib::Response& res, const Principal& p) {
        AuditQuery q;
        auto from = optional_date(req, "from");
        if (!from) return reply_error(res, from.error());
        auto to = optional_date(req, "to");
        if (!to) return reply_error(res, to.error());
        q.from = *from;
        q.to = *to;
        for (auto [name, field] : {std::pair{"staff_id", &q.staff_id}, std::pair{"booking_id", &q.booking_id},
                                   std::pair{"client_id", &q.client_id}}) {
            auto id = optional_id(req, name);
            if (!id) return reply_error(res, id.error());
            *field = *id;
        }
        auto limit = limit_of(req);
        if (!limit) return reply_error(res, limit.error());
        q.limit = *limit;
        auto page = s.audit.list(p, q);
        if (!page) return reply_error(res, page.error());
        json entries = json::array();
        for (const auto& l : page->lines) entries.push_back(entry_json(l));
        reply(res, 200, json{{"entries", std::move(entries)}, {"more", page->more}});
    });
}

} // namespace frontdoor::server::http

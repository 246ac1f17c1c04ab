#include "server/storage/audit_repo.hpp"

namespace frontdoor::server::storage {
namespace {

std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }

} // namespace

void append_audit(Connection& c, const AuditEntry& e) {
    Statement s(c, "INSERT INTO audit(at, actor, staff_id, kiosk_id, address, action, is_read, booking_id, "
                   "client_id, hub_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::optional<std::string> address;
    if (!e.address.empty()) address = e.address;
    s.bind_all(secs(e.at), e.actor, e.staff_id, e.kiosk_id, address, e.action, e.is_read ? 1 : 0, e.booking_id,
               e.client_id, e.hub_id, e.detail)
        .run();
}

std::vector<AuditLine> find_audit(Connection& c, const AuditFilter& f) {
    // One statement text per combination of filters (a handful), each using its index.
    std::string sql = "SELECT a.id, a.at, a.actor, a.staff_id, a.kiosk_id, a.address, a.action, a.is_read, "
                      "a.booking_id, a.client_id, a.hub_id, a.detail, s.name "
                      "FROM audit a LEFT JOIN staff s ON s.id = a.staff_id WHERE a.at >= ? AND a.at < ?";
    if (f.staff_id) sql += " AND a.staff_id = ?";
    if (f.booking_id) sql += " AND a.booking_id = ?";
    if (f.client_id) sql += " AND a.client_id = ?";
    if (f.scope_of_manager)
        sql += " AND (a.staff_id = ? OR a.hub_id IN (SELECT hub_id FROM staff_hubs WHERE staff_id = ?))";
    sql += " ORDER BY a.at DESC, a.id DESC LIMIT ?";
    Statement s(c, sql);
    int i = 0;
    s.bind(++i, secs(f.from));
    s.bind(++i, secs(f.to));
    if (f.staff_id) s.bind(++i, *f.staff_id);
    if (f.booking_id) s.bind(++i, *f.booking_id);
    if (f.client_id) s.bind(++i, *f.client_id);
    if (f.scope_of_manager) {
        s.bind(++i, *f.scope_of_manager);
        s.bind(++i, *f.scope_of_manager);
    }
    s.bind(++i, static_cast<std::int64_t>(f.limit) + 1);
    std::vector<AuditLine> out;
    while (s.step()) {
        AuditLine l;
        l.id = s.integer(0);
        auto& e = l.entry;
        e.at = Instant{std::chrono::seconds{s.integer(1)}};
        e.actor = s.text(2);
        e.staff_id = s.opt_integer(3);
        e.kiosk_id = s.opt_integer(4);
        e.address = s.opt_text(5).value_or("");
        e.action = s.text(6);
        e.is_read = s.integer(7) != 0;
        e.booking_id = s.opt_integer(8);
        e.client_id = s.opt_integer(9);
        e.hub_id = s.opt_integer(10);
        e.detail = s.opt_text(11).value_or("");
        l.actor_name = s.opt_text(12);
        out.push_back(std::move(l));
    }
    return out;
}

} // namespace frontdoor::server::storage

#include "server/services/audit_service.hpp"

#include "server/services/booking_detail.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {

namespace {

storage::AuditEntry line(shared::Instant at, std::string actor, std::string action, AuditAbout about) {
    storage::AuditEntry e;
    e.at = at;
    e.actor = std::move(actor);
    e.action = std::move(action);
    e.booking_id = about.booking_id;
    e.client_id = about.client_id;
    e.hub_id = about.hub_id;
    e.detail = std::move(about.detail);
    return e;
}

storage::AuditEntry line_by(const Principal& by, shared::Instant at, std::string action, AuditAbout about) {
    auto e = line(at, by.actor(), std::move(action), std::move(about));
    e.staff_id = by.staff_id;
    e.kiosk_id = by.kiosk_id;
    e.address = by.address;
    return e;
}

} // namespace

void audit_change(storage::Connection& c, const Principal& by, shared::Instant at, std::string action,
                  AuditAbout about) {
    storage::append_audit(c, line_by(by, at, std::move(action), std::move(about)));
}

void audit_system(storage::Connection& c, shared::Instant at, std::string action, AuditAbout about) {
    storage::append_audit(c, line(at, "system", std::move(action), std::move(about)));
}

Result<shared::Unit> AuditService::record_read(const Principal& by, std::string action, AuditAbout about) {
    auto e = line_by(by, ctx_.clock.now(), std::move(action), std::move(about));
    e.is_read = true;
    return guard_storage([&]() -> Result<shared::Unit> {
        ctx_.db.write([&](storage::Connection& c) { storage::append_audit(c, e); });
        return shared::Unit{};
    });
}

Result<AuditPage> AuditService::list(const Principal& by, const AuditQuery& q) {
    if (by.role != Role::admin && by.role != Role::manager)
        return make_error(ErrorCode::forbidden, "only admins and managers may read the audit trail");
    return guard_storage([&]() -> Result<AuditPage> {
        return ctx_.db.read([&](storage::Connection& c) -> Result<AuditPage> {
            // Days are the caller's home hub's; UTC for someone with none.
            const date::time_zone* zone = shared::find_zone("UTC");
            if (by.hub_id)
                if (auto hub = storage::find_hub(c, *by.hub_id)) zone = detail::hub_zone(*hub);
            auto today = shared::local_date(zone, ctx_.clock.now());
            // From a day alone: that day up to today; to a day alone: that day only.
            auto to = q.to.value_or(q.from && date::sys_days{*q.from} > date::sys_days{today} ? *q.from : today);
            auto from = q.from.value_or(to);
            auto span = shared::days_between(from, to);
            if (span < 0) return make_error(ErrorCode::invalid_field, "must not be before from", "to");
            if (span >= 366) return make_error(ErrorCode::invalid_field, "may be at most 366 days after from", "to");
            storage::AuditFilter f;
            f.from = shared::local_to_instant(zone, from, shared::Minutes{0});
            f.to = shared::local_to_instant(zone, shared::add_days(to, 1), shared::Minutes{0});
            f.staff_id = q.staff_id;
            f.booking_id = q.booking_id;
            f.client_id = q.client_id;
            if (by.role == Role::manager) f.scope_of_manager = by.staff_id.value_or(0);
            f.limit = q.limit;
            AuditPage page;
            page.lines = storage::find_audit(c, f);
            if (static_cast<int>(page.lines.size()) > q.limit) {
                page.lines.resize(static_cast<std::size_t>(q.limit));
                page.more = true;
            }
            return page;
        });
    });
}

} // namespace frontdoor::server

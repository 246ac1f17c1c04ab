#pragma once
// The audit trail from the services' side: one line for every change, written inside
// the change's own write transaction (so no change lacks its line and no line outlives
// a change that rolled back), one line for every staff read of a family's personal data
// (written durably before the answer leaves), and the trail read back for admins and
// managers. Thread-safety: as every service, all state is in the database.

#include <optional>
#include <string>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/storage/audit_repo.hpp"

namespace frontdoor::server {

/// Which record a line is about, and what else it says.
struct AuditAbout {
    std::optional<Id> booking_id;
    std::optional<Id> client_id;
    std::optional<Id> hub_id;
    std::string detail;
};

/// Appends the line for a change `by` made: who (actor, staff or kiosk id) and from
/// where (by.address) come from the principal. Runs inside the caller's write.
void audit_change(storage::Connection& c, const Principal& by, shared::Instant at, std::string action,
                  AuditAbout about = {});
/// The same for what the server does by itself (an offer lapsing): actor "system".
void audit_system(storage::Connection& c, shared::Instant at, std::string action, AuditAbout about = {});

/// What GET /api/v1/audit asks, checked: days local to the caller's home hub.
struct AuditQuery {
    std::optional<shared::Date> from; // default: today
    std::optional<shared::Date> to;   // default: from
    std::optional<Id> staff_id;
    std::optional<Id> booking_id;
    std::optional<Id> client_id;
    int limit = 500;
};

struct AuditPage {
    std::vector<storage::AuditLine> lines; // newest first
    bool more = false;                     // the limit cut the list
};

class AuditService {
  public:
    explicit AuditService(const ServiceContext& ctx) : ctx_(ctx) {}

    /// Writes the line for `by` reading personal data (is_read), durably. `internal`
    /// when it could not be written: the answer must not leave then.
    Result<shared::Unit> record_read(const Principal& by, std::string action, AuditAbout about = {});

    /// The trail for admins (every line) and managers (lines about their hubs, and
    /// their own); anyone else `forbidden`. `invalid_field` for `to` before `from` or a
    /// span over 366 days.
    Result<AuditPage> list(const Principal& by, const AuditQuery& q);

  private:
    const ServiceContext& ctx_;
};

} // namespace frontdoor::server

#pragma once
// The audit trail: who did or saw what, when, from where, about which record. Lines are
// only ever appended (the table's triggers refuse UPDATE and DELETE). Functions run on
// the caller's connection, inside the caller's transaction, and throw StorageError.

#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct AuditEntry {
    Instant at{};
    std::string actor; // "staff:3", "kiosk:2", "anonymous", "system", "migration:N"
    std::optional<Id> staff_id;
    std::optional<Id> kiosk_id;
    std::string address; // the client's address; empty when no request made it (the sweep)
    std::string action;  // "booking.cancel", "read.day", ...
    bool is_read = false; // a read of a family's personal data, not a change
    std::optional<Id> booking_id;
    std::optional<Id> client_id;
    std::optional<Id> hub_id;
    std::string detail;
};

/// Appends one line (one INSERT).
void append_audit(Connection& c, const AuditEntry& e);

struct AuditLine {
    Id id = 0;
    AuditEntry entry;
    std::optional<std::string> actor_name; // the staff member's name, for staff actors
};

struct AuditFilter {
    Instant from{}; // inclusive
    Instant to{};   // exclusive
    std::optional<Id> staff_id;
    std::optional<Id> booking_id;
    std::optional<Id> client_id;
    /// A manager's view: lines about the hubs this staff member is assigned to, and
    /// their own lines. None: every line.
    std::optional<Id> scope_of_manager;
    int limit = 500;
};

/// Lines matching the filter, newest first, at most limit + 1 (so a caller can tell
/// the list was cut).
std::vector<AuditLine> find_audit(Connection& c, const AuditFilter& f);

} // namespace frontdoor::server::storage

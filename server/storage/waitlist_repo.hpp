#pragma once
// Waitlist entries. Functions run inside the caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct WaitlistRow {
    Id id = 0;
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<Id> session_id;
    std::optional<std::string> from_date;
    std::optional<std::string> to_date;
    Id client_id = 0;
    std::optional<Id> child_id;
    std::string status;
    std::optional<Id> booking_id;
    std::optional<Instant> offer_expires_at;
    ToldContact told; // what a kiosk was told, when it differed from the family's details
};

/// `code_hash`: the hash of the code the family was given (only written, never read back).
Id insert_waitlist(Connection& c, const WaitlistRow& w, const std::string& code_hash, Instant now);
std::optional<WaitlistRow> find_waitlist(Connection& c, Id id);
std::optional<WaitlistRow> find_waitlist_by_code(Connection& c, const std::string& code_hash);
/// Waiting entries of a hub's service, first come first.
std::vector<WaitlistRow> waiting_entries(Connection& c, Id hub_id, Id service_id);
std::vector<WaitlistRow> list_waitlist(Connection& c, Id hub_id, std::optional<Id> service_id);
/// Offers whose time is up.
std::vector<WaitlistRow> lapsed_offers(Connection& c, Instant now);
/// The offered entry holding this booking, if any.
std::optional<WaitlistRow> waitlist_for_booking(Connection& c, Id booking_id);
/// 1 + how many waiting entries of the same hub and service are ahead of it.
int waitlist_position(Connection& c, const WaitlistRow& w);
void update_waitlist(Connection& c, Id id, const std::string& status, std::optional<Id> booking_id,
                     std::optional<Instant> offer_expires_at, Instant now);

} // namespace frontdoor::server::storage

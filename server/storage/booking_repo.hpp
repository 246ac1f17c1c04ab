#pragma once
// Bookings, the families they are for, their history, busy time, and idempotency
// answers. Functions run on the caller's connection inside the caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "server/domain/scheduling.hpp"
#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

struct BookingRow {
    Id id = 0;
    std::string reference;
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<Id> session_id;
    Id room_id = 0;
    std::optional<Id> staff_id;
    Instant start;
    Instant end;
    Id client_id = 0;
    std::optional<Id> child_id;
    std::string status;
    std::optional<Instant> held_until;
    std::optional<Instant> arrived_at;
    std::string source;
    ToldContact told; // what a kiosk was told, when it differed from the family's details
};

std::optional<BookingRow> find_booking(Connection& c, Id id);
std::optional<BookingRow> find_booking_by_reference(Connection& c, const std::string& reference);
bool reference_exists(Connection& c, const std::string& reference);
/// Inserts the booking and its first history line; returns its id.
Id insert_booking(Connection& c, const BookingRow& b, Instant now, const std::string& actor);
/// Changes the status (and arrival time when given), with a history line.
void set_booking_status(Connection& c, Id id, const std::string& status,
                        std::optional<Instant> arrived_at, Instant now, const std::string& actor);
/// Records how many minutes past the start a check-in came, beyond the allowance
/// (nullopt: on time).
void set_minutes_late(Connection& c, Id id, std::optional<int> minutes);
/// One line of a booking's history: the status a change made, when, by whom.
struct HistoryRow {
    Id id = 0;
    std::string status;
    Instant at;
    std::optional<Id> undo_of; // the line this one took back (an undo)
};
/// The booking's newest `n` history lines, newest first.
std::vector<HistoryRow> latest_history(Connection& c, Id booking_id, int n);
/// Puts `status` back with a new history line that undoes line `undone` (the old line
/// is never edited); forgets the arrival time (and how late it was) when `clear_arrival`.
void undo_booking_status(Connection& c, Id id, const std::string& status, Id undone, bool clear_arrival,
                         Instant now, const std::string& actor);
/// Bookings that hold a place in a group session.
int live_bookings_in_session(Connection& c, Id session_id);
int count_bookings_for_session(Connection& c, Id session_id); // every status, for tests and reports

/// Busy time of a practitioner in [from, to): live 1:1 bookings and the sessions they lead.
std::vector<domain::Interval> staff_busy(Connection& c, Id staff_id, Instant from, Instant to);
/// Busy time of a room in [from, to): live 1:1 bookings and sessions in it.
std::vector<domain::Interval> room_busy(Connection& c, Id room_id, Instant from, Instant to);

struct ClientRow {
    Id id = 0;
    std::string first_name;
    std::string last_name;
    std::string date_of_birth;
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> interpreter;
};
struct ChildRow {
    Id id = 0;
    Id client_id = 0;
    std::string first_name;
    std::string date_of_birth;
};
/// Whether a known family's contact details are replaced by the ones given now.
enum class ContactUpdate { replace, keep };
struct UpsertedClient {
    Id id = 0;
    std::optional<ClientRow> known; // the family's row as it was, when they were known already
};
/// The family with this name and date of birth, created when new; for a known family,
/// contact details given now replace the old ones (ContactUpdate::replace) or not (keep).
UpsertedClient upsert_client(Connection& c, const ClientRow& client, Instant now,
                             ContactUpdate update = ContactUpdate::replace);
Id upsert_child(Connection& c, Id client_id, const std::string& first_name, const std::string& dob);
std::optional<ClientRow> find_client(Connection& c, Id id);
std::optional<ChildRow> find_child(Connection& c, Id id);

struct IdempotentAnswer {
    std::string request_hash;
    bool ok = false;  // a booking was made; else body is an error body
    std::string body; // JSON
};
std::optional<IdempotentAnswer> find_idempotent(Connection& c, const std::string& principal,
                                                const std::string& key);
void store_idempotent(Connection& c, const std::string& principal, const std::string& key,
                      const IdempotentAnswer& a, Instant now);
void purge_idempotent(Connection& c, Instant before);

} // namespace frontdoor::server::storage

#pragma once
// Families booking: availability, bookings (idempotent), cancellation, statuses and
// the waitlist with held offers. Every change is one write transaction that checks and
// writes together, so a place is never sold twice. Events are published after commit.

#include <memory>
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/services/fresh_cache.hpp"
#include "server/storage/records.hpp"
#include "shared/wire.hpp"

namespace frontdoor::server {

struct PersonInput {
    std::string first_name;
    std::string last_name;
    std::string date_of_birth; // validated YYYY-MM-DD
    std::optional<std::string> phone;
    std::optional<std::string> email;
    std::optional<std::string> interpreter; // a language, when one is needed
};

struct ChildInput {
    std::string first_name;
    std::string date_of_birth;
};

struct BookingInput {
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<shared::Instant> start; // appointments
    std::optional<Id> session_id;         // groups
    std::optional<Id> staff_id;           // staff may ask for one practitioner
    PersonInput client;
    std::optional<ChildInput> child;
    std::string lang = "en"; // the confirmation names room and service in it, where set-up gave one
};

struct AvailabilityQuery {
    Id hub_id = 0;
    Id service_id = 0;
    shared::Date from;
    shared::Date to;
};

struct WaitlistInput {
    Id hub_id = 0;
    Id service_id = 0;
    std::optional<Id> session_id;
    std::optional<shared::Date> from;
    std::optional<shared::Date> to;
    PersonInput client;
    std::optional<ChildInput> child;
};

/// Which waitlist entry: by its id (staff), or by the code its join answer gave.
struct WaitlistRef {
    std::optional<Id> id;
    std::optional<std::string> code;
};

/// One row of the staff's waitlist view.
struct WaitlistView {
    shared::wire::WaitlistEntry entry;
    Id service_id = 0;
    std::optional<Id> session_id;
    std::string client_name;
    std::optional<std::string> child_name;
    storage::ToldContact contact_to_confirm; // what a kiosk was told, for staff to confirm
};

/// A family on a hub's waitlist, as the desk needs them to ring.
struct WaitingFamily {
    Id entry_id = 0;
    std::string client_name; // first and last name
    std::optional<std::string> phone;
    std::optional<std::string> child_name; // first name
    storage::ToldContact contact_to_confirm;
};
/// One waiting entry: its place in the queue (from 1) and the dates the family wants.
struct WaitingEntry {
    WaitingFamily family;
    int position = 1;
    std::optional<std::string> from; // YYYY-MM-DD
    std::optional<std::string> to;
    std::optional<Id> session_id;
    std::optional<std::string> session_start; // RFC 3339, when waiting for one session
};
/// A place held for a family: what was offered and how long they have.
struct HeldOffer {
    WaitingFamily family;
    std::string reference; // of the held booking
    std::string offered_start;
    shared::wire::Ref room;
    std::string offer_expires_at;
    /// Minutes until the offer lapses (rounded down). Plain minutes: hubs have no opening
    /// hours of their own in the data.
    long minutes_left = 0;
};
/// Every waiting entry and held offer of one service at a hub.
struct ServiceWaitlist {
    shared::wire::Ref service;
    std::vector<WaitingEntry> waiting; // in queue order
    std::vector<HeldOffer> offers;     // soonest to lapse first
};

/// Free times with their JSON answer, computed once and shared by every request that
/// asks the same question until something is written or the first time passes.
struct SlotList {
    std::vector<shared::wire::Slot> slots;
    std::string body;      // {"slots": [...]}
    std::string body_gzip; // the same, gzipped, for clients that accept it
};

class BookingService {
  public:
    explicit BookingService(const ServiceContext& ctx) : ctx_(ctx), availability_cache_(ctx.db, 512) {}

    /// Who asks is checked every time (a kiosk: its hub, self-bookable services, none
    /// discreet: `forbidden`); the
    /// slots come from a cache that any committed write empties.
    Result<std::shared_ptr<const SlotList>> availability(const Principal& by, const AvailabilityQuery& q);

    /// Books a place. With an idempotency key, a repeat of the same request answers
    /// exactly as the first did and books nothing; the same key with another request
    /// (another fingerprint) is `conflict`.
    Result<shared::wire::BookingConfirmation> book(const Principal& by, const BookingInput& in,
                                                   const std::string& idempotency_key,
                                                   const std::string& request_fingerprint);

    /// Cancels by reference; a kiosk must give the client's date of birth. Cancelling
    /// twice answers the same. The freed place is offered to the waitlist.
    Result<std::string> cancel(const Principal& by, const std::string& reference,
                               const std::optional<std::string>& date_of_birth);

    /// Staff status change (arrived, in_progress, seen, missed, cancelled), by the one
    /// table of domain/booking_rules.hpp at the booking's hub. Answers the stored status
    /// name; `forbidden` at another hub or for another practitioner's booking, `conflict`
    /// for a move the table refuses.
    Result<std::string> set_status(const Principal& by, Id booking_id, const std::string& requested);

    /// Takes back the booking's newest change to arrived, in_progress or seen, made less
    /// than Settings::undo_window ago, by whoever may make that change (status_undo.hpp):
    /// the status before it comes back with a new history line. Answers the stored
    /// status name; `conflict` when too late or nothing to undo, `forbidden` as set_status.
    Result<std::string> undo_status(const Principal& by, Id booking_id);

    /// The answer carries `code`, an unguessable secret shown once: the only way a
    /// kiosk names the entry later (ids are sequential). Only its hash is stored.
    Result<shared::wire::WaitlistEntry> join_waitlist(const Principal& by, const WaitlistInput& in);
    /// For these three a kiosk names the entry by its code, at its own hub; by an id
    /// (staff only) a kiosk is `forbidden`. An unknown code is `not_found`.
    Result<shared::wire::WaitlistEntry> waitlist_entry(const Principal& by, const WaitlistRef& entry);
    Result<shared::wire::WaitlistEntry> accept_offer(const Principal& by, const WaitlistRef& entry);
    Result<shared::wire::WaitlistEntry> decline_offer(const Principal& by, const WaitlistRef& entry);
    Result<std::vector<WaitlistView>> list_waitlist(const Principal& by, Id hub_id, std::optional<Id> service_id);
    /// The hub's waitlists at a glance, for staff of that hub: each service with a
    /// waiting entry or a held offer, by name. Lapsed offers are passed on first.
    Result<std::vector<ServiceWaitlist>> hub_waitlists(const Principal& by, Id hub_id);

    /// Lapses every offer whose time is up and passes each place on. Never throws.
    void expire_offers();

  private:
    /// Free times, and whether a kiosk may see the service at all (checked again on
    /// every cache hit).
    struct Availability {
        bool self_bookable = false;
        bool discreet = false;
        std::shared_ptr<const SlotList> slots;
    };
    Result<Availability> compute_availability(const Principal& by, const AvailabilityQuery& q);

    const ServiceContext& ctx_;
    FreshCache<std::tuple<Id, Id, long, long>, Availability> availability_cache_;
};

} // namespace frontdoor::server

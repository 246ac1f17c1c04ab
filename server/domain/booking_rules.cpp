#include "server/domain/booking_rules.hpp"

#include <array>
#include <utility>

namespace frontdoor::server::domain {
namespace {
constexpr std::array<std::pair<BookingStatus, std::string_view>, 9> kNames{{
    {BookingStatus::held, "held"},
    {BookingStatus::booked, "booked"},
    {BookingStatus::arrived, "arrived"},
    {BookingStatus::in_progress, "in_progress"},
    {BookingStatus::seen, "seen"},
    {BookingStatus::did_not_attend, "did_not_attend"},
    {BookingStatus::was_not_brought, "was_not_brought"},
    {BookingStatus::cancelled, "cancelled"},
    {BookingStatus::released, "released"},
}};
} // namespace

std::string_view status_name(BookingStatus s) {
    for (const auto& [v, n] : kNames)
        if (v == s) return n;
    return "booked";
}

std::optional<BookingStatus> parse_status(std::string_view name) {
    for (const auto& [v, n] : kNames)
        if (n == name) return v;
    return std::nullopt;
}

bool occupies_place(BookingStatus s) {
    return s != BookingStatus::cancelled && s != BookingStatus::released;
}

namespace {

enum class When { any_time, day_reached, started };
constexpr unsigned bit(Mover m) { return 1u << static_cast<unsigned>(m); }
constexpr unsigned kDesk = bit(Mover::desk);
constexpr unsigned kDeskOrOwn = bit(Mover::desk) | bit(Mover::own_practitioner);

struct Move {
    BookingStatus from;
    std::string_view request;
    unsigned who;
    When when;
};

// The table of booking_rules.hpp, row for row.
constexpr std::array<Move, 9> kMoves{{
    {BookingStatus::booked, "arrived", kDesk | bit(Mover::kiosk), When::day_reached},
    {BookingStatus::booked, "missed", kDeskOrOwn, When::started},
    {BookingStatus::booked, "cancelled", kDesk, When::any_time},
    {BookingStatus::arrived, "in_progress", kDeskOrOwn, When::day_reached},
    {BookingStatus::arrived, "seen", kDeskOrOwn, When::day_reached},
    {BookingStatus::in_progress, "seen", kDeskOrOwn, When::any_time},
    {BookingStatus::in_progress, "arrived", kDeskOrOwn, When::any_time},
    {BookingStatus::did_not_attend, "arrived", kDesk, When::any_time},
    {BookingStatus::was_not_brought, "arrived", kDesk, When::any_time},
}};

constexpr std::array<std::string_view, 5> kRequests{"arrived", "in_progress", "seen", "missed", "cancelled"};

bool in_time(When w, const StatusMove& m) {
    switch (w) {
    case When::any_time: return true;
    case When::day_reached: return m.day_reached || m.started;
    case When::started: return m.started;
    }
    return false;
}

std::optional<BookingStatus> target_of(std::string_view requested, bool for_child) {
    if (requested == "missed") return for_child ? BookingStatus::was_not_brought : BookingStatus::did_not_attend;
    for (auto r : kRequests)
        if (r == requested) return parse_status(requested);
    return std::nullopt;
}

} // namespace

shared::Result<BookingStatus> next_status(const StatusMove& m, std::string_view requested) {
    using shared::ErrorCode;
    auto target = target_of(requested, m.for_child);
    if (!target)
        return shared::make_error(ErrorCode::invalid_field,
                                  "must be one of arrived, in_progress, seen, missed, cancelled", "status");
    if (m.who == Mover::other_practitioner)
        return shared::make_error(ErrorCode::forbidden, "this is another practitioner's booking");
    if (*target == m.current) return m.current;
    for (const auto& move : kMoves) {
        if (move.from != m.current || move.request != requested) continue;
        if (!in_time(move.when, m))
            return shared::make_error(ErrorCode::conflict,
                                      move.when == When::started
                                          ? "this appointment has not started yet"
                                          : "this appointment is on a day still to come");
        if (!(move.who & bit(m.who)))
            return shared::make_error(ErrorCode::forbidden, requested == "cancelled"
                                                                ? "reception cancels bookings"
                                                                : "this change is the desk's to make");
        return *target;
    }
    return shared::make_error(ErrorCode::conflict, "a booking that is " + std::string{status_name(m.current)} +
                                                       " cannot become " + std::string{status_name(*target)});
}

std::vector<std::string_view> allowed_requests(const StatusMove& m) {
    std::vector<std::string_view> out;
    if (m.who == Mover::other_practitioner) return out;
    for (const auto& move : kMoves)
        if (move.from == m.current && (move.who & bit(m.who)) && in_time(move.when, m)) out.push_back(move.request);
    return out;
}

bool table_allows(BookingStatus from, BookingStatus to, Mover who) {
    for (const auto& move : kMoves) {
        if (move.from != from || !(move.who & bit(who))) continue;
        auto target = target_of(move.request, to == BookingStatus::was_not_brought);
        if (target == to) return true;
    }
    return false;
}

} // namespace frontdoor::server::domain

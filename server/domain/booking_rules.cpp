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

shared::Result<BookingStatus> next_status(BookingStatus current, std::string_view requested,
                                          bool for_child) {
    using S = BookingStatus;
    using shared::ErrorCode;
    std::optional<S> target;
    if (requested == "missed")
        target = for_child ? S::was_not_brought : S::did_not_attend;
    else if (requested == "arrived" || requested == "in_progress" || requested == "seen" ||
             requested == "cancelled")
        target = parse_status(requested);
    if (!target)
        return shared::make_error(ErrorCode::invalid_field,
                                  "must be one of arrived, in_progress, seen, missed, cancelled",
                                  "status");
    if (*target == current) return current;

    auto refuse = [&] {
        return shared::make_error(ErrorCode::conflict,
                                  "a booking that is " + std::string{status_name(current)} +
                                      " cannot become " + std::string{status_name(*target)});
    };
    switch (current) {
    case S::booked:
        return *target;
    case S::arrived:
        if (*target == S::in_progress || *target == S::seen || *target == S::cancelled ||
            *target == S::did_not_attend || *target == S::was_not_brought)
            return *target;
        return refuse();
    case S::in_progress:
        if (*target == S::seen || *target == S::arrived) return *target;
        return refuse();
    case S::did_not_attend:
    case S::was_not_brought:
        // They came late after all, or the mark was a slip.
        if (*target == S::arrived || *target == S::in_progress || *target == S::seen)
            return *target;
        return refuse();
    case S::seen:
        if (*target == S::in_progress) return *target;
        return refuse();
    case S::held:
    case S::cancelled:
    case S::released:
        return refuse();
    }
    return refuse();
}

} // namespace frontdoor::server::domain

#include "shared/result.hpp"

#include <array>

namespace frontdoor::shared {
namespace {
constexpr std::array<std::pair<ErrorCode, std::string_view>, 16> kNames{{
    {ErrorCode::invalid_json, "invalid_json"},
    {ErrorCode::invalid_field, "invalid_field"},
    {ErrorCode::missing_field, "missing_field"},
    {ErrorCode::unauthenticated, "unauthenticated"},
    {ErrorCode::forbidden, "forbidden"},
    {ErrorCode::not_found, "not_found"},
    {ErrorCode::no_appointment_found, "no_appointment_found"},
    {ErrorCode::slot_unavailable, "slot_unavailable"},
    {ErrorCode::ambiguous_match, "ambiguous_match"},
    {ErrorCode::conflict, "conflict"},
    {ErrorCode::method_not_allowed, "method_not_allowed"},
    {ErrorCode::too_large, "too_large"},
    {ErrorCode::rate_limited, "rate_limited"},
    {ErrorCode::unsupported_media_type, "unsupported_media_type"},
    {ErrorCode::unavailable, "unavailable"},
    {ErrorCode::internal, "internal"},
}};
} // namespace

std::string_view error_code_name(ErrorCode code) {
    for (const auto& [c, name] : kNames)
        if (c == code) return name;
    return "internal";
}

ErrorCode error_code_from_name(std::string_view name) {
    for (const auto& [c, n] : kNames)
        if (n == name) return c;
    return ErrorCode::internal;
}

} // namespace frontdoor::shared

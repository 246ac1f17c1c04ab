#pragma once
// Result<T>: a value or an Error{code, message, field}. The error codes are the
// contract's (docs/api/openapi.yaml): they travel over the wire as snake_case strings.
// Thread-safety: plain values, no shared state.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace frontdoor::shared {

enum class ErrorCode {
    invalid_json,
    invalid_field,
    missing_field,
    unauthenticated,
    forbidden,
    not_found,
    no_appointment_found,
    slot_unavailable,
    ambiguous_match,
    conflict,
    method_not_allowed,
    too_large,
    rate_limited,
    unsupported_media_type, // the body is not of the type the route takes (415)
    unavailable, // the server could not be reached or answered 5xx (client side only)
    internal,
};

std::string_view error_code_name(ErrorCode code);
/// The code for a wire name; `internal` for a name this build does not know.
ErrorCode error_code_from_name(std::string_view name);

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field; // empty unless one field is at fault

    bool operator==(const Error&) const = default;
};

inline Error make_error(ErrorCode code, std::string message, std::string field = {}) {
    return Error{code, std::move(message), std::move(field)};
}

/// A value or an Error. Converts implicitly from either, so `return make_error(...)`
/// and `return value;` both work in a function returning Result<T>.
template <class T> class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }

    const Error& error() const { return std::get<1>(v_); }

  private:
    std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

} // namespace frontdoor::shared

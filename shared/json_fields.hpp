#pragma once
// FieldReader: reads fields of a JSON object and keeps the first error, named by
// its field ("client.date_of_birth"), in the contract's codes: a missing required
// field is `missing_field`, a field of the wrong type or out of range `invalid_field`.
// Reading after an error returns defaults, so a parser reads every field, then asks
// error() once. Thread-safety: one reader per thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/result.hpp"

namespace frontdoor::shared {

using nlohmann::json;

/// Parse a request body: must be a JSON object of bounded nesting, else `invalid_json`.
Result<json> parse_json_object(std::string_view body, int max_depth = 8);

class FieldReader {
  public:
    explicit FieldReader(const json& object, std::string prefix = {});

    bool has(std::string_view key) const;

    /// Strings are at most `max_bytes` long (a guard; validate_* bound characters).
    std::string string(std::string_view key, size_t max_bytes = 1000);
    std::optional<std::string> optional_string(std::string_view key, size_t max_bytes = 1000);
    std::string string_or(std::string_view key, std::string fallback, size_t max_bytes = 1000);

    std::int64_t integer(std::string_view key, std::int64_t min = 1,
                         std::int64_t max = INT64_MAX);
    std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min = 1,
                                                 std::int64_t max = INT64_MAX);
    std::int64_t integer_or(std::string_view key, std::int64_t fallback, std::int64_t min,
                            std::int64_t max);

    bool boolean_or(std::string_view key, bool fallback);

    /// An array of at most `max_items` positive whole numbers (ids), duplicates dropped,
    /// in the order given; nullopt when absent (or wrong, with the error kept).
    std::optional<std::vector<std::int64_t>> optional_id_list(std::string_view key, size_t max_items);

    /// A nested object; a reader over an empty object (and an error) when absent or not
    /// an object and required.
    FieldReader object(std::string_view key);
    std::optional<FieldReader> optional_object(std::string_view key);

    /// Record an error found by the caller (e.g. a validate_* failure) unless one is kept.
    void fail(Error e);
    template <class T> T take(Result<T> r, T fallback = {}) {
        if (r) return std::move(r).value();
        fail(r.error());
        return fallback;
    }

    std::string field_name(std::string_view key) const;
    const std::optional<Error>& error() const { return *error_; }
    bool ok() const { return !error_->has_value(); }

  private:
    const json* find(std::string_view key) const;
    const json& object_;
    std::string prefix_;
    std::shared_ptr<std::optional<Error>> error_; // shared with nested readers
};

} // namespace frontdoor::shared

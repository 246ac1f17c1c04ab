#include "shared/json_fields.hpp"

#include <algorithm>
#include <memory>

namespace frontdoor::shared {
namespace {

const json& empty_object() {
    static const json e = json::object();
    return e;
}

bool too_deep(const json& j, int depth_left) {
    if (depth_left < 0) return true;
    if (j.is_object() || j.is_array())
        for (const auto& child : j)
            if (too_deep(child, depth_left - 1)) return true;
    return false;
}

} // namespace

Result<json> parse_json_object(std::string_view body, int max_depth) {
    // The SAX depth guard: reject deep nesting before building it.
    int depth = 0;
    bool too_deep_seen = false;
    json::parser_callback_t cb = [&](int d, json::parse_event_t ev, json&) {
        if (ev == json::parse_event_t::object_start || ev == json::parse_event_t::array_start) {
            depth = d + 1;
            if (depth > max_depth) too_deep_seen = true;
        }
        return !too_deep_seen;
    };
    json j = json::parse(body.begin(), body.end(), cb, /*allow_exceptions=*/false);
    if (too_deep_seen)
        return make_error(ErrorCode::invalid_json, "the body is nested too deeply");
    if (j.is_discarded())
        return make_error(ErrorCode::invalid_json, "the body is not valid JSON");
    if (!j.is_object())
        return make_error(ErrorCode::invalid_json, "the body must be a JSON object");
    if (too_deep(j, max_depth))
        return make_error(ErrorCode::invalid_json, "the body is nested too deeply");
    return j;
}

FieldReader::FieldReader(const json& object, std::string prefix)
    : object_(object.is_object() ? object : empty_object()), prefix_(std::move(prefix)),
      error_(std::make_shared<std::optional<Error>>()) {}

std::string FieldReader::field_name(std::string_view key) const {
    return prefix_ + std::string{key};
}

const json* FieldReader::find(std::string_view key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
}

bool FieldReader::has(std::string_view key) const { return find(key) != nullptr; }

void FieldReader::fail(Error e) {
    if (!error_->has_value()) *error_ = std::move(e);
}

std::optional<std::string> FieldReader::optional_string(std::string_view key, size_t max_bytes) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        fail(make_error(ErrorCode::invalid_field, "must be text", field_name(key)));
        return std::nullopt;
    }
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_bytes) {
        fail(make_error(ErrorCode::invalid_field, "is too long", field_name(key)));
        return std::nullopt;
    }
    return s;
}

std::string FieldReader::string(std::string_view key, size_t max_bytes) {
    if (!find(key)) {
        fail(make_error(ErrorCode::missing_field, "is required", field_name(key)));
        return {};
    }
    return optional_string(key, max_bytes).value_or(std::string{});
}

std::string FieldReader::string_or(std::string_view key, std::string fallback, size_t max_bytes) {
    return optional_string(key, max_bytes).value_or(std::move(fallback));
}

std::optional<std::int64_t> FieldReader::optional_integer(std::string_view key, std::int64_t min,
                                                          std::int64_t max) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
        fail(make_error(ErrorCode::invalid_field, "must be a whole number", field_name(key)));
        return std::nullopt;
    }
    std::int64_t n = v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX
                         ? INT64_MAX
                         : v->get<std::int64_t>();
    if (n < min || n > max) {
        fail(make_error(ErrorCode::invalid_field,
                        "must be between " + std::to_string(min) + " and " + std::to_string(max),
                        field_name(key)));
        return std::nullopt;
    }
    return n;
}

std::int64_t FieldReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
    if (!find(key)) {
        fail(make_error(ErrorCode::missing_field, "is required", field_name(key)));
        return 0;
    }
    return optional_integer(key, min, max).value_or(0);
}

std::int64_t FieldReader::integer_or(std::string_view key, std::int64_t fallback,
                                     std::int64_t min, std::int64_t max) {
    return optional_integer(key, min, max).value_or(fallback);
}

std::optional<std::vector<std::int64_t>> FieldReader::optional_id_list(std::string_view key, size_t max_items) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    auto wrong = [&](const char* why) {
        fail(make_error(ErrorCode::invalid_field, why, field_name(key)));
        return std::nullopt;
    };
    if (!v->is_array()) return wrong("must be an array of ids");
    if (v->size() > max_items) return wrong("has too many ids");
    std::vector<std::int64_t> out;
    for (const auto& item : *v) {
        if (!item.is_number_integer() || (item.is_number_unsigned() && item.get<std::uint64_t>() > INT64_MAX) ||
            item.get<std::int64_t>() < 1)
            return wrong("must be an array of ids");
        auto id = item.get<std::int64_t>();
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    }
    return out;
}

bool FieldReader::boolean_or(std::string_view key, bool fallback) {
    const json* v = find(key);
    if (!v) return fallback;
    if (!v->is_boolean()) {
        fail(make_error(ErrorCode::invalid_field, "must be true or false", field_name(key)));
        return fallback;
    }
    return v->get<bool>();
}

std::optional<FieldReader> FieldReader::optional_object(std::string_view key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_object()) {
        fail(make_error(ErrorCode::invalid_field, "must be an object", field_name(key)));
        return std::nullopt;
    }
    FieldReader nested(*v, field_name(key) + ".");
    nested.error_ = error_;
    return nested;
}

FieldReader FieldReader::object(std::string_view key) {
    if (!find(key)) fail(make_error(ErrorCode::missing_field, "is required", field_name(key)));
    auto nested = optional_object(key);
    if (nested) return *nested;
    FieldReader empty(empty_object(), field_name(key) + ".");
    empty.error_ = error_;
    return empty;
}

} // namespace frontdoor::shared

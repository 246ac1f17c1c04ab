// [SECTION] Names per language: PUT/GET /services/{id}/translations, /rooms/{id}/translations,
// /hubs/{id}/translations. Set-up (admin, manager) replaces a whole set; staff read it.
#include "server/domain/language.hpp"
#include "server/http/routes.hpp"
#include "shared/validate.hpp"

namespace frontdoor::server::http {
namespace {

using storage::Named;
using storage::TranslationRow;

constexpr size_t kMaxNameChars = 120;
constexpr size_t kMaxDescriptionChars = 200;

/// {"translations": {"pl": {"name", "description"?}, ...}}: codes of the kiosk's
/// languages only, names 1..120 characters, descriptions (services only) 0..200.
shared::Result<std::vector<TranslationRow>> read_translations(const json& body, Named kind) {
    if (!body.contains("translations")) return make_error(ErrorCode::missing_field, "is required", "translations");
    const auto& set = body["translations"];
    if (!set.is_object())
        return make_error(ErrorCode::invalid_field, "must be an object of language codes (en, pl, pt, ro, uk)",
                          "translations");
    std::vector<TranslationRow> rows;
    for (const auto& [code, entry] : set.items()) {
        auto field = "translations." + (code.size() <= 16 ? code : code.substr(0, 16) + "...");
        if (!domain::is_kiosk_language(code))
            return make_error(ErrorCode::invalid_field, "is not a kiosk language: en, pl, pt, ro or uk", field);
        if (!entry.is_object()) return make_error(ErrorCode::invalid_field, "must be an object {name, description?}", field);
        shared::FieldReader r(entry, field + ".");
        TranslationRow row;
        row.lang = code;
        row.name = r.take(shared::validate_name(r.string("name", 1000), r.field_name("name"), kMaxNameChars));
        if (kind == Named::service)
            row.description = r.take(shared::validate_text(r.string_or("description", "", 2000),
                                                           r.field_name("description"), kMaxDescriptionChars));
        if (auto& e = r.error()) return *e;
        rows.push_back(std::move(row));
    }
    return rows;
}

json translations_json(const std::vector<TranslationRow>& rows, Named kind) {
    json set = json::object();
    for (const auto& r : rows) {
        json entry{{"name", r.name}};
        if (kind == Named::service) entry["description"] = r.description;
        set[r.lang] = std::move(entry);
    }
    return json{{"translations", std::move(set)}};
}

} // namespace

void register_translation_routes(Api& api, Services& s) {
    struct Target {
        const char* path;
        Named kind;
    };
    for (auto t : {Target{R"(/api/v1/services/(\d+)/translations)", Named::service},
                   Target{R"(/api/v1/rooms/(\d+)/translations)", Named::room},
                   Target{R"(/api/v1/hubs/(\d+)/translations)", Named::hub}}) {
        api.put(t.path, kSetup, [&s, kind = t.kind](const httplib::Request& req, httplib::Response& res, const Principal& p) {
            auto body = body_object(req);
            if (!body) return reply_error(res, body.error());
            auto rows = read_translations(*body, kind);
            if (!rows) return reply_error(res, rows.error());
            auto stored = s.translations.replace(p, kind, path_id(req), std::move(*rows));
            if (!stored) return reply_error(res, stored.error());
            reply(res, 200, translations_json(*stored, kind));
        });
        api.get(t.path, kStaff, [&s, kind = t.kind](const httplib::Request& req, httplib::Response& res, const Principal& p) {
            auto stored = s.translations.list(p, kind, path_id(req));
            if (!stored) return reply_error(res, stored.error());
            reply(res, 200, translations_json(*stored, kind));
        });
    }
}

} // namespace frontdoor::server::http

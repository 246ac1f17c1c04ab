#include "server/services/translation_service.hpp"

#include "server/domain/language.hpp"
#include "server/services/audit_service.hpp"
#include "server/services/hub_scope.hpp"
#include "server/storage/setup_repo.hpp"

namespace frontdoor::server {
namespace {

using storage::Connection;
using storage::Named;

const char* what(Named kind) {
    switch (kind) {
    case Named::hub: return "hub";
    case Named::room: return "room";
    case Named::service: return "service";
    }
    return "service";
}

/// The thing exists, and `by` may act on it: a hub or a room at one of their hubs;
/// services are the area's, shared by every hub.
std::optional<Error> check_target(Connection& c, const Principal& by, Named kind, Id id) {
    auto missing = make_error(ErrorCode::not_found, std::string{"no such "} + what(kind));
    switch (kind) {
    case Named::hub:
        if (!storage::find_hub(c, id)) return missing;
        return require_hub(by, id);
    case Named::room: {
        auto room = storage::find_room(c, id);
        if (!room) return missing;
        return require_hub(by, room->hub_id);
    }
    case Named::service:
        if (!storage::find_service(c, id)) return missing;
        return std::nullopt;
    }
    return missing;
}

} // namespace

Result<std::vector<storage::TranslationRow>> TranslationService::replace(const Principal& by, Named kind, Id id,
                                                                         std::vector<storage::TranslationRow> rows) {
    for (auto& r : rows)
        if (kind != Named::service) r.description.clear(); // hubs and rooms have none
    return guard_storage([&]() -> Result<std::vector<storage::TranslationRow>> {
        return ctx_.db.write([&](Connection& c) -> Result<std::vector<storage::TranslationRow>> {
            if (auto refused = check_target(c, by, kind, id)) return *refused;
            storage::replace_translations(c, kind, id, rows);
            std::string langs;
            for (const auto& r : rows) langs += (langs.empty() ? "" : ",") + r.lang;
            audit_change(c, by, ctx_.clock.now(), std::string{what(kind)} + ".translations",
                         {.hub_id = kind == Named::hub ? std::optional<Id>{id} : std::nullopt,
                          .detail = std::to_string(id) + " [" + langs + "]"});
            return storage::translations(c, kind, id);
        });
    });
}

Result<std::vector<storage::TranslationRow>> TranslationService::list(const Principal& by, Named kind, Id id) {
    return guard_storage([&]() -> Result<std::vector<storage::TranslationRow>> {
        return ctx_.db.read([&](Connection& c) -> Result<std::vector<storage::TranslationRow>> {
            if (auto refused = check_target(c, by, kind, id)) return *refused;
            return storage::translations(c, kind, id);
        });
    });
}

namespace detail {

LocalName local_name(Connection& c, Named kind, Id id, const std::string& english_name,
                     const std::string& english_description, const std::string& lang) {
    if (domain::is_kiosk_language(lang))
        if (auto t = storage::find_translation(c, kind, id, lang))
            return {t->name, t->description.empty() ? english_description : t->description, t->lang};
    return {english_name, english_description, std::string{domain::kEnglish}};
}

} // namespace detail
} // namespace frontdoor::server

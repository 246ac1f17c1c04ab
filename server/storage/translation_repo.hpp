#pragma once
// Names per kiosk language of hubs, rooms and services (name_translations). The row's
// own name is English; these stand beside it. Functions run on the caller's connection
// inside the caller's transaction and throw StorageError.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/storage/records.hpp"
#include "server/storage/sql.hpp"

namespace frontdoor::server::storage {

/// What a translation names.
enum class Named { hub, room, service };

struct TranslationRow {
    std::string lang;        // a kiosk language code (domain/language.hpp)
    std::string name;
    std::string description; // services only; empty for hubs and rooms
};

/// The translations of one hub, room or service, by language code.
std::vector<TranslationRow> translations(Connection& c, Named kind, Id id);
/// The one translation in `lang`, if set-up gave one.
std::optional<TranslationRow> find_translation(Connection& c, Named kind, Id id, std::string_view lang);
/// Replaces every translation of the hub, room or service with `rows`.
void replace_translations(Connection& c, Named kind, Id id, const std::vector<TranslationRow>& rows);

} // namespace frontdoor::server::storage

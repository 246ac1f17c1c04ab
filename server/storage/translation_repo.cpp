#include "server/storage/translation_repo.hpp"

namespace frontdoor::server::storage {
namespace {

const char* kind_name(Named kind) {
    switch (kind) {
    case Named::hub: return "hub";
    case Named::room: return "room";
    case Named::service: return "service";
    }
    return "service";
}

} // namespace

std::vector<TranslationRow> translations(Connection& c, Named kind, Id id) {
    Statement s(c, "SELECT lang, name, description FROM name_translations WHERE kind = ? AND ref_id = ? ORDER BY lang");
    s.bind_all(kind_name(kind), id);
    std::vector<TranslationRow> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
    return out;
}

std::optional<TranslationRow> find_translation(Connection& c, Named kind, Id id, std::string_view lang) {
    Statement s(c, "SELECT lang, name, description FROM name_translations WHERE kind = ? AND ref_id = ? AND lang = ?");
    s.bind_all(kind_name(kind), id, lang);
    if (!s.step()) return std::nullopt;
    return TranslationRow{s.text(0), s.text(1), s.text(2)};
}

void replace_translations(Connection& c, Named kind, Id id, const std::vector<TranslationRow>& rows) {
    Statement drop(c, "DELETE FROM name_translations WHERE kind = ? AND ref_id = ?");
    drop.bind_all(kind_name(kind), id).run();
    for (const auto& r : rows) {
        Statement add(c, "INSERT INTO name_translations(kind, ref_id, lang, name, description) VALUES (?, ?, ?, ?, ?)");
        add.bind_all(kind_name(kind), id, r.lang, r.name, r.description).run();
    }
}

} // namespace frontdoor::server::storage

#include "kiosk/core/i18n.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace frontdoor::kiosk {

using shared::ErrorCode;
using shared::make_error;

shared::Result<Translations> Translations::load_dir(const std::string& dir) {
    namespace fs = std::filesystem;
    Translations t;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        auto j = nlohmann::json::parse(ss.str(), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return make_error(ErrorCode::invalid_json, "not a JSON object: " + entry.path().string());
        std::string code = entry.path().stem().string();
        auto& map = t.texts_[code];
        for (auto& [key, value] : j.items())
            if (value.is_string()) map[key] = value.get<std::string>();
        t.languages_.push_back(Language{code, map.count("_name") ? map["_name"] : code});
    }
    if (ec) return make_error(ErrorCode::not_found, "cannot read " + dir + ": " + ec.message());
    if (!t.texts_.count("en")) return make_error(ErrorCode::not_found, "no en.json in " + dir);
    std::sort(t.languages_.begin(), t.languages_.end(), [](const Language& a, const Language& b) {
        if ((a.code == "en") != (b.code == "en")) return a.code == "en";
        return a.code < b.code;
    });
    return t;
}

const char* Translations::text(const std::string& language, const std::string& key) const {
    for (const std::string& lang : {language, std::string("en")}) {
        auto l = texts_.find(lang);
        if (l == texts_.end()) continue;
        auto k = l->second.find(key);
        if (k != l->second.end() && !k->second.empty()) return k->second.c_str();
    }
    return "[?]"; // a visible gap: caught by the completeness test, never a crash
}

bool Translations::has(const std::string& language, const std::string& key) const {
    auto l = texts_.find(language);
    if (l == texts_.end()) return false;
    auto k = l->second.find(key);
    return k != l->second.end() && !k->second.empty();
}

std::vector<std::string> Translations::keys(const std::string& language) const {
    std::vector<std::string> out;
    auto l = texts_.find(language);
    if (l == texts_.end()) return out;
    for (const auto& [k, v] : l->second) out.push_back(k);
    return out;
}

std::string service_name_shown(const shared::wire::ServiceSummary& service, const std::string& language,
                               const Translations& translations) {
    if (service.name_lang == language) return service.name;
    return service.name + " " + translations.text(language, "services.in_english");
}

} // namespace frontdoor::kiosk

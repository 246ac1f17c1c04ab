#pragma once
// Translations: one JSON file per language under assets/i18n/ ("en.json", ...), each a
// flat object of key -> text, plus "_name" (the language named in itself). Lookups
// fall back to English, then to the key itself, so a gap shows but never crashes (the
// tests make sure there are no gaps). Thread-safety: immutable after loading.

#include <map>
#include <string>
#include <vector>

#include "shared/result.hpp"
#include "shared/wire.hpp"

namespace frontdoor::kiosk {

struct Language {
    std::string code; // "pl"
    std::string name; // "Polski"
};

class Translations {
  public:
    /// Loads every *.json in `dir`; English must be among them.
    static shared::Result<Translations> load_dir(const std::string& dir);

    const char* text(const std::string& language, const std::string& key) const;
    bool has(const std::string& language, const std::string& key) const;
    /// Languages in display order: English first, then by code.
    const std::vector<Language>& languages() const { return languages_; }
    /// Every key of one language (for the completeness test).
    std::vector<std::string> keys(const std::string& language) const;

  private:
    std::map<std::string, std::map<std::string, std::string>> texts_;
    std::vector<Language> languages_;
};

/// A service's name as a family reads it: in their language, or in English with
/// "(English)" (in their language) when set-up gave no name in theirs.
std::string service_name_shown(const shared::wire::ServiceSummary& service, const std::string& language,
                               const Translations& translations);

} // namespace frontdoor::kiosk

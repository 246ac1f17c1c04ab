#pragma once
// Names per language: set-up gives hubs, rooms and services a name (services also a
// one-line description of who it is for) in each kiosk language; answers that carry
// those names to families use the asked language's when there is one, else English.
// Inputs arrive checked by the route (codes, lengths); the service checks the id and
// who may act on it. Thread-safety: as every service, any thread may call.

#include <string>
#include <vector>

#include "server/services/auth_service.hpp"
#include "server/services/context.hpp"
#include "server/storage/sql.hpp"
#include "server/storage/translation_repo.hpp"

namespace frontdoor::server {

class TranslationService {
  public:
    explicit TranslationService(const ServiceContext& ctx) : ctx_(ctx) {}

    /// Replaces the whole set of translations of a hub, room or service (admin and
    /// manager, by the route) and returns it as stored, in code order. `not_found` for
    /// an unknown id; `forbidden` for a hub (or a room of a hub) that is not the caller's.
    Result<std::vector<storage::TranslationRow>> replace(const Principal& by, storage::Named kind, Id id,
                                                         std::vector<storage::TranslationRow> rows);
    /// The stored set, for staff (the same checks).
    Result<std::vector<storage::TranslationRow>> list(const Principal& by, storage::Named kind, Id id);

  private:
    const ServiceContext& ctx_;
};

namespace detail {

/// A name as a family reads it, and the language it is in.
struct LocalName {
    std::string name;
    std::string description;
    std::string lang; // "en" when English stood in
};
/// The name (and description) of a hub, room or service in `lang` when set-up gave one,
/// else the English ones given. Runs inside the caller's transaction.
LocalName local_name(storage::Connection& c, storage::Named kind, Id id, const std::string& english_name,
                     const std::string& english_description, const std::string& lang);

} // namespace detail
} // namespace frontdoor::server

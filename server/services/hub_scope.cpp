#include "server/services/hub_scope.hpp"

#include <algorithm>

namespace frontdoor::server {
namespace {

Error not_your_hub(std::string field = {}) {
    return make_error(ErrorCode::forbidden, "you do not work at this hub", std::move(field));
}

} // namespace

bool acts_at(const Principal& p, Id hub_id) {
    switch (p.role) {
    case Role::admin: return true;
    case Role::kiosk: return p.hub_id == hub_id;
    case Role::manager:
    case Role::reception:
    case Role::practitioner: return std::find(p.hub_ids.begin(), p.hub_ids.end(), hub_id) != p.hub_ids.end();
    }
    return false;
}

std::optional<Error> require_hub(const Principal& p, Id hub_id) {
    if (acts_at(p, hub_id)) return std::nullopt;
    if (p.role == Role::kiosk) return make_error(ErrorCode::forbidden, "this kiosk belongs to another hub");
    return not_your_hub();
}

std::optional<Error> require_any_hub(const Principal& p, const std::vector<Id>& hub_ids) {
    if (p.role == Role::admin) return std::nullopt;
    for (Id hub : hub_ids)
        if (acts_at(p, hub)) return std::nullopt;
    return not_your_hub();
}

std::optional<Error> require_colleague(const Principal& p, Id staff_id, const std::vector<Id>& staff_hub_ids) {
    if (p.role == Role::kiosk) return make_error(ErrorCode::forbidden, "a kiosk sees no staff");
    if (p.staff_id == staff_id) return std::nullopt;
    if (require_any_hub(p, staff_hub_ids)) return make_error(ErrorCode::forbidden, "this colleague works at other hubs");
    return std::nullopt;
}

std::optional<Error> require_every_hub(const Principal& p, const std::vector<Id>& hub_ids, const char* field) {
    for (Id hub : hub_ids)
        if (!acts_at(p, hub)) return not_your_hub(field);
    return std::nullopt;
}

} // namespace frontdoor::server

#pragma once
// Canned states for the screenshot walker: every screen with believable demo data.

#include <functional>
#include <string>
#include <vector>

#include "kiosk/core/state.hpp"

namespace frontdoor::kiosk {

struct Scene {
    std::string name;
    std::function<void(KioskState&)> set_up;
};

std::vector<Scene> screenshot_scenes();

} // namespace frontdoor::kiosk

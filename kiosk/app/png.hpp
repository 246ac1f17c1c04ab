#pragma once
// Reads the current OpenGL framebuffer and writes it as a PNG (stb_image_write).

#include <string>

namespace frontdoor::kiosk {

bool write_framebuffer_png(const std::string& path, int width, int height);

} // namespace frontdoor::kiosk

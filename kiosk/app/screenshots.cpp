// The screenshot walker: every scene drawn with the real screens and saved as PNG.
#include <algorithm>
#include <chrono>
#include <vector>
#include <cstdio>
#include <filesystem>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "kiosk/app/png.hpp"
#include "kiosk/app/scenes.hpp"
#include "kiosk/app/window.hpp"
#include "kiosk/core/config.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/frame.hpp"

namespace frontdoor::kiosk {

int run_screenshots(const KioskConfig& config, const WindowOptions& options, const std::string& dir,
                    bool high_contrast) {
    // Setup
    auto translations = Translations::load_dir(config.assets_dir + "/i18n");
    if (!translations) {
        std::fprintf(stderr, "frontdoor-kiosk: %s\n", translations.error().message.c_str());
        return 1;
    }
    std::string error;
    auto window = Window::open(options, error);
    if (!window) {
        std::fprintf(stderr, "frontdoor-kiosk: %s\n", error.c_str());
        return 1;
    }
    std::filesystem::create_directories(dir);
    int fb_w, fb_h;
    window->framebuffer_size(fb_w, fb_h);
    Fonts fonts = load_fonts(*ImGui::GetIO().Fonts, body_px_for(float(fb_w), float(fb_h)));
    KioskState state;
    UiContext ui{*translations, state, fonts};
    ui.scale = std::min(fb_w, fb_h) / 1080.f;

    // Walk the scenes: a few frames each (layout settles), then the pixels.
    double worst_ms = 0;
    std::string worst;
    for (const auto& scene : screenshot_scenes()) {
        state = KioskState{};
        state.me = wire::KioskMe{1, "Entrance kiosk", {1, "Riverside Family Hub", "Europe/London"}};
        state.connection = Connection::online;
        state.clock_text = "10:24";
        state.today = "2026-11-23";
        state.server_url = config.server_url;
        state.version = FRONTDOOR_VERSION;
        scene.set_up(state);
        state.high_contrast = state.high_contrast || high_contrast;
        // Frames for the layout to settle, then timed ones (median reported); the last is saved.
        std::vector<double> times;
        const int frames = 7;
        for (int i = 0; i < frames; ++i) {
            glfwPollEvents();
            auto t = std::chrono::steady_clock::now();
            window->begin_frame();
            ui.now = 100.0;
            (void)draw_frame(ui);
            const auto& bg = ui.theme.background;
            window->render(bg.x, bg.y, bg.z);
            glFinish();
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
            if (i >= 2) times.push_back(ms);
            if (i < frames - 1) window->present();
        }
        std::sort(times.begin(), times.end());
        double last_ms = times[times.size() / 2];
        if (last_ms > worst_ms) worst_ms = last_ms, worst = scene.name;
        int w, h;
        window->framebuffer_size(w, h);
        std::string path = dir + "/" + scene.name + ".png";
        if (!write_framebuffer_png(path, w, h)) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            return 1;
        }
        window->present();
        std::printf("%s (median frame %.1f ms)\n", path.c_str(), last_ms);
    }
    std::printf("slowest screen: median frame %.1f ms (%s)\n", worst_ms, worst.c_str());
    return 0;
}

} // namespace frontdoor::kiosk

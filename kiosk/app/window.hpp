#pragma once
// Window: GLFW + OpenGL3 + the ImGui context and backends, set up and torn down in
// mirrored order. The frame loop (run_kiosk) draws only while something changes:
// a few frames after input or a result, otherwise it sleeps in glfwWaitEventsTimeout.

#include <memory>
#include <string>

#include "kiosk/core/key_queue.hpp"

struct GLFWwindow;

namespace frontdoor::kiosk {

struct KioskConfig;

struct WindowOptions {
    bool fullscreen = true;
    int width = 1080;
    int height = 1920;
    bool exit_after_first_frame = false; // for measuring start-up
};

class Window {
  public:
    /// Opens the window and ImGui (no imgui.ini); nullptr and `error` on failure.
    static std::unique_ptr<Window> open(const WindowOptions& options, std::string& error);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    GLFWwindow* handle() const { return window_; }
    /// True when an input or window event arrived since the last call.
    bool take_activity();
    void begin_frame();
    /// Renders the ImGui draw data over `clear` into the back buffer.
    void render(float r, float g, float b);
    /// Shows the back buffer.
    void present();
    void end_frame(float r, float g, float b) { render(r, g, b); present(); }
    void framebuffer_size(int& w, int& h) const;
    /// Keys and characters in the order GLFW reported them (the frame drains it).
    KeyQueue& keys() { return keys_; }

  private:
    Window() = default;
    static void mark_activity(GLFWwindow* w);
    GLFWwindow* window_ = nullptr;
    bool activity_ = true;
    KeyQueue keys_;
    bool glfw_ready_ = false;
    bool imgui_ready_ = false;
};

/// The kiosk's main loop; returns the process exit code.
int run_kiosk(const KioskConfig& config, const WindowOptions& options);
/// Renders every screen with canned state into `dir` as PNG files.
int run_screenshots(const KioskConfig& config, const WindowOptions& options, const std::string& dir,
                    bool high_contrast);

} // namespace frontdoor::kiosk

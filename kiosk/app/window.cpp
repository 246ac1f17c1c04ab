#include "kiosk/app/window.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "kiosk/core/config.hpp"
#include "kiosk/core/controller.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/frame.hpp"

namespace frontdoor::kiosk {

// [SECTION] Window

std::unique_ptr<Window> Window::open(const WindowOptions& o, std::string& error) {
    std::unique_ptr<Window> w(new Window());
    glfwSetErrorCallback([](int code, const char* what) { std::fprintf(stderr, "glfw %d: %s\n", code, what); });
    if (!glfwInit()) {
        error = "cannot start GLFW (no display?)";
        return nullptr;
    }
    w->glfw_ready_ = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWmonitor* monitor = o.fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    int width = o.width, height = o.height;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width;
        height = mode->height;
    }
    w->window_ = glfwCreateWindow(width, height, "Front Door", monitor, nullptr);
    if (!w->window_) {
        error = "cannot open an OpenGL 3 window";
        return nullptr;
    }
    glfwMakeContextCurrent(w->window_);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(w->window_, w.get());
    // Our callbacks first: ImGui's backend chains to them, so every event marks activity.
    glfwSetCursorPosCallback(w->window_, [](GLFWwindow* h, double, double) { mark_activity(h); });
    glfwSetMouseButtonCallback(w->window_, [](GLFWwindow* h, int, int, int) { mark_activity(h); });
    glfwSetScrollCallback(w->window_, [](GLFWwindow* h, double, double) { mark_activity(h); });
    // Keys and characters also go into our queue, in order: a scanner's Enter pressed
    // and released between two frames is lost to ImGui 1.86 but not to the queue.
    glfwSetKeyCallback(w->window_, [](GLFWwindow* h, int key, int, int action, int) {
        mark_activity(h);
        if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(h))) self->keys_.on_glfw_key(key, action);
    });
    glfwSetCharCallback(w->window_, [](GLFWwindow* h, unsigned int c) {
        mark_activity(h);
        if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(h))) self->keys_.on_glfw_char(c);
    });
    glfwSetWindowFocusCallback(w->window_, [](GLFWwindow* h, int) { mark_activity(h); });
    glfwSetWindowRefreshCallback(w->window_, [](GLFWwindow* h) { mark_activity(h); });
    glfwSetFramebufferSizeCallback(w->window_, [](GLFWwindow* h, int, int) { mark_activity(h); });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // never write imgui.ini
    io.LogFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(w->window_, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    w->imgui_ready_ = true;
    if (monitor) glfwSetInputMode(w->window_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    return w;
}

Window::~Window() {
    if (imgui_ready_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    if (window_) glfwDestroyWindow(window_);
    if (glfw_ready_) glfwTerminate();
}

void Window::mark_activity(GLFWwindow* h) {
    if (auto* w = static_cast<Window*>(glfwGetWindowUserPointer(h))) w->activity_ = true;
}

bool Window::take_activity() {
    bool a = activity_;
    activity_ = false;
    return a;
}

void Window::begin_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void Window::render(float r, float g, float b) {
    ImGui::Render();
    int w, h;
    glfwGetFramebufferSize(window_, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(r, g, b, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::present() { glfwSwapBuffers(window_); }

void Window::framebuffer_size(int& w, int& h) const { glfwGetFramebufferSize(window_, &w, &h); }

// [SECTION] Main loop

int run_kiosk(const KioskConfig& config, const WindowOptions& options) {
    // Setup
    auto t0 = std::chrono::steady_clock::now();
    auto seconds = [t0] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
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
    int fb_w, fb_h;
    window->framebuffer_size(fb_w, fb_h);
    Fonts fonts = load_fonts(*ImGui::GetIO().Fonts, body_px_for(float(fb_w), float(fb_h)));

    KioskState state;
    shared::SystemClock wall;
    ControllerOptions co;
    co.api = shared::ApiClientOptions{config.server_url, config.token,
                                      std::chrono::milliseconds(config.connect_timeout_ms),
                                      std::chrono::milliseconds(config.read_timeout_ms),
                                      config.ca_file};
    co.idle_seconds = config.idle_seconds;
    co.still_there_seconds = config.still_there_seconds;
    co.staff_pin = config.staff_pin;
    co.default_language = config.language;
    co.version = FRONTDOOR_VERSION;
    Controller controller(state, co, wall, seconds, [] { glfwPostEmptyEvent(); });
    UiContext ui{*translations, state, fonts};
    ui.scale = std::min(fb_w, fb_h) / 1080.f;
    ui.keys = &window->keys();
    controller.start();

    // Main loop: draw only while something changes.
    int active_frames = 3;
    bool first_frame = true;
    while (!glfwWindowShouldClose(window->handle()) && !state.quit) {
        if (active_frames > 0) glfwPollEvents();
        else glfwWaitEventsTimeout(controller.animating() ? 1.0 / 30 : controller.seconds_until_wake());
        // Input: a few frames (ImGui settles hover and release); a result or the
        // clock: two; nothing: nothing drawn at all.
        if (window->take_activity()) active_frames = std::max(active_frames, 3);
        bool mail = controller.drain();
        bool clock = controller.tick();
        if (mail || clock || controller.animating()) active_frames = std::max(active_frames, 2);
        if (active_frames == 0) continue;
        --active_frames;

        window->begin_frame();
        ui.now = seconds();
        FrameOutput out = draw_frame(ui);
        const auto& bg = ui.theme.background;
        window->end_frame(bg.x, bg.y, bg.z);
        apply_frame(controller, out);
        if (!out.intents.empty()) active_frames = 3;
        if (first_frame) {
            first_frame = false;
            // The atlas lives in the GPU now: free the CPU copies (tens of MB at 1080p).
            ImFontAtlas* atlas = ImGui::GetIO().Fonts;
            std::printf("font atlas %dx%d\n", atlas->TexWidth, atlas->TexHeight);
            atlas->ClearTexData();
            std::printf("first frame after %.0f ms\n", seconds() * 1000);
            std::fflush(stdout);
            if (options.exit_after_first_frame) break;
        }
    }
    // Cleanup: the controller (and its worker) goes before the window.
    return 0;
}

} // namespace frontdoor::kiosk

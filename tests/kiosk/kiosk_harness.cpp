#include "tests/kiosk/kiosk_harness.hpp"

#include <cctype>
#include <cfloat>
#include <cstdarg>
#include <cstdio>
#include <stdexcept>

#include <imgui_internal.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/frame.hpp"

namespace frontdoor::testing {

namespace {

constexpr int kEnterKey = 257;     // GLFW's numbers, as the GLFW backend maps them
constexpr int kBackspaceKey = 259;

} // namespace

KioskHarness::KioskHarness(HarnessOptions options) : options_(std::move(options)) {
    IMGUI_CHECKVERSION();
    imgui_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(imgui_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(options_.width, options_.height);
    io.DeltaTime = 1.f / 60.f;
    io.KeyMap[ImGuiKey_Enter] = kEnterKey;
    io.KeyMap[ImGuiKey_Backspace] = kBackspaceKey;
    kiosk::Fonts fonts = kiosk::load_fonts(*io.Fonts, kiosk::body_px_for(options_.width, options_.height));
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // built before the first NewFrame

    auto t = kiosk::Translations::load_dir(std::string(FRONTDOOR_SOURCE_ASSETS) + "/i18n");
    if (!t) throw std::runtime_error(t.error().message);
    translations_ = std::make_unique<kiosk::Translations>(std::move(*t));
    ui_ = std::make_unique<kiosk::UiContext>(kiosk::UiContext{*translations_, state, fonts});
    ui_->scale = std::min(options_.width, options_.height) / 1080.f;
    ui_->keys = &keys_;

    kiosk::ControllerOptions co;
    co.api = shared::ApiClientOptions{options_.server_url, options_.token, options_.connect_timeout,
                                      options_.read_timeout, options_.ca_file};
    co.idle_seconds = options_.idle_seconds;
    co.staff_pin = "2468";
    co.version = "test";
    const shared::Clock& wall = options_.wall ? *options_.wall : wall_;
    controller_ = std::make_unique<kiosk::Controller>(state, co, wall, [this] { return now_; },
                                                      std::function<void()>{});
    controller_->start();
}

KioskHarness::~KioskHarness() {
    controller_.reset(); // joins the worker before the state goes
    ImGui::DestroyContext(imgui_);
}

void KioskHarness::log_error(void* self, const char* fmt, ...) {
    char buf[512];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    static_cast<KioskHarness*>(self)->errors_.emplace_back(buf);
}

void KioskHarness::frame() {
    ImGui::SetCurrentContext(imgui_);
    controller_->drain();
    controller_->tick();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(options_.width, options_.height);
    io.DeltaTime = 1.f / 60.f;
    ImGui::NewFrame();
    ui_->now = now_;
    kiosk::FrameOutput out = kiosk::draw_frame(*ui_);
    ImGui::ErrorCheckEndFrameRecover(&KioskHarness::log_error, this);
    ImGui::Render();
    kiosk::apply_frame(*controller_, out);
    now_ += 1.0 / 60.0;
}

bool KioskHarness::tap(const std::string& id) {
    const kiosk::HitBox* hit = ui_->find(id);
    if (!hit || !hit->enabled) return false;
    ++taps_;
    ImVec2 p((hit->min.x + hit->max.x) * 0.5f, (hit->min.y + hit->max.y) * 0.5f);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame(); // hover first, as a finger lands
    if (const kiosk::HitBox* again = ui_->find(id)) // a result may have moved it meanwhile
        io.MousePos = ImVec2((again->min.x + again->max.x) * 0.5f, (again->min.y + again->max.y) * 0.5f);
    else
        return false;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
    return true;
}

bool KioskHarness::tap_keys(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        std::string ch = text.substr(i, n);
        i += n;
        std::string id;
        if (ch == " ") id = "key.space";
        else if (ch == "-") id = "key.hyphen";
        else if (ch == "'") id = "key.apostrophe";
        else if (n == 1) id = "key." + std::string(1, static_cast<char>(std::toupper(c)));
        else id = "key." + ch; // give non-ASCII letters in capitals
        if (!tap(id)) return false;
    }
    return true;
}

void KioskHarness::type_physical(const std::string& ascii, bool enter) {
    for (char c : ascii) keys_.on_glfw_char(static_cast<unsigned char>(c));
    if (enter) {
        keys_.on_glfw_key(kiosk::KeyQueue::kEnter, kiosk::KeyQueue::kPress);
        keys_.on_glfw_key(kiosk::KeyQueue::kEnter, kiosk::KeyQueue::kRelease);
    }
    frame();
}

void KioskHarness::scan(const std::string& ascii, double ms_per_key) {
    const double frame_ms = 1000.0 / 60.0;
    double t = 0, next_frame = frame_ms;
    auto at = [&](double when) {
        while (when >= next_frame) { // the frames that pass before this key
            frame();
            next_frame += frame_ms;
        }
    };
    for (char c : ascii) {
        t += ms_per_key;
        at(t);
        keys_.on_glfw_char(static_cast<unsigned char>(c));
    }
    // Enter straight after: press and release before the next frame starts.
    keys_.on_glfw_key(kiosk::KeyQueue::kEnter, kiosk::KeyQueue::kPress);
    keys_.on_glfw_key(kiosk::KeyQueue::kEnter, kiosk::KeyQueue::kRelease);
    frame();
}

bool KioskHarness::wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        frame();
        if (done()) return true;
        controller_->mailbox().wait_for(std::chrono::milliseconds(10)); // wakes on a result
    }
    frame();
    return done();
}

bool KioskHarness::shows_notice(const std::string& key) const {
    std::string text = translations_->text(state.language, key);
    for (const auto& n : ui_->notices)
        if (n == text) return true;
    return false;
}

bool KioskHarness::shows_text(const std::string& text) const {
    for (const auto& t : ui_->texts)
        if (t.find(text) != std::string::npos) return true;
    return false;
}

bool KioskHarness::open_staff_corner() {
    for (int i = 0; i < 5; ++i)
        if (!tap("staff_corner")) return false;
    return tap_keys("2468") && tap("next") && state.screen == kiosk::Screen::staff;
}

std::string KioskHarness::ids() const {
    std::string out;
    for (const auto& h : ui_->hits) out += h.id + " ";
    return out;
}

} // namespace frontdoor::testing

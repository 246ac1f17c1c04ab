#pragma once
// KioskHarness: the real kiosk screens and controller, driven through ImGui with no
// window: io.DisplaySize set, the font atlas built, taps and keys fed, frames run.
// Results arrive through the controller's mailbox; wait_until() runs frames until a
// condition holds, blocking on the mailbox in between (never sleeping), up to a bound.
// The monotonic clock is the harness's own, so idle tests advance it by hand.

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "kiosk/core/controller.hpp"
#include "kiosk/core/i18n.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace frontdoor::testing {

struct HarnessOptions {
    std::string server_url;
    std::string token;
    float width = 1080;
    float height = 1920;
    double idle_seconds = 60;
    std::chrono::milliseconds connect_timeout{2000};
    std::chrono::milliseconds read_timeout{4000};
    std::string ca_file; // for an https:// server_url
    const shared::Clock* wall = nullptr; // the server's clock in journey tests; else the system's
};

class KioskHarness {
  public:
    explicit KioskHarness(HarnessOptions options);
    ~KioskHarness();
    KioskHarness(const KioskHarness&) = delete; // the UI and controller hold references into it
    KioskHarness& operator=(const KioskHarness&) = delete;

    kiosk::KioskState state;

    /// One frame: drain results, tick, draw, check Begin/End balance, apply intents.
    void frame();
    /// Taps the touch target drawn with `id` in the last frame; false if none.
    bool tap(const std::string& id);
    /// Taps on-screen keys, one per character ("key.A", "key.7", " " -> "key.space").
    bool tap_keys(const std::string& text);
    /// Types as a physical keyboard or barcode scanner does, then Enter if asked: every
    /// key (and Enter's press and release) through the GLFW callbacks' queue, one frame.
    void type_physical(const std::string& ascii, bool enter);
    /// A barcode scanner: one key every `ms_per_key` against 60 frames a second, Enter
    /// pressed and released straight after the last character, within one frame.
    void scan(const std::string& ascii, double ms_per_key);
    /// Every tap() so far (tests count a journey's taps).
    int taps() const { return taps_; }
    /// Runs frames until `done()` or `limit` passes; true when done.
    bool wait_until(const std::function<bool()>& done,
                    std::chrono::milliseconds limit = std::chrono::seconds(15));
    /// Moves the kiosk's monotonic clock on.
    void advance(double seconds) { now_ += seconds; }
    const std::vector<kiosk::HitBox>& hits() const { return ui_->hits; }
    /// True when the last frame drew a notice with the text of `key` in the kiosk's language.
    bool shows_notice(const std::string& key) const;
    /// True when a heading, line, notice or button label drawn in the last frame contains `text`.
    bool shows_text(const std::string& text) const;
    /// Opens the staff corner: five taps on the corner, then the PIN.
    bool open_staff_corner();
    bool has(const std::string& id) const { return ui_->find(id) != nullptr; }
    /// Ids of the last frame's touch targets (for failure messages).
    std::string ids() const;
    const std::vector<std::string>& imgui_errors() const { return errors_; }
    const kiosk::Translations& translations() const { return *translations_; }
    ImFont* body_font() const { return ui_->fonts.normal.body; }
    kiosk::Controller& controller() { return *controller_; }

  private:
    static void log_error(void* self, const char* fmt, ...);

    HarnessOptions options_;
    double now_ = 1000;
    ImGuiContext* imgui_ = nullptr;
    std::unique_ptr<kiosk::Translations> translations_;
    std::unique_ptr<kiosk::UiContext> ui_;
    shared::SystemClock wall_;
    std::unique_ptr<kiosk::Controller> controller_;
    std::vector<std::string> errors_;
    kiosk::KeyQueue keys_;
    int taps_ = 0;
};

} // namespace frontdoor::testing

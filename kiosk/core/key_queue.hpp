#pragma once
// KeyQueue: every key and character from a physical keyboard or barcode scanner, in
// the order they came, caught at GLFW's callbacks (the program) or fed the same way by
// tests. A scanner presses and releases Enter within one frame; ImGui 1.86 only sees
// the key state at the frame's start and loses such a press, so the frame reads this
// queue instead. Plain data, UI thread only (GLFW calls back on the thread that polls).

#include <vector>

namespace frontdoor::kiosk {

struct KeyEvent {
    enum class Kind { character, enter, backspace };
    Kind kind = Kind::character;
    unsigned int codepoint = 0; // for Kind::character
};

class KeyQueue {
  public:
    // GLFW's numbers (glfw3.h), so the core needs no GLFW header.
    static constexpr int kEnter = 257, kBackspace = 259, kKeypadEnter = 335;
    static constexpr int kRelease = 0, kPress = 1, kRepeat = 2;

    /// As glfwSetKeyCallback reports it: presses of Enter count (held Enter does not
    /// repeat a submit), presses and repeats of Backspace; everything else is ignored.
    void on_glfw_key(int key, int action);
    /// As glfwSetCharCallback reports it; control characters are ignored.
    void on_glfw_char(unsigned int codepoint);
    /// Everything since the last take(), oldest first.
    std::vector<KeyEvent> take();
    bool empty() const { return events_.empty(); }

  private:
    std::vector<KeyEvent> events_;
};

} // namespace frontdoor::kiosk

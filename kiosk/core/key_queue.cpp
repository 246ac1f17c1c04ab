#include "kiosk/core/key_queue.hpp"

namespace frontdoor::kiosk {

void KeyQueue::on_glfw_key(int key, int action) {
    if ((key == kEnter || key == kKeypadEnter) && action == kPress)
        events_.push_back(KeyEvent{KeyEvent::Kind::enter, 0});
    else if (key == kBackspace && (action == kPress || action == kRepeat))
        events_.push_back(KeyEvent{KeyEvent::Kind::backspace, 0});
}

void KeyQueue::on_glfw_char(unsigned int codepoint) {
    if (codepoint < 0x20 || codepoint == 0x7F || codepoint > 0x10FFFF) return;
    events_.push_back(KeyEvent{KeyEvent::Kind::character, codepoint});
}

std::vector<KeyEvent> KeyQueue::take() {
    std::vector<KeyEvent> out;
    out.swap(events_);
    return out;
}

} // namespace frontdoor::kiosk

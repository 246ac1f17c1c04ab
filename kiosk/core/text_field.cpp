#include "kiosk/core/text_field.hpp"

#include <cstring>

namespace frontdoor::kiosk {

namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::size_t code_point_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;
}

} // namespace

std::size_t TextField::chars() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < size_; ++i)
        if (!is_continuation(bytes_[i])) ++n;
    return n;
}

bool TextField::append(std::string_view utf8) {
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t len = code_point_length(static_cast<unsigned char>(utf8[i]));
        if (i + len > utf8.size()) return false;
        if (chars() >= max_chars_ || size_ + len + 1 > kCapacity) return false;
        if (static_cast<unsigned char>(utf8[i]) < 0x20) return false; // no control chars
        std::memcpy(bytes_.data() + size_, utf8.data() + i, len);
        size_ += len;
        bytes_[size_] = '\0';
        i += len;
    }
    return true;
}

void TextField::pop_back() {
    while (size_ > 0) {
        --size_;
        bool lead = !is_continuation(bytes_[size_]);
        bytes_[size_] = '\0';
        if (lead) break;
    }
}

void TextField::wipe() {
    volatile char* p = bytes_.data();
    for (std::size_t i = 0; i < kCapacity; ++i) p[i] = 0;
    size_ = 0;
}

bool TextField::all_zero() const {
    for (char c : bytes_)
        if (c != 0) return false;
    return size_ == 0;
}

} // namespace frontdoor::kiosk

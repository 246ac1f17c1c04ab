#pragma once
// TextField: what a person types into one field, held in a fixed buffer that never
// reallocates, so wiping it leaves no copy behind. wipe() zeroes every byte (not
// just the length) in a way the compiler may not optimise away.
// Thread-safety: plain value; the UI thread owns every field.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace frontdoor::kiosk {

class TextField {
  public:
    static constexpr std::size_t kCapacity = 128; // bytes, including the final NUL

    explicit TextField(std::size_t max_chars = 40) : max_chars_(max_chars) {}

    std::string_view view() const { return {bytes_.data(), size_}; }
    std::string str() const { return std::string(view()); }
    const char* c_str() const { return bytes_.data(); }
    bool empty() const { return size_ == 0; }
    std::size_t chars() const; // code points
    std::size_t max_chars() const { return max_chars_; }
    void set_max_chars(std::size_t n) { max_chars_ = n; }

    /// Appends UTF-8 text code point by code point while it fits; returns false when
    /// something did not fit.
    bool append(std::string_view utf8);
    /// Removes the last code point.
    void pop_back();
    /// Zeroes every byte of the buffer.
    void wipe();
    /// True when every byte of the buffer is zero (what tests assert after a reset).
    bool all_zero() const;

  private:
    std::array<char, kCapacity> bytes_{};
    std::size_t size_ = 0;
    std::size_t max_chars_;
};

} // namespace frontdoor::kiosk

#pragma once
// Validation of what people type: names, dates of birth, UK phone numbers, postcodes,
// NHS numbers and booking references. Each returns the normalised value or an Error
// naming the field. Thread-safety: pure functions.

#include <string>
#include <string_view>

#include "shared/result.hpp"
#include "shared/time.hpp"

namespace frontdoor::shared {

/// The alphabet of booking references (no 0/O, 1/I/L).
inline constexpr std::string_view kReferenceAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
inline constexpr size_t kReferenceLength = 8;

/// True when `text` is well-formed UTF-8 with no control characters.
bool is_clean_utf8(std::string_view text);
/// Number of code points in valid UTF-8.
size_t utf8_length(std::string_view text);

/// A name (of a person, room, service, hub, kiosk): trimmed, 1 to `max_chars` code
/// points, valid UTF-8, no control characters, no bidirectional controls (U+202A-U+202E,
/// U+2066-U+2069, U+200E, U+200F, U+061C), no zero-width space, word joiner or BOM, and
/// at least one visible character (not only spaces, joiners or soft hyphens).
/// Quotes, accents, any script and markup are kept verbatim.
Result<std::string> validate_name(std::string_view text, std::string_view field,
                                  size_t max_chars = 100);
/// Free text (an address, a reason): as a name, but may be empty.
Result<std::string> validate_text(std::string_view text, std::string_view field,
                                  size_t max_chars = 500);

/// A date of birth: a real date, not after `today`, not more than 120 years before it.
Result<Date> validate_date_of_birth(std::string_view text, std::string_view field,
                                    const Date& today);

/// A UK mobile number in any common spelling ("07700 900123", "+44 7700 900123") ->
/// "07700900123".
Result<std::string> validate_uk_mobile(std::string_view text, std::string_view field);
/// A UK postcode -> upper case with one space ("SW1A 1AA").
Result<std::string> validate_postcode(std::string_view text, std::string_view field);
/// A 10-digit NHS number with a valid modulus-11 check digit -> digits only.
Result<std::string> validate_nhs_number(std::string_view text, std::string_view field);
/// An email address in the plain shape local@domain.tld.
Result<std::string> validate_email(std::string_view text, std::string_view field);

/// A booking reference: 8 characters of kReferenceAlphabet, case-insensitive; returns
/// the upper-case form.
Result<std::string> normalise_reference(std::string_view text);

} // namespace frontdoor::shared

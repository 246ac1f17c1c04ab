// What people type, validated: booking references ("ABCD2345"), names, free text,
// dates of birth, UK mobiles, postcodes, NHS numbers, emails. What is accepted is
// clean UTF-8 and validates again to itself (normalising is idempotent).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "shared/validate.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor::shared;

namespace {

template <class F> void idempotent(std::string_view text, F validate) {
    auto once = validate(text);
    if (!once) return;
    FUZZ_CHECK(is_clean_utf8(*once) || once->empty());
    auto twice = validate(*once);
    FUZZ_CHECK(twice && *twice == *once);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const Date today{date::year{2027}, date::month{3}, date::day{28}};

    if (auto ref = normalise_reference(text)) {
        FUZZ_CHECK(ref->size() == kReferenceLength);
        for (char c : *ref) FUZZ_CHECK(kReferenceAlphabet.find(c) != std::string_view::npos);
    }
    if (is_clean_utf8(text)) FUZZ_CHECK(utf8_length(text) <= text.size());
    idempotent(text, [](std::string_view t) { return normalise_reference(t); });
    idempotent(text, [](std::string_view t) { return validate_name(t, "name"); });
    idempotent(text, [](std::string_view t) { return validate_text(t, "text"); });
    idempotent(text, [](std::string_view t) { return validate_uk_mobile(t, "phone"); });
    idempotent(text, [](std::string_view t) { return validate_postcode(t, "postcode"); });
    idempotent(text, [](std::string_view t) { return validate_nhs_number(t, "nhs_number"); });
    idempotent(text, [](std::string_view t) { return validate_email(t, "email"); });
    if (auto dob = validate_date_of_birth(text, "date_of_birth", today)) {
        FUZZ_CHECK(*dob <= today);
        FUZZ_CHECK(parse_date(format_date(*dob)) == *dob);
    }
    return 0;
}

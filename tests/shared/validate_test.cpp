#include <doctest/doctest.h>

#include "shared/validate.hpp"

using namespace frontdoor::shared;

TEST_SUITE("shared") {
TEST_CASE("names keep quotes, accents, scripts and markup verbatim") {
    for (std::string name : {"O'Brien", "Zoë", "Łukasz", "Олена", "আমিনা", "<b>Bold</b>",
                             "Robert'); DROP TABLE bookings;--"})
        CHECK(*validate_name(name, "first_name") == name);
}

TEST_CASE("names that are empty, too long or hold control characters are refused") {
    CHECK(validate_name("   ", "first_name").error().code == ErrorCode::invalid_field);
    CHECK(validate_name(std::string(101, 'a'), "first_name").error().field == "first_name");
    CHECK_FALSE(validate_name("a\nb", "x"));
    CHECK_FALSE(validate_name("bad\xff", "x"));
    CHECK_FALSE(validate_name("\xc0\xaf", "x")); // overlong
    CHECK(*validate_name("  Ann ", "x") == "Ann");
}

TEST_CASE("names made only of invisible characters are refused, naming the field") {
    for (std::string name : {"\u200B", "\u200C", "\u200D", "\u200B\u200C\u200D", "\u2060", "\uFEFF",
                             "\u00AD", "\u00AD\u00AD", " \u00AD ", "\u00A0", "\u3000", "\u2063"}) {
        INFO("name bytes: " << name.size());
        auto r = validate_name(name, "last_name");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::invalid_field);
        CHECK(r.error().field == "last_name");
    }
}

TEST_CASE("names holding bidirectional controls or stray invisible characters are refused") {
    for (std::string name : {"Ann\u202A", "\u202BAnn", "An\u202Cn", "Ann\u202D", "\u202Eeno", "A\u2066nn",
                             "A\u2067nn", "A\u2068nn", "Ann\u2069", "Ann\u200E", "\u200FAnn", "Ann\u061C",
                             "A\u200Bnn", "Ann\u2060", "\uFEFFAnn"}) {
        auto r = validate_name(name, "first_name");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::invalid_field);
        CHECK(r.error().field == "first_name");
    }
}

TEST_CASE("names with control characters anywhere are refused") {
    for (std::string name : {std::string("A\x01nn"), std::string("Ann\x7f"), std::string("A\tnn"),
                             std::string("\xc2\x85" "Ann"), std::string("Ann\r")})
        CHECK(validate_name(name, "name").error().field == "name");
}

TEST_CASE("ordinary names of every kind still pass") {
    for (std::string name : {"Zoë", "José-María", "D'Arcy", "Anne-Marie O'Neill", "Олена Коваленко",
                             "Ştefan Ţurcanu", "Nguyễn Thị", "Łukasz Wójcik", "আমিনা", "Ma\u00ADrie",
                             "\u0646\u0627\u0645\u200C\u062E\u0627\u0646\u0648\u0627\u062F\u06AF\u06CC",
                             "मी\u200Dरा", "Room 2", "Riverside Family Hub"})
        CHECK(*validate_name(name, "name") == name);
}

TEST_CASE("dates of birth") {
    auto today = *parse_date("2026-11-22");
    CHECK(validate_date_of_birth("1990-05-01", "dob", today));
    CHECK(validate_date_of_birth("2026-11-22", "dob", today));
    CHECK(validate_date_of_birth("2026-11-23", "dob", today).error().message ==
          "must not be in the future");
    CHECK_FALSE(validate_date_of_birth("1990-02-30", "dob", today));
    CHECK_FALSE(validate_date_of_birth("1850-01-01", "dob", today));
}

TEST_CASE("UK mobile numbers in their usual spellings") {
    CHECK(*validate_uk_mobile("07700 900123", "phone") == "07700900123");
    CHECK(*validate_uk_mobile("+44 7700 900123", "phone") == "07700900123");
    CHECK(*validate_uk_mobile("447700900123", "phone") == "07700900123");
    CHECK_FALSE(validate_uk_mobile("0207 946 0000", "phone"));
    CHECK_FALSE(validate_uk_mobile("+33 612345678", "phone"));
    CHECK_FALSE(validate_uk_mobile("0770090012x", "phone"));
}

TEST_CASE("postcodes, NHS numbers, emails") {
    CHECK(*validate_postcode("sw1a1aa", "postcode") == "SW1A 1AA");
    CHECK(*validate_postcode("M1 1AE", "postcode") == "M1 1AE");
    CHECK_FALSE(validate_postcode("12345", "postcode"));
    CHECK(*validate_nhs_number("943 476 5919", "nhs") == "9434765919");
    CHECK_FALSE(validate_nhs_number("9434765918", "nhs"));
    CHECK(validate_email("a.parent@example.org", "email"));
    CHECK_FALSE(validate_email("no-at-sign", "email"));
}

TEST_CASE("booking references") {
    CHECK(*normalise_reference("abcd-2345") == "ABCD2345");
    CHECK_FALSE(normalise_reference("ABCD0123")); // 0 and 1 are not in the alphabet
    CHECK_FALSE(normalise_reference("ABC"));
}
}

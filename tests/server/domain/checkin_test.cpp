#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "server/domain/checkin.hpp"

using namespace frontdoor::server::domain;
using frontdoor::shared::ErrorCode;

TEST_SUITE("domain") {
TEST_CASE("surname initials compare across case in Latin and Cyrillic") {
    CHECK(initial_matches("O'Brien", "o"));
    CHECK(initial_matches("Łukasiewicz", "ł"));
    CHECK(initial_matches("Élodie", "é"));
    CHECK(initial_matches("Шевченко", "ш"));
    CHECK(initial_matches("Żak", "ż"));
    CHECK(initial_matches("ăla", "Ă"));
    CHECK_FALSE(initial_matches("Smith", "J"));
    CHECK_FALSE(initial_matches("Smith", ""));
}

namespace {

/// A letter as typed (upper and lower case) and the Latin capitals it may be written as.
struct Spelling {
    const char* upper;
    const char* lower;
    const char* latin;
};

/// For every Latin capital X, "Xabc" matches the letter exactly when X is one of its
/// spellings; both cases of the letter alike.
void check_row(const Spelling& row) {
    for (char x = 'A'; x <= 'Z'; ++x) {
        std::string surname = std::string(1, x) + "abc";
        bool expected = std::string_view{row.latin}.find(x) != std::string_view::npos;
        CAPTURE(row.upper);
        CAPTURE(surname);
        CHECK(initial_matches(surname, row.upper) == expected);
        CHECK(initial_matches(surname, row.lower) == expected);
    }
}

} // namespace

TEST_CASE("a Cyrillic initial meets the Latin letters it is written as (UK documents, Ukrainian, ICAO 9303)") {
    const Spelling table[] = {
        {"А", "а", "A"},   {"Б", "б", "B"},  {"В", "в", "V"},   {"Г", "г", "HG"},  {"Ґ", "ґ", "G"},
        {"Д", "д", "D"},   {"Е", "е", "EY"}, {"Є", "є", "YIE"}, {"Ж", "ж", "Z"},   {"З", "з", "Z"},
        {"И", "и", "YI"},  {"І", "і", "I"},  {"Ї", "ї", "YI"},  {"Й", "й", "YI"},  {"К", "к", "K"},
        {"Л", "л", "L"},   {"М", "м", "M"},  {"Н", "н", "N"},   {"О", "о", "O"},   {"П", "п", "P"},
        {"Р", "р", "R"},   {"С", "с", "S"},  {"Т", "т", "T"},   {"У", "у", "U"},   {"Ф", "ф", "F"},
        {"Х", "х", "KH"},  {"Ц", "ц", "TC"}, {"Ч", "ч", "C"},   {"Ш", "ш", "S"},   {"Щ", "щ", "S"},
        {"Ю", "ю", "YIJ"}, {"Я", "я", "YIJ"}, {"Ё", "ё", "YE"}, {"Ы", "ы", "Y"},   {"Э", "э", "E"},
        {"Ь", "ь", ""},    {"Ъ", "ъ", ""},
    };
    for (const auto& row : table) check_row(row);
}

TEST_CASE("an accented Latin initial meets its base letter (Polish, Romanian, Portuguese and others)") {
    const Spelling table[] = {
        {"Ł", "ł", "L"}, {"Ś", "ś", "S"}, {"Ż", "ż", "Z"}, {"Ź", "ź", "Z"}, {"Ą", "ą", "A"}, {"Ć", "ć", "C"},
        {"Ę", "ę", "E"}, {"Ń", "ń", "N"}, {"Ó", "ó", "O"}, {"Ș", "ș", "S"}, {"Ş", "ş", "S"}, {"Ț", "ț", "T"},
        {"Ţ", "ţ", "T"}, {"Ă", "ă", "A"}, {"Â", "â", "A"}, {"Î", "î", "I"}, {"Ç", "ç", "C"}, {"Ã", "ã", "A"},
        {"Á", "á", "A"}, {"À", "à", "A"}, {"É", "é", "E"}, {"Ê", "ê", "E"}, {"Í", "í", "I"}, {"Ô", "ô", "O"},
        {"Õ", "õ", "O"}, {"Ú", "ú", "U"}, {"A", "a", "A"}, {"Z", "z", "Z"},
    };
    for (const auto& row : table) check_row(row);
}

TEST_CASE("initials across scripts, both ways, and what does not match") {
    // The families of the bug report: a Cyrillic, a Polish and a Romanian keyboard.
    CHECK(initial_matches("Abdi", "А"));        // Cyrillic А (U+0410), not Latin A
    CHECK(initial_matches("Hnatiuk", "Г"));
    CHECK(initial_matches("Lewandowska", "Ł"));
    CHECK(initial_matches("Stanescu", "Ș"));
    CHECK(initial_matches("Zielinski", "ż"));
    // A surname stored in Cyrillic, a Latin initial typed.
    CHECK(initial_matches("Шевченко", "S"));
    CHECK(initial_matches("Гнатюк", "h"));
    CHECK(initial_matches("Гнатюк", "G"));
    CHECK(initial_matches("Юрченко", "J"));
    CHECK(initial_matches("Łukasiewicz", "Л"));   // both folded: Ł -> L, Л -> L
    CHECK(initial_matches("  Okafor", "о"));      // leading spaces of a stored name
    // Not a match.
    CHECK_FALSE(initial_matches("Abdi", "Б"));
    CHECK_FALSE(initial_matches("Abdi", "В"));    // В is V, whatever it looks like
    CHECK_FALSE(initial_matches("Гнатюк", "A"));
    CHECK_FALSE(initial_matches("Abdi", "Ь"));
    CHECK_FALSE(initial_matches("Ьabc", "Ь"));
    CHECK_FALSE(initial_matches("Smith", "\xD0"));  // a broken UTF-8 byte is no letter
    // Other scripts keep matching the same letter in either case, and nothing else.
    CHECK(initial_matches("Αλεξίου", "α"));
    CHECK_FALSE(initial_matches("Abdi", "Α"));   // Greek Alpha
    CHECK(initial_matches("Ђорђевић", "ђ"));     // Serbian Ђ: outside the table, still itself
}

TEST_CASE("lateness: whole minutes past the start, beyond the allowance") {
    using namespace std::chrono_literals;
    frontdoor::shared::Instant start{std::chrono::seconds{1'800'000'000}};
    CHECK(minutes_late(start, start - 20min, 15) == std::nullopt);
    CHECK(minutes_late(start, start, 15) == std::nullopt);
    CHECK(minutes_late(start, start + 14min + 59s, 15) == std::nullopt);
    CHECK(minutes_late(start, start + 15min + 59s, 15) == std::nullopt); // 15 whole minutes: not more than 15
    CHECK(minutes_late(start, start + 16min, 15) == 16);
    CHECK(minutes_late(start, start + 8h + 26min, 15) == 506);
    CHECK(minutes_late(start, start + 30s, 0) == std::nullopt);
    CHECK(minutes_late(start, start + 1min, 0) == 1);
}

TEST_CASE("choosing what a check-in means") {
    CHECK(choose_checkin({}).error().code == ErrorCode::no_appointment_found);
    CHECK(choose_checkin({{1, 10}, {2, 11}}).error().code == ErrorCode::ambiguous_match);
    auto one_family = choose_checkin({{1, 10}, {2, 10}});
    REQUIRE(one_family);
    CHECK(one_family->size() == 2);
}
}

// Every text the kiosk shows exists in every language, and the fonts can draw it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <imgui_internal.h>

#include "kiosk/core/i18n.hpp"
#include "tests/kiosk/kiosk_harness.hpp"

using frontdoor::kiosk::Translations;

namespace {

Translations load() {
    auto t = Translations::load_dir(std::string(FRONTDOOR_SOURCE_ASSETS) + "/i18n");
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
    return std::move(*t);
}

/// Every string literal in kiosk/ that looks like a translation key ("welcome.title").
std::set<std::string> keys_used_in_sources() {
    namespace fs = std::filesystem;
    std::set<std::string> keys;
    std::regex literal(R"re("([a-z_]+(?:\.[a-z_]+)+)")re");
    fs::path root = fs::path(FRONTDOOR_SOURCE_ASSETS) / ".." / "kiosk";
    for (const auto& sub : {"core", "ui"})
        for (const auto& e : fs::recursive_directory_iterator(root / sub)) {
            if (e.path().extension() != ".cpp" && e.path().extension() != ".hpp") continue;
            std::ifstream in(e.path());
            std::stringstream ss;
            ss << in.rdbuf();
            std::string text = ss.str();
            for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
                std::string k = (*it)[1];
                if (k.rfind("key.", 0) == 0 || k.find("json") != std::string::npos) continue; // ids, files
                keys.insert(k);
            }
        }
    // Keys built at run time.
    for (int i = 1; i <= 7; ++i) keys.insert("weekday." + std::to_string(i)), keys.insert("weekday_short." + std::to_string(i));
    for (int i = 1; i <= 12; ++i) keys.insert("month." + std::to_string(i));
    return keys;
}

} // namespace

TEST_SUITE("kiosk.i18n") {
    TEST_CASE("the five languages are there, each named in itself") {
        auto t = load();
        std::map<std::string, std::string> names;
        for (const auto& l : t.languages()) names[l.code] = l.name;
        CHECK(names["en"] == "English");
        CHECK(names["pl"] == "Polski");
        CHECK(names["ro"] == "Română");
        CHECK(names["uk"] == "Українська");
        CHECK(names["pt"] == "Português");
        CHECK(t.languages().front().code == "en");
    }

    TEST_CASE("every text used by the screens has every translation") {
        auto t = load();
        auto used = keys_used_in_sources();
        CHECK(used.size() > 100);
        for (const auto& l : t.languages())
            for (const auto& key : used) CHECK_MESSAGE(t.has(l.code, key), l.code << " lacks " << key);
    }

    TEST_CASE("no language has a key English lacks, or lacks one English has") {
        auto t = load();
        auto en = t.keys("en");
        std::set<std::string> en_set(en.begin(), en.end());
        for (const auto& l : t.languages()) {
            for (const auto& key : en) CHECK_MESSAGE(t.has(l.code, key), l.code << " lacks " << key);
            for (const auto& key : t.keys(l.code)) CHECK_MESSAGE(en_set.count(key), l.code << " has stray " << key);
        }
    }

    TEST_CASE("the fonts draw every character of every translation") {
        frontdoor::testing::KioskHarness h({"http://127.0.0.1:9", "", 1080, 1920});
        ImFont* font = h.body_font();
        REQUIRE(font != nullptr);
        const auto& t = h.translations();
        for (const auto& l : t.languages())
            for (const auto& key : t.keys(l.code)) {
                const char* s = t.text(l.code, key);
                const char* end = s + std::strlen(s);
                while (s < end) {
                    unsigned int c = 0;
                    s += ImTextCharFromUtf8(&c, s, end);
                    CHECK_MESSAGE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                                  l.code << " " << key << " U+" << std::hex << c);
                }
            }
    }
}

#include "kiosk/ui/keyboard.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/ui/widgets.hpp"

namespace frontdoor::kiosk {

namespace {

/// Splits UTF-8 into code points.
std::vector<std::string> code_points(const char* s) {
    std::vector<std::string> out;
    for (const char* p = s; *p;) {
        unsigned char c = static_cast<unsigned char>(*p);
        int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        out.emplace_back(p, static_cast<std::size_t>(n));
        p += n;
    }
    return out;
}

struct Row {
    const char* upper;
    const char* lower;
};

struct Layout {
    std::vector<Row> rows;
    bool cyrillic = false;
};

Layout letters_for(const KioskState& s, bool with_digits) {
    bool uk = s.language == "uk";
    bool cyrillic = uk != s.other_alphabet;
    Layout l;
    l.cyrillic = cyrillic;
    if (with_digits) l.rows.push_back({"1234567890", "1234567890"});
    if (cyrillic && !with_digits) {
        l.rows.push_back({"ЙЦУКЕНГШЩЗХЇ", "йцукенгшщзхї"});
        l.rows.push_back({"ФІВАПРОЛДЖЄ", "фівапролджє"});
        l.rows.push_back({"ЯЧСМИТЬБЮҐ", "ячсмитьбюґ"});
        return l;
    }
    l.rows.push_back({"QWERTYUIOP", "qwertyuiop"});
    l.rows.push_back({"ASDFGHJKL", "asdfghjkl"});
    l.rows.push_back({"ZXCVBNM", "zxcvbnm"});
    if (!with_digits) {
        if (s.language == "pl") l.rows.push_back({"ĄĆĘŁŃÓŚŹŻ", "ąćęłńóśźż"});
        if (s.language == "ro") l.rows.push_back({"ĂÂÎȘȚ", "ăâîșț"});
        if (s.language == "pt") l.rows.push_back({"ÁÂÃÀÇÉÊÍÓÔÕÚ", "áâãàçéêíóôõú"});
    }
    return l;
}

int row_count(UiContext& ui, Keys keys) {
    if (keys == Keys::digits) return 4;
    auto l = letters_for(ui.state, keys == Keys::letters_and_digits);
    return static_cast<int>(l.rows.size()) + 1; // + the row of space, delete
}

bool capital_next(const TextField& field) {
    auto v = field.view();
    return v.empty() || v.back() == ' ' || v.back() == '-';
}

float key_height(UiContext& ui, int rows, float height) {
    float gap = ImGui::GetStyle().ItemSpacing.y;
    float fit = (height - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    return std::max(88.f * ui.scale, std::min(ui.touch_height() * 1.4f, fit));
}

} // namespace

float keyboard_height(UiContext& ui, Keys keys) {
    int rows = row_count(ui, keys);
    return static_cast<float>(rows) * ui.touch_height() * 1.4f +
           static_cast<float>(rows - 1) * ImGui::GetStyle().ItemSpacing.y;
}

Intent draw_keyboard(UiContext& ui, Keys keys, const TextField& field, float height) {
    Intent out;
    float w = ImGui::GetContentRegionAvail().x;
    float gap = ImGui::GetStyle().ItemSpacing.x;
    int rows = row_count(ui, keys);
    float h = key_height(ui, rows, height);
    std::string del = std::string("\xE2\x86\x90 ") + ui.t("keys.delete");

    if (keys == Keys::digits) {
        const char* pad[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"", "0", "del"}};
        float kw = std::min((w - 2 * gap) / 3, ImGui::GetFontSize() * 8);
        float indent = (w - (3 * kw + 2 * gap)) * 0.5f;
        for (auto& row : pad) {
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
            for (int i = 0; i < 3; ++i) {
                if (i) ImGui::SameLine();
                std::string k = row[i];
                if (k.empty()) {
                    ImGui::Dummy(ImVec2(kw, h));
                } else if (k == "del") {
                    if (big_button(ui, "key.delete", del.c_str(), ButtonKind::secondary, ImVec2(kw, h)))
                        out = make_intent(Action::backspace);
                } else if (big_button(ui, ("key." + k).c_str(), k.c_str(), ButtonKind::secondary,
                                      ImVec2(kw, h))) {
                    out = make_intent(Action::tap_key, k);
                }
            }
        }
        return out;
    }

    Layout l = letters_for(ui.state, keys == Keys::letters_and_digits);
    std::size_t widest = 0;
    for (auto& r : l.rows) widest = std::max(widest, code_points(r.upper).size());
    float kw = (w - gap * static_cast<float>(widest - 1)) / static_cast<float>(widest);
    bool capital = keys == Keys::letters_and_digits || capital_next(field);
    for (auto& r : l.rows) {
        auto up = code_points(r.upper);
        auto lo = code_points(r.lower);
        float row_w = kw * static_cast<float>(up.size()) + gap * static_cast<float>(up.size() - 1);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (w - row_w) * 0.5f);
        for (std::size_t i = 0; i < up.size(); ++i) {
            if (i) ImGui::SameLine();
            const std::string& shown = capital ? up[i] : lo[i];
            if (big_button(ui, ("key." + up[i]).c_str(), shown.c_str(), ButtonKind::secondary,
                           ImVec2(kw, h)))
                out = make_intent(Action::tap_key, shown);
        }
    }
    // Bottom row: other alphabet (Ukrainian only), space and hyphen (names), delete.
    bool names = keys == Keys::letters;
    float del_w = kw * 3 + gap * 2;
    float x0 = ImGui::GetCursorPosX();
    float used = del_w;
    if (names && ui.state.language == "uk") {
        if (big_button(ui, "key.alphabet", l.cyrillic ? "ABC" : "АБВ", ButtonKind::secondary,
                       ImVec2(kw * 2 + gap, h)))
            out = make_intent(Action::switch_alphabet);
        ImGui::SameLine();
        used += kw * 2 + gap * 2;
    }
    if (names) {
        if (big_button(ui, "key.hyphen", "-", ButtonKind::secondary, ImVec2(kw, h)))
            out = make_intent(Action::tap_key, "-");
        ImGui::SameLine();
        if (big_button(ui, "key.apostrophe", "'", ButtonKind::secondary, ImVec2(kw, h)))
            out = make_intent(Action::tap_key, "'");
        ImGui::SameLine();
        used += 2 * (kw + gap);
        float space_w = std::max(kw, w - used - gap);
        if (big_button(ui, "key.space", ui.t("keys.space"), ButtonKind::secondary, ImVec2(space_w, h)))
            out = make_intent(Action::tap_key, " ");
        ImGui::SameLine();
    } else {
        ImGui::SetCursorPosX(x0 + w - del_w);
    }
    if (big_button(ui, "key.delete", del.c_str(), ButtonKind::secondary, ImVec2(del_w, h)))
        out = make_intent(Action::backspace);
    return out;
}

} // namespace frontdoor::kiosk

#pragma once
// The typing steps: which fields each shows, which keyboard it needs, its title.
// Plain functions over the enums in state.hpp.

#include <vector>

#include "kiosk/core/state.hpp"

namespace frontdoor::kiosk {

enum class Keys { letters, letters_and_digits, digits };

std::vector<Field> step_fields(Step step);
Keys step_keys(Step step);
/// The translation key of the step's question ("entry.client_name.title").
const char* step_title_key(Step step);
/// The translation key of a field's label.
const char* field_label_key(Field field);
/// Day / month / year fields are digits in a row.
bool is_date_step(Step step);
bool is_digit_field(Field field);

} // namespace frontdoor::kiosk

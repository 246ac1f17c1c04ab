#include "kiosk/core/state.hpp"

namespace frontdoor::kiosk {

Buffers::Buffers() {
    (*this)[Field::scan].set_max_chars(40);
    (*this)[Field::reference].set_max_chars(8);
    for (Field f : {Field::dob_day, Field::dob_month, Field::client_day, Field::client_month,
                    Field::child_day, Field::child_month})
        (*this)[f].set_max_chars(2);
    for (Field f : {Field::dob_year, Field::client_year, Field::child_year})
        (*this)[f].set_max_chars(4);
    (*this)[Field::initial].set_max_chars(1);
    (*this)[Field::first_name].set_max_chars(40);
    (*this)[Field::last_name].set_max_chars(40);
    (*this)[Field::child_first_name].set_max_chars(40);
    (*this)[Field::phone].set_max_chars(13);
    (*this)[Field::staff_pin].set_max_chars(8);
}

void Buffers::wipe_all() {
    for (auto& f : fields) f.wipe();
}

bool Buffers::all_zero() const {
    for (const auto& f : fields)
        if (!f.all_zero()) return false;
    return true;
}

bool Buffers::any_typed() const {
    for (const auto& f : fields)
        if (!f.empty()) return true;
    return false;
}

} // namespace frontdoor::kiosk

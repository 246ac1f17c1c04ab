#include "kiosk/core/steps.hpp"

namespace frontdoor::kiosk {

std::vector<Field> step_fields(Step step) {
    switch (step) {
    case Step::checkin_reference: return {Field::reference};
    case Step::checkin_dob: return {Field::dob_day, Field::dob_month, Field::dob_year};
    case Step::checkin_initial: return {Field::initial};
    case Step::client_name: return {Field::first_name, Field::last_name};
    case Step::client_dob: return {Field::client_day, Field::client_month, Field::client_year};
    case Step::child_name: return {Field::child_first_name};
    case Step::child_dob: return {Field::child_day, Field::child_month, Field::child_year};
    case Step::phone: return {Field::phone};
    case Step::staff_pin: return {Field::staff_pin};
    }
    return {};
}

Keys step_keys(Step step) {
    switch (step) {
    case Step::checkin_reference: return Keys::letters_and_digits;
    case Step::checkin_initial:
    case Step::client_name:
    case Step::child_name: return Keys::letters;
    default: return Keys::digits;
    }
}

const char* step_title_key(Step step) {
    switch (step) {
    case Step::checkin_reference: return "entry.reference.title";
    case Step::checkin_dob: return "entry.checkin_dob.title";
    case Step::checkin_initial: return "entry.initial.title";
    case Step::client_name: return "entry.client_name.title";
    case Step::client_dob: return "entry.client_dob.title";
    case Step::child_name: return "entry.child_name.title";
    case Step::child_dob: return "entry.child_dob.title";
    case Step::phone: return "entry.phone.title";
    case Step::staff_pin: return "staff.pin.title";
    }
    return "";
}

const char* field_label_key(Field field) {
    switch (field) {
    case Field::reference: return "field.reference";
    case Field::dob_day:
    case Field::client_day:
    case Field::child_day: return "field.day";
    case Field::dob_month:
    case Field::client_month:
    case Field::child_month: return "field.month";
    case Field::dob_year:
    case Field::client_year:
    case Field::child_year: return "field.year";
    case Field::initial: return "field.initial";
    case Field::first_name: return "field.first_name";
    case Field::last_name: return "field.last_name";
    case Field::child_first_name: return "field.child_first_name";
    case Field::phone: return "field.phone";
    case Field::staff_pin: return "field.pin";
    default: return "field.reference";
    }
}

bool is_date_step(Step step) {
    return step == Step::checkin_dob || step == Step::client_dob || step == Step::child_dob;
}

bool is_digit_field(Field f) {
    switch (f) {
    case Field::dob_day: case Field::dob_month: case Field::dob_year:
    case Field::client_day: case Field::client_month: case Field::client_year:
    case Field::child_day: case Field::child_month: case Field::child_year:
    case Field::phone: case Field::staff_pin: return true;
    default: return false;
    }
}

} // namespace frontdoor::kiosk

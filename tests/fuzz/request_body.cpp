// A request body as the server's routes read it: parse_json_object, then FieldReader
// and request_parsing (read_person, read_child) over the shapes of POST /bookings,
// /waitlist and /checkins (docs/api/openapi.yaml). Whatever is accepted must be clean text that JSON
// can carry back out (an answer, the audit log).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/http/request_parsing.hpp"
#include "shared/validate.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor;

namespace {

void check_text(const std::string& s) {
    FUZZ_CHECK(shared::is_clean_utf8(s));
    (void)shared::json(s).dump(); // throws (and so aborts) on invalid UTF-8
}

void check_person(const server::PersonInput& p) {
    check_text(p.first_name);
    check_text(p.last_name);
    FUZZ_CHECK(shared::parse_date(p.date_of_birth).has_value());
    if (p.phone) check_text(*p.phone);
    if (p.email) check_text(*p.email);
    if (p.interpreter) check_text(*p.interpreter);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    auto j = shared::parse_json_object(body);
    if (!j) return 0;
    const shared::Date today{date::year{2027}, date::month{3}, date::day{28}};

    {   // POST /bookings
        shared::FieldReader r(*j);
        (void)r.integer("hub_id");
        (void)r.integer("service_id");
        if (auto start = r.optional_string("start", 64)) (void)shared::parse_instant(*start);
        (void)r.optional_integer("session_id");
        (void)r.optional_integer("staff_id");
        auto person = server::http::read_person(r, "client", today);
        auto child = server::http::read_child(r, "child", today);
        if (r.ok()) {
            check_person(person);
            if (child) {
                check_text(child->first_name);
                FUZZ_CHECK(shared::parse_date(child->date_of_birth).has_value());
            }
        } else {
            FUZZ_CHECK(!r.error()->field.empty());
        }
    }
    {   // POST /waitlist
        shared::FieldReader r(*j);
        for (const char* key : {"from", "to"})
            if (auto v = r.optional_string(key, 32)) (void)shared::parse_date(*v);
        (void)r.integer_or("position", 0, 0, 1'000'000);
        (void)r.boolean_or("needs_child", false);
        (void)r.string_or("kind", "appointment");
        if (auto nested = r.optional_object("client")) (void)nested->optional_string("first_name");
    }
    {   // POST /checkins
        shared::FieldReader r(*j);
        if (auto ref = r.optional_string("reference", 40)) {
            auto n = shared::normalise_reference(*ref);
            if (n) FUZZ_CHECK(n->size() == shared::kReferenceLength);
        } else {
            auto dob = r.string("date_of_birth", 32);
            auto initial = r.string("surname_initial", 8);
            if (r.ok()) (void)shared::validate_date_of_birth(dob, "date_of_birth", today);
            (void)shared::utf8_length(initial);
        }
    }
    return 0;
}

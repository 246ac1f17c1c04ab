#include "server/http/request_parsing.hpp"

#include "server/domain/language.hpp"
#include "shared/validate.hpp"

namespace frontdoor::server::http {

std::string asked_language(const httplib::Request& req) {
    auto header = req.get_header_value("Accept-Language");
    auto first = header.substr(0, header.find_first_of(",;"));
    auto tag = first.substr(0, first.find('-'));
    while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    for (auto& ch : tag) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return domain::is_kiosk_language(tag) ? tag : std::string{domain::kEnglish};
}

shared::Date today_utc(const shared::Clock& clock) {
    // A day's grace: a baby born today in a zone east of UTC is not "in the future".
    return shared::add_days(shared::Date{date::floor<date::days>(clock.now())}, 1);
}

PersonInput read_person(shared::FieldReader& r, const char* key, const shared::Date& today) {
    auto o = r.object(key);
    PersonInput p;
    p.first_name = o.take(shared::validate_name(o.string("first_name"), o.field_name("first_name")));
    p.last_name = o.take(shared::validate_name(o.string("last_name"), o.field_name("last_name")));
    auto dob = o.string("date_of_birth", 32);
    if (o.ok()) {
        auto d = shared::validate_date_of_birth(dob, o.field_name("date_of_birth"), today);
        if (d) p.date_of_birth = shared::format_date(*d);
        else o.fail(d.error());
    }
    if (auto phone = o.optional_string("phone", 40); phone && !phone->empty())
        p.phone = o.take(shared::validate_uk_mobile(*phone, o.field_name("phone")));
    if (auto email = o.optional_string("email", 300); email && !email->empty())
        p.email = o.take(shared::validate_email(*email, o.field_name("email")));
    if (auto lang = o.optional_string("interpreter", 200); lang && !lang->empty())
        p.interpreter = o.take(shared::validate_name(*lang, o.field_name("interpreter"), 60));
    return p;
}

std::optional<ChildInput> read_child(shared::FieldReader& r, const char* key, const shared::Date& today) {
    auto o = r.optional_object(key);
    if (!o) return std::nullopt;
    ChildInput c;
    c.first_name = o->take(shared::validate_name(o->string("first_name"), o->field_name("first_name")));
    auto dob = o->string("date_of_birth", 32);
    if (o->ok()) {
        auto d = shared::validate_date_of_birth(dob, o->field_name("date_of_birth"), today);
        if (d) c.date_of_birth = shared::format_date(*d);
        else o->fail(d.error());
    }
    return c;
}

} // namespace frontdoor::server::http

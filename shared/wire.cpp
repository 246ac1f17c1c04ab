#include "shared/wire.hpp"

namespace frontdoor::shared::wire {
namespace {

template <class T> void put_optional(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}

/// Reads an array field of objects with `parse_one`, stopping at the first error.
template <class T, class F>
Result<std::vector<T>> parse_array(const json& j, const char* key, F parse_one) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_array())
        return make_error(ErrorCode::invalid_field, "is missing or not a list", key);
    std::vector<T> out;
    for (const auto& item : j[key]) {
        FieldReader r(item);
        T value = parse_one(r);
        if (auto& e = r.error()) return *e;
        out.push_back(std::move(value));
    }
    return out;
}

} // namespace

json error_body(const Error& e) {
    json inner = {{"code", error_code_name(e.code)}, {"message", e.message}};
    if (!e.field.empty()) inner["field"] = e.field;
    return json{{"error", inner}};
}

Error parse_error_body(std::string_view body) {
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_object() && j.contains("error") && j["error"].is_object()) {
        FieldReader r(j["error"]);
        auto code = r.string("code", 64);
        auto message = r.string_or("message", "", 2000);
        auto field = r.string_or("field", "", 200);
        if (r.ok()) return Error{error_code_from_name(code), message, field};
    }
    return make_error(ErrorCode::internal, std::string{body.substr(0, 200)});
}

void to_json(json& j, const Ref& r) {
    j = json{{"id", r.id}, {"name", r.name}};
    put_optional(j, "name_lang", r.name_lang);
}

void to_json(json& j, const ClientDetails& c) {
    j = json{{"first_name", c.first_name},
             {"last_name", c.last_name},
             {"date_of_birth", c.date_of_birth}};
    put_optional(j, "phone", c.phone);
    put_optional(j, "email", c.email);
}

void to_json(json& j, const ChildDetails& c) {
    j = json{{"first_name", c.first_name}, {"date_of_birth", c.date_of_birth}};
}

void to_json(json& j, const Hub& h) {
    j = json{{"id", h.id}, {"name", h.name}, {"timezone", h.timezone}, {"name_lang", h.name_lang}};
}

void to_json(json& j, const KioskMe& k) { j = json{{"id", k.id}, {"name", k.name}, {"hub", k.hub}}; }

Result<KioskMe> parse_kiosk_me(const json& j) {
    FieldReader r(j);
    KioskMe k;
    k.id = r.integer("id");
    k.name = r.string("name");
    auto hub = r.object("hub");
    k.hub.id = hub.integer("id");
    k.hub.name = hub.string("name");
    k.hub.timezone = hub.string("timezone");
    k.hub.name_lang = hub.string_or("name_lang", "en");
    if (auto& e = r.error()) return *e;
    return k;
}

void to_json(json& j, const ServiceSummary& s) {
    j = json{{"id", s.id},
             {"name", s.name},
             {"kind", s.kind},
             {"duration_minutes", s.duration_minutes},
             {"needs_child", s.needs_child},
             {"discreet", s.discreet},
             {"description", s.description},
             {"name_lang", s.name_lang}};
}

Result<std::vector<ServiceSummary>> parse_services(const json& j) {
    return parse_array<ServiceSummary>(j, "services", [](FieldReader& r) {
        ServiceSummary s;
        s.id = r.integer("id");
        s.name = r.string("name");
        s.kind = r.string("kind");
        s.duration_minutes = static_cast<int>(r.integer("duration_minutes", 1, 24 * 60));
        s.needs_child = r.boolean_or("needs_child", false);
        s.discreet = r.boolean_or("discreet", false);
        s.description = r.string_or("description", "");
        s.name_lang = r.string_or("name_lang", "en");
        return s;
    });
}

void to_json(json& j, const Slot& s) {
    j = json{{"start", s.start},
             {"end", s.end},
             {"room_id", s.room_id},
             {"places_left", s.places_left}};
    put_optional(j, "staff_id", s.staff_id);
    put_optional(j, "session_id", s.session_id);
}

Result<std::vector<Slot>> parse_slots(const json& j) {
    return parse_array<Slot>(j, "slots", [](FieldReader& r) {
        Slot s;
        s.start = r.string("start");
        s.end = r.string("end");
        s.room_id = r.integer("room_id");
        s.staff_id = r.optional_integer("staff_id");
        s.session_id = r.optional_integer("session_id");
        s.places_left = static_cast<int>(r.integer("places_left", 0, 1'000'000));
        return s;
    });
}

void to_json(json& j, const BookingRequest& b) {
    j = json{{"hub_id", b.hub_id}, {"service_id", b.service_id}, {"client", b.client}};
    put_optional(j, "start", b.start);
    put_optional(j, "session_id", b.session_id);
    if (b.child) j["child"] = *b.child;
}

void to_json(json& j, const BookingConfirmation& b) {
    j = json{{"id", b.id},       {"reference", b.reference}, {"status", b.status},
             {"start", b.start}, {"end", b.end},             {"room", b.room},
             {"service", b.service}};
    if (b.staff) j["staff"] = *b.staff;
}

Result<BookingConfirmation> parse_booking_confirmation(const json& j) {
    FieldReader r(j);
    BookingConfirmation b;
    b.id = r.integer("id");
    b.reference = r.string("reference");
    b.status = r.string("status");
    b.start = r.string("start");
    b.end = r.string("end");
    auto room = r.object("room");
    b.room = {room.integer("id"), room.string("name"), room.optional_string("name_lang")};
    if (auto staff = r.optional_object("staff"))
        b.staff = Ref{staff->integer("id"), staff->string("name")};
    auto service = r.object("service");
    b.service = {service.integer("id"), service.string_or("name", ""), service.optional_string("name_lang")};
    if (auto& e = r.error()) return *e;
    return b;
}

void to_json(json& j, const WaitlistRequest& w) {
    j = json{{"hub_id", w.hub_id}, {"service_id", w.service_id}, {"client", w.client}};
    put_optional(j, "session_id", w.session_id);
    put_optional(j, "from", w.from);
    put_optional(j, "to", w.to);
    if (w.child) j["child"] = *w.child;
}

void to_json(json& j, const WaitlistEntry& w) {
    j = json{{"id", w.id}, {"position", w.position}, {"status", w.status}};
    put_optional(j, "offer_expires_at", w.offer_expires_at);
    put_optional(j, "offered_start", w.offered_start);
    put_optional(j, "reference", w.reference);
    put_optional(j, "code", w.code);
}

Result<WaitlistEntry> parse_waitlist_entry(const json& j) {
    FieldReader r(j);
    WaitlistEntry w;
    w.id = r.integer("id");
    w.position = static_cast<int>(r.integer_or("position", 0, 0, 1'000'000));
    w.status = r.string("status");
    w.offer_expires_at = r.optional_string("offer_expires_at");
    w.offered_start = r.optional_string("offered_start");
    w.reference = r.optional_string("reference");
    w.code = r.optional_string("code", 128);
    if (auto& e = r.error()) return *e;
    return w;
}

void to_json(json& j, const CheckinRequest& c) {
    j = json{{"hub_id", c.hub_id}};
    put_optional(j, "reference", c.reference);
    put_optional(j, "date_of_birth", c.date_of_birth);
    put_optional(j, "surname_initial", c.surname_initial);
}

void to_json(json& j, const CheckedIn& c) {
    j = json{{"booking_id", c.booking_id},
             {"start", c.start},
             {"service_name", c.service_name},
             {"room_name", c.room_name},
             {"discreet", c.discreet},
             {"service_name_lang", c.service_name_lang},
             {"room_name_lang", c.room_name_lang},
             {"late", c.late},
             {"minutes_late", c.minutes_late}};
    put_optional(j, "practitioner_first_name", c.practitioner_first_name);
}

Result<std::vector<CheckedIn>> parse_checkin_result(const json& j) {
    return parse_array<CheckedIn>(j, "checked_in", [](FieldReader& r) {
        CheckedIn c;
        c.booking_id = r.integer("booking_id");
        c.start = r.string("start");
        c.service_name = r.string_or("service_name", "");
        c.room_name = r.string("room_name");
        c.practitioner_first_name = r.optional_string("practitioner_first_name");
        c.discreet = r.boolean_or("discreet", false);
        c.service_name_lang = r.string_or("service_name_lang", "en");
        c.room_name_lang = r.string_or("room_name_lang", "en");
        c.late = r.boolean_or("late", false);
        c.minutes_late = static_cast<int>(r.integer_or("minutes_late", 0, 0, 1000000));
        return c;
    });
}

} // namespace frontdoor::shared::wire

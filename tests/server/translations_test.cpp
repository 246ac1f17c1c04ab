// Names per language: set-up gives hubs, rooms and services names (and services a
// description) in the kiosk's languages; answers to families use the asked language's
// (`Accept-Language: pl`) with name_lang saying which, English otherwise.
#include <doctest/doctest.h>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Clinic {
    Id hub = 0, room = 0, midwife = 0, antenatal = 0;
};

/// Wednesday 2027-01-13, 08:00 (the test clock): a midwife every day 09:00-17:00, an
/// antenatal service with an English description and Polish and Ukrainian names.
Clinic clinic(TestServer& server, Fixture& f) {
    Clinic c;
    c.hub = f.hub("Riverside Family Hub");
    c.room = f.room(c.hub, "Room 1");
    c.midwife = f.staff(c.hub, "Amina Khan", "midwife");
    f.every_day(c.midwife, c.hub, {{"09:00", "17:00"}});
    auto made = server.post("/api/v1/services",
                            json{{"name", "Antenatal check"}, {"kind", "appointment"}, {"duration_minutes", 30},
                                 {"staff_role", "midwife"}, {"description", "For anyone pregnant"}},
                            server.admin_token());
    REQUIRE_REPLY(made, 201);
    CHECK(made.body["description"] == "For anyone pregnant");
    c.antenatal = made.body["id"].get<Id>();
    auto put = server.http().put("/api/v1/services/" + std::to_string(c.antenatal) + "/translations",
                                 json{{"translations",
                                       {{"pl", {{"name", "Wizyta przedporodowa"}, {"description", "Dla kobiet w ciąży"}}},
                                        {"uk", {{"name", "Огляд вагітних"}}}}}},
                                 server.admin_token());
    REQUIRE_REPLY(put, 200);
    return c;
}

httplib::Headers in(const std::string& lang) { return {{"Accept-Language", lang}}; }

json service_in(const Reply& r, Id id) {
    for (const auto& s : r.body["services"])
        if (s["id"] == id) return s;
    return json{};
}

} // namespace

TEST_SUITE("server: names per language") {

TEST_CASE("a translation set is stored whole, replaced whole, and read back") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    auto path = "/api/v1/services/" + std::to_string(c.antenatal) + "/translations";

    auto stored = server.get(path, server.admin_token());
    REQUIRE_REPLY(stored, 200);
    CHECK(stored.body == json{{"translations",
                               {{"pl", {{"name", "Wizyta przedporodowa"}, {"description", "Dla kobiet w ciąży"}}},
                                {"uk", {{"name", "Огляд вагітних"}, {"description", ""}}}}}});

    auto replaced = server.http().put(path, json{{"translations", {{"ro", {{"name", "Control prenatal"}}}}}},
                                      server.admin_token());
    REQUIRE_REPLY(replaced, 200);
    CHECK(replaced.body == json{{"translations", {{"ro", {{"name", "Control prenatal"}, {"description", ""}}}}}});
    CHECK(server.get(path, server.admin_token()).body == replaced.body);

    // Rooms and hubs have names only.
    auto room = server.http().put("/api/v1/rooms/" + std::to_string(c.room) + "/translations",
                                  json{{"translations", {{"pl", {{"name", "Gabinet 1"}, {"description", "ignored"}}}}}},
                                  server.admin_token());
    REQUIRE_REPLY(room, 200);
    CHECK(room.body == json{{"translations", {{"pl", {{"name", "Gabinet 1"}}}}}});
    auto hub = server.http().put("/api/v1/hubs/" + std::to_string(c.hub) + "/translations",
                                 json{{"translations", json::object()}}, server.admin_token());
    REQUIRE_REPLY(hub, 200);
    CHECK(hub.body == json{{"translations", json::object()}});
}

TEST_CASE("a family reads service names in the language asked, else English") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    auto kiosk = server.kiosk_token(c.hub);
    auto path = "/api/v1/hubs/" + std::to_string(c.hub) + "/services";

    auto pl = server.http().get(path, kiosk, in("pl"));
    REQUIRE_REPLY(pl, 200);
    CHECK(service_in(pl, c.antenatal)["name"] == "Wizyta przedporodowa");
    CHECK(service_in(pl, c.antenatal)["description"] == "Dla kobiet w ciąży");
    CHECK(service_in(pl, c.antenatal)["name_lang"] == "pl");

    // A browser's "pl-PL,pl;q=0.9" asks for Polish too: its first entry's primary tag.
    CHECK(service_in(server.http().get(path, kiosk, in("pl-PL,pl;q=0.9")), c.antenatal)["name_lang"] == "pl");

    // Ukrainian has a name but no description: the English one stands in.
    auto uk = server.http().get(path, kiosk, in("uk"));
    CHECK(service_in(uk, c.antenatal)["name"] == "Огляд вагітних");
    CHECK(service_in(uk, c.antenatal)["description"] == "For anyone pregnant");
    CHECK(service_in(uk, c.antenatal)["name_lang"] == "uk");

    // Romanian has none; nor has a language the kiosk does not speak; nor no header.
    for (const auto& headers : {in("ro"), in("de"), in("de-DE,pl;q=0.5"), httplib::Headers{}}) {
        auto r = server.http().get(path, kiosk, headers);
        REQUIRE_REPLY(r, 200);
        CHECK(service_in(r, c.antenatal)["name"] == "Antenatal check");
        CHECK(service_in(r, c.antenatal)["description"] == "For anyone pregnant");
        CHECK(service_in(r, c.antenatal)["name_lang"] == "en");
    }
}

TEST_CASE("the kiosk's hub, a booking's room and service, and a check-in come in the asked language") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    auto kiosk = server.kiosk_token(c.hub);
    auto admin = server.admin_token();
    REQUIRE_REPLY(server.http().put("/api/v1/hubs/" + std::to_string(c.hub) + "/translations",
                                    json{{"translations", {{"pl", {{"name", "Rodzinne Centrum Riverside"}}}}}}, admin),
                  200);
    REQUIRE_REPLY(server.http().put("/api/v1/rooms/" + std::to_string(c.room) + "/translations",
                                    json{{"translations", {{"pl", {{"name", "Gabinet 1"}}}, {"uk", {{"name", "Кабінет 1"}}}}}},
                                    admin),
                  200);

    // kiosks/me is cached: each language has its own answer.
    for (int round = 0; round < 2; ++round) {
        auto pl = server.http().get("/api/v1/kiosks/me", kiosk, in("pl"));
        REQUIRE_REPLY(pl, 200);
        CHECK(pl.body["hub"]["name"] == "Rodzinne Centrum Riverside");
        CHECK(pl.body["hub"]["name_lang"] == "pl");
        auto en = server.http().get("/api/v1/kiosks/me", kiosk);
        REQUIRE_REPLY(en, 200);
        CHECK(en.body["hub"]["name"] == "Riverside Family Hub");
        CHECK(en.body["hub"]["name_lang"] == "en");
    }

    auto body = Fixture::appointment_booking(c.hub, c.antenatal, "2027-01-13T10:00:00Z", family("Anna", "Nowak", "1990-05-01"));
    auto booked = server.post("/api/v1/bookings", body, kiosk, {{"Idempotency-Key", Fixture::new_key()}, {"Accept-Language", "pl"}});
    REQUIRE_REPLY(booked, 201);
    CHECK(booked.body["service"] == json{{"id", c.antenatal}, {"name", "Wizyta przedporodowa"}, {"name_lang", "pl"}});
    CHECK(booked.body["room"] == json{{"id", c.room}, {"name", "Gabinet 1"}, {"name_lang", "pl"}});
    CHECK(booked.body["staff"] == json{{"id", c.midwife}, {"name", "Amina Khan"}}); // people's names stay as they are

    auto checked = server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", booked.body["reference"]}}, kiosk,
                               in("uk"));
    REQUIRE_REPLY(checked, 200);
    auto one = checked.body["checked_in"][0];
    CHECK(one["service_name"] == "Огляд вагітних");
    CHECK(one["service_name_lang"] == "uk");
    CHECK(one["room_name"] == "Кабінет 1");
    CHECK(one["room_name_lang"] == "uk");

    auto english = server.post("/api/v1/checkins", json{{"hub_id", c.hub}, {"reference", booked.body["reference"]}}, kiosk,
                               in("ro"));
    REQUIRE_REPLY(english, 200);
    CHECK(english.body["checked_in"][0]["service_name"] == "Antenatal check");
    CHECK(english.body["checked_in"][0]["service_name_lang"] == "en");
    CHECK(english.body["checked_in"][0]["room_name"] == "Room 1");
    CHECK(english.body["checked_in"][0]["room_name_lang"] == "en");
}

TEST_CASE("translations are set-up's: reception may read them, not change them") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    f.staff(c.hub, "Rita Patel", "receptionist", "reception", "rita", "reception pass");
    f.staff(c.hub, "Mo Ahmed", "hub_manager", "manager", "mo", "manager pass");
    auto reception = server.login("rita", "reception pass");
    auto manager = server.login("mo", "manager pass");
    auto path = "/api/v1/services/" + std::to_string(c.antenatal) + "/translations";
    json set{{"translations", {{"pt", {{"name", "Consulta pré-natal"}}}}}};

    REQUIRE_ERROR(server.http().put(path, set, reception), 403, "forbidden");
    REQUIRE_ERROR(server.http().put(path, set, server.kiosk_token(c.hub)), 403, "forbidden");
    REQUIRE_REPLY(server.get(path, reception), 200);
    auto by_manager = server.http().put(path, set, manager);
    REQUIRE_REPLY(by_manager, 200);
    CHECK(by_manager.body["translations"]["pt"]["name"] == "Consulta pré-natal");
    // A manager of another hub may not name this hub's rooms.
    auto elsewhere = f.hub("Northgate Family Hub");
    f.staff(elsewhere, "Nia Jones", "hub_manager", "manager", "nia", "manager pass");
    REQUIRE_ERROR(server.http().put("/api/v1/rooms/" + std::to_string(c.room) + "/translations", set,
                                    server.login("nia", "manager pass")),
                  403, "forbidden");
}

TEST_CASE("a bad translation is refused naming the field; an unknown id is 404") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(server, f);
    auto path = "/api/v1/services/" + std::to_string(c.antenatal) + "/translations";
    auto put = [&](const json& body) { return server.http().put(path, body, server.admin_token()); };
    struct Bad {
        json body;
        const char* code;
        const char* field;
    };
    const Bad cases[] = {
        {json::object(), "missing_field", "translations"},
        {json{{"translations", json::array()}}, "invalid_field", "translations"},
        {json{{"translations", {{"de", {{"name", "Schwangerenvorsorge"}}}}}}, "invalid_field", "translations.de"},
        {json{{"translations", {{"PL", {{"name", "Wizyta"}}}}}}, "invalid_field", "translations.PL"},
        {json{{"translations", {{"pl", "Wizyta"}}}}, "invalid_field", "translations.pl"},
        {json{{"translations", {{"pl", json::object()}}}}, "missing_field", "translations.pl.name"},
        {json{{"translations", {{"pl", {{"name", ""}}}}}}, "invalid_field", "translations.pl.name"},
        {json{{"translations", {{"pl", {{"name", std::string(121, 'a')}}}}}}, "invalid_field", "translations.pl.name"},
        {json{{"translations", {{"pl", {{"name", "Wizyta\u202Eabc"}}}}}}, "invalid_field", "translations.pl.name"},
        {json{{"translations", {{"pl", {{"name", "Wizyta"}, {"description", std::string(201, 'a')}}}}}}, "invalid_field",
         "translations.pl.description"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.body.dump());
        auto r = put(bad.body);
        REQUIRE_ERROR(r, 400, bad.code);
        CHECK(r.error_field() == bad.field);
    }
    // 120 characters (not bytes) is the limit: 120 Cyrillic letters are 240 bytes.
    std::string longest;
    for (int i = 0; i < 120; ++i) longest += "я";
    REQUIRE_REPLY(put(json{{"translations", {{"uk", {{"name", longest}}}}}}), 200);
    // Nothing of a refused set was kept.
    CHECK(server.get(path, server.admin_token()).body["translations"].size() == 1);

    REQUIRE_ERROR(server.http().put("/api/v1/services/999999/translations",
                                    json{{"translations", {{"pl", {{"name", "Wizyta"}}}}}}, server.admin_token()),
                  404, "not_found");
    REQUIRE_ERROR(server.get("/api/v1/rooms/999999/translations", server.admin_token()), 404, "not_found");
    REQUIRE_ERROR(server.get("/api/v1/hubs/999999/translations", server.admin_token()), 404, "not_found");
}

}

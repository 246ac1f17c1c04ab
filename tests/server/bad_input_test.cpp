// Bad input gets the documented status and code and changes nothing; names in any
// script, with quotes and markup, are stored and returned verbatim (point 7).
#include <doctest/doctest.h>

#include <map>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

// Everything a request could change, but sessions' token expiry and the audit log.
const std::vector<std::string> kTables = {"hubs",     "rooms",   "staff",    "working_hours",   "absences",
                                          "services", "sessions", "clients", "children",        "bookings",
                                          "booking_history", "waitlist", "idempotency_keys", "kiosks"};

struct Scene {
    Id hub = 0, room = 0, midwife = 0, appointment = 0, group = 0, session = 0;
};

/// Each table's rows, to compare before and after.
std::map<std::string, std::string> snapshot(DbProbe& db) {
    std::map<std::string, std::string> out;
    for (const auto& t : kTables) out[t] = db.fingerprint({t});
    return out;
}

void check_unchanged(DbProbe& db, const std::map<std::string, std::string>& before) {
    for (const auto& [table, rows] : snapshot(db)) {
        INFO("table " << table);
        CHECK(rows == before.at(table));
    }
}

Scene scene(Fixture& f) {
    Scene s;
    s.hub = f.hub();
    s.room = f.room(s.hub, "Room 1", 12);
    s.midwife = f.staff(s.hub, "Amina Khan", "midwife");
    f.every_day(s.midwife, s.hub, {{"09:00", "17:00"}});
    s.appointment = f.appointment_service("Antenatal check", 30, "midwife");
    s.group = f.group_service("Baby massage", 60, 12);
    s.session = f.session(s.group, s.hub, s.room, "2027-01-13T14:00:00Z");
    return s;
}

json good_booking(const Scene& s) {
    return Fixture::appointment_booking(s.hub, s.appointment, "2027-01-13T10:00:00Z", family("Ada", "Okoro", "1990-03-04"));
}

std::string nested(int depth) {
    return "{\"hub_id\": " + std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']') +
           "}";
}

} // namespace

TEST_SUITE("server: bad input") {

TEST_CASE("bad bookings get the documented status and code, and the database is unchanged") {
    TestServer server;
    Fixture f(server);
    auto s = scene(f);
    auto token = server.admin_token();
    DbProbe db(server.db_path());
    auto before = snapshot(db);
    auto raw = [&](const std::string& body) {
        return server.http().post_raw("/api/v1/bookings", body, "application/json", token,
                                      {{"Idempotency-Key", Fixture::new_key()}});
    };
    auto with = [&](const std::string& pointer, const json& value) {
        auto b = good_booking(s);
        b[json::json_pointer(pointer)] = value;
        return raw(b.dump());
    };
    auto without = [&](const std::string& pointer) {
        auto b = good_booking(s);
        auto p = json::json_pointer(pointer);
        b[p.parent_pointer()].erase(p.back());
        return raw(b.dump());
    };

    SUBCASE("broken JSON") {
        REQUIRE_ERROR(raw("{"), 400, "invalid_json");
        REQUIRE_ERROR(raw("{\"hub_id\": 1,}"), 400, "invalid_json");
        REQUIRE_ERROR(raw(""), 400, "invalid_json");
        REQUIRE_ERROR(raw("not json at all"), 400, "invalid_json");
        REQUIRE_ERROR(raw("{\"client\": \"\xff\xfe\"}"), 400, "invalid_json"); // not UTF-8
    }
    SUBCASE("not an object") {
        REQUIRE_ERROR(raw("[1, 2, 3]"), 400, "invalid_json");
        REQUIRE_ERROR(raw("null"), 400, "invalid_json");
        REQUIRE_ERROR(raw("\"a string\""), 400, "invalid_json");
    }
    SUBCASE("wrong types") {
        auto r = with("/hub_id", "1");
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "hub_id");
        REQUIRE_ERROR(with("/hub_id", 1.5), 400, "invalid_field");
        REQUIRE_ERROR(with("/hub_id", -3), 400, "invalid_field");
        REQUIRE_ERROR(with("/hub_id", json::parse("1e300")), 400, "invalid_field");
        REQUIRE_ERROR(with("/service_id", true), 400, "invalid_field");
        REQUIRE_ERROR(with("/client", "Ada Okoro"), 400, "invalid_field");
        r = with("/client/first_name", 42);
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "client.first_name");
        REQUIRE_ERROR(with("/client/last_name", json::array({"Okoro"})), 400, "invalid_field");
    }
    SUBCASE("missing fields") {
        auto r = without("/client");
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "client");
        r = without("/hub_id");
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "hub_id");
        r = without("/client/date_of_birth");
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "client.date_of_birth");
    }
    SUBCASE("impossible dates and times") {
        auto r = with("/client/date_of_birth", "1990-02-30");
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "client.date_of_birth");
        REQUIRE_ERROR(with("/client/date_of_birth", "1990-13-01"), 400, "invalid_field");
        REQUIRE_ERROR(with("/client/date_of_birth", "04/03/1990"), 400, "invalid_field");
        REQUIRE_ERROR(with("/client/date_of_birth", "1890-01-01"), 400, "invalid_field");
        r = with("/start", "2027-01-32T10:00:00Z");
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "start");
        REQUIRE_ERROR(with("/start", "2027-01-13T25:00:00Z"), 400, "invalid_field");
        REQUIRE_ERROR(with("/start", "2027-01-13 10:00"), 400, "invalid_field");
    }
    SUBCASE("a date of birth in the future") {
        // The server allows one day's grace for zones east of UTC; two days is the future.
        auto r = with("/client/date_of_birth", "2027-01-15");
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "client.date_of_birth");
        auto child = good_booking(s);
        child["child"] = json{{"first_name", "Kit"}, {"date_of_birth", "2030-01-01"}};
        r = raw(child.dump());
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "child.date_of_birth");
    }
    SUBCASE("huge, empty and control-character strings") {
        auto r = with("/client/first_name", std::string(5000, 'a'));
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "client.first_name");
        REQUIRE_ERROR(with("/client/last_name", std::string(101, 'b')), 400, "invalid_field");
        REQUIRE_ERROR(with("/client/first_name", ""), 400, "invalid_field");
        REQUIRE_ERROR(with("/client/first_name", "Ada\u0007"), 400, "invalid_field");
        REQUIRE_ERROR(with("/client/last_name", std::string("Ok\0oro", 6)), 400, "invalid_field");
    }
    SUBCASE("a 100 KB body") {
        auto r = with("/client/first_name", std::string(100 * 1024, 'x'));
        REQUIRE_ERROR(r, 413, "too_large");
        auto garbage = server.http().post_raw("/api/v1/hubs", std::string(100 * 1024, '{'), "application/json", token);
        REQUIRE_ERROR(garbage, 413, "too_large");
    }
    SUBCASE("deep nesting") {
        REQUIRE_ERROR(raw(nested(64)), 400, "invalid_json");
        REQUIRE_ERROR(raw(nested(20000)), 400, "invalid_json"); // 40 KB of brackets: no stack blow-up
    }
    SUBCASE("ids that do not exist") {
        // Without a key: with one, the refusal is kept for a retry, as the contract says.
        auto b = good_booking(s);
        b["service_id"] = 999999;
        REQUIRE_ERROR(server.post("/api/v1/bookings", b, token), 404, "not_found");
    }

    check_unchanged(db, before);
    // And the server still works.
    REQUIRE_REPLY(server.post("/api/v1/bookings", good_booking(s), token, {{"Idempotency-Key", "fine"}}), 201);
}

TEST_CASE("bad set-up, availability and check-in requests change nothing") {
    TestServer server;
    Fixture f(server);
    auto s = scene(f);
    auto token = server.admin_token();
    auto kiosk = server.kiosk_token(s.hub);
    DbProbe db(server.db_path());
    auto before = snapshot(db);
    auto hub = std::to_string(s.hub);
    auto staff = std::to_string(s.midwife);

    SUBCASE("hubs and rooms") {
        auto r = server.post("/api/v1/hubs", json{{"name", "Mars hub"}, {"timezone", "Mars/Olympus_Mons"}}, token);
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "timezone");
        REQUIRE_ERROR(server.post("/api/v1/hubs", json{{"timezone", "Europe/London"}}, token), 400, "missing_field");
        r = server.post("/api/v1/hubs/" + hub + "/rooms", json{{"name", "Broom cupboard"}, {"capacity", 0}}, token);
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "capacity");
    }
    SUBCASE("working hours and leave") {
        auto hours = [&](const json& range) {
            return server.put("/api/v1/staff/" + staff + "/working-hours", json::array({range}), token);
        };
        REQUIRE_ERROR(hours(json{{"hub_id", s.hub}, {"weekday", 8}, {"start", "09:00"}, {"end", "12:00"}}), 400,
                      "invalid_field");
        REQUIRE_ERROR(hours(json{{"hub_id", s.hub}, {"weekday", 1}, {"start", "25:00"}, {"end", "26:00"}}), 400,
                      "invalid_field");
        REQUIRE_ERROR(hours(json{{"hub_id", s.hub}, {"weekday", 1}, {"start", "12:00"}, {"end", "09:00"}}), 400,
                      "invalid_field");
        auto not_a_list = server.put("/api/v1/staff/" + staff + "/working-hours", json{{"weekday", 1}}, token);
        REQUIRE_REPLY(not_a_list, 400);
        CHECK((not_a_list.error_code() == "invalid_json" || not_a_list.error_code() == "invalid_field"));
        auto r = server.post("/api/v1/staff/" + staff + "/absences", json{{"from", "2027-02-10"}, {"to", "2027-02-01"}},
                             token);
        REQUIRE_ERROR(r, 400, "invalid_field");
        REQUIRE_ERROR(server.post("/api/v1/staff/" + staff + "/absences", json{{"from", "2027-02-30"}, {"to", "2027-03-01"}},
                                  token),
                      400, "invalid_field");
    }
    SUBCASE("services and sessions") {
        REQUIRE_ERROR(server.post("/api/v1/services", json{{"name", "Yoga"}, {"kind", "yoga"}, {"duration_minutes", 30}},
                                  token),
                      400, "invalid_field");
        auto r = server.post("/api/v1/services",
                             json{{"name", "Scan"}, {"kind", "appointment"}, {"duration_minutes", 30}}, token);
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "staff_role");
        r = server.post("/api/v1/services", json{{"name", "Group"}, {"kind", "group"}, {"duration_minutes", 30}}, token);
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "capacity");
        REQUIRE_ERROR(server.post("/api/v1/services",
                                  json{{"name", "Long"}, {"kind", "group"}, {"duration_minutes", -30}, {"capacity", 3}},
                                  token),
                      400, "invalid_field");
        REQUIRE_ERROR(server.post("/api/v1/sessions",
                                  json{{"service_id", s.group}, {"hub_id", s.hub}, {"room_id", s.room},
                                       {"start", "2027-02-29T10:00:00Z"}},
                                  token),
                      400, "invalid_field");
    }
    SUBCASE("availability queries") {
        auto q = [&](const std::string& query) { return server.get("/api/v1/availability?" + query, kiosk); };
        auto base = "hub_id=" + hub + "&service_id=" + std::to_string(s.appointment);
        auto r = q(base + "&from=2027-02-30&to=2027-03-01");
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "from");
        REQUIRE_ERROR(q(base + "&from=2027-01-20&to=2027-01-13"), 400, "invalid_field");
        r = q("service_id=" + std::to_string(s.appointment) + "&from=2027-01-13&to=2027-01-14");
        REQUIRE_ERROR(r, 400, "missing_field");
        CHECK(r.error_field() == "hub_id");
        REQUIRE_ERROR(q("hub_id=abc&service_id=1&from=2027-01-13&to=2027-01-14"), 400, "invalid_field");
    }
    SUBCASE("check-ins") {
        REQUIRE_ERROR(server.post("/api/v1/checkins", json{{"hub_id", s.hub}}, kiosk), 400, "missing_field");
        REQUIRE_ERROR(server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"reference", std::string(5000, 'A')}}, kiosk),
                      400, "invalid_field");
        REQUIRE_ERROR(server.http().post_raw("/api/v1/checkins", "{\"hub_id\":", "application/json", kiosk), 400,
                      "invalid_json");
        REQUIRE_ERROR(server.post("/api/v1/checkins",
                                  json{{"hub_id", s.hub}, {"date_of_birth", "1990-02-30"}, {"surname_initial", "A"}}, kiosk),
                      400, "invalid_field");
        // A date of birth in the future is bad input, as it is when booking.
        auto r = server.post("/api/v1/checkins",
                             json{{"hub_id", s.hub}, {"date_of_birth", "2099-01-01"}, {"surname_initial", "A"}}, kiosk);
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "date_of_birth");
    }
    SUBCASE("sign-in") {
        auto r = server.post("/api/v1/auth/login", json{{"username", 5}, {"password", "x"}});
        REQUIRE_ERROR(r, 400, "invalid_field");
        CHECK(r.error_field() == "username");
        REQUIRE_ERROR(server.http().post_raw("/api/v1/auth/login", "{{{{", "application/json"), 400, "invalid_json");
    }

    check_unchanged(db, before);
}

TEST_CASE("invisible and text-reordering names are refused everywhere a name is taken, and nothing is stored") {
    TestServer server;
    Fixture f(server);
    auto s = scene(f);
    auto token = server.admin_token();
    DbProbe db(server.db_path());
    const std::vector<std::string> tables{"hubs", "rooms", "staff", "services", "kiosks", "clients", "children", "bookings"};
    auto before = db.fingerprint(tables);
    for (std::string bad : {"\u200B\u200B", "\u00AD", "\uFEFF", "Ann\u202Eeno", "\u2066Ann\u2069", "Ann\u200F"}) {
        CAPTURE(bad.size());
        auto refused = [&](const Reply& r, const std::string& field) {
            INFO("reply: " << r.describe());
            CHECK(r.status == 400);
            CHECK(r.error_code() == "invalid_field");
            CHECK(r.error_field() == field);
        };
        refused(server.post("/api/v1/hubs", json{{"name", bad}}, token), "name");
        refused(server.post("/api/v1/hubs/" + std::to_string(s.hub) + "/rooms", json{{"name", bad}}, token), "name");
        refused(server.post("/api/v1/staff", json{{"name", bad}, {"role", "midwife"}, {"hub_id", s.hub}}, token), "name");
        refused(server.post("/api/v1/services",
                            json{{"name", bad}, {"kind", "group"}, {"duration_minutes", 30}, {"capacity", 3}}, token),
                "name");
        refused(server.post("/api/v1/kiosks", json{{"hub_id", s.hub}, {"name", bad}}, token), "name");
        auto booking = good_booking(s);
        booking["client"]["first_name"] = bad;
        refused(f.try_book(booking), "client.first_name");
        booking = good_booking(s);
        booking["client"]["last_name"] = bad;
        refused(f.try_book(booking), "client.last_name");
        booking = good_booking(s);
        booking["child"] = json{{"first_name", bad}, {"date_of_birth", "2026-06-01"}};
        refused(f.try_book(booking), "child.first_name");
    }
    CHECK(db.fingerprint(tables) == before);
}

TEST_CASE("names with quotes, accents, other scripts and markup are stored and returned verbatim") {
    TestServer server;
    Fixture f(server);
    auto s = scene(f);
    auto token = server.admin_token();

    const std::string hub_name = "St Mary's \"Sure Start\" <b>Centre</b> & Café";
    auto hub = f.hub(hub_name);
    auto hubs = server.get("/api/v1/hubs", token);
    REQUIRE_REPLY(hubs, 200);
    bool listed = false;
    const json& list = hubs.body.is_array() ? hubs.body : hubs.body["hubs"];
    for (const auto& h : list)
        if (h["id"] == hub) {
            listed = true;
            CHECK(h["name"] == hub_name);
        }
    CHECK(listed);

    struct Name {
        std::string first, last, child;
    };
    const std::vector<Name> names = {
        {"Siobhán \"Shiv\"", "O'Brien-Ñúñez", "Zoë"},
        {"Алексей", "Иванова", "Мария"},
        {"অর্পিতা", "চৌধুরী", "রাহুল"},
        {"<script>alert('x')</script>", "&amp; Łukasiewicz", "<img src=x onerror=1>"},
        {"محمد", "العلي", "יוסף"},
    };
    std::vector<json> booked;
    for (const auto& n : names) {
        auto body = Fixture::group_booking(s.hub, s.group, s.session, family(n.first, n.last, "1989-09-09"));
        body["child"] = json{{"first_name", n.child}, {"date_of_birth", "2025-05-05"}};
        booked.push_back(f.book(body));
    }

    DbProbe db(server.db_path());
    for (size_t i = 0; i < names.size(); ++i) {
        auto id = std::to_string(booked[i]["id"].get<Id>());
        auto row = db.rows("SELECT c.first_name, c.last_name, ch.first_name FROM bookings b JOIN clients c ON "
                           "c.id = b.client_id LEFT JOIN children ch ON ch.id = b.child_id WHERE b.id = " + id);
        REQUIRE(row.size() == 1);
        CHECK(row[0][0] == names[i].first);
        CHECK(row[0][1] == names[i].last);
        CHECK(row[0][2] == names[i].child);
    }

    auto day = server.get("/api/v1/hubs/" + std::to_string(s.hub) + "/day?date=2027-01-13", token);
    REQUIRE_REPLY(day, 200);
    CHECK(day.header("Content-Type").rfind("application/json", 0) == 0);
    for (size_t i = 0; i < names.size(); ++i) {
        bool found = false;
        for (const auto& a : day.body["appointments"]) {
            if (a["booking_id"] != booked[i]["id"]) continue;
            found = true;
            auto client_name = a["client_name"].get<std::string>();
            CHECK(client_name.find(names[i].first) != std::string::npos);
            CHECK(client_name.find(names[i].last) != std::string::npos);
            CHECK(a.value("child_name", std::string{}).find(names[i].child) != std::string::npos);
        }
        CHECK(found);
    }

    // A surname in another script checks in by its own initial.
    auto kiosk = server.kiosk_token(s.hub);
    auto r = server.post("/api/v1/checkins", json{{"hub_id", s.hub}, {"date_of_birth", "1989-09-09"}, {"surname_initial", "И"}},
                         kiosk);
    REQUIRE_REPLY(r, 200);
    CHECK(r.body["checked_in"].size() == 1);
    CHECK(r.body["checked_in"][0]["booking_id"] == booked[1]["id"]);
}

} // TEST_SUITE

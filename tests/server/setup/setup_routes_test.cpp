// The set-up routes over a real server on 127.0.0.1: roles, the contract's shapes and
// error fields, kiosk identity, group series over HTTP, and the diary as text/calendar.
#include <algorithm>
#include <doctest/doctest.h>

#include "server/services/demo_data.hpp"
#include "shared/wire.hpp"
#include "tests/server/setup/setup_harness.hpp"

using namespace frontdoor;
using frontdoor::setup_test::json;
using frontdoor::setup_test::Reply;
using frontdoor::setup_test::ServerHarness;

namespace {

#define REQUIRE_STATUS(reply, expected)                                                                          \
    do {                                                                                                         \
        const auto& r_ = (reply);                                                                                \
        REQUIRE_MESSAGE(r_.status == (expected), "status " << r_.status << ": " << r_.text);                    \
    } while (false)

#define CHECK_ERROR(reply, status_, code_, field_)                                                               \
    do {                                                                                                         \
        const auto& r_ = (reply);                                                                                \
        CHECK_MESSAGE(r_.status == (status_), r_.text);                                                          \
        CHECK(r_.code() == (code_));                                                                             \
        CHECK(r_.field() == (field_));                                                                           \
    } while (false)

struct Hub {
    std::string id;
    server::Id hub = 0;
    server::Id room = 0;
    server::Id staff = 0;
};

Hub make_hub(ServerHarness& t) {
    Hub h;
    auto hub = t.post("/api/v1/hubs", json{{"name", "Northside Hub"}}, t.admin());
    REQUIRE_STATUS(hub, 201);
    h.hub = hub.body["id"];
    h.id = std::to_string(h.hub);
    auto room = t.post("/api/v1/hubs/" + h.id + "/rooms", json{{"name", "Hall"}, {"capacity", 20}}, t.admin());
    REQUIRE_STATUS(room, 201);
    h.room = room.body["id"];
    auto staff = t.post("/api/v1/staff",
                        json{{"name", "Ada Lovelace"}, {"role", "midwife"}, {"hub_id", h.hub}, {"username", "ada"},
                             {"password", "ada-password-1"}},
                        t.admin());
    REQUIRE_STATUS(staff, 201);
    h.staff = staff.body["id"];
    return h;
}

} // namespace

TEST_SUITE("server.setup") {
TEST_CASE("201 answers carry the id and the stored fields, with the contract's defaults") {
    ServerHarness t;
    auto hub = t.post("/api/v1/hubs", json{{"name", "Riverside"}, {"address", "1 Mill Lane"}}, t.admin());
    REQUIRE_STATUS(hub, 201);
    CHECK(hub.body == json{{"id", 1}, {"name", "Riverside"}, {"timezone", "Europe/London"}, {"address", "1 Mill Lane"}});
    auto room = t.post("/api/v1/hubs/1/rooms", json{{"name", "Room 1 — Blue Room"}}, t.admin());
    REQUIRE_STATUS(room, 201);
    CHECK(room.body == json{{"id", 1}, {"hub_id", 1}, {"name", "Room 1 — Blue Room"}, {"capacity", 1}, {"active", true}});
    auto staff = t.post("/api/v1/staff",
                        json{{"name", "Grace"}, {"role", "midwife"}, {"hub_id", 1}, {"username", "grace"},
                             {"password", "grace-password-1"}},
                        t.admin());
    REQUIRE_STATUS(staff, 201);
    CHECK(staff.body["access"] == "practitioner");
    CHECK(staff.body["username"] == "grace");
    CHECK_FALSE(staff.body.contains("password"));
    CHECK(staff.text.find("argon2") == std::string::npos);
    auto service = t.post("/api/v1/services",
                          json{{"name", "Health visitor check"}, {"kind", "appointment"}, {"duration_minutes", 30},
                               {"staff_role", "health_visitor"}, {"needs_child", true}},
                          t.admin());
    REQUIRE_STATUS(service, 201);
    CHECK(service.body["self_bookable"] == true);
    CHECK(service.body["needs_child"] == true);
    CHECK(service.body["discreet"] == false);

    auto lists = t.get("/api/v1/hubs", t.admin());
    REQUIRE_STATUS(lists, 200);
    CHECK(lists.body["hubs"].size() == 1);
    CHECK(t.get("/api/v1/hubs/1/rooms", t.admin()).body["rooms"].size() == 1);
    CHECK(t.get("/api/v1/staff?hub_id=1", t.admin()).body["staff"].size() == 1);
    CHECK(t.get("/api/v1/services", t.admin()).body["services"].size() == 1);
    auto one = t.get("/api/v1/staff/" + std::to_string(staff.body["id"].get<int>()), t.admin());
    REQUIRE_STATUS(one, 200);
    CHECK(one.body["working_hours"] == json::array());

    CHECK_ERROR(t.post("/api/v1/staff", json{{"name", "Other"}, {"role", "midwife"}, {"hub_id", 1}, {"username", "grace"},
                                             {"password", "another-password"}},
                       t.admin()),
                409, "conflict", "username");
    CHECK_ERROR(t.get("/api/v1/staff/999", t.admin()), 404, "not_found", "");
    CHECK_ERROR(t.get("/api/v1/hubs/999/rooms", t.admin()), 404, "not_found", "");
    CHECK_ERROR(t.post("/api/v1/hubs/999/rooms", json{{"name", "X"}}, t.admin()), 404, "not_found", "");
}

TEST_CASE("bad fields answer 400 naming the field") {
    ServerHarness t;
    auto h = make_hub(t);
    auto staff = std::to_string(h.staff);
    auto& admin = t.admin();

    CHECK_ERROR(t.post("/api/v1/hubs", json{{"name", "Olympus"}, {"timezone", "Mars/Olympus_Mons"}}, admin), 400,
                "invalid_field", "timezone");
    CHECK_ERROR(t.post("/api/v1/hubs", json{{"timezone", "Europe/London"}}, admin), 400, "missing_field", "name");
    CHECK_ERROR(t.post_raw("/api/v1/hubs", "[1,2]", admin), 400, "invalid_json", "");
    CHECK_ERROR(t.post("/api/v1/hubs/" + h.id + "/rooms", json{{"name", "Cupboard"}, {"capacity", 0}}, admin), 400,
                "invalid_field", "capacity");
    CHECK_ERROR(t.post("/api/v1/staff", json{{"name", "No hub"}, {"role", "midwife"}}, admin), 400, "missing_field",
                "hub_id");
    CHECK_ERROR(t.post("/api/v1/staff", json{{"name", "Nobody"}, {"role", "midwife"}, {"hub_id", h.hub}, {"access", "god"}},
                       admin),
                400, "invalid_field", "access");

    SUBCASE("working hours") {
        auto put = [&](const json& body) { return t.put("/api/v1/staff/" + staff + "/working-hours", body, admin); };
        auto range = [&](int weekday, const char* start, const char* end) {
            return json{{"hub_id", h.hub}, {"weekday", weekday}, {"start", start}, {"end", end}};
        };
        auto ok = put(json::array({range(1, "09:00", "12:30"), range(1, "13:30", "17:00"), range(2, "09:00", "13:00")}));
        REQUIRE_STATUS(ok, 200);
        CHECK(ok.body["working_hours"].size() == 3);
        CHECK(ok.body["working_hours"][1] == range(1, "13:30", "17:00"));
        auto got = t.get("/api/v1/staff/" + staff + "/working-hours", admin);
        CHECK(got.body["working_hours"] == ok.body["working_hours"]);

        CHECK_ERROR(put(json::array({range(1, "09:00", "12:30"), range(2, "09:00", "12:00"), range(1, "12:00", "17:00")})),
                    400, "invalid_field", "[2].start");
        CHECK_ERROR(put(json::array({range(1, "09:00", "12:30"), range(1, "14:00", "13:00")})), 400, "invalid_field",
                    "[1].end");
        CHECK_ERROR(put(json::array({range(8, "09:00", "12:30")})), 400, "invalid_field", "[0].weekday");
        CHECK_ERROR(put(json::array({range(1, "9am", "12:30")})), 400, "invalid_field", "[0].start");
        CHECK_ERROR(put(json::array({json{{"hub_id", h.hub}, {"weekday", 1}, {"start", "09:00"}}})), 400, "missing_field",
                    "[0].end");
        CHECK_ERROR(put(json::array({range(1, "09:00", "10:00"), 7})), 400, "invalid_field", "[1]");
        CHECK_ERROR(put(json{{"weekday", 1}}), 400, "invalid_json", "");
        CHECK_ERROR(t.put("/api/v1/staff/" + staff + "/working-hours", json::array({json::array({json::array({json::array({1})})})}), admin),
                    400, "invalid_json", "");
        // The refused patterns changed nothing.
        CHECK(t.get("/api/v1/staff/" + staff + "/working-hours", admin).body["working_hours"].size() == 3);
    }
    SUBCASE("absences") {
        auto path = "/api/v1/staff/" + staff + "/absences";
        auto ok = t.post(path, json{{"from", "2027-04-05"}, {"to", "2027-04-09"}, {"reason", "Annual leave"}}, admin);
        REQUIRE_STATUS(ok, 201);
        CHECK(ok.body["from"] == "2027-04-05");
        CHECK(ok.body["reason"] == "Annual leave");
        CHECK(t.get(path, admin).body["absences"].size() == 1);
        CHECK_ERROR(t.post(path, json{{"from", "2027-04-09"}, {"to", "2027-04-05"}}, admin), 400, "invalid_field", "to");
        CHECK_ERROR(t.post(path, json{{"from", "2027-02-30"}, {"to", "2027-03-01"}}, admin), 400, "invalid_field", "from");
        CHECK_ERROR(t.post("/api/v1/staff/999/absences", json{{"from", "2027-04-05"}, {"to", "2027-04-05"}}, admin), 404,
                    "not_found", "");
    }
    SUBCASE("services and sessions") {
        CHECK_ERROR(t.post("/api/v1/services", json{{"name", "Scan"}, {"kind", "appointment"}, {"duration_minutes", 30}},
                           admin),
                    400, "missing_field", "staff_role");
        CHECK_ERROR(t.post("/api/v1/services", json{{"name", "Group"}, {"kind", "group"}, {"duration_minutes", 30}}, admin),
                    400, "missing_field", "capacity");
        CHECK_ERROR(t.post("/api/v1/services",
                           json{{"name", "Long"}, {"kind", "group"}, {"duration_minutes", 1000}, {"capacity", 3}}, admin),
                    400, "invalid_field", "duration_minutes");
        auto scan = t.post("/api/v1/services",
                           json{{"name", "Scan"}, {"kind", "appointment"}, {"duration_minutes", 30}, {"staff_role", "midwife"}},
                           admin);
        auto group = t.post("/api/v1/services",
                            json{{"name", "Baby massage"}, {"kind", "group"}, {"duration_minutes", 60}, {"capacity", 8}},
                            admin);
        json session{{"service_id", group.body["id"]}, {"hub_id", h.hub}, {"room_id", h.room},
                     {"start", "2027-04-01T13:30:00+01:00"}};
        auto bad = session;
        bad["start"] = "2027-02-29T10:00:00Z";
        CHECK_ERROR(t.post("/api/v1/sessions", bad, admin), 400, "invalid_field", "start");
        bad = session;
        bad["service_id"] = scan.body["id"];
        CHECK_ERROR(t.post("/api/v1/sessions", bad, admin), 400, "invalid_field", "service_id");
        bad = session;
        bad["repeat_weekly"] = 0;
        CHECK_ERROR(t.post("/api/v1/sessions", bad, admin), 400, "invalid_field", "repeat_weekly");
        bad = session;
        bad["room_id"] = 999;
        CHECK_ERROR(t.post("/api/v1/sessions", bad, admin), 404, "not_found", "room_id");
        auto made = t.post("/api/v1/sessions", session, admin);
        REQUIRE_STATUS(made, 201);
        CHECK(made.body == json{{"ids", json::array({1})}});
        CHECK_ERROR(t.post("/api/v1/sessions", session, admin), 409, "conflict", "room_id");
    }
}

TEST_CASE("roles: set-up writes are admin and manager, a kiosk reaches only its own two") {
    ServerHarness t;
    auto h = make_hub(t);
    for (auto [user, access] : {std::pair{"maya", "manager"}, std::pair{"rita", "reception"}})
        REQUIRE_STATUS(t.post("/api/v1/staff",
                              json{{"name", user}, {"role", "family_worker"}, {"hub_id", h.hub}, {"username", user},
                                   {"password", std::string{user} + "-password-1"}, {"access", access}},
                              t.admin()),
                       201);
    auto manager = t.login("maya", "maya-password-1");
    auto reception = t.login("rita", "rita-password-1");
    auto practitioner = t.login("ada", "ada-password-1");
    auto kiosk_made = t.post("/api/v1/kiosks", json{{"hub_id", h.hub}, {"name", "Front desk"}}, t.admin());
    REQUIRE_STATUS(kiosk_made, 201);
    auto kiosk = kiosk_made.body["token"].get<std::string>();
    auto staff = std::to_string(h.staff);
    json room{{"name", "Room 9"}};

    CHECK_ERROR(t.post("/api/v1/hubs", json{{"name", "X"}}, ""), 401, "unauthenticated", "");
    CHECK(t.post("/api/v1/hubs/" + h.id + "/rooms", room, manager).status == 201);
    for (const auto* who : {&reception, &practitioner, &kiosk}) {
        CHECK_ERROR(t.post("/api/v1/hubs", json{{"name", "X"}}, *who), 403, "forbidden", "");
        CHECK_ERROR(t.post("/api/v1/hubs/" + h.id + "/rooms", room, *who), 403, "forbidden", "");
        CHECK_ERROR(t.post("/api/v1/staff", json{{"name", "Eve"}, {"role", "midwife"}, {"hub_id", h.hub}}, *who), 403,
                    "forbidden", "");
        CHECK_ERROR(t.put("/api/v1/staff/" + staff + "/working-hours", json::array(), *who), 403, "forbidden", "");
        CHECK_ERROR(t.post("/api/v1/staff/" + staff + "/absences", json{{"from", "2027-04-01"}, {"to", "2027-04-01"}}, *who),
                    403, "forbidden", "");
        CHECK_ERROR(t.post("/api/v1/sessions", json::object(), *who), 403, "forbidden", "");
        CHECK_ERROR(t.post("/api/v1/kiosks", json{{"hub_id", h.hub}, {"name", "K"}}, *who), 403, "forbidden", "");
    }
    // Kiosks: admins and managers create and revoke (issue #4: managers set up kiosks).
    auto made = t.post("/api/v1/kiosks", json{{"hub_id", h.hub}, {"name", "K"}}, manager);
    CHECK(made.status == 201);
    CHECK(made.body["token"].get<std::string>().size() == 64);
    CHECK_ERROR(t.get("/api/v1/kiosks", reception), 403, "forbidden", "");
    // Reads of set-up: any staff, never a kiosk.
    for (const char* path : {"/api/v1/hubs", "/api/v1/staff", "/api/v1/services"}) {
        CAPTURE(path);
        CHECK(t.get(path, reception).status == 200);
        CHECK(t.get(path, practitioner).status == 200);
        CHECK_ERROR(t.get(path, kiosk), 403, "forbidden", "");
    }
    CHECK_ERROR(t.get("/api/v1/hubs/" + h.id + "/rooms", kiosk), 403, "forbidden", "");
    CHECK_ERROR(t.get("/api/v1/hubs/" + h.id + "/sessions?from=2027-04-01&to=2027-04-30", kiosk), 403, "forbidden", "");
    CHECK_ERROR(t.get("/api/v1/staff/" + staff + "/diary.ics", kiosk), 403, "forbidden", "");
    CHECK_ERROR(t.get("/api/v1/kiosks/me", reception), 403, "forbidden", "");
}

TEST_CASE("a kiosk knows itself and sees the self-bookable services it could book at its hub") {
    ServerHarness t;
    auto h = make_hub(t);
    auto other = t.post("/api/v1/hubs", json{{"name", "Southside"}}, t.admin()).body["id"].get<int>();
    // The midwife works here; nobody here is a health visitor.
    REQUIRE_STATUS(t.put("/api/v1/staff/" + std::to_string(h.staff) + "/working-hours",
                         json::array({json{{"hub_id", h.hub}, {"weekday", 2}, {"start", "09:00"}, {"end", "12:00"}}}),
                         t.admin()),
                   200);
    t.post("/api/v1/services",
           json{{"name", "Antenatal appointment"}, {"kind", "appointment"}, {"duration_minutes", 30}, {"staff_role", "midwife"}},
           t.admin());
    t.post("/api/v1/services",
           json{{"name", "Staff-only review"}, {"kind", "appointment"}, {"duration_minutes", 30}, {"staff_role", "midwife"},
                {"self_bookable", false}},
           t.admin());
    auto hv_check = t.post("/api/v1/services",
                           json{{"name", "Health visitor check"}, {"kind", "appointment"}, {"duration_minutes", 30},
                                {"staff_role", "health_visitor"}},
                           t.admin());
    REQUIRE_STATUS(hv_check, 201);
    auto massage = t.post("/api/v1/services",
                          json{{"name", "Baby massage"}, {"kind", "group"}, {"duration_minutes", 60}, {"capacity", 8}},
                          t.admin());
    REQUIRE_STATUS(massage, 201);
    auto made = t.post("/api/v1/kiosks", json{{"hub_id", h.hub}, {"name", "Front desk"}}, t.admin());
    REQUIRE_STATUS(made, 201);
    auto token = made.body["token"].get<std::string>();
    CHECK(token.size() == 64);

    auto me = t.get("/api/v1/kiosks/me", token);
    REQUIRE_STATUS(me, 200);
    auto parsed = shared::wire::parse_kiosk_me(me.body);
    REQUIRE(parsed);
    CHECK(parsed->name == "Front desk");
    CHECK(parsed->hub.id == h.hub);
    CHECK(parsed->hub.name == "Northside Hub");
    CHECK(parsed->hub.timezone == "Europe/London");

    auto services = t.get("/api/v1/hubs/" + h.id + "/services", token);
    REQUIRE_STATUS(services, 200);
    auto list = shared::wire::parse_services(services.body);
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    CHECK(list->front().name == "Antenatal appointment");
    CHECK(services.body["services"][0] == json{{"id", 1}, {"name", "Antenatal appointment"}, {"kind", "appointment"},
                                               {"duration_minutes", 30}, {"needs_child", false}, {"discreet", false},
                                               {"description", ""}, {"name_lang", "en"}});
    CHECK_ERROR(t.get("/api/v1/hubs/" + std::to_string(other) + "/services", token), 403, "forbidden", "");
    CHECK(t.get("/api/v1/hubs/" + h.id + "/services", t.admin()).body["services"].size() == 4); // the desk sees all

    // A group appears once a session here is still to come.
    REQUIRE_STATUS(t.post("/api/v1/sessions",
                          json{{"service_id", massage.body["id"]}, {"hub_id", h.hub}, {"room_id", h.room},
                               {"start", "2027-04-06T10:00:00Z"}},
                          t.admin()),
                   201);
    auto now_offered = t.get("/api/v1/hubs/" + h.id + "/services", token);
    REQUIRE_STATUS(now_offered, 200);
    std::vector<std::string> names;
    for (const auto& s : now_offered.body["services"])
        names.push_back(s["name"].get<std::string>());
    std::sort(names.begin(), names.end());
    std::string shown;
    for (const auto& n : names) shown += n + "; ";
    CAPTURE(shown);
    CHECK(names == std::vector<std::string>{"Antenatal appointment", "Baby massage"});

    auto kiosks = t.get("/api/v1/kiosks", t.admin());
    REQUIRE_STATUS(kiosks, 200);
    CHECK(kiosks.body["kiosks"].size() == 1);
    CHECK(kiosks.text.find(token) == std::string::npos);
    CHECK_FALSE(kiosks.body["kiosks"][0].contains("token"));

    auto revoked = t.post("/api/v1/kiosks/" + std::to_string(made.body["id"].get<int>()) + "/revoke", json::object(),
                          t.admin());
    REQUIRE_STATUS(revoked, 200);
    CHECK(revoked.body["revoked"] == true);
    CHECK_ERROR(t.get("/api/v1/kiosks/me", token), 401, "unauthenticated", "");
    CHECK_ERROR(t.post("/api/v1/kiosks/999/revoke", json::object(), t.admin()), 404, "not_found", "");
}

TEST_CASE("a weekly series over HTTP keeps 10:00 local across both clock changes") {
    ServerHarness t("2027-03-01T09:00:00Z");
    auto h = make_hub(t);
    auto group = t.post("/api/v1/services",
                        json{{"name", "Parenting Together"}, {"kind", "group"}, {"duration_minutes", 120}, {"capacity", 12}},
                        t.admin());
    auto series = [&](const char* start, int weeks) {
        return t.post("/api/v1/sessions",
                      json{{"service_id", group.body["id"]}, {"hub_id", h.hub}, {"room_id", h.room}, {"staff_id", h.staff},
                           {"start", start}, {"repeat_weekly", weeks}},
                      t.admin());
    };
    auto spring = series("2027-03-21T10:00:00Z", 3);
    REQUIRE_STATUS(spring, 201);
    CHECK(spring.body["ids"].size() == 3);
    auto autumn = series("2027-10-24T09:00:00Z", 2); // 10:00 BST
    REQUIRE_STATUS(autumn, 201);

    auto list = t.get("/api/v1/hubs/" + h.id + "/sessions?from=2027-03-01&to=2027-12-31", t.admin());
    REQUIRE_STATUS(list, 200);
    std::vector<std::string> starts;
    for (const auto& s : list.body["sessions"]) starts.push_back(s["start"]);
    CHECK(starts == std::vector<std::string>{"2027-03-21T10:00:00+00:00", "2027-03-28T10:00:00+01:00",
                                             "2027-04-04T10:00:00+01:00", "2027-10-24T10:00:00+01:00",
                                             "2027-10-31T10:00:00+00:00"});
    const auto& first = list.body["sessions"][0];
    CHECK(first["end"] == "2027-03-21T12:00:00+00:00");
    CHECK(first["capacity"] == 12);
    CHECK(first["places_left"] == 12);
    CHECK(first["series_id"] == spring.body["ids"][0]);
    CHECK(first["service"]["name"] == "Parenting Together");
    CHECK(first["staff"]["name"] == "Ada Lovelace");
    CHECK_ERROR(t.get("/api/v1/hubs/" + h.id + "/sessions?from=2027-03-01", t.admin()), 400, "missing_field", "to");
}

TEST_CASE("the diary is text/calendar of the practitioner's own day, first names only") {
    ServerHarness t("2027-03-24T08:00:00Z");
    auto demo = server::load_demo(t.services(), t.clock());
    REQUIRE_MESSAGE(demo, (demo ? "" : demo.error().message));
    auto hv = t.login("hv", "hv-demo-1");
    auto reception = t.login("reception", "reception-demo-1");
    auto me = t.get("/api/v1/auth/session", hv);
    auto hv_id = std::to_string(me.body["staff_id"].get<int>());
    auto midwife = t.get("/api/v1/auth/session", t.login("midwife", "midwife-demo-1"));
    auto midwife_id = std::to_string(midwife.body["staff_id"].get<int>());

    auto ics = t.get("/api/v1/staff/" + hv_id + "/diary.ics", hv);
    REQUIRE_STATUS(ics, 200);
    CHECK(ics.content_type.rfind("text/calendar", 0) == 0);
    CHECK(ics.text.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
    CHECK(ics.text.find("SUMMARY:Health visitor check: Nasrin\r\n") != std::string::npos);
    CHECK(ics.text.find("Begum") == std::string::npos); // no surnames
    CHECK(ics.text.find("Emily") == std::string::npos); // the midwife's cancelled booking is not hers anyway
    CHECK(ics.text.find("DTSTART:20270324T") != std::string::npos);
    CHECK(ics.text.find("\n") == ics.text.find("\r\n") + 1);

    CHECK_ERROR(t.get("/api/v1/staff/" + midwife_id + "/diary.ics", hv), 403, "forbidden", "");
    auto theirs = t.get("/api/v1/staff/" + midwife_id + "/diary.ics", reception);
    REQUIRE_STATUS(theirs, 200);
    CHECK(theirs.text.find("SUMMARY:Antenatal appointment: Olena") != std::string::npos);
    CHECK(theirs.text.find("SUMMARY:Antenatal appointment: Emily") == std::string::npos); // cancelled
    CHECK_ERROR(t.get("/api/v1/staff/9999/diary.ics", reception), 404, "not_found", "");
}
}

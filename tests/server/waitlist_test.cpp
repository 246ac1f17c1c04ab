// A freed place goes to the first family waiting, held; decline or expiry passes it
// on; accept books it; nobody else can take it meanwhile (issue 2, point 4).
#include <doctest/doctest.h>

#include <latch>
#include <thread>

#include "tests/server/expect.hpp"
#include "tests/support/db_probe.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;

namespace {

struct Scene {
    Id hub = 0, service = 0, session = 0;
    std::string first_reference; // the booking that is cancelled
    Id b = 0, c = 0;             // waitlist entries, in order
};

const json kB = family("Bola", "Adeyemi", "1993-04-05");
const json kC = family("Chen", "Li", "1994-06-07");
const json kD = family("Dara", "Walsh", "1995-08-09");

/// One place, taken by A; B then C wait for it.
Scene full_session_with_two_waiting(TestServer& server, Fixture& f) {
    Scene s;
    s.hub = f.hub();
    auto room = f.room(s.hub, "Group room", 10);
    s.service = f.group_service("First aid for parents", 90, 1);
    s.session = f.session(s.service, s.hub, room, "2027-01-20T10:00:00Z", 1);
    s.first_reference = f.book(Fixture::group_booking(s.hub, s.service, s.session, family("Ann", "Adams", "1990-01-02")))
                            .at("reference")
                            .get<std::string>();
    auto join = [&](const json& client) {
        return server.post("/api/v1/waitlist",
                           json{{"hub_id", s.hub}, {"service_id", s.service}, {"session_id", s.session}, {"client", client}},
                           server.admin_token());
    };
    auto b = join(kB);
    REQUIRE_REPLY(b, 201);
    CHECK(b.body["status"] == "waiting");
    CHECK(b.body["position"] == 1);
    auto c = join(kC);
    REQUIRE_REPLY(c, 201);
    CHECK(c.body["status"] == "waiting");
    CHECK(c.body["position"] == 2);
    s.b = b.body["id"].get<Id>();
    s.c = c.body["id"].get<Id>();
    return s;
}

json entry(TestServer& server, Id id) {
    auto r = server.get("/api/v1/waitlist/" + std::to_string(id), server.admin_token());
    REQUIRE_REPLY(r, 200);
    return r.body;
}

Reply act(TestServer& server, Id id, const std::string& what, const std::string& token = {},
          const json& body = json::object()) {
    return server.post("/api/v1/waitlist/" + std::to_string(id) + "/" + what, body,
                       token.empty() ? server.admin_token() : token);
}

void cancel(TestServer& server, const std::string& reference) {
    auto r = server.post("/api/v1/bookings/" + reference + "/cancel", json::object(), server.admin_token());
    REQUIRE_REPLY(r, 200);
    CHECK(r.body["status"] == "cancelled");
}

std::int64_t live_bookings(TestServer& server, Id session) {
    DbProbe db(server.db_path());
    return db.integer("SELECT count(*) FROM bookings WHERE session_id = " + std::to_string(session) +
                      " AND status NOT IN ('cancelled','released')");
}

} // namespace

TEST_SUITE("server: waitlist") {

TEST_CASE("a cancelled place is offered to the first family waiting, and to nobody else") {
    TestServer server;
    Fixture f(server);
    auto s = full_session_with_two_waiting(server, f);
    cancel(server, s.first_reference);

    auto b = entry(server, s.b);
    CHECK(b["status"] == "offered");
    REQUIRE(b.contains("offer_expires_at"));
    auto expires = frontdoor::shared::parse_instant(b["offer_expires_at"].get<std::string>());
    REQUIRE(expires);
    CHECK(*expires == server.clock().now() + server.options().settings.offer_hold);
    CHECK(entry(server, s.c)["status"] == "waiting");

    // Held: another family cannot take it, and it is not shown as free.
    auto d = f.try_book(Fixture::group_booking(s.hub, s.service, s.session, kD));
    REQUIRE_ERROR(d, 409, "slot_unavailable");
    CHECK(live_bookings(server, s.session) == 1);

    SUBCASE("accept books it") {
        auto r = act(server, s.b, "accept");
        REQUIRE_REPLY(r, 200);
        CHECK(r.body["status"] == "booked");
        CHECK(entry(server, s.b)["status"] == "booked");
        CHECK(entry(server, s.c)["status"] == "waiting");
        DbProbe db(server.db_path());
        CHECK(db.column("SELECT c.last_name || ':' || b.status FROM bookings b JOIN clients c ON c.id = b.client_id "
                        "WHERE b.session_id = " + std::to_string(s.session) +
                        " AND b.status NOT IN ('cancelled','released')") == std::vector<std::string>{"Adeyemi:booked"});
        // Accepting twice changes nothing more.
        auto again = act(server, s.b, "accept");
        CHECK(again.transport_ok);
        CHECK(live_bookings(server, s.session) == 1);
        REQUIRE_ERROR(f.try_book(Fixture::group_booking(s.hub, s.service, s.session, kD)), 409, "slot_unavailable");
    }

    SUBCASE("decline passes it to the next") {
        auto r = act(server, s.b, "decline");
        REQUIRE_REPLY(r, 200);
        CHECK(entry(server, s.b)["status"] == "declined");
        CHECK(entry(server, s.c)["status"] == "offered");
        REQUIRE_ERROR(f.try_book(Fixture::group_booking(s.hub, s.service, s.session, kD)), 409, "slot_unavailable");
        // B can no longer take it.
        REQUIRE_ERROR(act(server, s.b, "accept"), 409, "conflict");
        REQUIRE_REPLY(act(server, s.c, "accept"), 200);
        CHECK(entry(server, s.c)["status"] == "booked");
        CHECK(live_bookings(server, s.session) == 1);
    }

    SUBCASE("expiry passes it to the next, and then frees it") {
        server.clock().advance(server.options().settings.offer_hold + std::chrono::minutes{1});
        server.relogin_admin(); // the staff session idled out meanwhile
        // The next waitlist call lapses the offer first.
        CHECK(entry(server, s.b)["status"] == "expired");
        auto c = entry(server, s.c);
        CHECK(c["status"] == "offered");
        REQUIRE_ERROR(act(server, s.b, "accept"), 409, "conflict");
        REQUIRE_ERROR(f.try_book(Fixture::group_booking(s.hub, s.service, s.session, kD), server.admin_token()), 409, "slot_unavailable");

        // C lets it lapse too; with nobody left waiting, the place is free for anyone.
        server.clock().advance(server.options().settings.offer_hold + std::chrono::minutes{1});
        server.relogin_admin();
        auto d = f.try_book(Fixture::group_booking(s.hub, s.service, s.session, kD), server.admin_token());
        REQUIRE_REPLY(d, 201);
        CHECK(entry(server, s.c)["status"] == "expired");
        CHECK(live_bookings(server, s.session) == 1);
    }
}

TEST_CASE("bookers racing a cancellation never take the place held for the waitlist") {
    TestServer server;
    Fixture f(server);
    auto s = full_session_with_two_waiting(server, f);
    std::vector<Reply> replies(20);
    std::latch gate(21);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < replies.size(); ++i)
        threads.emplace_back([&, i] {
            gate.arrive_and_wait();
            replies[i] = f.try_book(Fixture::group_booking(
                s.hub, s.service, s.session, family("Racer" + std::to_string(i), "Quick", "1996-01-01")));
        });
    Reply cancelled;
    threads.emplace_back([&] {
        gate.arrive_and_wait();
        cancelled = server.post("/api/v1/bookings/" + s.first_reference + "/cancel", json::object(), server.admin_token());
    });
    for (auto& t : threads) t.join();
    REQUIRE_REPLY(cancelled, 200);
    for (const auto& r : replies) REQUIRE_ERROR(r, 409, "slot_unavailable");
    CHECK(entry(server, s.b)["status"] == "offered");
    DbProbe db(server.db_path());
    CHECK(db.integer("SELECT count(*) FROM bookings b JOIN clients c ON c.id = b.client_id WHERE c.last_name = 'Quick'") ==
          0);
}

TEST_CASE("the sweeper lapses an offer with no request to trigger it") {
    TestServer::Options o;
    o.sweep_every = std::chrono::seconds{1};
    TestServer server(o);
    Fixture f(server);
    auto s = full_session_with_two_waiting(server, f);
    cancel(server, s.first_reference);
    REQUIRE(entry(server, s.b)["status"] == "offered");

    server.clock().advance(server.options().settings.offer_hold + std::chrono::minutes{1});
    DbProbe db(server.db_path());
    auto status_of = [&](Id id) {
        return db.column("SELECT status FROM waitlist WHERE id = " + std::to_string(id)).at(0);
    };
    // Bounded poll: the sweeper runs every second.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
    while (status_of(s.b) != "expired" && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    CHECK(status_of(s.b) == "expired");
    CHECK(status_of(s.c) == "offered");
}

TEST_CASE("a kiosk joins the waitlist and answers its offer with the code it was given") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto room = f.room(hub, "Group room", 10);
    auto service = f.group_service("Sleep clinic", 60, 1);
    auto session = f.session(service, hub, room, "2027-01-21T13:00:00Z", 1);
    auto taken = f.book(Fixture::group_booking(hub, service, session, family("Ann", "Adams", "1990-01-02")));
    auto kiosk = server.kiosk_token(hub);

    auto join = server.post("/api/v1/waitlist",
                            json{{"hub_id", hub}, {"service_id", service}, {"session_id", session}, {"client", kB}}, kiosk);
    REQUIRE_REPLY(join, 201);
    auto id = join.body["id"].get<Id>();
    auto code = "/api/v1/waitlist/code/" + join.body["code"].get<std::string>();
    cancel(server, taken["reference"].get<std::string>());

    auto seen = server.get(code, kiosk);
    REQUIRE_REPLY(seen, 200);
    CHECK(seen.body["status"] == "offered");

    // A kiosk may not list the waitlist, nor walk it by id, date of birth or not.
    REQUIRE_ERROR(server.get("/api/v1/waitlist?hub_id=" + std::to_string(hub) + "&service_id=" + std::to_string(service),
                             kiosk),
                  403, "forbidden");
    REQUIRE_ERROR(server.get("/api/v1/waitlist/" + std::to_string(id) + "?date_of_birth=1993-04-05", kiosk), 403, "forbidden");
    REQUIRE_ERROR(act(server, id, "accept", kiosk, json{{"date_of_birth", "1993-04-05"}}), 403, "forbidden");
    REQUIRE_ERROR(server.post("/api/v1/waitlist/code/" + std::string(64, '0') + "/accept", json::object(), kiosk), 404,
                  "not_found");
    CHECK(entry(server, id)["status"] == "offered");

    auto ok = server.post(code + "/accept", json::object(), kiosk);
    REQUIRE_REPLY(ok, 200);
    CHECK(ok.body["status"] == "booked");
    CHECK(live_bookings(server, session) == 1);
}

TEST_CASE("staff list the waitlist of a service in order") {
    TestServer server;
    Fixture f(server);
    auto s = full_session_with_two_waiting(server, f);
    auto r = server.get("/api/v1/waitlist?hub_id=" + std::to_string(s.hub) + "&service_id=" + std::to_string(s.service),
                        server.admin_token());
    REQUIRE_REPLY(r, 200);
    const json& list = r.body.is_array() ? r.body : r.body.value("entries", r.body.value("waitlist", json::array()));
    REQUIRE(list.is_array());
    REQUIRE(list.size() == 2);
    CHECK(list[0]["id"] == s.b);
    CHECK(list[1]["id"] == s.c);
}

} // TEST_SUITE

TEST_SUITE("server: waitlists at a glance") {

namespace {

json overview(TestServer& server, Id hub, const std::string& token) {
    auto r = server.get("/api/v1/hubs/" + std::to_string(hub) + "/waitlists", token);
    REQUIRE_REPLY(r, 200);
    REQUIRE(r.body["services"].is_array());
    return r.body["services"];
}

/// Three waiting (B with a phone, C, D with a child) for A's place; A then cancels.
Scene offered_to_b(TestServer& server, Fixture& f) {
    Scene s;
    s.hub = f.hub();
    auto room = f.room(s.hub, "Group room", 10);
    s.service = f.group_service("First aid for parents", 90, 1);
    s.session = f.session(s.service, s.hub, room, "2027-01-20T10:00:00Z", 1);
    s.first_reference = f.book(Fixture::group_booking(s.hub, s.service, s.session, family("Ann", "Adams", "1990-01-02")))
                            .at("reference")
                            .get<std::string>();
    auto b = kB;
    b["phone"] = "07700900123";
    for (const json& who : {b, kC}) {
        auto r = server.post("/api/v1/waitlist", json{{"hub_id", s.hub}, {"service_id", s.service}, {"client", who}},
                             server.admin_token());
        REQUIRE_REPLY(r, 201);
    }
    auto d = server.post("/api/v1/waitlist",
                         json{{"hub_id", s.hub}, {"service_id", s.service}, {"from", "2027-01-18"}, {"to", "2027-01-29"},
                              {"client", kD}, {"child", {{"first_name", "Finn"}, {"date_of_birth", "2026-02-03"}}}},
                         server.admin_token());
    REQUIRE_REPLY(d, 201);
    s.b = 1;
    s.c = 2;
    cancel(server, s.first_reference);
    return s;
}

} // namespace

TEST_CASE("every service's list: places counted from 1, each offer with its family's phone") {
    TestServer server;
    Fixture f(server);
    auto s = offered_to_b(server, f);
    auto other = f.hub("Hillside Family Hub");
    server.clock().advance(std::chrono::minutes{30});
    auto lists = overview(server, s.hub, server.relogin_admin());
    REQUIRE(lists.size() == 1);
    CHECK(lists[0]["service"] == json{{"id", s.service}, {"name", "First aid for parents"}});
    const auto& waiting = lists[0]["waiting"];
    REQUIRE(waiting.size() == 2);
    CHECK(waiting[0]["position"] == 1);
    CHECK(waiting[0]["client_name"] == "Chen Li");
    CHECK(waiting[1]["position"] == 2);
    CHECK(waiting[1]["client_name"] == "Dara Walsh");
    CHECK(waiting[1]["child_name"] == "Finn");
    CHECK(waiting[1]["from"] == "2027-01-18");
    CHECK(waiting[1]["to"] == "2027-01-29");
    const auto& offers = lists[0]["offers"];
    REQUIRE(offers.size() == 1);
    CHECK(offers[0]["client_name"] == "Bola Adeyemi");
    CHECK(offers[0]["phone"] == "07700900123");
    CHECK(offers[0]["offered_start"] == "2027-01-20T10:00:00+00:00");
    CHECK(offers[0]["room"]["name"] == "Group room");
    CHECK(offers[0]["offer_expires_at"] == "2027-01-13T10:00:00+00:00"); // two hours' hold from 08:00
    CHECK(offers[0]["minutes_left"] == 90);
    CHECK(offers[0]["reference"].get<std::string>().size() == 8);
    // A hub with nothing waiting has an empty list, not an error.
    CHECK(overview(server, other, server.admin_token()) == json::array());
    REQUIRE_ERROR(server.get("/api/v1/hubs/999/waitlists", server.admin_token()), 404, "not_found");
}

TEST_CASE("a practitioner sees who waits, without their phone numbers (ringing families is the desk's)") {
    TestServer server;
    Fixture f(server);
    auto s = offered_to_b(server, f);
    f.staff(s.hub, "Priya Visitor", "midwife", "practitioner", "priya", "priya-password-1");
    auto lists = overview(server, s.hub, server.login("priya", "priya-password-1"));
    REQUIRE(lists.size() == 1);
    REQUIRE(lists[0]["offers"].size() == 1);
    CHECK(lists[0]["offers"][0]["client_name"] == "Bola Adeyemi");
    CHECK_FALSE(lists[0]["offers"][0].contains("phone"));
    CHECK(overview(server, s.hub, server.relogin_admin())[0]["offers"][0]["phone"] == "07700900123");
}

TEST_CASE("the desk accepts an offer for the family, and removes an entry, which is kept as cancelled") {
    TestServer server;
    Fixture f(server);
    auto s = offered_to_b(server, f);
    f.staff(s.hub, "Rita Desk", "family_worker", "reception", "rita", "rita-password-1");
    auto desk = server.login("rita", "rita-password-1");
    auto offered = overview(server, s.hub, desk)[0]["offers"][0];
    auto accepted = act(server, offered["id"].get<Id>(), "accept", desk);
    REQUIRE_REPLY(accepted, 200);
    CHECK(accepted.body["status"] == "booked");
    CHECK(accepted.body["reference"] == offered["reference"]);
    DbProbe db(server.db_path());
    CHECK(db.column("SELECT status FROM bookings WHERE reference = '" + offered["reference"].get<std::string>() + "'") ==
          std::vector<std::string>{"booked"});
    auto after = overview(server, s.hub, desk)[0];
    CHECK(after["offers"] == json::array());
    REQUIRE(after["waiting"].size() == 2);

    auto dara = after["waiting"][1]["id"].get<Id>();
    auto removed = act(server, dara, "decline", desk);
    REQUIRE_REPLY(removed, 200);
    CHECK(removed.body["status"] == "cancelled");
    auto left = overview(server, s.hub, desk)[0]["waiting"];
    REQUIRE(left.size() == 1);
    CHECK(left[0]["client_name"] == "Chen Li");
    CHECK(left[0]["position"] == 1);
    CHECK(db.column("SELECT status FROM waitlist WHERE id = " + std::to_string(dara)) == std::vector<std::string>{"cancelled"});
}
}

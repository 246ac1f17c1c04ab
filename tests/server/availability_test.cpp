// Slots are generated in the hub's local time: 09:00 stays 09:00 across the clock
// changes; breaks and leave offer nothing; nothing in the past is offered (point 5).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "tests/server/expect.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/test_server.hpp"

using namespace frontdoor::testing;
using frontdoor::shared::Instant;

namespace {

struct Clinic {
    Id hub = 0, room = 0, midwife = 0, service = 0;
};

/// One midwife, one room, every day 09:00-12:00 and 13:00-16:00 (lunch 12-13).
Clinic clinic(Fixture& f, int duration = 30) {
    Clinic c;
    c.hub = f.hub("Riverside Family Hub", "Europe/London");
    c.room = f.room(c.hub, "Clinic room 1");
    c.midwife = f.staff(c.hub, "Amina Khan", "midwife");
    f.every_day(c.midwife, c.hub, {{"09:00", "12:00"}, {"13:00", "16:00"}});
    c.service = f.appointment_service("Antenatal check", duration, "midwife");
    return c;
}

std::vector<json> slots(TestServer& server, const Clinic& c, const std::string& from, const std::string& to,
                        const std::string& token = {}) {
    auto r = server.get("/api/v1/availability?hub_id=" + std::to_string(c.hub) + "&service_id=" +
                            std::to_string(c.service) + "&from=" + from + "&to=" + to,
                        token.empty() ? server.admin_token() : token);
    REQUIRE_REPLY(r, 200);
    REQUIRE(r.body.contains("slots"));
    REQUIRE(r.body["slots"].is_array());
    return r.body["slots"].get<std::vector<json>>();
}

Instant start_of(const json& slot) { return instant(slot.at("start").get<std::string>()); }

/// Seven weeks of the clinic's times: an answer big enough to be gzipped.
std::string seven_weeks(const Clinic& c) {
    return "/api/v1/availability?hub_id=" + std::to_string(c.hub) + "&service_id=" + std::to_string(c.service) +
           "&from=2027-01-14&to=2027-03-01";
}

/// A GET with the admin's token and `extra` headers, its body as sent (not inflated).
httplib::Result get_as_sent(TestServer& server, const std::string& path, const httplib::Headers& extra) {
    auto client = server.http().client();
    client->set_decompress(false);
    auto headers = auth_headers(server.admin_token());
    headers.insert(extra.begin(), extra.end());
    return client->Get(path.c_str(), headers);
}

/// Local wall-clock times on `date` at a fixed UTC offset ("+01:00"), as instants:
/// written out by hand, independent of the server's zone code.
std::vector<Instant> at(const std::string& date, const std::string& offset, const std::vector<std::string>& times) {
    std::vector<Instant> out;
    for (const auto& t : times) out.push_back(instant(date + "T" + t + ":00" + offset));
    return out;
}

const std::vector<std::string> kDay = {"09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
                                       "13:00", "13:30", "14:00", "14:30", "15:00", "15:30"};

/// Slots grouped by the date their start string shows (local to the hub).
std::map<std::string, std::vector<Instant>> by_local_date(const std::vector<json>& list) {
    std::map<std::string, std::vector<Instant>> out;
    for (const auto& s : list) out[s.at("start").get<std::string>().substr(0, 10)].push_back(start_of(s));
    return out;
}

void check_in_time_order(const std::vector<json>& list) {
    for (size_t i = 1; i < list.size(); ++i) CHECK(start_of(list[i - 1]) <= start_of(list[i]));
}

} // namespace

TEST_SUITE("server: availability") {

TEST_CASE("09:00 stays 09:00 local on both sides of the March change; leave offers nothing") {
    TestServer::Options o;
    o.start = instant("2027-03-20T08:00:00Z");
    TestServer server(o);
    Fixture f(server);
    auto c = clinic(f);
    f.absence(c.midwife, "2027-03-30", "2027-03-30");

    auto list = slots(server, c, "2027-03-26", "2027-03-31");
    check_in_time_order(list);
    auto days = by_local_date(list);
    CHECK(days["2027-03-26"] == at("2027-03-26", "+00:00", kDay)); // Friday, GMT
    CHECK(days["2027-03-27"] == at("2027-03-27", "+00:00", kDay));
    CHECK(days["2027-03-28"] == at("2027-03-28", "+01:00", kDay)); // the change, 01:00 GMT
    CHECK(days["2027-03-29"] == at("2027-03-29", "+01:00", kDay)); // Monday, BST
    CHECK(days.count("2027-03-30") == 0);                            // on leave
    CHECK(days["2027-03-31"] == at("2027-03-31", "+01:00", kDay));
    // The offset printed is the local one.
    REQUIRE_FALSE(days["2027-03-29"].empty());
    for (const auto& s : list) {
        auto text = s["start"].get<std::string>();
        if (text.substr(0, 10) >= "2027-03-28") CHECK(text.substr(19) == "+01:00");
        CHECK(s["staff_id"] == c.midwife);
        CHECK(s["room_id"] == c.room);
        CHECK(s["places_left"] == 1);
        CHECK(instant(s["end"].get<std::string>()) - start_of(s) == std::chrono::minutes{30});
    }
}

TEST_CASE("09:00 stays 09:00 local on both sides of the October change") {
    TestServer::Options o;
    o.start = instant("2027-10-25T08:00:00Z");
    TestServer server(o);
    Fixture f(server);
    auto c = clinic(f);
    auto days = by_local_date(slots(server, c, "2027-10-29", "2027-11-01"));
    CHECK(days["2027-10-29"] == at("2027-10-29", "+01:00", kDay)); // Friday, BST
    CHECK(days["2027-10-30"] == at("2027-10-30", "+01:00", kDay));
    CHECK(days["2027-10-31"] == at("2027-10-31", "+00:00", kDay)); // the change, 01:00 GMT
    CHECK(days["2027-11-01"] == at("2027-11-01", "+00:00", kDay)); // Monday, GMT
}

TEST_CASE("slots start at each working range and step by the duration; lunch offers nothing") {
    TestServer server; // Wednesday 2027-01-13 08:00 GMT
    Fixture f(server);
    auto c = clinic(f, 45);
    auto list = slots(server, c, "2027-01-14", "2027-01-14");
    std::vector<Instant> starts;
    for (const auto& s : list) {
        starts.push_back(start_of(s));
        auto end = instant(s["end"].get<std::string>());
        // Nothing overlaps the lunch gap 12:00-13:00.
        CHECK_FALSE((start_of(s) < instant("2027-01-14T13:00:00Z") && end > instant("2027-01-14T12:00:00Z")));
    }
    CHECK(starts == at("2027-01-14", "+00:00", {"09:00", "09:45", "10:30", "11:15", "13:00", "13:45", "14:30", "15:15"}));
}

TEST_CASE("nothing in the past is offered, and a booked time is gone") {
    TestServer::Options o;
    o.start = instant("2027-01-13T10:10:00Z"); // Wednesday, 10:10 in London
    TestServer server(o);
    Fixture f(server);
    auto c = clinic(f);

    auto today = slots(server, c, "2027-01-13", "2027-01-13");
    std::vector<Instant> starts;
    for (const auto& s : today) starts.push_back(start_of(s));
    CHECK(starts == at("2027-01-13", "+00:00",
                       {"10:30", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30", "15:00", "15:30"}));

    auto yesterday = server.get("/api/v1/availability?hub_id=" + std::to_string(c.hub) + "&service_id=" +
                                    std::to_string(c.service) + "&from=2027-01-12&to=2027-01-12",
                                server.admin_token());
    REQUIRE(yesterday.transport_ok);
    if (yesterday.status == 200) CHECK(yesterday.body["slots"].empty());
    else CHECK(yesterday.status == 400);

    // Booking a past time is refused as not offered.
    REQUIRE_ERROR(f.try_book(Fixture::appointment_booking(c.hub, c.service, "2027-01-13T09:00:00Z",
                                                          family("Past", "Time", "1990-01-01"))),
                  409, "slot_unavailable");

    f.book(Fixture::appointment_booking(c.hub, c.service, "2027-01-13T13:00:00Z", family("Nia", "Obi", "1991-01-01")));
    auto after = slots(server, c, "2027-01-13", "2027-01-13");
    for (const auto& s : after) CHECK(start_of(s) != instant("2027-01-13T13:00:00Z"));
    CHECK(after.size() == today.size() - 1);

    // Moving on in the day takes the morning away (a kiosk asks: staff sessions idle out).
    auto kiosk = server.kiosk_token(c.hub);
    server.clock().set(instant("2027-01-13T12:05:00Z"));
    auto later = slots(server, c, "2027-01-13", "2027-01-13", kiosk);
    CHECK_FALSE(later.empty());
    for (const auto& s : later) CHECK(start_of(s) >= instant("2027-01-13T13:30:00Z"));
}

TEST_CASE("group availability lists every session, a full one with places_left 0") {
    TestServer server;
    Fixture f(server);
    auto hub = f.hub();
    auto hall = f.room(hub, "Hall", 20);
    auto service = f.group_service("Parenting group", 120, 1);
    auto ids = f.sessions(service, hub, hall, "2027-01-15T10:00:00Z", 1, 3);
    REQUIRE(ids.size() == 3);
    f.book(Fixture::group_booking(hub, service, ids[1], family("Full", "House", "1990-01-01")));

    auto r = server.get("/api/v1/availability?hub_id=" + std::to_string(hub) + "&service_id=" + std::to_string(service) +
                            "&from=2027-01-13&to=2027-02-10",
                        server.admin_token());
    REQUIRE_REPLY(r, 200);
    auto list = r.body["slots"];
    REQUIRE(list.size() == 3);
    CHECK(list[0]["session_id"] == ids[0]);
    CHECK(list[0]["places_left"] == 1);
    CHECK(list[1]["session_id"] == ids[1]);
    CHECK(list[1]["places_left"] == 0);
    CHECK(list[2]["session_id"] == ids[2]);
    CHECK(instant(list[2]["start"].get<std::string>()) == instant("2027-01-29T10:00:00Z"));
}

TEST_CASE("a cached answer still asks who is asking: a kiosk never sees another hub or a staff-only service") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto other_hub = f.hub("Northside Hub");
    auto staff_only = f.appointment_service("Safeguarding review", 30, "midwife", /*self_bookable=*/false);
    auto path = [&](Id service) {
        return "/api/v1/availability?hub_id=" + std::to_string(c.hub) + "&service_id=" + std::to_string(service) +
               "&from=2027-01-14&to=2027-01-20";
    };
    auto kiosk = server.kiosk_token(c.hub);
    auto elsewhere = server.kiosk_token(other_hub);
    // Both kiosks have asked who they are; staff then ask, so both answers are
    // computed and kept (nothing is written after this).
    REQUIRE_REPLY(server.get("/api/v1/kiosks/me", kiosk), 200);
    REQUIRE_REPLY(server.get("/api/v1/kiosks/me", elsewhere), 200);
    REQUIRE_REPLY(server.get(path(staff_only), server.admin_token()), 200);
    REQUIRE_REPLY(server.get(path(c.service), server.admin_token()), 200);

    REQUIRE_ERROR(server.get(path(staff_only), kiosk), 404, "not_found");
    auto mine = server.get(path(c.service), kiosk);
    REQUIRE_REPLY(mine, 200);
    CHECK(mine.body["slots"].size() == 7 * kDay.size());
    REQUIRE_ERROR(server.get(path(c.service), elsewhere), 403, "forbidden");
}

TEST_CASE("a big answer comes gzipped to a client that accepts gzip, never brotli; plain JSON to others") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto path = seven_weeks(c);
    auto get = [&](const std::string& accept) {
        httplib::Headers extra;
        if (!accept.empty()) extra.emplace("Accept-Encoding", accept);
        auto r = get_as_sent(server, path, extra);
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return r.value();
    };

    auto plain = get("");
    CHECK_FALSE(plain.has_header("Content-Encoding"));
    auto slots = json::parse(plain.body);
    REQUIRE(slots["slots"].size() > 100);

    // What Chromium offers: httplib alone would pick brotli at its slowest setting.
    auto browser = get("gzip, deflate, br");
    CHECK(browser.get_header_value("Content-Encoding") == "gzip");
    CHECK(browser.get_header_value("Vary") == "Accept-Encoding");
    REQUIRE(browser.body.size() > 2);
    CHECK(static_cast<unsigned char>(browser.body[0]) == 0x1f); // the gzip magic
    CHECK(static_cast<unsigned char>(browser.body[1]) == 0x8b);
    CHECK(browser.body.size() * 5 < plain.body.size());

    CHECK_FALSE(get("gzip;q=0, identity").has_header("Content-Encoding"));
    CHECK_FALSE(get("br").has_header("Content-Encoding"));

    // Inflated, it is the same answer.
    auto inflating = server.http().client();
    auto headers = auth_headers(server.admin_token());
    headers.emplace("Accept-Encoding", "gzip");
    auto inflated = inflating->Get(path.c_str(), headers);
    REQUIRE(inflated);
    CHECK(json::parse(inflated->body) == slots);
}

TEST_CASE("a Range header is ignored: every answer is whole, and nothing past it is ever sent") {
    TestServer server;
    Fixture f(server);
    auto c = clinic(f);
    auto path = seven_weeks(c);
    for (std::string accept : {"", "gzip"}) {
        httplib::Headers plain;
        if (!accept.empty()) plain.emplace("Accept-Encoding", accept);
        auto full = get_as_sent(server, path, plain);
        REQUIRE(full);
        for (std::string range : {"bytes=0-999999", "bytes=10-20", "bytes=999999-", "bytes=0-5,10-999999"}) {
            CAPTURE(accept);
            CAPTURE(range);
            auto ranged = plain;
            ranged.emplace("Range", range);
            auto r = get_as_sent(server, path, ranged);
            REQUIRE(r);
            CHECK(r->status == 200);
            CHECK(r->body.size() == full->body.size());
            CHECK((r->body == full->body)); // (not printed: 60 KB)
        }
    }
    // An error answer, without signing in: whole too.
    auto client = server.http().client();
    auto denied = client->Get("/api/v1/hubs", {{"Range", "bytes=0-100000"}});
    REQUIRE(denied);
    CHECK(denied->status == 401);
    CHECK(json::parse(denied->body)["error"]["code"] == "unauthenticated");
}

} // TEST_SUITE

// The demo hub: it loads into an empty database only, its logins work, and on every
// day of the week today's appointments are real ones: on working hours, never two at
// once for a practitioner or a room, in several states.
#include <doctest/doctest.h>

#include <algorithm>

#include <map>
#include <set>

#include "server/domain/booking_rules.hpp"
#include "server/services/demo_data.hpp"
#include "server/storage/booking_repo.hpp"
#include "server/storage/setup_repo.hpp"
#include "tests/server/setup/setup_harness.hpp"

using namespace frontdoor;
using namespace frontdoor::server;
using frontdoor::setup_test::at;
using frontdoor::setup_test::json;
using frontdoor::setup_test::ServerHarness;
using frontdoor::setup_test::ServiceHarness;

namespace {

struct Row {
    Id id;
    Id staff;
    Id room;
    std::optional<Id> session;
    shared::Instant start;
    shared::Instant end;
    std::string status;
    std::optional<Id> child;
};

std::vector<Row> all_bookings(storage::Database& db) {
    return db.read([](storage::Connection& c) {
        storage::Statement s(c, "SELECT id, staff_id, room_id, session_id, start_utc, end_utc, status, child_id "
                                "FROM bookings ORDER BY start_utc");
        std::vector<Row> out;
        while (s.step())
            out.push_back({s.integer(0), s.integer(1), s.integer(2), s.opt_integer(3),
                           shared::Instant{std::chrono::seconds{s.integer(4)}},
                           shared::Instant{std::chrono::seconds{s.integer(5)}}, s.text(6), s.opt_integer(7)});
        return out;
    });
}

} // namespace

TEST_SUITE("server.setup") {
TEST_CASE("the demo loads once, and its logins and kiosk token work") {
    ServiceHarness t("2027-03-24T08:00:00Z"); // a Wednesday
    auto demo = load_demo(t.services, t.clock);
    REQUIRE_MESSAGE(demo, (demo ? "" : demo.error().message));
    CHECK(demo->hub_name == "Riverside Family Hub");
    REQUIRE(demo->logins.size() == 4);
    const std::map<std::string, std::pair<std::string, Role>> expected = {
        {"manager", {"manager-demo-1", Role::manager}},
        {"reception", {"reception-demo-1", Role::reception}},
        {"midwife", {"midwife-demo-1", Role::practitioner}},
        {"hv", {"hv-demo-1", Role::practitioner}},
    };
    for (const auto& l : demo->logins) {
        CAPTURE(l.username);
        REQUIRE(expected.count(l.username));
        CHECK(l.password == expected.at(l.username).first);
        auto login = t.services.auth.login(l.username, l.password, "127.0.0.1");
        REQUIRE(login);
        CHECK(login->role == expected.at(l.username).second);
    }
    auto kiosk = t.services.auth.resolve(demo->kiosk_token);
    REQUIRE(kiosk);
    CHECK(kiosk->hub_id == std::optional<Id>{demo->hub_id});

    auto hub = t.services.setup.hub(t.admin, demo->hub_id);
    CHECK(hub->timezone == "Europe/London");
    CHECK(t.services.setup.list_rooms(t.admin, demo->hub_id)->size() >= 5);
    auto staff = t.services.setup.list_staff(t.admin, demo->hub_id);
    std::multiset<std::string> roles;
    for (const auto& s : *staff) roles.insert(s.role);
    CHECK(roles.count("midwife") == 2);
    CHECK(roles.count("health_visitor") == 2);
    CHECK(roles.count("family_worker") == 2);
    CHECK(roles.count("infant_feeding") == 1);

    // A kiosk sees the self-bookable services only.
    auto offered = t.services.setup.hub_services(*kiosk, demo->hub_id);
    REQUIRE(offered);
    for (const auto& s : *offered) CHECK(s.name != "Staff-only review");
    CHECK(offered->size() == 5); // not the discreet "Family support chat": staff book it
    for (const auto& s : *offered) CHECK(s.name != "Family support chat");
    // ... and in the family's language: every one the kiosk offers has a Polish name.
    auto polish = t.services.setup.hub_services(*kiosk, demo->hub_id, "pl");
    REQUIRE(polish);
    REQUIRE(polish->size() == 5);
    for (const auto& s : *polish) {
        CHECK(s.name_lang == "pl");
        CHECK_FALSE(s.description.empty());
    }
    CHECK(std::any_of(polish->begin(), polish->end(), [](const auto& s) { return s.name == "Masaż niemowląt"; }));

    // The full baby massage session: no place left.
    auto full = t.db.read([&](storage::Connection& c) {
        auto s = storage::find_session(c, demo->full_session_id);
        return std::pair{s->capacity, storage::live_bookings_in_session(c, s->id)};
    });
    CHECK(full.first == 8);
    CHECK(full.second == 8);

    // Hannah Whitfield is on leave next week (Monday to Friday).
    for (const auto& s : *staff)
        if (s.name == "Hannah Whitfield") {
            auto leave = t.services.setup.absences(t.admin, s.id);
            REQUIRE(leave->size() == 1);
            CHECK(leave->front().from_date == "2027-03-29");
            CHECK(leave->front().to_date == "2027-04-02");
        }

    auto second = load_demo(t.services, t.clock);
    REQUIRE_FALSE(second);
    CHECK(second.error().code == ErrorCode::conflict);
    CHECK(t.services.setup.list_hubs(t.admin)->size() == 1);
}

TEST_CASE("every day of the week has a real day of appointments") {
    // 2027-03-22 is a Monday; the Sunday is 2027-03-28, the day the clocks go forward.
    for (int day = 0; day < 7; ++day) {
        auto date = shared::add_days(*shared::parse_date("2027-03-22"), day);
        // 10:25, the moment the demo's script shows: some seen, some waiting, most to come.
        auto now = shared::local_to_instant(shared::find_zone("Europe/London"), date, shared::Minutes{10 * 60 + 25});
        CAPTURE(shared::format_date(date));
        ServiceHarness t;
        t.clock.set(now);
        auto demo = load_demo(t.services, t.clock);
        REQUIRE_MESSAGE(demo, (demo ? "" : demo.error().message));
        CHECK(demo->bookings_today >= 8);

        const auto* zone = shared::find_zone("Europe/London");
        auto rows = all_bookings(t.db);
        std::set<std::string> statuses;
        std::map<Id, std::vector<storage::WorkingHoursRow>> hours;
        int history = 0;
        for (const auto& r : rows) {
            if (r.session) continue;
            if (shared::local_date(zone, r.start) != date) {
                // Families seen here before: five weeks ago, and done with.
                CHECK(shared::local_date(zone, r.start) == shared::add_days(date, -35));
                CHECK((r.status == "seen" || r.status == "was_not_brought"));
                ++history;
                continue;
            }
            statuses.insert(r.status);
            if (r.status == "cancelled") continue;
            // On the practitioner's hours that weekday.
            if (!hours.count(r.staff)) hours[r.staff] = *t.services.setup.working_hours(t.admin, r.staff);
            auto from = shared::local_time_of_day(zone, r.start).count();
            auto to = shared::local_time_of_day(zone, r.end).count();
            bool on_hours = false;
            for (const auto& h : hours[r.staff])
                on_hours |= h.weekday == shared::iso_weekday(date) && h.start_min <= from && to <= h.end_min;
            CHECK_MESSAGE(on_hours, "booking " << r.id << " is off its practitioner's hours");
            // Never two at once for one practitioner or one room.
            for (const auto& o : rows) {
                if (o.id == r.id || o.session || o.status == "cancelled") continue;
                bool overlap = r.start < o.end && o.start < r.end;
                CHECK_FALSE((overlap && o.staff == r.staff));
                CHECK_FALSE((overlap && o.room == r.room));
            }
            if (r.status == "was_not_brought") CHECK(r.child);
        }
        for (const char* s : {"booked", "arrived", "seen", "was_not_brought", "cancelled"}) {
            CAPTURE(s);
            CHECK(statuses.count(s) == 1);
        }
        CHECK(history >= 4); // not every family is on a first visit
    }
}

TEST_CASE("made at any hour, the demo's day is one that could have happened by then") {
    const auto* zone = shared::find_zone("Europe/London");
    auto date = *shared::parse_date("2027-03-24"); // a Wednesday
    for (int hour : {7, 13, 21}) {
        CAPTURE(hour);
        auto now = shared::local_to_instant(zone, date, shared::Minutes{hour * 60});
        ServiceHarness t;
        t.clock.set(now);
        REQUIRE(load_demo(t.services, t.clock));
        int waiting = 0, arrived_today = 0;
        for (const auto& r : all_bookings(t.db)) {
            if (r.session || shared::local_date(zone, r.start) != date) continue;
            bool came = r.status == "arrived" || r.status == "in_progress" || r.status == "seen";
            if (came) ++arrived_today;
            // Nobody has come for a time still ahead; nobody is still waiting long after theirs ended.
            if (r.start > now + std::chrono::minutes{5}) CHECK_FALSE(came);
            if (r.status == "arrived" || r.status == "in_progress") {
                ++waiting;
                CHECK(r.end + std::chrono::minutes{45} >= now);
            }
        }
        if (hour == 7) CHECK(arrived_today == 0);
        if (hour == 21) CHECK(waiting == 0);
        if (hour >= 13) CHECK(arrived_today >= 5);
    }
}

TEST_CASE("made at any hour, every status in the demo came through a move the status table allows") {
    const auto* zone = shared::find_zone("Europe/London");
    auto date = *shared::parse_date("2027-03-24");
    for (int hour : {7, 10, 13, 21}) {
        CAPTURE(hour);
        ServiceHarness t;
        t.clock.set(shared::local_to_instant(zone, date, shared::Minutes{hour * 60 + 7}));
        REQUIRE(load_demo(t.services, t.clock));
        int moves = 0;
        for (const auto& r : all_bookings(t.db)) {
            auto history = t.db.read([&](storage::Connection& c) {
                storage::Statement s(c, "SELECT status, at FROM booking_history WHERE booking_id = ? ORDER BY id");
                s.bind(1, r.id);
                std::vector<std::pair<std::string, shared::Instant>> out;
                while (s.step()) out.emplace_back(s.text(0), shared::Instant{std::chrono::seconds{s.integer(1)}});
                return out;
            });
            REQUIRE_FALSE(history.empty());
            for (size_t i = 1; i < history.size(); ++i) {
                const auto& [from, _] = history[i - 1];
                const auto& [to, when] = history[i];
                CAPTURE(from);
                CAPTURE(to);
                domain::StatusMove m;
                m.current = *domain::parse_status(from);
                m.for_child = r.child.has_value();
                m.started = r.start <= when;
                m.day_reached = date::sys_days{shared::local_date(zone, r.start)} <=
                                date::sys_days{shared::local_date(zone, when)};
                m.who = domain::Mover::desk;
                auto request = to == "was_not_brought" || to == "did_not_attend" ? std::string{"missed"} : to;
                auto next = domain::next_status(m, request);
                CHECK(next);
                if (next) CHECK(domain::status_name(*next) == to);
                ++moves;
            }
        }
        if (hour >= 10) CHECK(moves > 0);
    }
}

TEST_CASE("the demo drives the day view, a kiosk check-in and a full session's waitlist") {
    ServerHarness t("2027-03-24T10:25:00Z"); // Wednesday, 10:25 in London
    auto demo = load_demo(t.services(), t.clock());
    REQUIRE_MESSAGE(demo, (demo ? "" : demo.error().message));
    auto hub = std::to_string(demo->hub_id);
    auto reception = t.login("reception", "reception-demo-1");
    const auto& kiosk = demo->kiosk_token;

    auto day = t.get("/api/v1/hubs/" + hub + "/day?date=2027-03-24", reception);
    REQUIRE_MESSAGE(day.status == 200, day.text);
    std::multiset<std::string> statuses;
    bool arrival_time = false;
    for (const auto& a : day.body["appointments"]) {
        statuses.insert(a["status"].get<std::string>());
        if (a["status"] == "arrived") arrival_time |= a.contains("arrived_at");
    }
    CHECK(day.body["appointments"].size() >= 14);
    for (const char* s : {"booked", "arrived", "seen", "was_not_brought", "cancelled"}) {
        CAPTURE(s);
        CHECK(statuses.count(s) >= 1);
    }
    CHECK(arrival_time);

    // Sofia Ferreira (born 1996-01-30) checks in at the kiosk for her 11:00.
    auto in = t.post("/api/v1/checkins", json{{"hub_id", demo->hub_id}, {"date_of_birth", "1996-01-30"}, {"surname_initial", "F"}},
                     kiosk);
    REQUIRE_MESSAGE(in.status == 200, in.text);
    REQUIRE(in.body["checked_in"].size() == 1);
    CHECK(in.body["checked_in"][0]["service_name"] == "Antenatal appointment");
    CHECK(in.body["checked_in"][0]["start"] == "2027-03-24T11:00:00+00:00");

    // The next baby massage is full: offered with no place left, and the waitlist takes a family.
    auto services = t.get("/api/v1/hubs/" + hub + "/services", kiosk);
    REQUIRE(services.status == 200);
    Id massage = 0;
    for (const auto& s : services.body["services"])
        if (s["name"] == "Baby massage") massage = s["id"];
    REQUIRE(massage != 0);
    auto slots = t.get("/api/v1/availability?hub_id=" + hub + "&service_id=" + std::to_string(massage) +
                           "&from=2027-03-24&to=2027-03-31",
                       kiosk);
    REQUIRE_MESSAGE(slots.status == 200, slots.text);
    REQUIRE(slots.body["slots"].size() >= 1);
    CHECK(slots.body["slots"][0]["session_id"] == demo->full_session_id);
    CHECK(slots.body["slots"][0]["places_left"] == 0);
    auto wait = t.post("/api/v1/waitlist",
                       json{{"hub_id", demo->hub_id}, {"service_id", massage}, {"session_id", demo->full_session_id},
                            {"client", {{"first_name", "Zainab"}, {"last_name", "Ali"}, {"date_of_birth", "1995-05-05"}}},
                            {"child", {{"first_name", "Adam"}, {"date_of_birth", "2027-01-02"}}}},
                       kiosk);
    CHECK_MESSAGE(wait.status == 201, wait.text);
    CHECK(wait.body["status"] == "waiting");
}
}

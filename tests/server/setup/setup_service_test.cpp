// SetupService through a temporary database: what it stores, the errors it names, and
// group series that keep their local time across the clock changes.
#include <doctest/doctest.h>

#include "server/services/diary.hpp"
#include "server/storage/setup_repo.hpp"
#include "tests/server/setup/setup_harness.hpp"

using namespace frontdoor;
using namespace frontdoor::server;
using frontdoor::setup_test::at;
using frontdoor::setup_test::ServiceHarness;

namespace {

shared::Minutes hm(int h, int m) { return shared::Minutes{h * 60 + m}; }

struct SmallHub {
    Id hub = 0;
    Id room = 0;
    Id hall = 0;
    Id midwife = 0;
    Id group = 0;
};

SmallHub small_hub(ServiceHarness& t) {
    SmallHub s;
    auto& setup = t.services.setup;
    s.hub = setup.create_hub(t.admin, {"Northside Hub"})->id;
    s.room = setup.create_room(t.admin, s.hub, {"Room 1"})->id;
    s.hall = setup.create_room(t.admin, s.hub, {"Hall", 30})->id;
    s.midwife = setup.create_staff(t.admin, {"Ada Midwife", "midwife", s.hub})->id;
    s.group = setup.create_service(t.admin, {"Parenting", "group", 120, std::nullopt, 12})->id;
    return s;
}

std::vector<std::string> starts(ServiceHarness& t, Id hub, const char* from, const char* to) {
    auto list = t.services.setup.hub_sessions(t.admin, hub, *shared::parse_date(from), *shared::parse_date(to));
    REQUIRE(list);
    std::vector<std::string> out;
    for (const auto& v : *list) out.push_back(v.start);
    return out;
}

} // namespace

TEST_SUITE("server.setup") {
TEST_CASE("hubs default to Europe/London and refuse unknown zones") {
    ServiceHarness t;
    auto hub = t.services.setup.create_hub(t.admin, {"Riverside"});
    REQUIRE(hub);
    CHECK(hub->timezone == "Europe/London");
    auto bad = t.services.setup.create_hub(t.admin, {"Olympus", "Mars/Olympus_Mons"});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::invalid_field);
    CHECK(bad.error().field == "timezone");
    CHECK(t.services.setup.list_hubs(t.admin)->size() == 1);
    CHECK(t.services.setup.create_room(t.admin, 999, {"Nowhere"}).error().code == ErrorCode::not_found);
}

TEST_CASE("staff: hashed password, unique username, admin access only from an admin") {
    ServiceHarness t;
    auto s = small_hub(t);
    StaffInput in{"Priya Sharma", "health_visitor", s.hub, "priya", "priya-password-1", "practitioner"};
    auto made = t.services.setup.create_staff(t.admin, in);
    REQUIRE(made);
    CHECK(made->username == std::optional<std::string>{"priya"});
    auto login = t.services.auth.login("priya", "priya-password-1", "127.0.0.1");
    REQUIRE(login);
    CHECK(login->role == Role::practitioner);

    auto again = t.services.setup.create_staff(t.admin, in);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::conflict);
    CHECK(again.error().field == "username");

    Principal manager{Role::manager, Id{2}};
    auto escalate = t.services.setup.create_staff(manager, {"Eve", "manager", s.hub, "eve", "eve-password-1", "admin"});
    CHECK(escalate.error().code == ErrorCode::forbidden);
    auto no_password = t.services.setup.create_staff(t.admin, {"Sam", "midwife", s.hub, "sam"});
    CHECK(no_password.error().field == "password");
    auto bad_role = t.services.setup.create_staff(t.admin, {"Sam", "Midwife!", s.hub});
    CHECK(bad_role.error().field == "role");
}

TEST_CASE("working hours: replaced whole, breaks are gaps, overlaps name the later range") {
    ServiceHarness t;
    auto s = small_hub(t);
    auto& setup = t.services.setup;
    std::vector<WorkingRangeInput> pattern = {
        {s.hub, 1, hm(13, 30), hm(17, 0)}, {s.hub, 1, hm(9, 0), hm(12, 30)}, {std::nullopt, 3, hm(9, 0), hm(13, 0)}};
    auto stored = setup.set_working_hours(t.admin, s.midwife, pattern);
    REQUIRE(stored);
    REQUIRE(stored->size() == 3);
    CHECK((*stored)[0].start_min == 9 * 60); // sorted by day and time
    CHECK((*stored)[2].hub_id == s.hub);     // the staff member's hub when not given

    SUBCASE("overlap starting inside another range") {
        auto r = setup.set_working_hours(t.admin, s.midwife,
                                         {{s.hub, 2, hm(9, 0), hm(12, 30)}, {s.hub, 2, hm(12, 0), hm(15, 0)}});
        CHECK(r.error().code == ErrorCode::invalid_field);
        CHECK(r.error().field == "[1].start");
    }
    SUBCASE("overlap ending inside another range") {
        auto r = setup.set_working_hours(
            t.admin, s.midwife,
            {{s.hub, 1, hm(9, 0), hm(10, 0)}, {s.hub, 2, hm(12, 0), hm(15, 0)}, {s.hub, 2, hm(10, 0), hm(12, 30)}});
        CHECK(r.error().field == "[2].end");
    }
    SUBCASE("end before start, weekday out of range, unknown hub") {
        CHECK(setup.set_working_hours(t.admin, s.midwife, {{s.hub, 1, hm(9, 0), hm(12, 0)}, {s.hub, 1, hm(14, 0), hm(13, 0)}})
                  .error()
                  .field == "[1].end");
        CHECK(setup.set_working_hours(t.admin, s.midwife, {{s.hub, 8, hm(9, 0), hm(12, 0)}}).error().field == "[0].weekday");
        auto r = setup.set_working_hours(t.admin, s.midwife, {{Id{77}, 1, hm(9, 0), hm(12, 0)}});
        CHECK(r.error().code == ErrorCode::not_found);
        CHECK(r.error().field == "[0].hub_id");
    }
    // A refused pattern changes nothing.
    CHECK(setup.working_hours(t.admin, s.midwife)->size() == 3);
    CHECK(setup.working_hours(t.admin, 9999).error().code == ErrorCode::not_found);
}

TEST_CASE("absences are inclusive date ranges, to not before from") {
    ServiceHarness t;
    auto s = small_hub(t);
    auto d = [](const char* text) { return *shared::parse_date(text); };
    auto a = t.services.setup.add_absence(t.admin, s.midwife, {d("2027-04-05"), d("2027-04-05"), "Training"});
    REQUIRE(a);
    CHECK(a->from_date == "2027-04-05");
    auto bad = t.services.setup.add_absence(t.admin, s.midwife, {d("2027-04-09"), d("2027-04-05")});
    CHECK(bad.error().field == "to");
    CHECK(t.services.setup.absences(t.admin, s.midwife)->size() == 1);
}

TEST_CASE("services: an appointment needs a role, a group a capacity") {
    ServiceHarness t;
    auto& setup = t.services.setup;
    CHECK(setup.create_service(t.admin, {"Scan", "appointment", 30}).error().field == "staff_role");
    CHECK(setup.create_service(t.admin, {"Group", "group", 60}).error().field == "capacity");
    CHECK(setup.create_service(t.admin, {"Yoga", "yoga", 60}).error().field == "kind");
    auto chat = setup.create_service(t.admin, {"Chat", "appointment", 60, "family_worker", std::nullopt, true, false, true});
    REQUIRE(chat);
    CHECK(chat->discreet);
    auto review = setup.create_service(t.admin, {"Review", "appointment", 30, "health_visitor", std::nullopt, false});
    REQUIRE(review);
    auto drop_in = setup.create_service(t.admin, {"Drop-in", "appointment", 30, "family_worker"});
    REQUIRE(drop_in);

    auto hub = setup.create_hub(t.admin, {"A"})->id;
    auto other = setup.create_hub(t.admin, {"B"})->id;
    Principal kiosk{Role::kiosk, std::nullopt, Id{1}, hub};
    // Nobody works at A yet: a kiosk there has nothing it could book.
    CHECK(setup.hub_services(kiosk, hub)->empty());
    auto worker = setup.create_staff(t.admin, {"Sam Okoro", "family_worker", hub});
    REQUIRE(worker);
    REQUIRE(setup.set_working_hours(t.admin, worker->id, {{hub, 3, shared::Minutes{9 * 60}, shared::Minutes{12 * 60}}}));
    auto seen = setup.hub_services(kiosk, hub);
    REQUIRE(seen);
    REQUIRE(seen->size() == 1);
    CHECK(seen->front().name == "Drop-in"); // Chat is discreet: staff book it, a kiosk never lists it
    CHECK(setup.hub_services(kiosk, other).error().code == ErrorCode::forbidden);
    CHECK(setup.hub_services(t.admin, hub)->size() == 3);
}

TEST_CASE("sessions: group services only, rooms of the hub, no double-booked room") {
    ServiceHarness t;
    auto s = small_hub(t);
    auto& setup = t.services.setup;
    auto appointment = setup.create_service(t.admin, {"Scan", "appointment", 30, "midwife"})->id;
    auto other_hub = setup.create_hub(t.admin, {"Elsewhere"})->id;
    auto far_room = setup.create_room(t.admin, other_hub, {"Far"})->id;
    auto start = at("2027-04-07T10:00:00+01:00");

    CHECK(setup.create_sessions(t.admin, {appointment, s.hub, s.hall, std::nullopt, start}).error().field == "service_id");
    CHECK(setup.create_sessions(t.admin, {s.group, s.hub, far_room, std::nullopt, start}).error().field == "room_id");
    CHECK(setup.create_sessions(t.admin, {s.group, s.hub, s.hall, std::nullopt, start, std::nullopt, 53}).error().field ==
          "repeat_weekly");
    auto one = setup.create_sessions(t.admin, {s.group, s.hub, s.hall, s.midwife, start});
    REQUIRE(one);
    CHECK(one->size() == 1);
    auto stored = t.db.read([&](storage::Connection& c) { return storage::find_session(c, one->front()); });
    CHECK(stored->capacity == 12); // the service's
    CHECK_FALSE(stored->series_id);

    auto clash = setup.create_sessions(t.admin, {s.group, s.hub, s.hall, std::nullopt, start + std::chrono::hours{1}});
    CHECK(clash.error().code == ErrorCode::conflict);
    // One place, as the room holds one: more would be refused on capacity first.
    auto leader_busy = setup.create_sessions(t.admin, {s.group, s.hub, s.room, s.midwife, start, 1});
    CHECK(leader_busy.error().field == "staff_id");
    auto crowded = setup.create_sessions(t.admin, {s.group, s.hub, s.room, std::nullopt, start + std::chrono::hours{3}});
    CHECK(crowded.error().field == "capacity");
}

TEST_CASE("a weekly series keeps its local wall-clock time across the clock changes") {
    ServiceHarness t("2027-03-01T09:00:00Z");
    auto s = small_hub(t);
    auto& setup = t.services.setup;

    SUBCASE("March: GMT to BST on 2027-03-28") {
        auto ids = setup.create_sessions(t.admin, {s.group, s.hub, s.hall, std::nullopt, at("2027-03-21T10:00:00Z"),
                                                   std::nullopt, 3});
        REQUIRE(ids);
        CHECK(ids->size() == 3);
        CHECK(starts(t, s.hub, "2027-03-01", "2027-04-30") ==
              std::vector<std::string>{"2027-03-21T10:00:00+00:00", "2027-03-28T10:00:00+01:00",
                                       "2027-04-04T10:00:00+01:00"});
        auto rows = t.db.read([&](storage::Connection& c) {
            return storage::hub_sessions_between(c, s.hub, at("2027-03-01T00:00:00Z"), at("2027-05-01T00:00:00Z"));
        });
        for (const auto& r : rows) {
            CHECK(r.series_id == std::optional<Id>{ids->front()});
            CHECK(r.end - r.start == std::chrono::minutes{120});
        }
        CHECK(rows[1].start == at("2027-03-28T09:00:00Z"));
    }
    SUBCASE("October: BST to GMT on 2027-10-31") {
        auto ids = setup.create_sessions(t.admin, {s.group, s.hub, s.hall, std::nullopt,
                                                   at("2027-10-24T10:00:00+01:00"), 6, 3});
        REQUIRE(ids);
        CHECK(starts(t, s.hub, "2027-10-01", "2027-11-30") ==
              std::vector<std::string>{"2027-10-24T10:00:00+01:00", "2027-10-31T10:00:00+00:00",
                                       "2027-11-07T10:00:00+00:00"});
    }
}

TEST_CASE("kiosks: listed without tokens, revoked for good") {
    ServiceHarness t;
    auto s = small_hub(t);
    auto k = t.services.auth.create_kiosk(t.admin, s.hub, "Front desk");
    REQUIRE(k);
    auto p = t.services.auth.resolve(k->token);
    REQUIRE(p);
    auto me = t.services.setup.kiosk_me(*p);
    REQUIRE(me);
    CHECK(me->hub.name == "Northside Hub");
    CHECK(me->hub.timezone == "Europe/London");
    CHECK(t.services.setup.kiosk_me(*p)->name == "Front desk"); // asked again: the same
    CHECK(t.services.setup.kiosk_me(t.admin).error().code == ErrorCode::forbidden);
    auto revoked = t.services.setup.revoke_kiosk(t.admin, k->id);
    REQUIRE(revoked);
    CHECK(revoked->revoked);
    CHECK_FALSE(t.services.auth.resolve(k->token));
    // Nothing remembered outlives the revocation, even for a caller still holding the principal.
    CHECK(t.services.setup.kiosk_me(*p).error().code == ErrorCode::unauthenticated);
    CHECK(t.services.setup.revoke_kiosk(t.admin, 42).error().code == ErrorCode::not_found);
}

TEST_CASE("every set-up change leaves an audit line") {
    ServiceHarness t;
    small_hub(t);
    auto lines = t.db.read([](storage::Connection& c) {
        storage::Statement s(c, "SELECT action FROM audit ORDER BY id");
        std::vector<std::string> out;
        while (s.step()) out.push_back(s.text(0));
        return out;
    });
    CHECK(lines == std::vector<std::string>{"hub.create", "room.create", "room.create", "staff.create", "service.create"});
}

TEST_CASE("diary: a practitioner reads only their own") {
    ServiceHarness t;
    auto s = small_hub(t);
    auto other = t.services.setup.create_staff(t.admin, {"Bea", "midwife", s.hub})->id;
    Principal self{Role::practitioner, s.midwife};
    CHECK(staff_diary_ics(t.services.ctx, self, s.midwife));
    CHECK(staff_diary_ics(t.services.ctx, self, other).error().code == ErrorCode::forbidden);
    CHECK(staff_diary_ics(t.services.ctx, t.admin, 4242).error().code == ErrorCode::not_found);
    Principal kiosk{Role::kiosk, std::nullopt, Id{1}, s.hub};
    CHECK(staff_diary_ics(t.services.ctx, kiosk, s.midwife).error().code == ErrorCode::forbidden);
}
}

TEST_CASE("the audit line of a staff read is written without making the caches stale; a change makes them stale") {
    // Caches (signed-in tokens, availability) are dropped when generation() moves: a day
    // view read every few seconds on a staff page must not empty the kiosks' caches.
    ServiceHarness t;
    auto before = t.db.generation();
    auto read = t.services.audit.record_read(t.admin, "read.day", {.hub_id = Id{1}, .detail = "2027-03-24"});
    REQUIRE(read);
    CHECK(t.db.generation() == before);
    auto lines = t.db.read([](server::storage::Connection& c) {
        server::storage::Statement s(c, "SELECT COUNT(*) FROM audit WHERE action = 'read.day' AND is_read = 1");
        s.step();
        return s.integer(0);
    });
    CHECK(lines == 1); // written all the same

    REQUIRE(t.services.setup.create_hub(t.admin, {"Northside Hub"}));
    CHECK(t.db.generation() > before);
}

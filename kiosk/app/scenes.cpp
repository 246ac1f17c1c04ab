#include "kiosk/app/scenes.hpp"

#include "kiosk/core/dates.hpp"
#include "shared/api_client.hpp"

namespace frontdoor::kiosk {

namespace {

const char* kToday = "2026-11-23";

void type(KioskState& s, Field f, const char* text) { s.buffers[f].append(text); }

std::vector<wire::ServiceSummary> demo_services() {
    return {
        {1, "Health visitor check", "appointment", 30, true, false, "For parents of children under 5"},
        {3, "Baby massage", "group", 60, true, false, "For babies from 6 weeks, with a parent"},
        {4, "Family support chat", "appointment", 45, false, false, "For any family who would like a talk"},
    };
}

std::vector<wire::Slot> demo_slots(bool group) {
    std::vector<wire::Slot> slots;
    for (int d = 0; d < 21; ++d) {
        std::string day = add_days(kToday, d);
        int wd = weekday_of(day);
        if (wd >= 6 || d % 5 == 3) continue;
        const char* times[] = {"09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00", "15:30"};
        for (int i = 0; i < (group ? 2 : 11); ++i) {
            if (!group && (i + d) % 4 == 0) continue;
            std::string t = group ? (i ? "13:30" : "10:00") : times[i];
            wire::Slot s{day + "T" + t + ":00+00:00", day + "T" + t + ":00+00:00", 1, 1, std::nullopt,
                         group ? (d == 0 && i == 0 ? 0 : 3 + i) : 1};
            if (group) s.session_id = 100 + d * 2 + i;
            slots.push_back(s);
        }
    }
    return slots;
}

void booking_details(KioskState& s) {
    s.booking.services = demo_services();
    s.booking.service = s.booking.services[0];
    s.booking.slots = demo_slots(false);
    s.booking.from = kToday;
    s.booking.to = add_days(kToday, 20);
    s.booking.day = kToday;
    s.booking.slot = s.booking.slots[1];
    type(s, Field::first_name, "Aisha");
    type(s, Field::last_name, "O'Connor-Nowak");
    type(s, Field::client_day, "7");
    type(s, Field::client_month, "3");
    type(s, Field::client_year, "1992");
    type(s, Field::child_first_name, "Zofia");
    type(s, Field::child_day, "14");
    type(s, Field::child_month, "8");
    type(s, Field::child_year, "2026");
    type(s, Field::phone, "07700 900123");
}

void entry(KioskState& s, Step step, Field focus) {
    s.screen = Screen::entry;
    s.step = step;
    s.focus = focus;
}

} // namespace

std::vector<Scene> screenshot_scenes() {
    std::vector<Scene> v;
    v.push_back({"01-welcome", [](KioskState&) {}});
    v.push_back({"02-welcome-polski-large-text", [](KioskState& s) { s.language = "pl"; s.large_text = true; }});
    v.push_back({"03-welcome-offline", [](KioskState& s) { s.connection = Connection::offline; }});
    v.push_back({"05-reference", [](KioskState& s) {
        entry(s, Step::checkin_reference, Field::reference);
        type(s, Field::reference, "K7M2");
    }});
    v.push_back({"06-date-of-birth", [](KioskState& s) {
        s.screen = Screen::welcome; // the first screen's keypad, part typed
        s.step = Step::checkin_dob;
        s.focus = Field::dob_year;
        type(s, Field::dob_day, "12");
        type(s, Field::dob_month, "03");
        type(s, Field::dob_year, "19");
    }});
    v.push_back({"07-initial-romana", [](KioskState& s) {
        s.language = "ro";
        entry(s, Step::checkin_initial, Field::initial);
    }});
    v.push_back({"08-checked-in", [](KioskState& s) {
        s.screen = Screen::checkin_result;
        s.checkin_answer = CheckinAnswer::checked_in;
        s.checked_in = {{11, std::string(kToday) + "T10:30:00+00:00", "Health visitor check",
                         "Room 2 \xE2\x80\x94 the Blue Room", std::string("Anna"), false}};
    }});
    v.push_back({"09-checked-in-discreet-ukrainska", [](KioskState& s) {
        s.language = "uk";
        s.screen = Screen::checkin_result;
        s.checkin_answer = CheckinAnswer::checked_in;
        s.checked_in = {{12, std::string(kToday) + "T11:00:00+00:00", "Sexual health clinic",
                         "Room 5 \xE2\x80\x94 the Garden Room", std::nullopt, true}};
    }});
    v.push_back({"10-not-found", [](KioskState& s) {
        s.screen = Screen::checkin_result;
        s.checkin_answer = CheckinAnswer::no_match;
    }});
    v.push_back({"11-ambiguous", [](KioskState& s) {
        entry(s, Step::checkin_reference, Field::reference);
        s.field_error = "checkin.ambiguous";
    }});
    v.push_back({"12-services", [](KioskState& s) {
        s.screen = Screen::services;
        s.booking.services = demo_services();
    }});
    v.push_back({"13-days", [](KioskState& s) {
        booking_details(s);
        s.buffers.wipe_all();
        s.screen = Screen::days;
    }});
    v.push_back({"14-times-taken", [](KioskState& s) {
        booking_details(s);
        s.buffers.wipe_all();
        s.booking.slot_taken_notice = true;
        s.screen = Screen::times;
    }});
    v.push_back({"15-times-group-full", [](KioskState& s) {
        booking_details(s);
        s.buffers.wipe_all();
        s.booking.service = s.booking.services[1];
        s.booking.slots = demo_slots(true);
        s.screen = Screen::times;
    }});
    v.push_back({"16-name-ukrainska", [](KioskState& s) {
        s.language = "uk";
        entry(s, Step::client_name, Field::last_name);
        type(s, Field::first_name, "Олена");
        type(s, Field::last_name, "Ковал");
    }});
    v.push_back({"17-name-polski", [](KioskState& s) {
        s.language = "pl";
        entry(s, Step::client_name, Field::first_name);
        type(s, Field::first_name, "Łukasz");
    }});
    v.push_back({"18-phone-error", [](KioskState& s) {
        entry(s, Step::phone, Field::phone);
        type(s, Field::phone, "0123");
        s.field_error = "error.phone";
    }});
    v.push_back({"19-review", [](KioskState& s) {
        booking_details(s);
        s.screen = Screen::review;
    }});
    v.push_back({"20-confirmation", [](KioskState& s) {
        booking_details(s);
        s.buffers.wipe_all();
        s.booking.confirmation = wire::BookingConfirmation{
            41, "K7M2QX9B", "booked", std::string(kToday) + "T09:30:00+00:00", std::string(kToday) + "T10:00:00+00:00",
            {2, "Room 2 \xE2\x80\x94 the Blue Room"}, wire::Ref{3, "Anna Jones"}, {1, "Health visitor check"}};
        s.screen = Screen::confirmation;
        s.answer_closes_at = 117.4; // the walker draws at now = 100: "closes in 18 seconds"
    }});
    v.push_back({"21-waitlist-done-portugues", [](KioskState& s) {
        s.language = "pt";
        booking_details(s);
        s.buffers.wipe_all();
        s.booking.service = s.booking.services[1];
        s.booking.waitlist_entry = wire::WaitlistEntry{5, 3, "waiting", {}, {}, {}};
        s.screen = Screen::waitlist_done;
    }});
    v.push_back({"22-offline", [](KioskState& s) {
        s.screen = Screen::problem;
        s.problem = Problem::offline;
        s.connection = Connection::offline;
    }});
    v.push_back({"23-timeout", [](KioskState& s) {
        s.screen = Screen::problem;
        s.problem = Problem::timeout;
    }});
    v.push_back({"24-still-there", [](KioskState& s) {
        entry(s, Step::client_name, Field::first_name);
        s.asking_still_there = true;
        s.still_there_deadline = 107.2; // the walker draws at now = 100
    }});
    v.push_back({"25-staff-pin", [](KioskState& s) {
        entry(s, Step::staff_pin, Field::staff_pin);
        type(s, Field::staff_pin, "12");
    }});
    v.push_back({"26-staff", [](KioskState& s) {
        s.screen = Screen::staff;
        s.last_errors = {"10:21 unavailable: cannot reach the server: Connection",
                         "10:20 unavailable: cannot reach the server: timed out"};
    }});
    v.push_back({"27-busy", [](KioskState& s) {
        booking_details(s);
        s.screen = Screen::review;
        s.request = RequestState{RequestPhase::pending, 99.0};
    }});
    v.push_back({"28-days-large-text", [](KioskState& s) {
        booking_details(s);
        s.buffers.wipe_all();
        s.large_text = true;
        s.screen = Screen::days;
    }});
    v.push_back({"29-name-polski-large-text", [](KioskState& s) {
        s.language = "pl";
        s.large_text = true;
        entry(s, Step::client_name, Field::first_name);
        type(s, Field::first_name, "Łukasz");
        s.field_error = "error.name";
    }});
    v.push_back({"30-review-large-text", [](KioskState& s) {
        booking_details(s);
        s.large_text = true;
        s.screen = Screen::review;
    }});
    v.push_back({"31-welcome-header-ukrainska", [](KioskState& s) { s.language = "uk"; }});
    v.push_back({"32-services-polski", [](KioskState& s) {
        s.language = "pl";
        s.screen = Screen::services;
        s.booking.services = {
            {1, "Wizyta położnej środowiskowej", "appointment", 30, true, false, "Dla rodziców dzieci do 5 lat", "pl"},
            {3, "Masaż niemowląt", "group", 60, true, false, "Dla niemowląt od 6 tygodni z rodzicem", "pl"},
            {4, "Family support chat", "appointment", 45, false, false, "For any family who would like a talk", "en"},
        };
    }});
    v.push_back({"33-checked-in-late", [](KioskState& s) {
        s.screen = Screen::checkin_result;
        s.checkin_answer = CheckinAnswer::checked_in;
        wire::CheckedIn c{11, std::string(kToday) + "T10:30:00+00:00", "Health visitor check",
                          "Room 2 \xE2\x80\x94 the Blue Room", std::string("Anna"), false};
        c.late = true;
        c.minutes_late = 22;
        s.checked_in = {c};
        s.answer_closes_at = 117.4; // the walker draws at now = 100
    }});
    v.push_back({"34-staff-untrusted-certificate", [](KioskState& s) {
        s.screen = Screen::staff;
        s.me.reset(); // it never got an answer
        s.connection = Connection::offline;
        s.server_url = "https://hub.example.org";
        s.connection_note = std::string(shared::kUntrustedCertificate);
        s.last_errors = {"10:21 " + s.connection_note, "10:21 " + s.connection_note};
    }});
    v.push_back({"35-out-of-order", [](KioskState& s) {
        s.me.reset(); // it never asked
        s.connection = Connection::offline;
        s.server_url = "http://192.0.2.1:8080";
        s.out_of_order = "The server address must start with https:// (plain http:// is only for this machine: "
                         "127.0.0.1 or localhost)";
    }});
    v.push_back({"36-staff-out-of-order", [](KioskState& s) {
        s.screen = Screen::staff;
        s.me.reset(); // it never asked
        s.connection = Connection::offline;
        s.server_url = "http://192.0.2.1:8080";
        s.out_of_order = "The server address must start with https:// (plain http:// is only for this machine: "
                         "127.0.0.1 or localhost)";
        s.last_errors = {"10:20 " + s.out_of_order};
    }});
    return v;
}

} // namespace frontdoor::kiosk

// The controller's requests: each runs on the worker and is answered on the UI thread.
#include <cstdio>
#include <type_traits>

#include "kiosk/core/controller.hpp"
#include "kiosk/core/dates.hpp"
#include "shared/validate.hpp"

namespace frontdoor::kiosk {

using shared::ErrorCode;
using shared::Result;

template <class T, class Call, class Handle>
void Controller::run(Call call, Handle handle, bool background) {
    std::uint64_t visit = state_.visit;
    if (!background) state_.request = RequestState{RequestPhase::pending, seconds_()};
    shared::ApiClient api = api_;
    api.set_language(state_.language); // names come in the language on screen
    auto deliver = [this, visit, handle, background](Result<T> result) {
        mailbox_.post([this, visit, handle, background, result = std::move(result)]() {
            if (!background) {
                if (visit != state_.visit) return false; // the visit ended: forget the answer
                state_.request.phase = result ? RequestPhase::done : RequestPhase::failed;
            }
            Connection before = state_.connection;
            bool had_hub = state_.me.has_value();
            std::string note_before = state_.connection_note;
            // Only a failed TLS handshake is worth a note; any other answer ends it.
            bool untrusted = !result && shared::is_untrusted_certificate(result.error());
            state_.connection_note = untrusted ? result.error().message : std::string();
            bool shown = false; // a background handler returning true changed the screen
            if constexpr (std::is_same_v<decltype(handle(result)), bool>) shown = handle(result);
            else handle(result);
            // A background answer that changes nothing on screen draws nothing.
            return !background || shown || before != state_.connection || had_hub != state_.me.has_value() ||
                   note_before != state_.connection_note;
        });
    };
    worker_.submit([api, call, deliver]() { deliver(call(api)); },
                   [deliver](const char* what) {
                       deliver(shared::make_error(ErrorCode::internal, what));
                   });
}

void Controller::remember_error(const std::string& what) {
    state_.last_errors.push_front(state_.clock_text + " " + what);
    while (state_.last_errors.size() > 10) state_.last_errors.pop_back();
}

void Controller::fail(const shared::Error& error, RetryKind kind) {
    remember_error(std::string(shared::error_code_name(error.code)) + ": " + error.message);
    state_.retry = kind;
    state_.screen = Screen::problem;
    if (error.code == ErrorCode::unavailable) {
        bool timed_out = error.message.find("timed out") != std::string::npos;
        state_.problem = timed_out ? Problem::timeout : Problem::offline;
        state_.connection = Connection::offline;
        next_probe_ = seconds_() + options_.offline_retry_seconds;
    } else {
        state_.problem = Problem::rejected;
    }
}

void Controller::probe() {
    probe_in_flight_ = true;
    run<wire::KioskMe>([](const shared::ApiClient& api) { return api.kiosk_me(); },
                       [this](const Result<wire::KioskMe>& r) {
                           probe_in_flight_ = false;
                           next_probe_ = seconds_() + options_.offline_retry_seconds;
                           if (r) {
                               state_.me = *r;
                               state_.connection = Connection::online;
                           } else {
                               if (r.error().code == ErrorCode::unavailable)
                                   state_.connection = Connection::offline;
                               remember_error(r.error().message);
                           }
                       },
                       true);
}

void Controller::retry() {
    switch (state_.retry) {
    case RetryKind::checkin_reference: check_in_by_reference(); break;
    case RetryKind::checkin_dob: check_in_by_dob(); break;
    case RetryKind::services: load_services(); break;
    case RetryKind::availability: load_availability(); break;
    case RetryKind::book: book(); break; // the same Idempotency-Key: never booked twice
    case RetryKind::waitlist: join_waitlist(); break;
    case RetryKind::none: reset_visit(); break;
    }
}

namespace {

bool unreachable_without_hub(const KioskState& s) { return !s.me; }

/// What a kiosk lists: never a discreet service, whatever a server sends.
std::vector<wire::ServiceSummary> visible_services(const std::vector<wire::ServiceSummary>& all) {
    std::vector<wire::ServiceSummary> out;
    for (const auto& sv : all)
        if (!sv.discreet) out.push_back(sv);
    return out;
}

shared::Error no_hub_error() {
    return shared::make_error(ErrorCode::unavailable, "the kiosk does not know its hub yet");
}

} // namespace


void Controller::check_in_by_reference() {
    auto reference = shared::normalise_reference(state_.buffers[Field::reference].view());
    if (!reference) {
        state_.screen = Screen::entry;
        state_.step = Step::checkin_reference;
        state_.field_error = "error.reference";
        return;
    }
    if (unreachable_without_hub(state_)) return fail(no_hub_error(), RetryKind::checkin_reference);
    wire::CheckinRequest req{state_.me->hub.id, *reference, std::nullopt, std::nullopt};
    run<std::vector<wire::CheckedIn>>(
        [req](const shared::ApiClient& api) { return api.check_in(req); },
        [this](const Result<std::vector<wire::CheckedIn>>& r) {
            state_.checking_scan = false;
            state_.connection = r || r.error().code != ErrorCode::unavailable
                                    ? Connection::online : Connection::offline;
            if (!show_checkin_answer(r)) fail(r.error(), RetryKind::checkin_reference);
        });
}

bool Controller::show_checkin_answer(const Result<std::vector<wire::CheckedIn>>& r) {
    if (r) {
        state_.checked_in = *r;
        state_.checkin_answer = CheckinAnswer::checked_in;
    } else if (r.error().code == ErrorCode::no_appointment_found || r.error().code == ErrorCode::not_found ||
               r.error().code == ErrorCode::rate_limited) {
        state_.checkin_answer = CheckinAnswer::no_match;
    } else {
        return false;
    }
    state_.buffers.wipe_all(); // nothing typed is needed any more
    show_answer(Screen::checkin_result);
    return true;
}

void Controller::check_in_by_dob() {
    auto& b = state_.buffers;
    std::string dob = compose_date(b[Field::dob_day].view(), b[Field::dob_month].view(),
                                   b[Field::dob_year].view());
    if (unreachable_without_hub(state_)) return fail(no_hub_error(), RetryKind::checkin_dob);
    wire::CheckinRequest req{state_.me->hub.id, std::nullopt, dob, b[Field::initial].str()};
    run<std::vector<wire::CheckedIn>>(
        [req](const shared::ApiClient& api) { return api.check_in(req); },
        [this](const Result<std::vector<wire::CheckedIn>>& r) {
            if (r) state_.connection = Connection::online;
            if (show_checkin_answer(r)) return;
            if (r.error().code == ErrorCode::ambiguous_match) {
                // Two families fit: ask for the booking reference instead.
                state_.buffers.wipe_all();
                state_.checkin_answer = CheckinAnswer::ambiguous;
                state_.screen = Screen::entry;
                state_.step = Step::checkin_reference;
                state_.focus = Field::reference;
                state_.field_error = "checkin.ambiguous";
            } else {
                fail(r.error(), RetryKind::checkin_dob);
            }
        });
}

void Controller::load_services() {
    if (unreachable_without_hub(state_)) return fail(no_hub_error(), RetryKind::services);
    auto hub = state_.me->hub.id;
    run<std::vector<wire::ServiceSummary>>(
        [hub](const shared::ApiClient& api) { return api.services(hub); },
        [this](const Result<std::vector<wire::ServiceSummary>>& r) {
            if (!r) return fail(r.error(), RetryKind::services);
            state_.connection = Connection::online;
            state_.booking.services = visible_services(*r);
            state_.screen = Screen::services;
        });
}

void Controller::refresh_names() {
    if (!state_.me || state_.booking.services.empty()) return;
    auto hub = state_.me->hub.id;
    std::uint64_t visit = state_.visit;
    std::string language = state_.language;
    run<std::vector<wire::ServiceSummary>>(
        [hub](const shared::ApiClient& api) { return api.services(hub); },
        [this, visit, language](const Result<std::vector<wire::ServiceSummary>>& r) {
            // A failure keeps the names shown; a later answer for another language loses.
            if (!r || visit != state_.visit || language != state_.language) return false;
            auto& b = state_.booking;
            b.services = visible_services(*r);
            if (b.service)
                for (const auto& sv : *r)
                    if (sv.id == b.service->id) b.service = sv; // the chosen one, renamed
            return true;
        },
        true);
}

void Controller::load_availability() {
    if (unreachable_without_hub(state_) || !state_.booking.service)
        return fail(no_hub_error(), RetryKind::availability);
    auto& b = state_.booking;
    b.from = today();
    b.to = add_days(b.from, options_.booking_days - 1);
    auto hub = state_.me->hub.id;
    auto service = b.service->id;
    auto from = b.from, to = b.to;
    run<std::vector<wire::Slot>>(
        [=](const shared::ApiClient& api) { return api.availability(hub, service, from, to); },
        [this](const Result<std::vector<wire::Slot>>& r) {
            if (!r) return fail(r.error(), RetryKind::availability);
            state_.connection = Connection::online;
            state_.booking.slots = *r;
            // After a taken time, show the fresh times of the same day.
            state_.screen = state_.booking.slot_taken_notice && !state_.booking.day.empty()
                                ? Screen::times : Screen::days;
        });
}

wire::ClientDetails Controller::client_details() const {
    const auto& b = state_.buffers;
    wire::ClientDetails c;
    c.first_name = std::string(b[Field::first_name].view());
    c.last_name = std::string(b[Field::last_name].view());
    c.date_of_birth = compose_date(b[Field::client_day].view(), b[Field::client_month].view(),
                                   b[Field::client_year].view());
    if (!b[Field::phone].empty()) {
        auto phone = shared::validate_uk_mobile(b[Field::phone].view(), "phone");
        if (phone) c.phone = *phone;
    }
    return c;
}

std::optional<wire::ChildDetails> Controller::child_details() const {
    if (!state_.booking.service || !state_.booking.service->needs_child) return std::nullopt;
    const auto& b = state_.buffers;
    return wire::ChildDetails{std::string(b[Field::child_first_name].view()),
                              compose_date(b[Field::child_day].view(), b[Field::child_month].view(),
                                           b[Field::child_year].view())};
}

std::string Controller::new_idempotency_key() {
    char buf[40];
    std::snprintf(buf, sizeof buf, "kiosk-%016llx%016llx",
                  static_cast<unsigned long long>(random_()),
                  static_cast<unsigned long long>(random_()));
    return buf;
}

void Controller::book() {
    auto& b = state_.booking;
    if (unreachable_without_hub(state_) || !b.service || !b.slot)
        return fail(no_hub_error(), RetryKind::book);
    if (b.idempotency_key.empty()) b.idempotency_key = new_idempotency_key();
    wire::BookingRequest req;
    req.hub_id = state_.me->hub.id;
    req.service_id = b.service->id;
    if (b.slot->session_id) req.session_id = b.slot->session_id;
    else req.start = b.slot->start;
    req.client = client_details();
    req.child = child_details();
    std::string key = b.idempotency_key;
    run<wire::BookingConfirmation>(
        [req, key](const shared::ApiClient& api) { return api.book(req, key); },
        [this](const Result<wire::BookingConfirmation>& r) {
            auto& b = state_.booking;
            if (r) {
                state_.connection = Connection::online;
                b.confirmation = *r;
                state_.buffers.wipe_all(); // the booking is made: forget what was typed
                show_answer(Screen::confirmation);
            } else if (r.error().code == ErrorCode::slot_unavailable) {
                // Taken meanwhile: say so kindly and show the times still free.
                b.slot_taken_notice = true;
                b.slot.reset();
                b.idempotency_key.clear();
                load_availability();
            } else {
                fail(r.error(), RetryKind::book);
            }
        });
}

void Controller::join_waitlist() {
    auto& b = state_.booking;
    if (unreachable_without_hub(state_) || !b.service) return fail(no_hub_error(), RetryKind::waitlist);
    wire::WaitlistRequest req;
    req.hub_id = state_.me->hub.id;
    req.service_id = b.service->id;
    if (b.slot && b.slot->session_id) req.session_id = b.slot->session_id;
    if (!b.slot) {
        req.from = b.from;
        req.to = b.to;
    }
    req.client = client_details();
    req.child = child_details();
    run<wire::WaitlistEntry>(
        [req](const shared::ApiClient& api) { return api.join_waitlist(req); },
        [this](const Result<wire::WaitlistEntry>& r) {
            if (!r) return fail(r.error(), RetryKind::waitlist);
            state_.connection = Connection::online;
            state_.booking.waitlist_entry = *r;
            state_.buffers.wipe_all();
            show_answer(Screen::waitlist_done);
        });
}

} // namespace frontdoor::kiosk

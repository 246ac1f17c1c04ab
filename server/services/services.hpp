#pragma once
// Every service of the server, wired to one context. Owned by HttpServer (and by the
// command-line tools), shared by all request threads: each service is thread-safe
// because all its state is in the database.

#include "server/services/arrival_service.hpp"
#include "server/services/audit_service.hpp"
#include "server/services/auth_service.hpp"
#include "server/services/booking_service.hpp"
#include "server/services/context.hpp"
#include "server/services/series_service.hpp"
#include "server/services/setup_service.hpp"
#include "server/services/translation_service.hpp"

namespace frontdoor::server {

struct Services {
    explicit Services(ServiceContext context)
        : ctx(std::move(context)), auth(ctx), setup(ctx), booking(ctx), arrival(ctx), series(ctx), translations(ctx), audit(ctx) {}
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

    ServiceContext ctx;
    AuthService auth;
    SetupService setup;
    BookingService booking;
    ArrivalService arrival;
    SeriesService series;
    TranslationService translations;
    AuditService audit;

    /// Lapses every offer past its time and passes each place on. Never throws.
    void expire_offers() { booking.expire_offers(); }
};

} // namespace frontdoor::server

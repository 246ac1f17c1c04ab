// [SECTION] A practitioner's diary as iCalendar.
#include "server/http/routes.hpp"
#include "server/services/diary.hpp"

namespace frontdoor::server::http {

void register_diary_routes(Api& api, Services& s) {
    // Staff roles only; a practitioner reads only their own (the service decides).
    api.get(R"(/api/v1/staff/(\d+)/diary\.ics)", kStaff, [&s](const httplib::Request& req, httplib::Response& res,
                                                             const Principal& p) {
        Id staff_id = path_id(req);
        auto ics = staff_diary_ics(s.ctx, p, staff_id);
        if (!ics) return reply_error(res, ics.error());
        if (!audit_read(s, res, p, "read.diary", {.detail = "staff " + std::to_string(staff_id)})) return;
        res.status = 200;
        res.set_header("Cache-Control", "no-store");
        res.set_header("Content-Disposition",
                       "inline; filename=\"diary-" + std::to_string(staff_id) + ".ics\"");
        res.set_content(*ics, "text/calendar; charset=utf-8");
    });
}

} // namespace frontdoor::server::http

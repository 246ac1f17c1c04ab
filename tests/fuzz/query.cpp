// A query string as httplib splits it, then read as the routes read it: query_id
// (hub_id, service_id ...) and dates (from, to, date). An accepted id is positive.
#include <cstddef>
#include <cstdint>
#include <string>

#include <httplib.h>

#include "server/http/api.hpp"
#include "shared/time.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace frontdoor;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string query(reinterpret_cast<const char*>(data), size);
    httplib::Request req;
    httplib::detail::parse_query_text(query, req.params);
    for (const char* name : {"hub_id", "service_id", "staff_id", "room_id", "id"}) {
        auto id = server::http::query_id(req, name);
        if (id) FUZZ_CHECK(*id >= 1);
    }
    for (const char* name : {"from", "to", "date"})
        if (req.has_param(name)) {
            auto d = shared::parse_date(req.get_param_value(name));
            if (d) FUZZ_CHECK(shared::format_date(*d) == req.get_param_value(name));
        }
    return 0;
}

#include <doctest/doctest.h>

#include "shared/wire.hpp"

using namespace frontdoor::shared;
using namespace frontdoor::shared::wire;

TEST_SUITE("shared") {
TEST_CASE("the error body has the contract's shape") {
    auto e = make_error(ErrorCode::missing_field, "is required", "client.first_name");
    CHECK(error_body(e).dump() ==
          R"({"error":{"code":"missing_field","field":"client.first_name","message":"is required"}})");
    CHECK(error_body(make_error(ErrorCode::conflict, "no")).dump() ==
          R"({"error":{"code":"conflict","message":"no"}})");
    CHECK(parse_error_body(error_body(e).dump()) == e);
    CHECK(parse_error_body("<html>").code == ErrorCode::internal);
}

TEST_CASE("a booking confirmation round-trips") {
    BookingConfirmation b{7, "ABCD2345", "booked", "2027-03-28T09:00:00+01:00",
                          "2027-03-28T09:30:00+01:00", {2, "Blue Room"}, Ref{3, "Amira Khan"},
                          {4, "Antenatal check"}};
    json j = b;
    CHECK(j.dump() ==
          R"({"end":"2027-03-28T09:30:00+01:00","id":7,"reference":"ABCD2345","room":{"id":2,"name":"Blue Room"},"service":{"id":4,"name":"Antenatal check"},"staff":{"id":3,"name":"Amira Khan"},"start":"2027-03-28T09:00:00+01:00","status":"booked"})");
    auto back = parse_booking_confirmation(j);
    REQUIRE(back);
    CHECK(back->staff->name == "Amira Khan");
    CHECK(back->room.name == "Blue Room");
}

TEST_CASE("parsers name the missing or wrong field") {
    auto missing = parse_booking_confirmation(json{{"id", 1}});
    CHECK(missing.error().code == ErrorCode::missing_field);
    CHECK(missing.error().field == "reference");
    auto wrong = parse_slots(json{{"slots", {{{"start", "a"}, {"end", "b"}, {"room_id", "x"}}}}});
    CHECK(wrong.error().code == ErrorCode::invalid_field);
    CHECK(wrong.error().field == "room_id");
}

TEST_CASE("request bodies must be bounded JSON objects") {
    CHECK(parse_json_object("{\"a\":1}"));
    CHECK(parse_json_object("[1]").error().code == ErrorCode::invalid_json);
    CHECK(parse_json_object("{").error().code == ErrorCode::invalid_json);
    std::string deep = std::string(100, '[') + std::string(100, ']');
    CHECK(parse_json_object("{\"a\":" + deep + "}").error().code == ErrorCode::invalid_json);
}

TEST_CASE("FieldReader reports types and ranges") {
    json j = {{"n", "7"}, {"c", 0}, {"o", {{"x", true}}}};
    FieldReader r(j);
    r.integer("n");
    CHECK(r.error()->field == "n");
    FieldReader r2(j);
    r2.integer("c", 1, 10);
    CHECK(r2.error()->code == ErrorCode::invalid_field);
    FieldReader r3(j);
    auto o = r3.object("o");
    o.string("x");
    CHECK(r3.error()->field == "o.x");
}
}

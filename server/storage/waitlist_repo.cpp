#include "server/storage/waitlist_repo.hpp"

namespace frontdoor::server::storage {
namespace {

std::int64_t secs(Instant t) { return t.time_since_epoch().count(); }
constexpr const char* kCols = "id, hub_id, service_id, session_id, from_date, to_date, client_id, child_id, "
                              "status, booking_id, offer_expires_at, told_phone, told_email, told_interpreter";

WaitlistRow read(Statement& s) {
    WaitlistRow w;
    w.id = s.integer(0);
    w.hub_id = s.integer(1);
    w.service_id = s.integer(2);
    w.session_id = s.opt_integer(3);
    w.from_date = s.opt_text(4);
    w.to_date = s.opt_text(5);
    w.client_id = s.integer(6);
    w.child_id = s.opt_integer(7);
    w.status = s.text(8);
    w.booking_id = s.opt_integer(9);
    if (auto e = s.opt_integer(10)) w.offer_expires_at = Instant{std::chrono::seconds{*e}};
    w.told = {s.opt_text(11), s.opt_text(12), s.opt_text(13)};
    return w;
}

std::vector<WaitlistRow> read_all(Statement& s) {
    std::vector<WaitlistRow> out;
    while (s.step()) out.push_back(read(s));
    return out;
}

} // namespace

Id insert_waitlist(Connection& c, const WaitlistRow& w, const std::string& code_hash, Instant now) {
    Statement s(c, "INSERT INTO waitlist(hub_id, service_id, session_id, from_date, to_date, client_id, "
                   "child_id, status, code_hash, created_at, updated_at, told_phone, told_email, told_interpreter) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind_all(w.hub_id, w.service_id, w.session_id, w.from_date, w.to_date, w.client_id, w.child_id,
               w.status, code_hash, secs(now), secs(now), w.told.phone, w.told.email, w.told.interpreter)
        .run();
    return c.last_insert_id();
}

std::optional<WaitlistRow> find_waitlist(Connection& c, Id id) {
    Statement s(c, std::string("SELECT ") + kCols + " FROM waitlist WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read(s);
}

std::optional<WaitlistRow> find_waitlist_by_code(Connection& c, const std::string& code_hash) {
    Statement s(c, std::string("SELECT ") + kCols + " FROM waitlist WHERE code_hash = ?");
    s.bind(1, code_hash);
    if (!s.step()) return std::nullopt;
    return read(s);
}

std::vector<WaitlistRow> waiting_entries(Connection& c, Id hub_id, Id service_id) {
    Statement s(c, std::string("SELECT ") + kCols +
                       " FROM waitlist WHERE hub_id = ? AND service_id = ? AND status = 'waiting' ORDER BY id");
    s.bind_all(hub_id, service_id);
    return read_all(s);
}

std::vector<WaitlistRow> list_waitlist(Connection& c, Id hub_id, std::optional<Id> service_id) {
    Statement s(c, std::string("SELECT ") + kCols +
                       " FROM waitlist WHERE hub_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR service_id = ?2) "
                       "AND status IN ('waiting','offered') ORDER BY id");
    s.bind_all(hub_id, service_id);
    return read_all(s);
}

std::vector<WaitlistRow> lapsed_offers(Connection& c, Instant now) {
    Statement s(c, std::string("SELECT ") + kCols +
                       " FROM waitlist WHERE status = 'offered' AND offer_expires_at <= ? ORDER BY offer_expires_at, id");
    s.bind(1, secs(now));
    return read_all(s);
}

std::optional<WaitlistRow> waitlist_for_booking(Connection& c, Id booking_id) {
    Statement s(c, std::string("SELECT ") + kCols + " FROM waitlist WHERE booking_id = ? AND status = 'offered'");
    s.bind(1, booking_id);
    if (!s.step()) return std::nullopt;
    return read(s);
}

int waitlist_position(Connection& c, const WaitlistRow& w) {
    if (w.status != "waiting") return 0;
    Statement s(c, "SELECT COUNT(*) FROM waitlist WHERE hub_id = ? AND service_id = ? AND status = 'waiting' "
                   "AND id <= ?");
    s.bind_all(w.hub_id, w.service_id, w.id);
    s.step();
    return static_cast<int>(s.integer(0));
}

void update_waitlist(Connection& c, Id id, const std::string& status, std::optional<Id> booking_id,
                     std::optional<Instant> offer_expires_at, Instant now) {
    std::optional<std::int64_t> exp;
    if (offer_expires_at) exp = secs(*offer_expires_at);
    Statement s(c, "UPDATE waitlist SET status = ?, booking_id = COALESCE(?, booking_id), offer_expires_at = ?, "
                   "updated_at = ? WHERE id = ?");
    s.bind_all(status, booking_id, exp, secs(now), id).run();
}

} // namespace frontdoor::server::storage

// frontdoor-bench: the booking server's throughput and latency beside the raw limits of
// the same machine, measured in the same run (issue 2, "Benchmark"). Not a test; run
// through scripts/bench, which builds Release and installs wrk.
//
//   frontdoor-bench [--server PATH] [--work-dir DIR] [--seconds N]
//
// Order: raw SQLite durable transactions; an empty httplib handler under wrk; the real
// server started from its program: set-up of two hubs through the API, bookings at 32
// clients, check-ins, availability over 8 weeks (20 practitioners, 10 rooms, 500
// bookings), a small read; then a restart on the populated database for start-up time
// and idle memory. Each wrk run is bounded (--seconds, default 6).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>

#include <date/date.h>
#include <date/tz.h>
#include <fmt/core.h>

#include "tests/bench/baselines.hpp"
#include "tests/bench/wrk_runner.hpp"
#include "tests/support/fixture.hpp"
#include "tests/support/server_process.hpp"

using namespace frontdoor;
using namespace frontdoor::testing;
using frontdoor::bench::WrkResult;
using frontdoor::bench::WrkRun;

namespace {

struct Args {
    std::string server = FRONTDOOR_SERVER_BIN;
    std::string work_dir = std::filesystem::temp_directory_path().string();
    int seconds = 6;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string k = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(k + " needs a value");
            return argv[++i];
        };
        if (k == "--server") a.server = next();
        else if (k == "--work-dir") a.work_dir = next();
        else if (k == "--seconds") a.seconds = std::stoi(next());
        else throw std::runtime_error("unknown argument " + k + " (--server, --work-dir, --seconds)");
    }
    return a;
}

/// A fresh directory under `parent`, removed with everything in it at scope exit.
struct WorkDir {
    explicit WorkDir(const std::string& parent) {
        auto pattern = parent + "/frontdoor-bench-XXXXXX";
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        if (!::mkdtemp(buf.data())) throw std::runtime_error("mkdtemp in " + parent);
        path = buf.data();
    }
    ~WorkDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string path;
};

std::string utc(std::chrono::sys_seconds t) { return date::format("%FT%TZ", t); }

const date::time_zone* london() { return date::locate_zone("Europe/London"); }

/// A local wall-clock time in London on `day` as a UTC instant string.
std::string london_at(date::local_days day, int hour, int minute) {
    auto local = day + std::chrono::hours{hour} + std::chrono::minutes{minute};
    return utc(date::floor<std::chrono::seconds>(london()->to_sys(local, date::choose::earliest)));
}

json expect_ok(const Reply& r, int status, const std::string& what) {
    if (!r.transport_ok || r.status != status) throw std::runtime_error(what + ": " + r.describe());
    return r.body;
}

void line(const std::string& figure, const std::string& measured, const std::string& baseline, const std::string& ratio,
          const std::string& target, const std::string& verdict) {
    std::printf("%-34s %-22s %-26s %-7s %-20s %s\n", figure.c_str(), measured.c_str(), baseline.c_str(), ratio.c_str(),
                target.c_str(), verdict.c_str());
}

std::string verdict(bool ok) { return ok ? "ok" : "MISSED"; }

/// wrk Lua: numbers each of wrk's threads (tid), so requests differ between threads.
constexpr const char* kThreadIds = R"LUA(function setup(thread)
  next_tid = (next_tid or 0) + 1
  thread:set("tid", next_tid)
end
)LUA";

std::string lua_list(const std::vector<std::string>& items, bool quoted) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ",";
        out += quoted ? "\"" + items[i] + "\"" : items[i];
    }
    return out + "}";
}

/// Runs f(i) for i in [0, n) on `threads` threads.
template <class F> void parallel(int n, int threads, F f) {
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i; (i = next.fetch_add(1)) < n;) f(i);
        });
    for (auto& t : pool) t.join();
}

void print_wrk(const char* what, const WrkResult& r) {
    std::fprintf(stderr, "  %s: %.0f req/s, %ld requests, non-2xx %ld, socket errors %ld, p50 %.2f ms, p99 %.2f ms\n",
                 what, r.requests_per_second, r.requests, r.non_2xx, r.socket_errors, r.p50_ms, r.p99_ms);
    if (!r.ok) std::fprintf(stderr, "  %s failed: %s\n", what, r.error.c_str());
}

} // namespace

int main(int argc, char** argv) try {
    auto args = parse_args(argc, argv);
    WorkDir work(args.work_dir);
    const std::string& dir = work.path;
    std::fprintf(stderr, "frontdoor-bench: working in %s, server %s\n", dir.c_str(), args.server.c_str());
    const std::chrono::seconds run_for{args.seconds};
    signal(SIGPIPE, SIG_IGN);

    // [SECTION] Baselines
    std::fprintf(stderr, "raw SQLite booking transactions (4 s)...\n");
    auto raw = bench::measure_raw_sqlite(dir + "/raw.db", std::chrono::seconds{4});
    std::fprintf(stderr, "  %.0f tx/s (%ld), p50 %.2f ms, p99 %.2f ms\n", raw.tx_per_second, raw.transactions, raw.p50_ms,
                 raw.p99_ms);

    WrkResult empty;
    {
        bench::EmptyServer es;
        std::fprintf(stderr, "empty handler under wrk...\n");
        empty = bench::run_wrk(WrkRun{"http://127.0.0.1:" + std::to_string(es.port()) + "/empty", "", 2, 32, run_for}, dir);
        print_wrk("empty", empty);
    }

    // [SECTION] The real server
    const std::string db = dir + "/frontdoor.db";
    const std::string password = "bench-password-1";
    ServerProcess::init(args.server, db, "admin", password);
    auto server = std::make_unique<ServerProcess>(args.server, db);
    server->start();
    HttpJson http = server->http();
    auto token = expect_ok(http.post("/api/v1/auth/login", json{{"username", "admin"}, {"password", password}}), 200,
                           "login")["token"]
                     .get<std::string>();
    Fixture f(http, token);

    auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto local_now = london()->to_local(now);
    auto today = date::floor<date::days>(local_now);
    auto tomorrow = today + date::days{1};

    // Hub A: availability over 8 weeks, 20 practitioners, 10 rooms, 500 bookings.
    std::fprintf(stderr, "setting up hub A (20 practitioners, 10 rooms)...\n");
    auto hub_a = f.hub("Bench hub A");
    for (int i = 0; i < 10; ++i) f.room(hub_a, "Room " + std::to_string(i + 1));
    std::vector<Hours> week;
    for (int d = 1; d <= 5; ++d) {
        week.push_back(Hours{d, "09:00", "12:30"});
        week.push_back(Hours{d, "13:30", "17:00"});
    }
    for (int i = 0; i < 20; ++i) {
        auto id = f.staff(hub_a, "Practitioner " + std::to_string(i + 1), "midwife");
        f.working_hours(id, hub_a, week);
    }
    auto appointment = f.appointment_service("Antenatal check", 30, "midwife");
    auto from = date::format("%F", tomorrow);
    auto to = date::format("%F", tomorrow + date::days{55});
    auto availability_path = "/api/v1/availability?hub_id=" + std::to_string(hub_a) +
                             "&service_id=" + std::to_string(appointment) + "&from=" + from + "&to=" + to;
    auto slots = expect_ok(http.get(availability_path, token), 200, "availability")["slots"];
    std::fprintf(stderr, "  %zu slots over 8 weeks before bookings\n", slots.size());
    std::atomic<int> a_booked{0}, a_failed{0};
    {
        std::vector<std::string> starts;
        for (const auto& s : slots) starts.push_back(s["start"].get<std::string>());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        std::vector<std::string> chosen;
        for (size_t i = 0; chosen.size() < 500 && !starts.empty(); ++i) chosen.push_back(starts[(i * 7919) % starts.size()]);
        parallel(static_cast<int>(chosen.size()), 8, [&](int i) {
            auto r = f.try_book(Fixture::appointment_booking(hub_a, appointment, chosen[static_cast<size_t>(i)],
                                                              family("Family", "A" + std::to_string(i), "1990-01-01")));
            (r.transport_ok && r.status == 201 ? a_booked : a_failed)++;
        });
    }
    std::fprintf(stderr, "  %d bookings made at hub A (%d refused)\n", a_booked.load(), a_failed.load());
    auto kiosk_a = expect_ok(http.post("/api/v1/kiosks", json{{"hub_id", hub_a}, {"name", "Kiosk A"}}, token), 201,
                             "kiosk")["token"]
                       .get<std::string>();

    // Hub B: group sessions with room for every booking the load makes, and today's
    // bookings to check in.
    std::fprintf(stderr, "setting up hub B (group sessions)...\n");
    auto hub_b = f.hub("Bench hub B");
    auto group = f.group_service("Open group", 60, 500);
    std::vector<std::string> session_ids;
    for (int h = 0; h < 4; ++h) {
        auto hall = f.room(hub_b, "Hall " + std::to_string(h + 1), 500);
        for (int hour : {10, 13, 16})
            for (auto id : f.sessions(group, hub_b, hall, london_at(tomorrow, hour, 0), 500, 8))
                session_ids.push_back(std::to_string(id));
    }
    std::fprintf(stderr, "  %zu sessions of 500 places\n", session_ids.size());

    // [SECTION] Bookings at 32 clients
    std::fprintf(stderr, "bookings under wrk (32 clients)...\n");
    auto booking_lua = fmt::format(R"LUA(
local sessions = {}
local counter = 0
{}function request()
  counter = counter + 1
  local t = tid or 0
  local sid = sessions[((counter * 7 + t * 13) % #sessions) + 1]
  local body = '{{"hub_id":{},"service_id":{},"session_id":' .. sid ..
    ',"client":{{"first_name":"Bench ' .. t .. '-' .. counter .. '","last_name":"Load","date_of_birth":"1990-01-01"}}}}'
  return wrk.format("POST", "/api/v1/bookings", {{["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer {}", ["Idempotency-Key"] = "bench-" .. t .. "-" .. counter}}, body)
end
)LUA",
                                   lua_list(session_ids, false), kThreadIds, hub_b, group, token);
    auto bookings = bench::run_wrk(WrkRun{http.url() + "/api/v1/bookings", booking_lua, 2, 32, run_for}, dir);
    print_wrk("bookings", bookings);

    // [SECTION] Check-ins
    WrkResult checkins;
    bool checkin_ran = false;
    auto soon = now + std::chrono::minutes{20};
    auto soon_local = london()->to_local(soon);
    if (date::floor<date::days>(soon_local) == today) {
        auto hall = f.room(hub_b, "Check-in hall", 500);
        auto session = f.session(group, hub_b, hall, utc(date::floor<std::chrono::minutes>(soon)), 500);
        std::vector<std::string> refs(300);
        parallel(300, 8, [&](int i) {
            auto b = f.book(Fixture::group_booking(hub_b, group, session, family("Arriving", fmt::format("C{}", i), "1991-01-01")));
            refs[static_cast<size_t>(i)] = b["reference"].get<std::string>();
        });
        auto kiosk_b = expect_ok(http.post("/api/v1/kiosks", json{{"hub_id", hub_b}, {"name", "Kiosk B"}}, token), 201,
                                 "kiosk")["token"]
                           .get<std::string>();
        auto checkin_lua = fmt::format(R"LUA(
local refs = {}
local counter = 0
{}function request()
  counter = counter + 1
  local ref = refs[((counter + (tid or 0) * 151) % #refs) + 1]
  return wrk.format("POST", "/api/v1/checkins", {{["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer {}"}}, '{{"hub_id":{},"reference":"' .. ref .. '"}}')
end
)LUA",
                                       lua_list(refs, true), kThreadIds, kiosk_b, hub_b);
        std::fprintf(stderr, "check-ins under wrk (32 clients)...\n");
        checkins = bench::run_wrk(WrkRun{http.url() + "/api/v1/checkins", checkin_lua, 2, 32, run_for}, dir);
        print_wrk("check-ins", checkins);
        checkin_ran = true;
    } else {
        std::fprintf(stderr, "check-ins skipped: too close to midnight in London for a session today\n");
    }

    // [SECTION] Reads
    auto auth_lua = "wrk.headers[\"Authorization\"] = \"Bearer " + kiosk_a + "\"\n";
    auto sample = http.get(availability_path, kiosk_a);
    std::fprintf(stderr, "availability (8 weeks, %zu slots, %zu bytes) under wrk...\n",
                 sample.body.value("slots", json::array()).size(), sample.text.size());
    // One client, one request at a time: the cost of an answer without queueing.
    std::vector<double> alone;
    {
        auto client = http.client();
        for (int i = 0; i < 21; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            auto headers = auth_headers(kiosk_a);
            headers.emplace("Accept-Encoding", "gzip");
            auto r = client->Get(availability_path.c_str(), headers);
            if (!r || r->status != 200) throw std::runtime_error("availability: " + to_reply(r).describe());
            alone.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(alone.begin(), alone.end());
    }
    double availability_alone_ms = alone[alone.size() / 2];
    std::fprintf(stderr, "  one client alone: median %.2f ms\n", availability_alone_ms);
    // As the kiosk and browsers ask: gzip accepted (the answer prepared once, 63 KB -> 5 KB).
    auto gzip_lua = auth_lua + "wrk.headers[\"Accept-Encoding\"] = \"gzip\"\n";
    auto availability = bench::run_wrk(WrkRun{http.url() + availability_path, gzip_lua, 2, 32, run_for}, dir);
    print_wrk("availability (gzip)", availability);
    // And for a client that cannot take gzip: the whole JSON every time.
    auto availability_plain = bench::run_wrk(WrkRun{http.url() + availability_path, auth_lua, 2, 32, run_for}, dir);
    print_wrk("availability (identity)", availability_plain);
    std::fprintf(stderr, "small read (GET /api/v1/kiosks/me) under wrk...\n");
    auto small = bench::run_wrk(WrkRun{http.url() + "/api/v1/kiosks/me", auth_lua, 2, 32, run_for}, dir);
    print_wrk("kiosks/me", small);
    long rss_after_load = server->resident_kib();

    // [SECTION] Start-up and idle memory, on the populated database
    server->kill_and_wait(SIGTERM);
    server.reset();
    std::vector<double> starts;
    long rss_idle = 0;
    for (int i = 0; i < 5; ++i) {
        ServerProcess p(args.server, db);
        auto t0 = std::chrono::steady_clock::now();
        p.start();
        auto r = p.http().get("/healthz");
        auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!r.transport_ok || r.status != 200) throw std::runtime_error("healthz after start: " + r.describe());
        starts.push_back(took);
        if (i == 4) {
            // Idle: one kiosk's first calls, then nothing.
            (void)p.http().get("/api/v1/kiosks/me", kiosk_a);
            rss_idle = p.resident_kib();
        }
    }
    std::sort(starts.begin(), starts.end());
    double start_ms = starts[starts.size() / 2];

    // [SECTION] Report
    double booked_per_s = bookings.seconds > 0 ? (bookings.requests - bookings.non_2xx) / bookings.seconds : 0;
    std::printf("\nFront Door benchmark — %u cores, loopback, wrk -t2 -c32 -d%ds, %s build\n\n",
                std::thread::hardware_concurrency(), args.seconds, FRONTDOOR_BUILD_TYPE);
    line("figure", "measured", "baseline", "ratio", "target", "verdict");
    line("raw SQLite booking tx/s (1 thread)", fmt::format("{:.0f}/s", raw.tx_per_second), "-", "-", "-",
         fmt::format("p50 {:.2f} ms, p99 {:.2f} ms", raw.p50_ms, raw.p99_ms));
    line("empty httplib handler", fmt::format("{:.0f} req/s", empty.requests_per_second), "-", "-", "-",
         fmt::format("p99 {:.2f} ms", empty.p99_ms));
    double booking_ratio = raw.tx_per_second > 0 ? booked_per_s / raw.tx_per_second : 0;
    line("bookings/s at 32 clients", fmt::format("{:.0f}/s", booked_per_s), fmt::format("raw {:.0f} tx/s", raw.tx_per_second),
         fmt::format("{:.2f}", booking_ratio), ">= 0.70 x raw", verdict(booking_ratio >= 0.7));
    line("  booking refused (non-2xx)", fmt::format("{}", bookings.non_2xx), "-", "-", "0", verdict(bookings.non_2xx == 0));
    line("booking latency p50 / p99", fmt::format("{:.2f} / {:.2f} ms", bookings.p50_ms, bookings.p99_ms), "-", "-",
         "p99 <= 40 ms", verdict(bookings.ok && bookings.p99_ms <= 40));
    if (checkin_ran) {
        line("check-in latency p50 / p99", fmt::format("{:.2f} / {:.2f} ms", checkins.p50_ms, checkins.p99_ms),
             fmt::format("{:.0f} req/s", checkins.requests_per_second), "-", "-",
             checkins.non_2xx ? fmt::format("{} non-2xx", checkins.non_2xx) : "all 200");
    }
    double avail_ratio = empty.requests_per_second > 0 ? availability.requests_per_second / empty.requests_per_second : 0;
    line("availability 8 weeks, gzip req/s", fmt::format("{:.0f} req/s", availability.requests_per_second),
         fmt::format("empty {:.0f} req/s", empty.requests_per_second), fmt::format("{:.2f}", avail_ratio),
         ">= 0.60 x empty", verdict(avail_ratio >= 0.6));
    line("availability p50 / p99", fmt::format("{:.2f} / {:.2f} ms", availability.p50_ms, availability.p99_ms), "-", "-",
         "p99 <= 5 ms", verdict(availability.ok && availability.p99_ms <= 5));
    double plain_ratio =
        empty.requests_per_second > 0 ? availability_plain.requests_per_second / empty.requests_per_second : 0;
    line("  without gzip: req/s", fmt::format("{:.0f} req/s", availability_plain.requests_per_second),
         fmt::format("empty {:.0f} req/s", empty.requests_per_second), fmt::format("{:.2f}", plain_ratio), "-", "-");
    line("  without gzip: p50 / p99", fmt::format("{:.2f} / {:.2f} ms", availability_plain.p50_ms, availability_plain.p99_ms),
         "-", "-", "-", "-");
    line("availability, one client alone", fmt::format("{:.2f} ms median", availability_alone_ms), "-", "-", "-", "-");
    double small_ratio = empty.requests_per_second > 0 ? small.requests_per_second / empty.requests_per_second : 0;
    line("small read (kiosks/me) req/s", fmt::format("{:.0f} req/s", small.requests_per_second),
         fmt::format("empty {:.0f} req/s", empty.requests_per_second), fmt::format("{:.2f}", small_ratio),
         ">= 0.60 x empty", verdict(small_ratio >= 0.6));
    line("start to first answer (median/5)", fmt::format("{:.1f} ms", start_ms), "-", "-", "< 50 ms", verdict(start_ms < 50));
    line("resident memory idle", fmt::format("{:.1f} MiB", rss_idle / 1024.0), "-", "-", "< 30 MiB",
         verdict(rss_idle > 0 && rss_idle < 30 * 1024));
    line("resident memory after load", fmt::format("{:.1f} MiB", rss_after_load / 1024.0), "-", "-", "-", "-");
    std::printf("\n(availability answer: %zu bytes as JSON; hub A: %d bookings)\n", sample.text.size(), a_booked.load());

    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "frontdoor-bench: %s\n", e.what());
    return 1;
}

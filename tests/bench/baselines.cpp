#include "tests/bench/baselines.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <sys/socket.h>

#include <fmt/core.h>
#include <httplib.h>

#include "server/storage/database.hpp"

namespace frontdoor::bench {

using namespace server::storage;

RawSqlite measure_raw_sqlite(const std::string& db_path, std::chrono::seconds duration) {
    Database db(db_path); // the server's schema and PRAGMAs
    std::int64_t session = 0;
    db.write([&](Connection& c) {
        c.exec("INSERT INTO hubs(name, timezone, created_at) VALUES ('Bench hub', 'Europe/London', 0)");
        auto hub = c.last_insert_id();
        Statement(c, "INSERT INTO rooms(hub_id, name, capacity) VALUES (?, 'Hall', 1000)").bind_all(hub).run();
        auto room = c.last_insert_id();
        c.exec("INSERT INTO services(name, kind, duration_minutes, capacity) VALUES ('Group', 'group', 60, 1000000)");
        auto service = c.last_insert_id();
        Statement(c, "INSERT INTO sessions(service_id, hub_id, room_id, start_utc, end_utc, capacity) "
                     "VALUES (?, ?, ?, 1800000000, 1800003600, 1000000)")
            .bind_all(service, hub, room)
            .run();
        session = c.last_insert_id();
    });

    RawSqlite out;
    std::vector<double> latencies;
    auto start = std::chrono::steady_clock::now();
    auto end = start + duration;
    long n = 0;
    while (std::chrono::steady_clock::now() < end) {
        auto t0 = std::chrono::steady_clock::now();
        auto key = "raw-" + std::to_string(n);
        auto name = "Client" + std::to_string(n);
        db.write([&](Connection& c) {
            Statement idem(c, "SELECT request_hash, status, body FROM idempotency_keys WHERE principal = ? AND key = ?");
            idem.bind_all("staff:1", key);
            if (idem.step()) return;
            Statement cap(c, "SELECT capacity, hub_id, room_id, service_id FROM sessions WHERE id = ?");
            cap.bind_all(session);
            cap.step();
            auto capacity = cap.integer(0);
            Statement live(c, "SELECT COUNT(*) FROM bookings WHERE session_id = ? AND status NOT IN ('cancelled','released')");
            live.bind_all(session);
            live.step();
            if (live.integer(0) >= capacity) return;
            Statement find(c, "SELECT id FROM clients WHERE first_name = ? AND last_name = ? AND date_of_birth = ?");
            find.bind_all(name, "Bench", "1990-01-01");
            std::int64_t client = 0;
            if (find.step()) client = find.integer(0);
            else {
                Statement(c, "INSERT INTO clients(first_name, last_name, date_of_birth, created_at) VALUES (?, ?, ?, 0)")
                    .bind_all(name, "Bench", "1990-01-01")
                    .run();
                client = c.last_insert_id();
            }
            Statement(c, "INSERT INTO bookings(reference, hub_id, service_id, session_id, room_id, start_utc, end_utc, "
                         "client_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1800000000, 1800003600, ?, "
                         "'booked', 0, 0)")
                .bind_all(fmt::format("R{}", n), cap.integer(1), cap.integer(3), session, cap.integer(2), client)
                .run();
            auto booking = c.last_insert_id();
            Statement(c, "INSERT INTO booking_history(booking_id, at, status, actor) VALUES (?, 0, 'booked', 'staff:1')")
                .bind_all(booking)
                .run();
            Statement(c, "INSERT INTO idempotency_keys(principal, key, request_hash, status, body, created_at) "
                         "VALUES (?, ?, ?, 201, ?, 0)")
                .bind_all("staff:1", key, std::string(64, 'f'),
                          std::string(R"({"id":1,"reference":"ABCDEFGH","status":"booked"})"))
                .run();
        });
        latencies.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        ++n;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.transactions = n;
    out.tx_per_second = n / seconds;
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        out.p50_ms = latencies[latencies.size() / 2];
        out.p99_ms = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)];
    }
    return out;
}

struct EmptyServer::Impl {
    httplib::Server server;
    std::thread thread;
    int listen_fd = -1;
};

EmptyServer::EmptyServer() : impl_(std::make_unique<Impl>()) {
    auto& s = impl_->server;
    s.set_tcp_nodelay(true);
    s.set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        impl_->listen_fd = sock;
    });
    s.new_task_queue = [] { return new httplib::ThreadPool(64); };
    s.set_keep_alive_max_count(1000);
    s.set_keep_alive_timeout(5);
    s.set_read_timeout(10, 0);
    s.set_write_timeout(10, 0);
    s.Get("/empty", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    port_ = s.bind_to_any_port("127.0.0.1");
    if (impl_->listen_fd >= 0) ::listen(impl_->listen_fd, 4096);
    impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
    while (!s.is_running()) std::this_thread::yield();
}

EmptyServer::~EmptyServer() {
    impl_->server.stop();
    if (impl_->thread.joinable()) impl_->thread.join();
}

} // namespace frontdoor::bench

#include "server/cli/commands.hpp"

#include <malloc.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <sys/stat.h>

#include "server/cli/config.hpp"
#include "server/cli/web_root.hpp"
#include "server/http/server.hpp"
#include "server/services/demo_data.hpp"
#include "server/services/services.hpp"
#include "server/storage/backup.hpp"

#ifndef FRONTDOOR_SOURCE_WEB_ROOT
#define FRONTDOOR_SOURCE_WEB_ROOT ""
#endif

namespace frontdoor::server::cli {
namespace {

std::string read_password() {
    if (const char* env = std::getenv("FRONTDOOR_ADMIN_PASSWORD"); env && *env) return env;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

/// The staff page's folder when none was given; the API alone, said so, when none is found.
void choose_web_root(ServerOptions& o) {
    if (!o.web_root.empty()) return;
    auto search = find_web_root(own_executable(), FRONTDOOR_SOURCE_WEB_ROOT);
    if (!search.found.empty()) {
        o.web_root = search.found;
        std::fprintf(stderr, "frontdoor-server: serving the staff page from %s\n", o.web_root.c_str());
        return;
    }
    std::string looked;
    for (const auto& l : search.looked) looked += (looked.empty() ? "" : ", ") + l;
    std::fprintf(stderr,
                 "frontdoor-server: no staff page found (looked in %s; give --web-root or web_root in the "
                 "config); serving the API only\n",
                 looked.empty() ? "no folder" : looked.c_str());
}

} // namespace

int run_init(const InitArgs& args) {
    auto password = read_password();
    if (password.size() < 8) {
        std::fprintf(stderr, "frontdoor-server: the admin password must have at least 8 characters\n");
        return 1;
    }
    storage::Database db(args.db);
    shared::SystemClock clock;
    Services services(ServiceContext{db, clock, {}, {}});
    auto id = services.auth.create_admin(args.admin_user, password);
    if (!id) {
        std::fprintf(stderr, "frontdoor-server: %s\n", id.error().message.c_str());
        return 1;
    }
    std::printf("created %s (schema %d) with admin '%s'\n", args.db.c_str(), db.schema_version(),
                args.admin_user.c_str());
    return 0;
}

int run_serve(const ServeArgs& args) {
    // Request threads come and go (each live staff page holds one); with glibc's default
    // of 8 arenas a core, the memory they freed stays spread over many arenas. Two keep
    // the resident size where it was after a crowd has left.
    // Not under AddressSanitizer, whose allocator replaces glibc's: there the arena
    // tuning only upset glibc's own bookkeeping at thread exit (an abort in CI).
#ifndef __SANITIZE_ADDRESS__
    ::mallopt(M_ARENA_MAX, 2);
#endif
    ServerOptions o;
    if (!args.config.empty()) read_config_file(args.config, o);
    if (args.db) o.db_path = *args.db;
    if (args.bind) o.bind = *args.bind;
    if (args.port) o.port = *args.port;
    if (args.web_root) o.web_root = *args.web_root;
    if (args.threads) o.threads = *args.threads;
    if (args.trusted_proxy) o.trusted_proxy = *args.trusted_proxy;
    if (args.offer_hold_minutes) o.settings.offer_hold = std::chrono::minutes{*args.offer_hold_minutes};
    if (args.session_idle_minutes) o.settings.staff_session_idle = std::chrono::minutes{*args.session_idle_minutes};
    if (args.late_after_minutes) o.settings.late_after_minutes = *args.late_after_minutes;
    if (args.undo_minutes) o.settings.undo_window = std::chrono::minutes{*args.undo_minutes};
    o.log_requests = args.log_requests;
    check_options(o);
    if (o.db_path.empty()) {
        std::fprintf(stderr, "frontdoor-server: --db (or db in the config) is required\n");
        return 2;
    }
    // One server per database, for the process's life (restore tries the same lock).
    auto lock = storage::DatabaseLock::try_acquire(o.db_path);
    if (!lock) {
        std::fprintf(stderr, "frontdoor-server: another server holds %s (%s); one server per database\n",
                     o.db_path.c_str(), storage::DatabaseLock::lock_path(o.db_path).c_str());
        return 1;
    }
    choose_web_root(o);

    // Signals are taken by this thread alone, with sigwait; request threads inherit the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    HttpServer server(o);
    int port = server.start();
    std::printf("listening on http://%s:%d\n", o.bind.c_str(), port);
    std::fflush(stdout);
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.stop(); // finishes in-flight requests
    std::fprintf(stderr, "frontdoor-server: stopped on signal %d\n", sig);
    return 0;
}

int run_demo(const DemoArgs& args) {
    storage::Database db(args.db);
    shared::SystemClock clock;
    Services services(ServiceContext{db, clock, {}, {}});
    auto demo = load_demo(services, clock);
    if (!demo) {
        std::fprintf(stderr, "frontdoor-server: %s\n", demo.error().message.c_str());
        return 1;
    }
    std::printf("Demo hub \"%s\" (id %lld) is ready in %s, with %d appointments today.\n\n",
                demo->hub_name.c_str(), static_cast<long long>(demo->hub_id), args.db.c_str(),
                demo->bookings_today);
    std::printf("Staff logins (username / password, access):\n");
    for (const auto& l : demo->logins)
        std::printf("  %-10s / %-17s %-13s %s\n", l.username.c_str(), l.password.c_str(), l.access.c_str(),
                    l.name.c_str());
    std::printf("\nKiosk token (shown once): %s\n", demo->kiosk_token.c_str());
    if (!args.kiosk_token_file.empty()) {
        // The token is a secret: readable by its owner only.
        auto old_mask = ::umask(077);
        std::ofstream out(args.kiosk_token_file, std::ios::trunc);
        ::umask(old_mask);
        out << demo->kiosk_token << "\n";
        out.close();
        if (!out) {
            std::fprintf(stderr, "frontdoor-server: cannot write %s\n", args.kiosk_token_file.c_str());
            return 1;
        }
        std::printf("Kiosk token written to %s\n", args.kiosk_token_file.c_str());
    }
    return 0;
}

int run_backup(const BackupArgs& args) {
    try {
        auto copy = storage::backup_database(args.db, args.to);
        std::printf("backed up %s to %s: %ju bytes, %lld bookings, schema %d, integrity ok\n", args.db.c_str(),
                    args.to.c_str(), copy.bytes, static_cast<long long>(copy.bookings), copy.schema_version);
        return 0;
    } catch (const storage::BackupError& e) {
        std::fprintf(stderr, "frontdoor-server: backup: %s\n", e.what());
        return 1;
    }
}

int run_restore(const RestoreArgs& args) {
    try {
        auto copy = storage::restore_database(args.from, args.db);
        std::printf("restored %s from %s: %ju bytes, %lld bookings, schema %d\n", args.db.c_str(),
                    args.from.c_str(), copy.bytes, static_cast<long long>(copy.bookings), copy.schema_version);
        return 0;
    } catch (const storage::BackupError& e) {
        std::fprintf(stderr, "frontdoor-server: restore: %s\n", e.what());
        return 1;
    }
}

int run_routes() {
    std::string dir = (std::filesystem::temp_directory_path() / "frontdoor-routes-XXXXXX").string();
    if (!::mkdtemp(dir.data())) {
        std::fprintf(stderr, "frontdoor-server: cannot make a scratch folder in %s\n", dir.c_str());
        return 1;
    }
    std::string table;
    {
        ServerOptions o;
        o.db_path = dir + "/routes.db";
        HttpServer server(o); // routes are registered here; nothing listens
        table = http::route_table_json(server.route_table()).dump(2);
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    std::printf("%s\n", table.c_str());
    return 0;
}

} // namespace frontdoor::server::cli

// frontdoor-server: init, serve, demo, backup, restore. Flags, config, wiring, signals; nothing else.
#include <cstdio>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "server/cli/commands.hpp"

int main(int argc, char** argv) {
    using namespace frontdoor::server::cli;
    CLI::App app{"Front Door booking server"};
    app.require_subcommand(1);

    InitArgs init;
    auto* init_cmd = app.add_subcommand("init", "create the database and an admin account");
    init_cmd->add_option("--db", init.db, "database file")->required();
    init_cmd->add_option("--admin-user", init.admin_user, "admin username")->required();

    ServeArgs serve;
    auto* serve_cmd = app.add_subcommand("serve", "serve the API and the staff page until SIGINT/SIGTERM");
    serve_cmd->add_option("--config", serve.config, "TOML config file (flags win)");
    serve_cmd->add_option("--db", serve.db, "database file");
    serve_cmd->add_option("--bind", serve.bind, "address to listen on");
    serve_cmd->add_option("--port", serve.port, "port (0 picks a free one)");
    serve_cmd->add_option("--web-root", serve.web_root, "folder of the staff page");
    serve_cmd->add_option("--threads", serve.threads, "request threads");
    serve_cmd->add_option("--trusted-proxy", serve.trusted_proxy,
                          "address of the TLS proxy whose X-Forwarded-For names the client");
    serve_cmd->add_option("--offer-hold-minutes", serve.offer_hold_minutes, "how long a waitlist offer is held");
    serve_cmd->add_option("--session-idle-minutes", serve.session_idle_minutes, "staff sessions end after this idle time");
    serve_cmd->add_option("--late-after-minutes", serve.late_after_minutes,
                          "a check-in more than this past the start is late (0..240, default 15)");
    serve_cmd->add_option("--undo-minutes", serve.undo_minutes,
                          "how long arrived, in progress and seen may be undone (1..60)");
    serve_cmd->add_flag("--log-requests", serve.log_requests, "log each request to stderr");

    DemoArgs demo;
    auto* demo_cmd = app.add_subcommand("demo", "fill an empty database with a demo hub");
    demo_cmd->add_option("--db", demo.db, "database file")->required();
    demo_cmd->add_option("--kiosk-token-file", demo.kiosk_token_file, "also write the kiosk token here");

    BackupArgs backup;
    auto* backup_cmd = app.add_subcommand("backup", "copy a live database, consistent and checked");
    backup_cmd->add_option("--db", backup.db, "database file")->required();
    backup_cmd->add_option("--to", backup.to, "backup file to write (replaced only by a checked copy)")->required();

    RestoreArgs restore;
    auto* restore_cmd = app.add_subcommand("restore", "replace a stopped server's database with a backup");
    restore_cmd->add_option("--from", restore.from, "backup file")->required();
    restore_cmd->add_option("--db", restore.db, "database file to replace")->required();
    auto* routes_cmd = app.add_subcommand("routes", "print the route table as JSON (docs/api/openapi.yaml must agree)");

    CLI11_PARSE(app, argc, argv);
    try {
        if (*init_cmd) return run_init(init);
        if (*serve_cmd) return run_serve(serve);
        if (*demo_cmd) return run_demo(demo);
        if (*backup_cmd) return run_backup(backup);
        if (*restore_cmd) return run_restore(restore);
        if (*routes_cmd) return run_routes();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "frontdoor-server: %s\n", e.what());
        return 1;
    }
    return 2;
}

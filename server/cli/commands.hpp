#pragma once
// The program's subcommands. Each returns the process exit code.

#include <optional>
#include <string>

namespace frontdoor::server::cli {

struct InitArgs {
    std::string db;
    std::string admin_user;
};
int run_init(const InitArgs& args);

struct ServeArgs {
    std::string config;
    std::optional<std::string> db;
    std::optional<std::string> bind;
    std::optional<int> port;
    std::optional<std::string> web_root;
    std::optional<int> threads;
    std::optional<std::string> trusted_proxy;
    std::optional<int> offer_hold_minutes;
    std::optional<int> session_idle_minutes;
    std::optional<int> late_after_minutes;
    std::optional<int> undo_minutes;
    bool log_requests = false;
};
int run_serve(const ServeArgs& args);

struct DemoArgs {
    std::string db;
    std::string kiosk_token_file;
};
int run_demo(const DemoArgs& args);

struct BackupArgs {
    std::string db;
    std::string to;
};
/// 0 and one line naming the copy (bytes, bookings); 1 and a sentence when no checked
/// copy was written (the target is then untouched).
int run_backup(const BackupArgs& args);

struct RestoreArgs {
    std::string from;
    std::string db;
};
/// 0 when the database is the backup's copy; 1 and a sentence when the backup is not a
/// sound Front Door database or a running server holds the database. Never asks.
int run_restore(const RestoreArgs& args);

/// Prints the route table as JSON on stdout (http/api.hpp route_table_json), from a
/// server built over a scratch database that is removed again.
int run_routes();

} // namespace frontdoor::server::cli

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

/// Prints the route table as JSON on stdout (http/api.hpp route_table_json), from a
/// server built over a scratch database that is removed again.
int run_routes();

} // namespace frontdoor::server::cli

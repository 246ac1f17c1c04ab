// frontdoor-kiosk: flags and config, then the frame loop (or the screenshot walker).
#include <csignal>
#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "kiosk/app/window.hpp"
#include "kiosk/core/config.hpp"

using namespace frontdoor::kiosk;

int main(int argc, char** argv) {
    // OpenSSL writes with write(2): a server that closed a TLS connection mid-request
    // would otherwise kill the kiosk with SIGPIPE instead of failing that one request.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{"Front Door kiosk: check in and book at the family hub"};
    std::string config_path, server, ca_file, token_file, windowed, screenshot_dir, assets_dir;
    bool high_contrast = false, first_frame = false;
    double idle = 0;
    app.add_option("--config", config_path, "TOML config file")->check(CLI::ExistingFile);
    app.add_option("--server", server, "booking server URL, e.g. https://hub.example.org (http:// only to this machine)");
    app.add_option("--ca-file", ca_file, "PEM file of the CA(s) an https:// server is verified against");
    app.add_option("--token-file", token_file, "file holding this kiosk's token");
    app.add_option("--windowed", windowed, "a window of WxH pixels instead of full screen");
    app.add_option("--assets", assets_dir, "folder holding i18n/");
    app.add_option("--idle-seconds", idle, "seconds without a touch before \"still there?\"");
    app.add_option("--screenshot-dir", screenshot_dir, "render every screen to PNG here and exit");
    app.add_flag("--high-contrast", high_contrast, "screenshots in the high-contrast theme");
    app.add_flag("--exit-after-first-frame", first_frame, "measure start-up: exit after one frame");
    CLI11_PARSE(app, argc, argv);

    KioskConfig config;
    if (!config_path.empty()) {
        auto loaded = load_config(config_path, config);
        if (!loaded) {
            std::fprintf(stderr, "frontdoor-kiosk: %s: %s\n", config_path.c_str(), loaded.error().message.c_str());
            return 2;
        }
        config = *loaded;
    }
    if (!server.empty()) config.server_url = server;
    if (!ca_file.empty()) config.ca_file = ca_file;
    if (!token_file.empty()) config.token_file = token_file;
    if (!assets_dir.empty()) config.assets_dir = assets_dir;
    if (idle > 0) config.idle_seconds = idle;
    config.assets_dir = find_assets_dir(config.assets_dir,
                                        std::filesystem::path(argv[0]).parent_path().string());
    if (auto ca = check_ca_file(config); !ca) {
        std::fprintf(stderr, "frontdoor-kiosk: %s\n", ca.error().message.c_str());
        return 2;
    }
    if (auto address = check_server(config); !address) // runs on, out of order, saying why
        std::fprintf(stderr, "frontdoor-kiosk: %s\n", address.error().message.c_str());
    if (!config.token_file.empty()) {
        auto token = read_token_file(config.token_file);
        if (!token) {
            std::fprintf(stderr, "frontdoor-kiosk: %s\n", token.error().message.c_str());
            return 2;
        }
        config.token = *token;
    }

    WindowOptions window;
    window.exit_after_first_frame = first_frame;
    if (!windowed.empty()) {
        if (std::sscanf(windowed.c_str(), "%dx%d", &window.width, &window.height) != 2) {
            std::fprintf(stderr, "frontdoor-kiosk: --windowed wants WxH, e.g. 1080x1920\n");
            return 2;
        }
        window.fullscreen = false;
    }
    if (!screenshot_dir.empty()) return run_screenshots(config, window, screenshot_dir, high_contrast);
    return run_kiosk(config, window);
}

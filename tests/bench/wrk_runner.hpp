#pragma once
// Runs wrk against a URL with a Lua script and reads its summary. Bounded: wrk runs
// for the given duration and is given a timeout of its own.

#include <chrono>
#include <string>

namespace frontdoor::bench {

struct WrkResult {
    bool ok = false;
    std::string error;   // why it failed
    double requests_per_second = 0;
    long requests = 0;
    long non_2xx = 0;
    long socket_errors = 0;
    double seconds = 0;
    double p50_ms = 0, p75_ms = 0, p90_ms = 0, p99_ms = 0;
    std::string raw; // wrk's whole output
};

struct WrkRun {
    std::string url;           // http://127.0.0.1:PORT/path
    std::string lua;           // script text; empty for a plain GET
    int threads = 2;
    int connections = 32;
    std::chrono::seconds duration{6};
};

WrkResult run_wrk(const WrkRun& run, const std::string& work_dir);

} // namespace frontdoor::bench

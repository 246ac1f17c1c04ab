#include "tests/bench/wrk_runner.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>

namespace frontdoor::bench {
namespace {

double to_ms(double value, const std::string& unit) {
    if (unit == "us") return value / 1000.0;
    if (unit == "ms") return value;
    if (unit == "s") return value * 1000.0;
    if (unit == "m") return value * 60000.0;
    return value;
}

} // namespace

WrkResult run_wrk(const WrkRun& run, const std::string& work_dir) {
    WrkResult out;
    std::string cmd = "wrk -t" + std::to_string(run.threads) + " -c" + std::to_string(run.connections) + " -d" +
                      std::to_string(run.duration.count()) + "s --timeout 10s --latency";
    // Every script reports the first refused answer of each wrk thread on stderr.
    auto path = work_dir + "/script.lua";
    std::ofstream(path) << run.lua << R"LUA(
local reported = false
function response(status, headers, body)
  if status >= 300 and not reported then
    reported = true
    io.stderr:write("wrk: first refused answer: " .. status .. " " .. string.sub(body, 1, 200) .. "\n")
  end
end
)LUA";
    cmd += " -s " + path;
    cmd += " '" + run.url + "' 2>&1"; // quoted: a query's & must not reach the shell
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) {
        out.error = "cannot run wrk";
        return out;
    }
    std::array<char, 4096> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) out.raw += buf.data();
    int status = ::pclose(p);
    if (status != 0) {
        out.error = "wrk exited with " + std::to_string(status) + ": " + out.raw;
        return out;
    }

    std::smatch m;
    static const std::regex rps(R"(Requests/sec:\s+([0-9.]+))");
    static const std::regex total(R"(([0-9]+) requests in ([0-9.]+)(us|ms|s|m))");
    static const std::regex non2xx(R"(Non-2xx or 3xx responses: ([0-9]+))");
    static const std::regex errors(R"(Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+))");
    static const std::regex pct(R"(\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s|m))");
    if (std::regex_search(out.raw, m, rps)) out.requests_per_second = std::stod(m[1]);
    if (std::regex_search(out.raw, m, total)) {
        out.requests = std::stol(m[1]);
        out.seconds = to_ms(std::stod(m[2]), m[3]) / 1000.0;
    }
    if (std::regex_search(out.raw, m, non2xx)) out.non_2xx = std::stol(m[1]);
    if (std::regex_search(out.raw, m, errors))
        out.socket_errors = std::stol(m[1]) + std::stol(m[2]) + std::stol(m[3]) + std::stol(m[4]);
    for (auto it = std::sregex_iterator(out.raw.begin(), out.raw.end(), pct); it != std::sregex_iterator(); ++it) {
        double v = to_ms(std::stod((*it)[2]), (*it)[3]);
        auto which = (*it)[1].str();
        if (which == "50") out.p50_ms = v;
        else if (which == "75") out.p75_ms = v;
        else if (which == "90") out.p90_ms = v;
        else if (which == "99") out.p99_ms = v;
    }
    out.ok = out.requests > 0;
    if (!out.ok) out.error = "wrk made no requests: " + out.raw;
    return out;
}

} // namespace frontdoor::bench

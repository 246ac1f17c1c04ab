#include "tests/edge/nginx_edge.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace frontdoor::testing {
namespace {

using Clock = std::chrono::steady_clock;

/// fork + exec: stdin from /dev/null, stdout and stderr to `out_fd`; in a process group
/// of its own when `own_group`. Memory the child uses is made before fork.
pid_t spawn(const std::vector<std::string>& args, int out_fd, bool own_group) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int devnull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        if (own_group) {
            ::setpgid(0, 0);
            // Should the test program die before its destructors run, nginx goes with it.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        }
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        if (out_fd >= 0) {
            ::dup2(out_fd, STDOUT_FILENO);
            ::dup2(out_fd, STDERR_FILENO);
        }
        sigset_t none;
        sigemptyset(&none);
        ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    if (devnull >= 0) ::close(devnull);
    return pid;
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

/// A port nobody listens on now (bound and released; nginx takes it a moment later).
int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("bind: " + std::string(std::strerror(errno)));
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Waits for `pid` until `deadline`; true (and `status` set) when it exited.
bool wait_until(pid_t pid, Clock::time_point deadline, int& status) {
    while (true) {
        pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return true;
        if (r < 0 && errno != EINTR) return true; // not our child any more
        if (Clock::now() >= deadline) return false;
        ::poll(nullptr, 0, 10); // a child's exit wakes no descriptor: look again shortly
    }
}

} // namespace

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    pid_t pid = spawn(argv, fds[1], false);
    ::close(fds[1]);
    CommandResult result;
    const auto deadline = Clock::now() + timeout;
    bool timed_out = false;
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int n = ::poll(&p, 1, static_cast<int>(left));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) continue;
        char buf[4096];
        ssize_t got = ::read(fds[0], buf, sizeof buf);
        if (got <= 0) break; // every writer closed: the program has ended
        result.output.append(buf, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    if (timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = timed_out ? -1 : exit_code_of(status);
    return result;
}

std::string rewrite_site(std::string site, const std::vector<SiteEdit>& edits) {
    for (const auto& e : edits) {
        std::size_t at = site.find(e.from);
        if (at == std::string::npos)
            throw std::runtime_error("deploy/nginx/frontdoor.conf no longer contains '" + e.from +
                                     "': the edge test must be taught its new shape");
        for (; at != std::string::npos; at = site.find(e.from, at + e.to.size())) site.replace(at, e.from.size(), e.to);
    }
    return site;
}

NginxEdge::NginxEdge(Paths paths, std::string dir, int upstream_port)
    : paths_(std::move(paths)), dir_(std::move(dir)) {
    namespace fs = std::filesystem;
    if (!fs::exists(paths_.nginx))
        throw std::runtime_error(paths_.nginx + " is missing: deploy/setup test installs nginx");
    for (const char* sub : {"certs", "temp", "logs"}) fs::create_directories(dir_ + "/" + sub);
    auto certs = run_command({paths_.make_certs, dir_ + "/certs"});
    if (certs.exit_code != 0) throw std::runtime_error("deploy/make-certs failed: " + certs.output);

    // The ports were free a moment ago; another process may take one first: try again.
    std::string why;
    for (int attempt = 0; attempt < 3; ++attempt) {
        http_port_ = free_port();
        https_port_ = free_port();
        if (http_port_ == https_port_) continue;
        write_config(upstream_port);
        if (try_start(why)) return;
    }
    throw std::runtime_error("nginx did not start: " + why);
}

NginxEdge::~NginxEdge() { stop(); }

std::string NginxEdge::error_log() const { return read_file(dir_ + "/logs/error.log"); }

void NginxEdge::write_config(int upstream_port) {
    const std::string http = std::to_string(http_port_), https = std::to_string(https_port_);
    // Only what must differ on a test machine: ports, certificate paths, the upstream.
    auto site = rewrite_site(read_file(paths_.site),
                             {
                                 {"listen 80 default_server;", "listen 127.0.0.1:" + http + " default_server;"},
                                 {"listen [::]:80 default_server;", "listen [::1]:" + http + " default_server;"},
                                 {"listen 443 ssl", "listen 127.0.0.1:" + https + " ssl"},
                                 {"listen [::]:443 ssl", "listen [::1]:" + https + " ssl"},
                                 {"/etc/frontdoor/tls/hub.pem", dir_ + "/certs/hub.pem"},
                                 {"/etc/frontdoor/tls/hub.key", dir_ + "/certs/hub.key"},
                                 {"server 127.0.0.1:8080;", "server 127.0.0.1:" + std::to_string(upstream_port) + ";"},
                             });
    // A listen line this test did not rewrite would bind a real port of the machine.
    std::istringstream lines(site);
    for (std::string line; std::getline(lines, line);) {
        auto at = line.find("listen ");
        if (at != std::string::npos && line.find('#') > at && line.find("127.0.0.1:") == std::string::npos &&
            line.find("[::1]:") == std::string::npos)
            throw std::runtime_error("deploy/nginx/frontdoor.conf has a listen line the edge test does not know: " +
                                     line);
    }
    std::ofstream(dir_ + "/frontdoor.conf") << site;

    const std::string t = dir_ + "/temp/";
    std::ofstream(dir_ + "/nginx.conf")
        << "daemon off;\n"
           "master_process on;\n"
           "worker_processes 1;\n"
        << (::geteuid() == 0 ? "user root;\n" : "") // workers may then read and write this folder
        << "pid " << dir_ << "/nginx.pid;\n"
        << "error_log " << dir_ << "/logs/error.log info;\n"
        << "events { worker_connections 256; }\n"
           "http {\n"
        << "    access_log " << dir_ << "/logs/access.log;\n"
        << "    client_body_temp_path " << t << "client_body;\n"
        << "    proxy_temp_path " << t << "proxy;\n"
        << "    fastcgi_temp_path " << t << "fastcgi;\n"
        << "    uwsgi_temp_path " << t << "uwsgi;\n"
        << "    scgi_temp_path " << t << "scgi;\n"
        << "    include " << dir_ << "/frontdoor.conf;\n"
        << "}\n";
}

bool NginxEdge::try_start(std::string& why) {
    const std::string log = dir_ + "/logs/nginx.out";
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    pid_ = spawn({paths_.nginx, "-e", dir_ + "/logs/error.log", "-p", dir_, "-c", dir_ + "/nginx.conf"}, out, true);
    if (out >= 0) ::close(out);

    const auto deadline = Clock::now() + std::chrono::seconds{10};
    while (Clock::now() < deadline) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            why = read_file(log) + error_log();
            return false;
        }
        if (accepts(http_port_) && accepts(https_port_)) return true;
        ::poll(nullptr, 0, 10); // nothing to wait on but the listening sockets: look again shortly
    }
    stop();
    why = "no listener on ports " + std::to_string(http_port_) + "/" + std::to_string(https_port_) +
          " within 10 s; " + error_log();
    return false;
}

void NginxEdge::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    if (!wait_until(pid_, Clock::now() + std::chrono::seconds{10}, status)) {
        ::kill(-pid_, SIGKILL); // the master and its workers
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
    }
    pid_ = -1;
}

} // namespace frontdoor::testing

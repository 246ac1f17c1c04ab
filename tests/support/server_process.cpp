#include "tests/support/server_process.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace frontdoor::testing {
namespace {

/// fork + exec with stdout to `stdout_fd` (or inherited when -1). All memory the child
/// touches is prepared before fork, as the parent may have other threads.
pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env_extra, int stdout_fd,
            int close_fd) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<std::string> env_store(env_extra);
    for (char** e = environ; *e; ++e) env_store.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_store) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        if (stdout_fd >= 0) ::dup2(stdout_fd, STDOUT_FILENO);
        if (close_fd >= 0) ::close(close_fd);
        if (stdout_fd >= 0 && stdout_fd != STDOUT_FILENO) ::close(stdout_fd);
        // Unblock every signal the test process may have blocked.
        sigset_t none;
        sigemptyset(&none);
        ::pthread_sigmask(SIG_SETMASK, &none, nullptr);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

} // namespace

void ServerProcess::init(const std::string& bin, const std::string& db, const std::string& user,
                         const std::string& password) {
    int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    pid_t pid = spawn({bin, "init", "--db", db, "--admin-user", user}, {"FRONTDOOR_ADMIN_PASSWORD=" + password},
                      devnull, -1);
    if (devnull >= 0) ::close(devnull);
    int status = wait_for(pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(bin + " init failed with wait status " + std::to_string(status));
}

ServerProcess::ServerProcess(std::string bin, std::string db, std::vector<std::string> extra_args)
    : bin_(std::move(bin)), db_(std::move(db)), extra_(std::move(extra_args)) {}

ServerProcess::~ServerProcess() {
    if (pid_ > 0) kill_and_wait(SIGTERM);
}

void ServerProcess::start(std::chrono::seconds wait_for_line) {
    if (pid_ > 0) throw std::logic_error("ServerProcess::start: already running");
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    std::vector<std::string> args{bin_, "serve", "--db", db_, "--bind", "127.0.0.1", "--port", "0"};
    args.insert(args.end(), extra_.begin(), extra_.end());
    auto t0 = std::chrono::steady_clock::now();
    pid_ = spawn(args, {}, fds[1], fds[0]);
    ::close(fds[1]);

    // Read the first line, bounded by the deadline.
    std::string line;
    auto deadline = t0 + wait_for_line;
    bool done = false;
    while (!done) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fds[0], POLLIN, 0};
        int n = ::poll(&p, 1, static_cast<int>(left.count()));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        char buf[256];
        ssize_t got = ::read(fds[0], buf, sizeof buf);
        if (got <= 0) break; // the child closed its stdout (exited)
        for (ssize_t i = 0; i < got && !done; ++i) {
            if (buf[i] == '\n') done = true;
            else line.push_back(buf[i]);
        }
    }
    time_to_listen_ = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
    ::close(fds[0]);

    std::smatch m;
    static const std::regex pattern(R"(^listening on http://([0-9.]+):([0-9]+)$)");
    if (!done || !std::regex_match(line, m, pattern)) {
        kill_and_wait(SIGKILL);
        throw std::runtime_error("frontdoor-server did not print its listening line; got '" + line + "'");
    }
    port_ = std::stoi(m[2].str());
}

int ServerProcess::kill_and_wait(int signal) {
    if (pid_ <= 0) return 0;
    ::kill(pid_, signal);
    int status = wait_for(pid_);
    pid_ = -1;
    return status;
}

long ServerProcess::resident_kib() const {
    if (pid_ <= 0) return 0;
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (in >> key) {
        if (key == "VmRSS:") {
            long kib = 0;
            in >> kib;
            return kib;
        }
        std::string rest;
        std::getline(in, rest);
    }
    return 0;
}

} // namespace frontdoor::testing

#pragma once
// NginxEdge: a real nginx (Debian's /usr/sbin/nginx) in front of a server on loopback,
// running the project's own site (deploy/nginx/frontdoor.conf) rewritten only in its
// listen ports, certificate paths and upstream port, with test certificates from
// deploy/make-certs. Everything nginx writes (pid, logs, temp files) stays in `dir`.
// The constructor returns once both listeners accept connections (bounded wait; throws
// std::runtime_error with nginx's error log otherwise); the destructor stops nginx
// (SIGTERM, then SIGKILL to its process group after a deadline) and reaps it.
// Thread-safety: one controlling thread; the accessors may be read from any thread.
//
// run_command(): a program as a child process with its output captured, for curl,
// openssl and the project's scripts.

#include <chrono>
#include <string>
#include <vector>

#include <sys/types.h>

namespace frontdoor::testing {

struct CommandResult {
    int exit_code = -1; // -1 when it did not exit by itself (killed at the deadline)
    std::string output; // standard output and standard error, interleaved
};

/// Runs argv[0] (a path) with standard input from /dev/null; kills it at the deadline.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds{20});

/// One substitution in the site file; `from` must occur at least once.
struct SiteEdit {
    std::string from;
    std::string to;
};

/// `site` with every edit applied; throws std::runtime_error naming the first edit that
/// found nothing (the site changed shape: the test must change with it).
std::string rewrite_site(std::string site, const std::vector<SiteEdit>& edits);

class NginxEdge {
  public:
    struct Paths {
        std::string nginx;      // the nginx program
        std::string site;       // deploy/nginx/frontdoor.conf in the source tree
        std::string make_certs; // deploy/make-certs in the source tree
    };

    NginxEdge(Paths paths, std::string dir, int upstream_port);
    ~NginxEdge();
    NginxEdge(const NginxEdge&) = delete;
    NginxEdge& operator=(const NginxEdge&) = delete;

    int http_port() const { return http_port_; }
    int https_port() const { return https_port_; }
    /// The test CA: what a client that trusts the hub is given.
    std::string ca_file() const { return dir_ + "/certs/ca.pem"; }
    std::string error_log() const;
    /// SIGTERM (nginx's fast shutdown: open event streams end at once), then waits.
    void stop();

  private:
    void write_config(int upstream_port);
    bool try_start(std::string& why);

    Paths paths_;
    std::string dir_;
    int http_port_ = 0;
    int https_port_ = 0;
    pid_t pid_ = -1;
};

} // namespace frontdoor::testing

#pragma once
// run_program: a command-line program run to its end, for tests of the program's own
// subcommands (backup, restore) and of deploy scripts. Standard output and error are
// read together. Bounded: past the deadline the child is killed and exit_code is -1.
// Thread-safety: any thread (posix_spawn; nothing shared).

#include <chrono>
#include <string>
#include <vector>

namespace frontdoor::testing {

struct ProgramResult {
    int exit_code = -1; // -1 when it was killed by a signal or the deadline
    std::string output; // stdout and stderr, interleaved as written
};

/// args[0] is the program's path; env_extra ("NAME=value") is added to this process's
/// environment (and wins over it).
ProgramResult run_program(const std::vector<std::string>& args, const std::vector<std::string>& env_extra = {},
                          std::chrono::seconds deadline = std::chrono::seconds{60});

} // namespace frontdoor::testing

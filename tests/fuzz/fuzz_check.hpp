#pragma once
// FUZZ_CHECK: a property the fuzzed code promises; a broken one aborts, so libFuzzer
// keeps the input as a crash like any sanitizer finding.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                  \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                 \
        }                                                                                 \
    } while (0)

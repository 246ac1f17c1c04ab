#include "tests/support/answer_log.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace frontdoor::testing {

namespace {

struct Log {
    std::mutex mutex;
    std::FILE* file = nullptr;
    bool opened = false;
};

Log& log() {
    static Log l;
    return l;
}

} // namespace

void record_answer(const std::string& method, const std::string& path, int status, const std::string& content_type,
                   const std::string& body) {
    const char* dir = std::getenv("FRONTDOOR_ANSWERS_DIR");
    if (!dir || !*dir) return;
    using nlohmann::json;
    json line{{"program", program_invocation_short_name},
              {"method", method},
              {"path", path.substr(0, path.find('?'))},
              {"status", status},
              {"content_type", content_type}};
    json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        line["body"] = nullptr;
        line["text"] = body.substr(0, 2000);
    } else {
        line["body"] = std::move(parsed);
    }
    auto text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    auto& l = log();
    std::lock_guard lock(l.mutex);
    if (!l.opened) {
        l.opened = true;
        auto name = std::string(dir) + "/" + program_invocation_short_name + "-" + std::to_string(::getpid()) + ".jsonl";
        ::mkdir(dir, 0755); // normally made by ctest's api_answers_clear
        l.file = std::fopen(name.c_str(), "a");
        if (!l.file) std::fprintf(stderr, "answer log: cannot open %s\n", name.c_str());
    }
    if (!l.file) return;
    std::fwrite(text.data(), 1, text.size(), l.file);
    std::fflush(l.file);
}

} // namespace frontdoor::testing

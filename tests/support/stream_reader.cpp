#include "tests/support/stream_reader.hpp"

namespace frontdoor::testing {

StreamReader::StreamReader(std::unique_ptr<httplib::ClientImpl> client, std::string path, httplib::Headers headers,
                           std::chrono::seconds read_timeout)
    : client_(std::move(client)) {
    client_->set_read_timeout(read_timeout);
    thread_ = std::thread([this, path = std::move(path), headers = std::move(headers)] {
        auto res = client_->Get(
            path.c_str(), headers,
            [&](const httplib::Response& r) {
                std::lock_guard lock(mutex_);
                status_ = r.status;
                cv_.notify_all();
                return true;
            },
            [&](const char* data, size_t len) {
                std::lock_guard lock(mutex_);
                text_.append(data, len);
                cv_.notify_all();
                return !stop_.load();
            });
        std::lock_guard lock(mutex_);
        if (!status_) status_ = res ? res->status : -1;
        cv_.notify_all();
    });
}

StreamReader::StreamReader(int port, std::string path, httplib::Headers headers)
    : StreamReader(std::make_unique<httplib::ClientImpl>("127.0.0.1", port), std::move(path), std::move(headers)) {}

StreamReader::~StreamReader() {
    stop_ = true;
    client_->stop();
    if (thread_.joinable()) thread_.join();
}

bool StreamReader::wait_for(const std::string& needle, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return text_.find(needle) != std::string::npos; });
}

int StreamReader::wait_status(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, timeout, [&] { return status_ != 0; });
    return status_;
}

std::string StreamReader::text() {
    std::lock_guard lock(mutex_);
    return text_;
}

int StreamReader::status() {
    std::lock_guard lock(mutex_);
    return status_;
}

} // namespace frontdoor::testing

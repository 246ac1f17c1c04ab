#pragma once
// gzip for answers: prepared once and sent many times (availability), or made per
// request for the clients that ask for it (Accept-Encoding: gzip).

#include <string>
#include <string_view>

namespace frontdoor::server {

/// `data` as a gzip member (RFC 1952). Level 1 is fastest, 9 smallest. Throws
/// std::runtime_error if zlib fails (out of memory).
std::string gzip(std::string_view data, int level = 6);

} // namespace frontdoor::server

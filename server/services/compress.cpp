#include "server/services/compress.hpp"

#include <stdexcept>

#include <zlib.h>

namespace frontdoor::server {

std::string gzip(std::string_view data, int level) {
    z_stream z{};
    // windowBits 15 + 16: a gzip header and trailer rather than zlib's.
    if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("gzip: deflateInit2 failed");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&z, Z_FINISH);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate failed");
    out.resize(z.total_out);
    return out;
}

} // namespace frontdoor::server

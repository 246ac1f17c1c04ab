#pragma once
// FreshCache: answers read from the database, kept until the next committed write.
//
// The database counts committed write groups (Database::generation). An entry records
// the count taken *before* its value was read; once any write commits the count moves
// on and the entry is stale, so nothing cached outlives the change that ends it (a
// revoked kiosk, a booking that takes a time). An entry may also carry its own
// deadline (an offered time that starts). Thread-safe; bounded by emptying when full.

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

#include "server/storage/database.hpp"
#include "shared/time.hpp"

namespace frontdoor::server {

template <class Key, class Value> class FreshCache {
  public:
    FreshCache(const storage::Database& db, std::size_t max_entries) : db_(db), max_entries_(max_entries) {}

    /// Take this before reading what you will put(): a write meanwhile makes it stale.
    std::uint64_t generation() const { return db_.generation(); }

    /// The value for key, unless a write has committed since it was read or its
    /// deadline has come.
    std::optional<Value> find(const Key& key, shared::Instant now) {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        if (it->second.generation != db_.generation() || now >= it->second.valid_until) {
            entries_.erase(it);
            return std::nullopt;
        }
        return it->second.value;
    }

    void put(const Key& key, Value value, std::uint64_t read_at_generation,
             shared::Instant valid_until = shared::Instant::max()) {
        std::lock_guard lock(mutex_);
        if (read_at_generation != db_.generation()) return; // stale already: keep what is there
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_.insert_or_assign(key, Entry{std::move(value), read_at_generation, valid_until});
    }

    void erase(const Key& key) {
        std::lock_guard lock(mutex_);
        entries_.erase(key);
    }

  private:
    struct Entry {
        Value value;
        std::uint64_t generation = 0;
        shared::Instant valid_until;
    };
    const storage::Database& db_;
    const std::size_t max_entries_;
    std::mutex mutex_;
    std::map<Key, Entry> entries_;
};

} // namespace frontdoor::server

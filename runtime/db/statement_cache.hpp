#pragma once
// A connection's prepared statements by SQL text, least recently used first
// out. Bounded because generated code builds some statements per call
// (complete_all and the MySQL claim for each batch size, list() for each
// ordering): a long-running worker would otherwise prepare without end, and
// MySQL refuses new statements past max_prepared_stmt_count (16,382 for the
// whole server by default).
#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace sf::db {

// Per connection: well above what a worker serving a few tables repeats.
inline constexpr std::size_t statement_cache_capacity = 128;

template <class Handle>
class StatementCache {
 public:
  // `close` releases an evicted statement (on the server too).
  StatementCache(std::size_t capacity, std::function<void(Handle&)> close) : capacity_(capacity), close_(std::move(close)) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache() { clear(); }

  // The statement prepared for `sql`, now the most recently used; null if none.
  Handle* find(std::string_view sql) {
    auto it = index_.find(sql);
    if (it == index_.end()) return nullptr;
    entries_.splice(entries_.begin(), entries_, it->second);
    return &it->second->second;
  }

  // Keeps `h` for `sql`. Evicts the least recently used past capacity when
  // `may_evict` (PostgreSQL cannot deallocate inside a failed transaction,
  // so it waits for the next call outside one).
  Handle& insert(std::string sql, Handle h, bool may_evict = true) {
    entries_.emplace_front(std::move(sql), std::move(h));
    index_.emplace(std::string_view(entries_.front().first), entries_.begin());
    while (may_evict && entries_.size() > capacity_) {
      auto& [old_sql, old] = entries_.back();
      index_.erase(std::string_view(old_sql));
      close_(old);
      entries_.pop_back();
    }
    return entries_.front().second;
  }

  void clear() {
    for (auto& entry : entries_) close_(entry.second);
    index_.clear();
    entries_.clear();
  }

  [[nodiscard]] std::size_t size() const { return entries_.size(); }

 private:
  using Entries = std::list<std::pair<std::string, Handle>>;
  std::size_t capacity_;
  std::function<void(Handle&)> close_;
  Entries entries_;  // most recently used first; list nodes keep the keys' addresses stable
  std::unordered_map<std::string_view, typename Entries::iterator> index_;
};

}  // namespace sf::db

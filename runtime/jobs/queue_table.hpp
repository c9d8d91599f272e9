#pragma once
// A job table as the queue sees it: which column plays which role. Generated
// repositories declare one (a constexpr) per job table; runtime/jobs writes
// every queue statement from it (queue_sql.hpp) and runs them (queue.hpp).
// Column numbers index `columns`, the table's columns in the order of the
// generated row's decoder.
#include <cstddef>
#include <span>
#include <string_view>

namespace sf::jobs {

// A column the queue reads or writes for one role; `column` < 0: the table has none.
struct QueueColumn {
  int column = -1;
  int precision = 0;      // fraction digits kept, for timestamps (what `now` is cut to)
  bool nullable = false;  // scheduled_at: NULL means due at once
  std::size_t max_bytes = 0;  // error text is cut to this many bytes, at a UTF-8 boundary

  [[nodiscard]] constexpr bool present() const { return column >= 0; }
};

// The status values the queue moves a job through (the spec's enum values).
struct JobStates {
  std::string_view pending;
  std::string_view running;
  std::string_view success;
  std::string_view failure;
  std::string_view cancelled = {};  // "": the table has no cancelled state
};

struct QueueTable {
  std::string_view table;
  std::span<const std::string_view> columns;
  int key = 0;  // the single-column primary key
  int status = 0;
  JobStates states;
  std::string_view channel;  // the notification channel enqueues wake workers on
  // The columns a handler may change while it holds a claim (save()).
  std::span<const int> handler_columns = {};

  QueueColumn scheduled_at = {};
  QueueColumn started_at = {};
  QueueColumn finished_at = {};
  QueueColumn attempts = {};
  QueueColumn error = {};
  QueueColumn progress = {};
  QueueColumn updated_at = {};
  QueueColumn ttl_expires_at = {};
  QueueColumn result = {};
  QueueColumn locked_by = {};
  QueueColumn locked_until = {};

  // The column that says a running job's worker is still alive, which rescue
  // judges and a heartbeat refreshes: the lease end where the table has one,
  // else updated_at (set by the claim, progress and heartbeats), else
  // started_at (the lease then bounds the run itself). None: no rescue.
  [[nodiscard]] constexpr const QueueColumn* liveness() const {
    for (const QueueColumn* c : {&locked_until, &updated_at, &started_at})
      if (c->present()) return c;
    return nullptr;
  }
  // The columns besides the key and the running status that fence a change
  // after a claim to that claim, in order: attempts, started_at, locked_by.
  template <class F>
  constexpr void for_each_fence_column(F&& f) const {
    for (const QueueColumn* c : {&attempts, &started_at, &locked_by})
      if (c->present()) f(*c);
  }
};

}  // namespace sf::jobs

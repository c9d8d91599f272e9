#pragma once
// How a Worker runs (threads, batch, lease, retries, clock) and what it
// counts. Separate from worker.hpp so handlers and metrics need not see the
// runner machinery.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "runtime/db/codec.hpp"

namespace sf::jobs {

using Clock = std::function<db::Timestamp()>;

struct WorkerOptions {
  int concurrency = 4;                                  // threads, each with its own connection
  int batch = 10;                                       // jobs claimed per round trip
  std::chrono::milliseconds poll_interval{200};         // first idle wait; doubles up to max_idle_wait
                                                        // (PostgreSQL: LISTEN wakes an idle thread at once on enqueue)
  std::chrono::milliseconds max_idle_wait{2000};
  std::chrono::seconds lease{300};                      // a job running longer is rescued
  int max_attempts = 5;                                 // tables with an attempts column
  std::chrono::milliseconds backoff_base{1000};         // retry n waits base * 2^(n-1), ±25% jitter
  std::chrono::milliseconds backoff_cap{std::chrono::hours(1)};
  Clock clock = [] { return db::now(); };
  std::function<void(const std::string&)> log = [](const std::string&) {};
};

// The delay before retry number `attempt` (1-based): exponential from `base`,
// capped, with jitter in [-25%, +25%] drawn from `unit` in [0, 1).
[[nodiscard]] std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                                      std::chrono::milliseconds cap, double unit);

struct Stats {
  std::int64_t processed = 0;  // handler returned, outcome recorded
  std::int64_t failed = 0;     // ended as failed
  std::int64_t retried = 0;    // returned to pending with a later schedule
  std::int64_t rescued = 0;    // taken back from a worker past its lease
  std::int64_t released = 0;   // claimed but given back at shutdown
  std::int64_t fenced = 0;     // outcome not recorded: the claim was no longer ours
  std::int64_t expired = 0;    // deleted by the janitor past their TTL
};

}  // namespace sf::jobs

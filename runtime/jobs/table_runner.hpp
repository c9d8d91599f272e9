#pragma once
// The Worker's view of one job table (TableRunner, type-erased over the
// generated repository) and of one thread's current batch (ClaimSlot).
// The typed implementation is in typed_runner.hpp.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "runtime/db/codec.hpp"
#include "runtime/db/connection.hpp"

namespace sf::jobs {

namespace detail {
// One thread's current batch, shared with the worker's lease keeper
// (lease_keeper.hpp), which looks after it from a connection of its own
// while a handler runs: it renews the running job's lease, records
// completions that wait in the batch's buffer, and gives the unstarted
// claims back at stop() or when they wait behind a slow job.
//
// `next` is the index of the next job to start; the thread takes it with a
// compare-and-swap, a give-back takes all the rest by swapping in `taken`,
// so each claim is either started or given back, never both. Everything
// else is guarded by `mutex`, which nobody holds across a statement.
struct ClaimSlot {
  static constexpr std::size_t taken = static_cast<std::size_t>(-1);

  // What the keeper can do to the batch, type-erased over the row type.
  struct Batch {
    std::function<std::int64_t(db::Connection&)> give_back;    // unstarted claims back to pending; the count
    std::function<bool(db::Connection&, std::size_t)> renew;   // job i's lease moved on; false: the claim is lost
    std::function<std::int64_t(db::Connection&)> record_done;  // buffered completions recorded; the count
    db::Timestamp claimed_at{};
    std::string_view table;
  };

  std::mutex mutex;
  std::optional<Batch> batch;     // set while a batch runs
  std::uint64_t generation = 0;   // counts batches: a late answer about one is not taken for the next
  std::size_t running = taken;    // the job whose handler runs now
  db::Timestamp job_started{};    // when it started
  db::Timestamp lease_from{};     // when its lease was last set (the claim, then each renewal)
  bool lost = false;              // the keeper found its claim gone (rescued, cancelled)
  // Completions the thread could not record when its connection failed,
  // recorded once it reconnects (fenced: a claim lost meanwhile is skipped);
  // throws, and stays set, when that connection fails too. Only the thread
  // touches it.
  std::function<std::int64_t(db::Connection&)> unrecorded;
  std::atomic<std::size_t> next{0};

  // The thread, before starting job i: false once the rest was given back.
  bool start(std::size_t i) {
    std::size_t expected = i;
    return next.compare_exchange_strong(expected, i + 1);
  }
  // Whether the keeper found job i of batch `of` lost.
  bool lost_job(std::uint64_t of, std::size_t i) {
    std::lock_guard lock(mutex);
    return generation == of && running == i && lost;
  }
};

// One job table served by the worker: type-erased over its repository.
class TableRunner {
 public:
  virtual ~TableRunner() = default;
  // Claims up to `batch` jobs and runs them; returns how many were claimed.
  virtual int run_batch(db::Connection& c, const std::atomic<bool>& stopping, ClaimSlot& slot) = 0;
  virtual std::int64_t rescue(db::Connection& c) = 0;
  // Deletes rows past their TTL (tables with a TTL column); the count.
  virtual std::int64_t expire(db::Connection& c) = 0;
  [[nodiscard]] virtual std::string_view table() const = 0;
  // Subscribes `c` to the table's enqueue notifications; false where the engine has none.
  virtual bool listen(db::Connection& c) = 0;
};
}  // namespace detail

}  // namespace sf::jobs

#pragma once
// The Worker's view of one job table (TableRunner, type-erased over the
// generated repository) and of one thread's unstarted claims (ClaimSlot).
// The typed implementation is in typed_runner.hpp.
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>

#include "runtime/db/connection.hpp"

namespace sf::jobs {

namespace detail {
// The claims one thread holds but has not started, published while it runs
// a batch so that, the moment the worker is asked to stop, another
// connection can give them back instead of leaving them to wait behind a
// long job. `next` is the index of the next job to start; the thread takes
// it with a compare-and-swap, the releaser takes all the rest by swapping in
// `taken`, so each claim is either started or given back, never both.
struct ClaimSlot {
  static constexpr std::size_t taken = static_cast<std::size_t>(-1);
  std::mutex mutex;                                   // held while a batch is published or released
  std::function<std::int64_t(db::Connection&)> give_back;  // set while a batch runs
  std::atomic<std::size_t> next{0};
  // The thread, before starting job i: false once the rest was given back.
  bool start(std::size_t i) {
    std::size_t expected = i;
    return next.compare_exchange_strong(expected, i + 1);
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

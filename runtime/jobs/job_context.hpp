#pragma once
// What a handler gets besides its row (JobContext), and the handler type.
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "runtime/db/codec.hpp"
#include "runtime/db/connection.hpp"
#include "runtime/db/retry.hpp"
#include "runtime/jobs/worker_options.hpp"

namespace sf::jobs {

// Thrown by JobContext::complete when the claim is no longer this worker's
// (rescued after its lease, cancelled, finished elsewhere). Let it propagate:
// the handler's transaction rolls back, so its work is undone with it.
class ClaimLost : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a handler gets besides its row.
class JobContext {
 public:
  // The claim's own operations, bound to the row by the worker.
  struct Hooks {
    std::function<bool(int)> progress;                         // writes the progress column; false: claim lost
    std::function<bool()> cancelled;                           // reads the status
    std::function<bool()> heartbeat;                           // refreshes the liveness column; false: claim lost
    std::function<bool()> lost;                                // whether the worker's lease keeper found the claim gone
    std::function<bool(const std::optional<db::Json>&)> complete;  // fenced success; false: claim lost
  };

  JobContext(db::Connection& c, Hooks hooks, const WorkerOptions& o) : c_(c), hooks_(std::move(hooks)), options_(o) {}

  // Whether the claim on this job is gone (rescued after the worker froze
  // past its lease, cancelled): stop working, the outcome will not be
  // recorded. No database round trip: the worker's lease keeper renews the
  // running job's lease every lease/3 and sets this when the renewal finds
  // the claim no longer ours. Call it in a long handler's loop.
  [[nodiscard]] bool lost() const { return hooks_.lost && hooks_.lost(); }
  // lost() plus a renewal of the handler's own, at most once per lease/3:
  // refreshes the table's liveness column (locked_until, else updated_at).
  // The keeper does this anyway; a handler may call it where it must know
  // the claim is held right now. Returns false once the claim is no longer
  // ours. Tables with only started_at cannot be kept alive; there it only
  // checks the claim (see generated heartbeat()).
  bool heartbeat();
  // The worker thread's connection, for the handler's own work. It is not in
  // a transaction; a handler may open one (db::Transaction) and must end it.
  [[nodiscard]] db::Connection& connection() { return c_; }
  [[nodiscard]] db::Timestamp now() const { return options_.clock(); }
  // Writes the progress column (0–100) where the table has one.
  void progress(int percent) { hooks_.progress(percent); }
  // Whether the job was cancelled while running; read from the database at
  // most once a second, so handlers may call it in their inner loop.
  [[nodiscard]] bool cancelled();
  void log(const std::string& line) const { options_.log(line); }

  // Marks the job done now, on connection(), fenced on the claim like every
  // other state change. Called inside the handler's own transaction, right
  // before its commit, the handler's writes and the job's completion commit
  // or roll back together: work kept in this database takes effect exactly
  // once, even when the worker dies between the two (River's JobCompleteTx).
  // `result` goes to the table's result column where it has one; the value
  // the handler returns afterwards is then ignored. Not retried on deadlock
  // (the engine has rolled back the whole transaction): the error propagates
  // and the job is retried as a failure. Throws ClaimLost when the fence
  // matches no row.
  void complete(const std::optional<db::Json>& result = std::nullopt);
  // Whether complete() succeeded for this job.
  [[nodiscard]] bool completed() const { return completed_; }

  // The usual way to use complete(): runs `work(connection())` in a
  // transaction that ends with complete(its result) and commits, and runs
  // the whole transaction again when the engine aborts it on deadlock or
  // serialization failure (the engine has undone all of it). So `work` must
  // touch nothing outside this database, and may run more than once.
  // `work` returns void or std::optional<db::Json> (the result).
  template <class Work>
  void complete_in_transaction(Work&& work) {
    db::retry_transient([&] {
      completed_ = false;
      db::Transaction tx(c_);
      if constexpr (std::is_void_v<std::invoke_result_t<Work&, db::Connection&>>) {
        work(c_);
        complete();
      } else {
        complete(work(c_));
      }
      tx.commit();
    });
  }

 private:
  db::Connection& c_;
  Hooks hooks_;
  const WorkerOptions& options_;
  std::chrono::steady_clock::time_point last_beat_ = std::chrono::steady_clock::now();
  bool lease_held_ = true;
  std::chrono::steady_clock::time_point last_check_{};
  bool cancelled_seen_ = false;
  bool completed_ = false;
};

// A handler throws to fail its job (the message is stored); it may return a
// JSON result, stored where the table has a result column.
template <class Row>
using Handler = std::function<std::optional<db::Json>(const Row&, JobContext&)>;

}  // namespace sf::jobs

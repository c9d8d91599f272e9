#pragma once
// The job queue's operations, written once for every job table and engine:
// claim, complete, fail, retry, release, cancel, heartbeat, progress, rescue
// and expiry, each binding its parameters in the order queue_sql.hpp lists.
// A generated repository hands over its table's role mapping and statements
// and decodes the rows; it writes no SQL of its own for the queue.
//
// Every state change after a claim is fenced on that claim (a Fence: the key,
// then the claim's attempts, started_at and locked_by as the table has them,
// encoded): it matches only while the row is still running under that claim,
// so a worker that lost its job to a rescue cannot overwrite the newer
// attempt's outcome. Each returns false when the fence did not match.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "runtime/db/codec.hpp"
#include "runtime/db/connection.hpp"
#include "runtime/jobs/queue_sql.hpp"
#include "runtime/jobs/queue_table.hpp"

namespace sf::jobs {

using Fence = std::vector<db::Value>;
using Cells = std::vector<db::Value>;

class Queue {
 public:
  // Cheap to make: a connection, a mapping and statements built elsewhere.
  Queue(db::Connection& c, const QueueTable& t, const QueueSql& sql) : c_(c), t_(t), sql_(sql), enc_(c.engine()) {}

  // Takes up to `limit` due jobs, oldest first, and marks them running;
  // concurrent claimers never get the same job. The rows' cells, in the
  // mapping's column order, as the UPDATE left them.
  [[nodiscard]] std::vector<Cells> claim(int limit, db::Timestamp now, std::string_view worker, std::chrono::microseconds lease);
  // `result`: the encoded JSON result (tables with a result column), or NULL.
  bool complete(const Fence& claimed, db::Timestamp now, db::Value result = nullptr);
  // A batch of claims in one statement, each row fenced on its own claim;
  // the count still ours.
  std::int64_t complete_all(std::span<const Fence> claimed, db::Timestamp now);
  bool fail(const Fence& claimed, std::string_view error, db::Timestamp now);
  bool retry(const Fence& claimed, std::string_view error, db::Timestamp run_at, db::Timestamp now);
  // An unstarted claim given back without spending an attempt.
  bool release(const Fence& claimed, db::Timestamp now);
  // Unstarted claims given back in one statement; the count still ours.
  std::int64_t release_all(std::span<const Fence> claimed, db::Timestamp now);
  // Pending or running jobs only; false otherwise.
  bool cancel(const db::Value& key, db::Timestamp now);
  // Writes the handler columns (`values`, in the mapping's handler_columns order).
  bool save(std::vector<db::Value> values, const Fence& claimed, db::Timestamp now);
  bool heartbeat(const Fence& claimed, db::Timestamp now, std::chrono::microseconds lease);
  bool set_progress(const Fence& claimed, int percent, db::Timestamp now);
  // The status cell of the job with `key`, if there is one.
  [[nodiscard]] std::optional<db::Value> status_of(const db::Value& key);
  // Running jobs whose worker stopped answering back to pending; the count.
  std::int64_t rescue(db::Timestamp stale_before, db::Timestamp now);
  // Deletes rows past their TTL, except running ones; the count.
  std::int64_t delete_expired(db::Timestamp now);
  // Wakes listening workers (nothing where the engine has no notifications).
  void notify();
  // The statements, as this engine runs them (for EXPLAIN and logs).
  [[nodiscard]] const QueueSql& sql() const { return sql_; }

 private:
  db::Value at(const QueueColumn& c, db::Timestamp t) const { return enc_(t, c.precision); }
  void push_time(std::vector<db::Value>& params, const QueueColumn& c, db::Timestamp t) const {
    if (c.present()) params.push_back(at(c, t));
  }
  bool run_fenced(const std::string& sql, std::vector<db::Value> params, const Fence& claimed);
  // `head` (taking `params`) completed with one fenced group per claim.
  std::int64_t run_fenced_batch(std::string head, std::vector<db::Value> params, std::span<const Fence> claimed);
  std::vector<Cells> claim_in_two_statements(int limit, db::Timestamp now, std::string_view worker, std::chrono::microseconds lease);

  db::Connection& c_;
  const QueueTable& t_;
  const QueueSql& sql_;
  db::Encoder enc_;
};

}  // namespace sf::jobs

#pragma once
// Every statement of the job queue, written once for all engines from a
// table's role mapping (queue_table.hpp) and an engine's queue facet
// (runtime/db/queue_syntax.hpp). Values are placeholders; the only literals
// are the job states. The parameters each statement takes, in order, are
// listed beside it below; queue.cpp binds them in that order.
#include <array>
#include <string>
#include <vector>

#include "runtime/db/dsn.hpp"
#include "runtime/jobs/queue_table.hpp"

namespace sf::jobs {

struct QueueSql {
  std::string table;   // quoted
  std::string select;  // SELECT <every column> FROM <table>
  // Claim with RETURNING, one statement: [started_at] [updated_at] [locked_by]
  // [locked_until] [due: now] limit.
  std::string claim;
  // Claim without RETURNING (MySQL), one transaction: claim_select takes
  // [due: now] limit; then claim_update_head + keys… + ")" takes [started_at]
  // [updated_at] [locked_by] [locked_until] key…
  std::string claim_select, claim_update_head;
  // Each fenced change ends in ` WHERE key = ? AND status = 'running'` and a
  // placeholder per fence column: key [attempts] [started_at] [locked_by].
  std::string complete;  // [finished_at] [result] [updated_at] + fence
  // A change to a batch of claims in one statement: a head taking its own
  // parameters, then per group of rows claimed together batch_group + keys…
  // + ")", then each batch_fence piece with the group's [attempts]
  // [started_at] [locked_by], + ")"; groups joined by " OR ", then ")".
  std::string complete_all_head;  // [finished_at] [updated_at]
  std::string release_all_head;   // [updated_at]
  std::string batch_group;
  std::vector<std::string> batch_fence;  // " AND attempts = " …
  std::string fail;       // [finished_at] [error] [updated_at] + fence
  std::string retry;      // scheduled_at [error] [updated_at] + fence; "" without scheduled_at
  std::string release;    // [updated_at] + fence
  std::string cancel;     // [finished_at] [updated_at] key; "" without a cancelled state
  std::string save;       // handler columns… [updated_at] + fence; "" without handler columns
  std::string heartbeat;  // [locked_until] [updated_at] + fence
  std::string progress;   // progress [updated_at] + fence; "" without progress
  std::string status_of;  // key
  std::string rescue;     // [updated_at] cutoff; "" without a liveness column
  std::string delete_expired;  // now; "" without ttl_expires_at
  // Around an INSERT of jobs, so that it also wakes listening workers; "" where the engine has no notifications.
  std::string enqueue_head, enqueue_tail;
  std::string notify;
};

// The statements for `t` on engine `e`.
[[nodiscard]] QueueSql queue_sql(const QueueTable& t, db::Engine e);

// Every engine's statements for one table, written once on first use (the
// generated repository keeps one of these in a function-local static).
class QueueSqlSet {
 public:
  explicit QueueSqlSet(const QueueTable& t)
      : all_{queue_sql(t, db::Engine::postgres), queue_sql(t, db::Engine::mysql), queue_sql(t, db::Engine::sqlite)} {}
  [[nodiscard]] const QueueSql& operator[](db::Engine e) const { return all_[static_cast<std::size_t>(e)]; }

 private:
  std::array<QueueSql, 3> all_;
};

}  // namespace sf::jobs

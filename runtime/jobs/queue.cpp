#include "runtime/jobs/queue.hpp"

#include <algorithm>
#include <optional>

namespace sf::jobs {

std::vector<Cells> Queue::claim(int limit, db::Timestamp now, std::string_view worker, std::chrono::microseconds lease) {
  if (limit <= 0) return {};
  if (sql_.claim.empty()) return claim_in_two_statements(limit, now, worker, lease);
  // One statement: UPDATE … WHERE key IN (due, SKIP LOCKED) RETURNING.
  std::vector<db::Value> params;
  push_time(params, t_.started_at, now);
  push_time(params, t_.updated_at, now);
  if (t_.locked_by.present()) params.push_back(enc_(worker));
  push_time(params, t_.locked_until, now + lease);
  push_time(params, t_.scheduled_at, now);
  params.emplace_back(std::int64_t{limit});
  return std::move(c_.query(sql_.claim, params).rows);
}

// No UPDATE … RETURNING: lock the due rows (SKIP LOCKED) and mark them, in one
// transaction; the rows are then patched to what the UPDATE wrote.
std::vector<Cells> Queue::claim_in_two_statements(int limit, db::Timestamp now, std::string_view worker,
                                                  std::chrono::microseconds lease) {
  std::optional<db::Transaction> tx;
  if (!c_.in_transaction()) tx.emplace(c_);
  std::vector<db::Value> due;
  push_time(due, t_.scheduled_at, now);
  due.emplace_back(std::int64_t{limit});
  auto rows = std::move(c_.query(sql_.claim_select, due).rows);
  if (!rows.empty()) {
    std::vector<db::Value> stamp;  // what the UPDATE writes, in its SET order
    auto set = [&](const QueueColumn& c, db::Value v) {
      if (!c.present()) return;
      stamp.push_back(v);
      for (auto& row : rows) row[static_cast<std::size_t>(c.column)] = v;
    };
    set(t_.started_at, at(t_.started_at, now));
    set(t_.updated_at, at(t_.updated_at, now));
    set(t_.locked_by, enc_(worker));
    set(t_.locked_until, at(t_.locked_until, now + lease));
    std::vector<db::Value> params = stamp;
    std::string sql = sql_.claim_update_head;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      sql += i > 0 ? ", " : "";
      params.push_back(rows[i][static_cast<std::size_t>(t_.key)]);
      sql += db::placeholder(c_.engine(), static_cast<int>(params.size()));
    }
    sql += ")";
    c_.query(sql, params);
    for (auto& row : rows) {
      row[static_cast<std::size_t>(t_.status)] = std::string(t_.states.running);
      if (t_.attempts.present()) {
        auto& a = row[static_cast<std::size_t>(t_.attempts.column)];
        a = db::as_int(a) + 1;
      }
    }
  }
  if (tx) tx->commit();
  return rows;
}

bool Queue::run_fenced(const std::string& sql, std::vector<db::Value> params, const Fence& claimed) {
  params.insert(params.end(), claimed.begin(), claimed.end());
  return c_.query(sql, params).affected_rows == 1;
}

bool Queue::complete(const Fence& claimed, db::Timestamp now, db::Value result) {
  std::vector<db::Value> params;
  push_time(params, t_.finished_at, now);
  if (t_.result.present()) params.push_back(std::move(result));
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.complete, std::move(params), claimed);
}

std::int64_t Queue::complete_all(std::span<const Fence> claimed, db::Timestamp now) {
  std::vector<db::Value> params;
  push_time(params, t_.finished_at, now);
  push_time(params, t_.updated_at, now);
  return run_fenced_batch(sql_.complete_all_head, std::move(params), claimed);
}

std::int64_t Queue::release_all(std::span<const Fence> claimed, db::Timestamp now) {
  std::vector<db::Value> params;
  push_time(params, t_.updated_at, now);
  return run_fenced_batch(sql_.release_all_head, std::move(params), claimed);
}

std::int64_t Queue::run_fenced_batch(std::string head, std::vector<db::Value> params, std::span<const Fence> claimed) {
  if (claimed.empty()) return 0;
  std::string sql = std::move(head);
  auto bind = [&](const db::Value& value) {
    params.push_back(value);
    sql += db::placeholder(c_.engine(), static_cast<int>(params.size()));
  };
  // Rows claimed together share their fence values (all but the key): one
  // group each, usually one in all.
  auto same_claim = [](const Fence& a, const Fence& b) { return std::equal(a.begin() + 1, a.end(), b.begin() + 1, b.end()); };
  std::vector<std::vector<const Fence*>> groups;
  for (const auto& f : claimed) {
    auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return same_claim(*g.front(), f); });
    if (same == groups.end()) groups.push_back({&f});
    else same->push_back(&f);
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    sql += g > 0 ? " OR " : "";
    sql += sql_.batch_group;
    for (std::size_t i = 0; i < groups[g].size(); ++i) {
      sql += i > 0 ? ", " : "";
      bind(groups[g][i]->front());
    }
    sql += ")";
    const Fence& first = *groups[g].front();
    for (std::size_t k = 0; k < sql_.batch_fence.size(); ++k) {
      sql += sql_.batch_fence[k];
      bind(first[k + 1]);
    }
    sql += ")";
  }
  sql += ")";
  return c_.query(sql, params).affected_rows;
}

bool Queue::fail(const Fence& claimed, std::string_view error, db::Timestamp now) {
  std::vector<db::Value> params;
  push_time(params, t_.finished_at, now);
  if (t_.error.present()) params.push_back(enc_(db::truncate_utf8(error, t_.error.max_bytes)));
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.fail, std::move(params), claimed);
}

bool Queue::retry(const Fence& claimed, std::string_view error, db::Timestamp run_at, db::Timestamp now) {
  if (sql_.retry.empty()) return fail(claimed, error, now);  // no schedule column: nowhere to put "later"
  std::vector<db::Value> params;
  params.push_back(at(t_.scheduled_at, run_at));
  if (t_.error.present()) params.push_back(enc_(db::truncate_utf8(error, t_.error.max_bytes)));
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.retry, std::move(params), claimed);
}

bool Queue::release(const Fence& claimed, db::Timestamp now) {
  std::vector<db::Value> params;
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.release, std::move(params), claimed);
}

bool Queue::cancel(const db::Value& key, db::Timestamp now) {
  if (sql_.cancel.empty()) return false;
  std::vector<db::Value> params;
  push_time(params, t_.finished_at, now);
  push_time(params, t_.updated_at, now);
  params.push_back(key);
  return c_.query(sql_.cancel, params).affected_rows == 1;
}

bool Queue::save(std::vector<db::Value> values, const Fence& claimed, db::Timestamp now) {
  if (sql_.save.empty()) return false;
  push_time(values, t_.updated_at, now);
  return run_fenced(sql_.save, std::move(values), claimed);
}

bool Queue::heartbeat(const Fence& claimed, db::Timestamp now, std::chrono::microseconds lease) {
  std::vector<db::Value> params;
  push_time(params, t_.locked_until, now + lease);
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.heartbeat, std::move(params), claimed);
}

bool Queue::set_progress(const Fence& claimed, int percent, db::Timestamp now) {
  if (sql_.progress.empty()) return false;
  std::vector<db::Value> params;
  params.emplace_back(std::int64_t{std::clamp(percent, 0, 100)});
  push_time(params, t_.updated_at, now);
  return run_fenced(sql_.progress, std::move(params), claimed);
}

std::optional<db::Value> Queue::status_of(const db::Value& key) {
  auto result = c_.query(sql_.status_of, {key});
  if (result.rows.empty()) return std::nullopt;
  return std::move(result.rows.front().front());
}

std::int64_t Queue::rescue(db::Timestamp stale_before, db::Timestamp now) {
  const QueueColumn* live = t_.liveness();
  if (!live) return 0;
  std::vector<db::Value> params;
  push_time(params, t_.updated_at, now);
  // A lease end is judged against now; updated_at and started_at against now - lease.
  params.push_back(at(*live, live == &t_.locked_until ? now : stale_before));
  return c_.query(sql_.rescue, params).affected_rows;
}

std::int64_t Queue::delete_expired(db::Timestamp now) {
  if (sql_.delete_expired.empty()) return 0;
  return c_.query(sql_.delete_expired, {at(t_.ttl_expires_at, now)}).affected_rows;
}

void Queue::notify() {
  if (!sql_.notify.empty()) c_.query(sql_.notify);
}

}  // namespace sf::jobs

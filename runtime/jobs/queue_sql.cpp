#include "runtime/jobs/queue_sql.hpp"

#include "runtime/db/queue_syntax.hpp"

namespace sf::jobs {
namespace {

// Writes one statement, numbering placeholders as it goes.
class Sql {
 public:
  explicit Sql(const db::QueueSyntax& s) : s_(s) {}
  Sql& operator<<(const std::string& text) {
    text_ += text;
    return *this;
  }
  std::string param() { return s_.placeholder(++n_); }
  // A sub-statement whose placeholders continue this one's numbering.
  [[nodiscard]] Sql continued() const {
    Sql s(s_);
    s.n_ = n_;
    return s;
  }
  [[nodiscard]] const std::string& str() const { return text_; }

 private:
  const db::QueueSyntax& s_;
  std::string text_;
  int n_ = 0;
};

class Writer {
 public:
  Writer(const QueueTable& t, const db::QueueSyntax& s) : t_(t), s_(s), table_(s.quote(t.table)) {}

  QueueSql build() {
    QueueSql out;
    out.table = table_;
    out.select = "SELECT " + column_list() + " FROM " + table_;
    claims(out);
    outcomes(out);
    handler_writes(out);
    upkeep(out);
    auto [head, tail] = s_.notifying_insert(key(), t_.channel);
    out.enqueue_head = std::move(head);
    out.enqueue_tail = std::move(tail);
    out.notify = s_.notify(t_.channel);
    return out;
  }

 private:
  [[nodiscard]] std::string col(int i) const { return s_.quote(t_.columns[static_cast<std::size_t>(i)]); }
  [[nodiscard]] std::string col(const QueueColumn& c) const { return col(c.column); }
  [[nodiscard]] std::string key() const { return col(t_.key); }
  [[nodiscard]] std::string state(std::string_view value) const { return s_.literal(value); }
  [[nodiscard]] std::string column_list() const {
    std::string out;
    for (std::size_t i = 0; i < t_.columns.size(); ++i) out += (i ? ", " : "") + s_.quote(t_.columns[i]);
    return out;
  }

  // `UPDATE t SET status = 'x'`, then `, role = ?` for each role column the table has.
  void set_status(Sql& q, std::string_view to) const { q << "UPDATE " << table_ << " SET " << col(t_.status) << " = " << state(to); }
  void set_param(Sql& q, const QueueColumn& c) const {
    if (c.present()) q << ", " << col(c) << " = " << q.param();
  }
  void set_null(Sql& q, const QueueColumn& c) const {
    if (c.present()) q << ", " << col(c) << " = NULL";
  }
  // WHERE key = ? AND status = 'running' [AND attempts = ?] [AND started_at = ?] [AND locked_by = ?]:
  // the claim this worker holds, so a rescued-and-reclaimed job is never overwritten.
  void fence(Sql& q) const {
    q << " WHERE " << key() << " = " << q.param() << " AND " << col(t_.status) << " = " << state(t_.states.running);
    t_.for_each_fence_column([&](const QueueColumn& c) { q << " AND " << col(c) << " = " << q.param(); });
  }

  // The head of a batch statement's WHERE; queue.cpp appends the groups.
  void batch_where(Sql& q) const { q << " WHERE " << col(t_.status) << " = " << state(t_.states.running) << " AND ("; }

  void release_set(Sql& q) const {
    set_status(q, t_.states.pending);
    set_null(q, t_.started_at);
    if (t_.attempts.present()) q << ", " << col(t_.attempts) << " = " << col(t_.attempts) << " - 1";
    set_null(q, t_.locked_until);
    set_param(q, t_.updated_at);
  }

  // Pending, due, oldest schedule first: the `(status, scheduled_at)` index order.
  std::string due(Sql& q, const std::string& select_list) const {
    q << "SELECT " << select_list << " FROM " << table_ << " WHERE " << col(t_.status) << " = " << state(t_.states.pending);
    if (const auto& s = t_.scheduled_at; s.present()) {
      if (s.nullable) q << " AND (" << col(s) << " IS NULL OR " << col(s) << " <= " << q.param() << ")";
      else q << " AND " << col(s) << " <= " << q.param();
    }
    q << " ORDER BY " << (t_.scheduled_at.present() ? col(t_.scheduled_at) + ", " : "") << key() << " LIMIT " << q.param()
      << s_.skip_locked();
    return q.str();
  }

  void claim_set(Sql& q) const {
    set_status(q, t_.states.running);
    set_param(q, t_.started_at);
    if (t_.attempts.present()) q << ", " << col(t_.attempts) << " = " << col(t_.attempts) << " + 1";
    set_param(q, t_.updated_at);
    set_param(q, t_.locked_by);
    set_param(q, t_.locked_until);
  }

  void claims(QueueSql& out) const {
    if (s_.returning()) {
      Sql q(s_);
      claim_set(q);
      Sql inner = q.continued();
      q << " WHERE " << s_.in_subquery(key(), due(inner, key())) << " RETURNING " << column_list();
      out.claim = q.str();
      return;
    }
    Sql select(s_);
    out.claim_select = due(select, column_list());
    Sql q(s_);
    claim_set(q);
    q << " WHERE " << key() << " IN (";
    out.claim_update_head = q.str();
  }

  // Complete, complete_all, fail, retry, release, cancel.
  void outcomes(QueueSql& out) const {
    {
      Sql q(s_);
      set_status(q, t_.states.success);
      set_param(q, t_.finished_at);
      if (t_.progress.present()) q << ", " << col(t_.progress) << " = 100";
      set_param(q, t_.result);
      set_param(q, t_.updated_at);
      fence(q);
      out.complete = q.str();
    }
    {
      // One statement completes a batch, each row fenced on its own claim, and
      // every engine finds the rows by primary key. Matched through the status
      // index instead, MariaDB locks every running row it passes and workers
      // queue behind each other's completions; a row-value list
      // "(id, attempts, started_at) IN (…)" it checks against every row.
      Sql q(s_);
      set_status(q, t_.states.success);
      set_param(q, t_.finished_at);
      if (t_.progress.present()) q << ", " << col(t_.progress) << " = 100";
      set_param(q, t_.updated_at);
      batch_where(q);
      out.complete_all_head = q.str();
      out.batch_group = "(" + key() + " IN (";
      t_.for_each_fence_column([&](const QueueColumn& c) { out.batch_fence.push_back(" AND " + col(c) + " = "); });
    }
    {
      Sql q(s_);
      set_status(q, t_.states.failure);
      set_param(q, t_.finished_at);
      set_param(q, t_.error);
      set_param(q, t_.updated_at);
      fence(q);
      out.fail = q.str();
    }
    if (t_.scheduled_at.present()) {  // back to pending, due later
      Sql q(s_);
      set_status(q, t_.states.pending);
      set_param(q, t_.scheduled_at);
      set_param(q, t_.error);
      set_param(q, t_.updated_at);
      fence(q);
      out.retry = q.str();
    }
    {  // claims given back unstarted (shutdown, a slow batch) cost no attempt
      Sql q(s_);
      release_set(q);
      fence(q);
      out.release = q.str();
      Sql all(s_);
      release_set(all);
      batch_where(all);
      out.release_all_head = all.str();
    }
    if (!t_.states.cancelled.empty()) {  // pending or running jobs only
      Sql q(s_);
      set_status(q, t_.states.cancelled);
      set_param(q, t_.finished_at);
      set_param(q, t_.updated_at);
      q << " WHERE " << key() << " = " << q.param() << " AND " << col(t_.status) << " IN (" << state(t_.states.pending) << ", "
        << state(t_.states.running) << ")";
      out.cancel = q.str();
    }
  }

  // What a handler writes while it holds a claim: its own columns, a heartbeat, progress.
  void handler_writes(QueueSql& out) const {
    if (!t_.handler_columns.empty()) {
      Sql q(s_);
      q << "UPDATE " << table_ << " SET ";
      bool first = true;
      for (int c : t_.handler_columns) {
        q << (first ? "" : ", ") << col(c) << " = " << q.param();
        first = false;
      }
      set_param(q, t_.updated_at);
      fence(q);
      out.save = q.str();
    }
    {
      // Moves the lease on (locked_until [updated_at]), or refreshes the
      // liveness column (updated_at), or, with neither, only checks the claim
      // is still ours (a no-op write, so every engine counts the matched row).
      Sql q(s_);
      q << "UPDATE " << table_ << " SET ";
      if (t_.locked_until.present()) {
        q << col(t_.locked_until) << " = " << q.param();
        set_param(q, t_.updated_at);
      } else if (t_.updated_at.present()) {
        q << col(t_.updated_at) << " = " << q.param();
      } else {
        q << col(t_.status) << " = " << col(t_.status);
      }
      fence(q);
      out.heartbeat = q.str();
    }
    if (t_.progress.present()) {
      Sql q(s_);
      q << "UPDATE " << table_ << " SET " << col(t_.progress) << " = " << q.param();
      set_param(q, t_.updated_at);
      fence(q);
      out.progress = q.str();
    }
  }

  // Status reads, rescue of jobs whose worker stopped answering, TTL expiry.
  void upkeep(QueueSql& out) const {
    {
      Sql q(s_);
      q << "SELECT " << col(t_.status) << " FROM " << table_ << " WHERE " << key() << " = " << q.param();
      out.status_of = q.str();
    }
    if (const QueueColumn* live = t_.liveness()) {  // locked_until < now, else updated_at or started_at < now - lease
      Sql q(s_);
      set_status(q, t_.states.pending);
      set_null(q, t_.started_at);
      set_null(q, t_.locked_until);
      set_param(q, t_.updated_at);
      q << " WHERE " << col(t_.status) << " = " << state(t_.states.running) << " AND " << col(*live) << " < " << q.param();
      out.rescue = q.str();
    }
    if (t_.ttl_expires_at.present()) {  // running rows stay: their worker finishes or loses them to rescue first
      Sql q(s_);
      q << "DELETE FROM " << table_ << " WHERE " << col(t_.ttl_expires_at) << " < " << q.param() << " AND " << col(t_.status)
        << " <> " << state(t_.states.running);
      out.delete_expired = q.str();
    }
  }

  const QueueTable& t_;
  const db::QueueSyntax& s_;
  std::string table_;
};

}  // namespace

QueueSql queue_sql(const QueueTable& t, db::Engine e) { return Writer(t, db::queue_syntax(e)).build(); }

}  // namespace sf::jobs

#include "generator/render/repository_sql.hpp"

#include <algorithm>
#include <set>

#include "generator/model/strings.hpp"

namespace sf::render {
namespace {

using model::job_column::attempts;
using model::job_column::error;
using model::job_column::finished_at;
using model::job_column::progress;
using model::job_column::result;
using model::job_column::scheduled_at;
using model::job_column::started_at;
using model::job_column::updated_at;
using model::job_column::locked_by;
using model::job_column::locked_until;

using model::join;

// Writes one statement, numbering placeholders as it goes.
class Sql {
 public:
  explicit Sql(const dialect::Dialect& d) : d_(d) {}
  Sql& operator<<(const std::string& text) {
    text_ += text;
    return *this;
  }
  std::string param() { return d_.placeholder(++n_); }
  // A sub-statement whose placeholders continue this one's numbering.
  [[nodiscard]] Sql continued() const {
    Sql s(d_);
    s.n_ = n_;
    return s;
  }
  [[nodiscard]] const std::string& str() const { return text_; }

 private:
  const dialect::Dialect& d_;
  std::string text_;
  int n_ = 0;
};

class Writer {
 public:
  Writer(const model::Table& t, const dialect::Dialect& d) : t_(t), d_(d), table_(d.quote(t.name)) {
    for (const auto& c : t.columns) columns_.push_back(d.quote(c.name));
    select_ = "SELECT " + join(columns_, ", ") + " FROM " + table_;
  }

  RepositorySql build(const std::vector<Finder>& finders) {
    RepositorySql out;
    out.table = table_;
    out.columns = columns_;
    auto& s = out.statements;
    const bool keyed = t_.primary_key.has_value();
    s.emplace_back("find", keyed ? by_key(select_) : "");
    s.emplace_back("update", keyed ? update() : "");
    s.emplace_back("erase", keyed ? by_key("DELETE FROM " + table_) : "");
    s.emplace_back("count", "SELECT COUNT(*) FROM " + table_);
    s.emplace_back("list_head", select_ + " ORDER BY ");
    {  // after list_head and the caller's order column: the key, then the page
      Sql q(d_);
      q << key_order() << " LIMIT " << q.param() << " OFFSET " << q.param();
      s.emplace_back("list_tail", q.str());
    }
    s.emplace_back("insert_returning", keyed && d_.queue().returning() ? " RETURNING " + key_list() : "");
    for (const auto& f : finders) s.emplace_back(f.function, finder(f));
    if (t_.job && keyed && t_.primary_key->columns.size() == 1) job(*t_.job, s);
    return out;
  }

 private:
  std::string col(const std::string& name) const { return d_.quote(name); }
  std::string lit(const std::string& value) const { return d_.string_literal(value); }
  std::string key_list() const { return d_.quote_list(t_.primary_key->columns); }
  std::string key_order() const { return t_.primary_key ? key_list() : col(t_.columns.front().name); }

  // `head WHERE k1 = ? AND k2 = ?`
  std::string by_key(const std::string& head) const {
    Sql q(d_);
    q << head << " WHERE ";
    bool first = true;
    for (const auto& k : t_.primary_key->columns) {
      q << (first ? "" : " AND ") << col(k) << " = " << q.param();
      first = false;
    }
    return q.str();
  }

  // The expression an ON UPDATE column is set to, as this engine writes a default.
  std::string on_update_expression(const model::Column& c) const {
    model::Column copy = c;
    copy.default_value = {model::DefaultValue::Kind::expression, c.on_update};
    copy.native_defaults.clear();  // the clock, not the engine's own default
    return d_.column_ddl(t_, copy).default_sql;
  }

  // Every column but the key, in order; ON UPDATE columns take the engine's
  // clock (PostgreSQL and SQLite have no ON UPDATE, so the statement says it).
  std::string update() const {
    Sql q(d_);
    q << "UPDATE " << table_ << " SET ";
    bool first = true;
    const auto& key = t_.primary_key->columns;
    for (const auto& c : t_.columns) {
      if (std::find(key.begin(), key.end(), c.name) != key.end()) continue;
      q << (first ? "" : ", ") << col(c.name) << " = " << (c.on_update.empty() ? q.param() : on_update_expression(c));
      first = false;
    }
    q << " WHERE ";
    first = true;
    for (const auto& k : key) {
      q << (first ? "" : " AND ") << col(k) << " = " << q.param();
      first = false;
    }
    return q.str();
  }

  std::string finder(const Finder& f) const {
    Sql q(d_);
    q << select_ << " WHERE ";
    for (std::size_t i = 0; i < f.columns.size(); ++i) q << (i ? " AND " : "") << col(f.columns[i]) << " = " << q.param();
    if (f.unique) return q.str();
    std::vector<std::string> order;
    for (const auto& c : f.order) order.push_back(col(c.name) + (c.descending ? " DESC" : ""));
    if (t_.primary_key)
      for (const auto& k : t_.primary_key->columns)
        if (std::none_of(f.order.begin(), f.order.end(), [&](const auto& o) { return o.name == k; })) order.push_back(col(k));
    q << " ORDER BY " << join(order, ", ") << " LIMIT " << q.param() << " OFFSET " << q.param();
    return q.str();
  }

  // --- job queue -----------------------------------------------------------
  // SET list shared by the state changes: `status = 'x'` then the role columns given.
  void set_status(Sql& q, const model::JobProfile& p, const std::string& state) const {
    q << "UPDATE " << table_ << " SET " << col(p.status_column) << " = " << lit(p.state(state));
  }
  void set_param(Sql& q, const model::JobProfile& p, const char* role) const {
    if (auto c = p.column(role); !c.empty()) q << ", " << col(c) << " = " << q.param();
  }
  // WHERE key = ? AND status = 'running' [AND attempts = ?] [AND started_at = ?]:
  // the claim this worker holds, so a rescued-and-reclaimed job is never overwritten.
  void fence(Sql& q, const model::JobProfile& p) const {
    q << " WHERE " << col(t_.primary_key->columns.front()) << " = " << q.param() << " AND " << col(p.status_column) << " = "
      << lit(p.state(model::job_state::running));
    for (const auto& c : fence_columns(p)) q << " AND " << col(c) << " = " << q.param();
  }

  // Pending, due, oldest schedule first: the `(status, scheduled_at)` index order.
  std::string due(Sql& q, const model::JobProfile& p, const std::string& select_list) const {
    const std::string sched = p.column(scheduled_at);
    q << "SELECT " << select_list << " FROM " << table_ << " WHERE " << col(p.status_column) << " = "
      << lit(p.state(model::job_state::pending));
    if (!sched.empty()) {
      const model::Column* c = t_.find_column(sched);
      if (c && c->nullable) q << " AND (" << col(sched) << " IS NULL OR " << col(sched) << " <= " << q.param() << ")";
      else q << " AND " << col(sched) << " <= " << q.param();
    }
    q << " ORDER BY " << (sched.empty() ? "" : col(sched) + ", ") << key_list() << " LIMIT " << q.param() << d_.queue().skip_locked();
    return q.str();
  }

  void claim_set(Sql& q, const model::JobProfile& p) const {
    set_status(q, p, model::job_state::running);
    set_param(q, p, started_at);
    if (auto c = p.column(attempts); !c.empty()) q << ", " << col(c) << " = " << col(c) << " + 1";
    set_param(q, p, updated_at);
    set_param(q, p, locked_by);
    set_param(q, p, locked_until);
  }

  void job(const model::JobProfile& p, std::vector<std::pair<std::string, std::string>>& s) const {
    const std::string key = col(t_.primary_key->columns.front());
    auto [head, tail] = d_.queue().notifying_insert(key, notify_channel(t_));
    s.emplace_back("notify_channel", head.empty() ? "" : notify_channel(t_));
    s.emplace_back("enqueue_head", head);
    s.emplace_back("enqueue_tail", tail);
    s.emplace_back("notify", head.empty() ? "" : "SELECT pg_notify(" + lit(notify_channel(t_)) + ", '')");
    // Claim. With RETURNING: one statement, parameters [started_at] [updated_at] [due] limit.
    // Without (MySQL): SELECT … FOR UPDATE SKIP LOCKED, then UPDATE … WHERE key IN (…)
    // in one transaction, parameters [due] limit, then [started_at] [updated_at] keys….
    if (d_.queue().returning()) {
      Sql q(d_);
      claim_set(q, p);
      Sql inner = q.continued();
      q << " WHERE " << d_.queue().in_subquery(key, due(inner, p, key)) << " RETURNING " << join(columns_, ", ");
      s.emplace_back("claim", q.str());
      s.emplace_back("claim_select", "");
      s.emplace_back("claim_update_head", "");
    } else {
      Sql sel(d_);
      s.emplace_back("claim", "");
      s.emplace_back("claim_select", due(sel, p, join(columns_, ", ")));
      Sql q(d_);
      claim_set(q, p);
      q << " WHERE " << key << " IN (";
      s.emplace_back("claim_update_head", q.str());
    }
    {  // [finished_at] [progress := 100 is a literal] [result] [updated_at] + fence
      Sql q(d_);
      set_status(q, p, model::job_state::success);
      set_param(q, p, finished_at);
      if (auto c = p.column(progress); !c.empty()) q << ", " << col(c) << " = 100";
      set_param(q, p, result);
      set_param(q, p, updated_at);
      fence(q, p);
      s.emplace_back("complete", q.str());
    }
    {  // [finished_at] [updated_at], then per group of rows claimed together (same attempts, start
       // and holder): "(key IN (…)" + " AND attempts = ?" … + ")", joined by " OR ", then ")".
       // One statement completes a batch, each row fenced on its own claim, and every engine finds
       // the rows by primary key. Matched through the status index instead, MariaDB locks every
       // running row it passes and workers queue behind each other's completions; a row-value
       // list "(id, attempts, started_at) IN (…)" it checks against every row.
      Sql q(d_);
      set_status(q, p, model::job_state::success);
      set_param(q, p, finished_at);
      if (auto c = p.column(progress); !c.empty()) q << ", " << col(c) << " = 100";
      set_param(q, p, updated_at);
      q << " WHERE " << col(p.status_column) << " = " << lit(p.state(model::job_state::running)) << " AND (";
      s.emplace_back("complete_all_head", q.str());
      s.emplace_back("complete_all_group", "(" + key + " IN (");
      for (const char* role : {attempts, started_at, locked_by}) {
        const std::string c = p.column(role);
        s.emplace_back(std::string("fence_") + role, c.empty() ? "" : " AND " + col(c) + " = ");
      }
    }
    {  // [finished_at] [error] [updated_at] + fence
      Sql q(d_);
      set_status(q, p, model::job_state::failure);
      set_param(q, p, finished_at);
      set_param(q, p, error);
      set_param(q, p, updated_at);
      fence(q, p);
      s.emplace_back("fail", q.str());
    }
    {  // scheduled_at [error] [updated_at] + fence: back to pending, due later
      std::string sql;
      if (!p.column(scheduled_at).empty()) {
        Sql q(d_);
        set_status(q, p, model::job_state::pending);
        set_param(q, p, scheduled_at);
        set_param(q, p, error);
        set_param(q, p, updated_at);
        fence(q, p);
        sql = q.str();
      }
      s.emplace_back("retry", sql);
    }
    {  // [updated_at] + fence: a claim given back unstarted (shutdown) costs no attempt
      Sql q(d_);
      set_status(q, p, model::job_state::pending);
      if (auto c = p.column(started_at); !c.empty()) q << ", " << col(c) << " = NULL";
      if (auto c = p.column(attempts); !c.empty()) q << ", " << col(c) << " = " << col(c) << " - 1";
      if (auto c = p.column(locked_until); !c.empty()) q << ", " << col(c) << " = NULL";
      set_param(q, p, updated_at);
      fence(q, p);
      s.emplace_back("release", q.str());
    }
    {  // [finished_at] [updated_at] key: pending or running jobs only
      std::string sql;
      if (!p.state(model::job_state::cancelled).empty()) {
        Sql q(d_);
        set_status(q, p, model::job_state::cancelled);
        set_param(q, p, finished_at);
        set_param(q, p, updated_at);
        q << " WHERE " << key << " = " << q.param() << " AND " << col(p.status_column) << " IN ("
          << lit(p.state(model::job_state::pending)) << ", " << lit(p.state(model::job_state::running)) << ")";
        sql = q.str();
      }
      s.emplace_back("cancel", sql);
    }
    {  // the handler's own columns (every column but the key and the queue's roles) [updated_at] + fence
      Sql q(d_);
      q << "UPDATE " << table_ << " SET ";
      bool first = true;
      for (const auto& c : handler_columns(t_)) {
        q << (first ? "" : ", ") << col(c) << " = " << q.param();
        first = false;
      }
      std::string sql;
      if (!first) {
        set_param(q, p, updated_at);
        fence(q, p);
        sql = q.str();
      }
      s.emplace_back("save", sql);
    }
    {  // a long job's heartbeat, + fence: moves the lease on (locked_until [updated_at]), or
       // refreshes the liveness column (updated_at), or, with neither, only checks the claim
       // is still ours (a no-op write, so every engine counts the matched row).
      Sql q(d_);
      q << "UPDATE " << table_ << " SET ";
      if (auto until = p.column(locked_until); !until.empty()) {
        q << col(until) << " = " << q.param();
        set_param(q, p, updated_at);
      } else if (auto updated = p.column(updated_at); !updated.empty()) {
        q << col(updated) << " = " << q.param();
      } else {
        q << col(p.status_column) << " = " << col(p.status_column);
      }
      fence(q, p);
      s.emplace_back("heartbeat", q.str());
    }
    {  // progress [updated_at] + fence
      std::string sql;
      if (auto c = p.column(progress); !c.empty()) {
        Sql q(d_);
        q << "UPDATE " << table_ << " SET " << col(c) << " = " << q.param();
        set_param(q, p, updated_at);
        fence(q, p);
        sql = q.str();
      }
      s.emplace_back("progress", sql);
    }
    {
      Sql q(d_);
      q << "SELECT " << col(p.status_column) << " FROM " << table_ << " WHERE " << key << " = " << q.param();
      s.emplace_back("status_of", q.str());
    }
    {  // [updated_at] cutoff: jobs whose worker stopped answering go back to pending, judged by
       // liveness_column(): locked_until < now, else updated_at or started_at < now - lease.
      std::string sql;
      if (const std::string live = liveness_column(p); !live.empty()) {
        Sql q(d_);
        set_status(q, p, model::job_state::pending);
        if (auto c = p.column(started_at); !c.empty()) q << ", " << col(c) << " = NULL";
        if (auto c = p.column(locked_until); !c.empty()) q << ", " << col(c) << " = NULL";
        set_param(q, p, updated_at);
        q << " WHERE " << col(p.status_column) << " = " << lit(p.state(model::job_state::running)) << " AND " << col(live)
          << " < " << q.param();
        sql = q.str();
      }
      s.emplace_back("rescue", sql);
    }
    {  // now: rows past their TTL, except running ones (their worker finishes or loses them to rescue first)
      std::string sql;
      if (auto ttl = p.column(model::job_column::ttl_expires_at); !ttl.empty()) {
        Sql q(d_);
        q << "DELETE FROM " << table_ << " WHERE " << col(ttl) << " < " << q.param() << " AND " << col(p.status_column)
          << " <> " << lit(p.state(model::job_state::running));
        sql = q.str();
      }
      s.emplace_back("delete_expired", sql);
    }
  }

  const model::Table& t_;
  const dialect::Dialect& d_;
  std::string table_;
  std::vector<std::string> columns_;
  std::string select_;
};

std::string finder_name(const std::vector<std::string>& columns) {
  std::string out = "find_by";
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "_and_" : "_") + columns[i];
  return out;
}

}  // namespace

std::vector<std::string> fence_columns(const model::JobProfile& p) {
  std::vector<std::string> out;
  for (const char* role : {model::job_column::attempts, model::job_column::started_at, model::job_column::locked_by})
    if (auto c = p.column(role); !c.empty()) out.push_back(c);
  return out;
}

std::string liveness_column(const model::JobProfile& p) {
  for (const char* role : {model::job_column::locked_until, model::job_column::updated_at, model::job_column::started_at})
    if (auto c = p.column(role); !c.empty()) return c;
  return {};
}

std::string notify_channel(const model::Table& t) {
  const std::string channel = "sf_" + t.name;
  return channel.size() <= 63 ? channel : t.name;  // PostgreSQL channels are identifiers: 63 bytes
}

std::vector<std::string> handler_columns(const model::Table& t) {
  std::vector<std::string> out;
  if (!t.job || !t.primary_key) return out;
  const model::JobProfile& p = *t.job;
  for (const auto& c : t.columns) {
    if (c.name == t.primary_key->columns.front() || c.name == p.status_column || !c.on_update.empty()) continue;
    if (std::any_of(p.columns.begin(), p.columns.end(), [&](const auto& role) { return role.second == c.name; })) continue;
    out.push_back(c.name);
  }
  return out;
}

std::vector<Finder> finders(const model::Table& t) {
  std::vector<Finder> out;
  std::set<std::vector<std::string>> seen;
  if (t.primary_key) seen.insert(t.primary_key->columns);
  for (const auto& u : t.uniques) {
    if (!seen.insert(u.columns).second) continue;
    out.push_back({finder_name(u.columns), u.columns, {}, true});
  }
  std::vector<const model::Index*> indexes;
  for (const auto& i : t.indexes) indexes.push_back(&i);
  std::sort(indexes.begin(), indexes.end(), [](auto* a, auto* b) { return a->name < b->name; });
  for (const auto* i : indexes) {
    std::vector<std::string> cols;
    for (const auto& c : i->columns) cols.push_back(c.name);
    if (i->unique) {
      if (!seen.insert(cols).second) continue;
      out.push_back({finder_name(cols), cols, {}, true});
      continue;
    }
    // Non-unique: a finder on the leading column, ordered by the rest.
    std::vector<std::string> lead{cols.front()};
    if (seen.count(lead) || std::any_of(out.begin(), out.end(), [&](const Finder& f) { return f.columns == lead; })) continue;
    out.push_back({finder_name(lead), lead, {i->columns.begin() + 1, i->columns.end()}, false});
  }
  return out;
}

RepositorySql repository_sql(const model::Table& t, const dialect::Dialect& d, const std::vector<Finder>& f) {
  return Writer(t, d).build(f);
}

}  // namespace sf::render

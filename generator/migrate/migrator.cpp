#include "generator/migrate/migrator.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <map>
#include <thread>

#include "generator/migrate/statement_splitter.hpp"

namespace sf::migrate {
namespace {

constexpr const char* history_table = "schemaforge_migrations";

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string default_applied_by() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  const char* user = std::getenv("USER");
  return std::string(user ? user : "unknown") + "@" + host;
}

bool version_less(const std::string& a, const std::string& b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

// Holds the database's migration lock for the lifetime of one command.
class Migrator::LockGuard {
 public:
  LockGuard(db::Connection& c, const dialect::Dialect& d, int timeout) : c_(c), lock_(d.alter().migration_lock(timeout)) {
    if (!lock_.setup.empty()) c_.execute(lock_.setup);
    if (lock_.acquire.empty()) return;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
    for (;;) {
      auto r = c_.query(lock_.acquire);
      if (!r.rows.empty() && !db::is_null(r.rows[0][0]) && db::as_int(r.rows[0][0]) == 1) break;
      if (lock_.waits || std::chrono::steady_clock::now() >= deadline)
        throw MigrateError("could not take the migration lock on " + c_.dsn().redacted() + " within " +
                           std::to_string(timeout) + " s: another `schemaforge migrate` is running (or died holding it). "
                           "Retry, or raise --lock-timeout");
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    held_ = true;
  }
  ~LockGuard() {
    if (!held_) return;
    try {
      c_.query(lock_.release);
    } catch (...) {  // the session ending releases it too
    }
  }

 private:
  db::Connection& c_;
  dialect::AlterStatements::MigrationLock lock_;
  bool held_ = false;
};

Migrator::Migrator(db::Connection& c, const dialect::Dialect& d, const MigrationDir& dir, Options o)
    : c_(c), d_(d), dir_(dir), o_(std::move(o)) {
  if (o_.applied_by.empty()) o_.applied_by = default_applied_by();
}

void Migrator::ensure_history() {
  // Portable across the three engines on purpose: no engine-specific types.
  // Two first runs can race on CREATE TABLE IF NOT EXISTS (PostgreSQL's
  // catalog raises a unique violation); up/down/force call this under the
  // lock, and a lost race elsewhere just means the table is there now.
  try {
    create_history();
  } catch (const db::ConstraintViolation&) {
  }
}

void Migrator::create_history() {
  c_.execute(std::string("CREATE TABLE IF NOT EXISTS ") + history_table +
             " (version VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL, checksum VARCHAR(64) NOT NULL,"
             " state VARCHAR(16) NOT NULL, statement_index INTEGER NOT NULL, error TEXT, applied_at VARCHAR(32) NOT NULL,"
             " duration_ms BIGINT NOT NULL, applied_by VARCHAR(255) NOT NULL)");
}

std::vector<HistoryRow> Migrator::history() {
  ensure_history();
  std::vector<HistoryRow> out;
  auto r = c_.query(std::string("SELECT version, name, checksum, state, statement_index, error, applied_at, duration_ms, applied_by FROM ") +
                    history_table);
  for (const auto& row : r.rows) {
    HistoryRow h;
    h.version = db::as_string(row[0]);
    h.name = db::as_string(row[1]);
    h.checksum = db::as_string(row[2]);
    h.state = db::as_string(row[3]);
    h.statement_index = db::as_int(row[4]);
    h.error = db::as_optional_string(row[5]).value_or("");
    h.applied_at = db::as_string(row[6]);
    h.duration_ms = db::as_int(row[7]);
    h.applied_by = db::as_string(row[8]);
    out.push_back(std::move(h));
  }
  std::sort(out.begin(), out.end(), [](const HistoryRow& a, const HistoryRow& b) { return version_less(a.version, b.version); });
  return out;
}

std::string Migrator::where(const Migration& m, bool is_up, int line) const {
  return (is_up ? m.up_path : m.down_path).generic_string() + ":" + std::to_string(line);
}

// The history keyed by version, and the newest version applied.
std::pair<std::map<std::string, HistoryRow>, std::string> Migrator::by_version(const std::vector<HistoryRow>& rows) {
  std::map<std::string, HistoryRow> applied;
  std::string last_applied;
  for (const auto& h : rows) {
    applied[h.version] = h;
    if (h.state == "applied" && version_less(last_applied, h.version)) last_applied = h.version;
  }
  return {std::move(applied), std::move(last_applied)};
}

std::vector<StatusEntry> Migrator::status() {
  auto [applied, last_applied] = by_version(history());
  std::vector<StatusEntry> out;
  for (const auto& m : dir_.migrations()) {
    StatusEntry e{m.version, m.name, "pending", "", ""};
    if (auto it = applied.find(m.version); it != applied.end()) {
      const HistoryRow& h = it->second;
      e.applied_at = h.applied_at;
      if (h.state != "applied") {
        e.state = "failed";
        e.detail = h.state == "failed" ? "at statement " + std::to_string(h.statement_index + 1) + ": " + h.error
                                       : "interrupted (" + h.state + ") after statement " + std::to_string(h.statement_index) +
                                             "; `migrate up` resumes there";
      } else if (h.checksum != m.checksum) {
        e.state = "edited";
        e.detail = m.up_path.filename().string() + " changed after it was applied";
      } else {
        e.state = "applied";
      }
    } else if (version_less(m.version, last_applied)) {
      e.state = "out-of-order";
      e.detail = "sorts before " + last_applied + ", which is already applied";
    }
    out.push_back(std::move(e));
  }
  for (const auto& [v, h] : applied)
    if (!dir_.find(v)) out.push_back({v, h.name, "missing", "applied, but no file in " + dir_.path().generic_string(), h.applied_at});
  return out;
}

RunReport Migrator::up(std::optional<int> limit, std::optional<std::string> to) {
  LockGuard lock(c_, d_, o_.lock_timeout_seconds);
  ensure_history();
  // Read the history only under the lock: a concurrent run may just have applied some.
  auto [applied, last_applied] = by_version(history());
  for (const auto& m : dir_.migrations()) {
    auto it = applied.find(m.version);
    if (it != applied.end() && it->second.state == "applied" && it->second.checksum != m.checksum)
      throw MigrateError("migration " + m.id() + " was edited after it was applied (" + m.up_path.generic_string() +
                         "); restore the file, or write a new migration for the change");
  }
  RunReport report;
  int done = 0;
  for (const auto& m : dir_.migrations()) {
    auto it = applied.find(m.version);
    // 'failed', or 'running' left by a process that died: under the lock no
    // live run can own it, so resume at the statement it reached.
    bool failed_before = it != applied.end() && it->second.state != "applied";
    if (it != applied.end() && !failed_before) continue;
    if (to && version_less(*to, m.version)) break;
    if (limit && done >= *limit) break;
    if (!failed_before && version_less(m.version, last_applied) && !o_.allow_out_of_order)
      throw MigrateError("migration " + m.id() + " sorts before " + last_applied +
                         ", which is already applied (a branch merged late). Renumber it, or run with --allow-out-of-order");
    if (o_.dry_run) {
      report.planned.push_back(m.version);
      report.dry_run_sql.push_back(m.up_sql);
      ++done;
      continue;
    }
    if (d_.alter().transactional_ddl()) {
      if (apply_transactional(m, m.up_sql, true)) report.applied.push_back(m.version);
    } else {
      apply_stepwise(m, m.up_sql, true, failed_before ? it->second.statement_index : 0, it != applied.end());
      report.applied.push_back(m.version);
    }
    ++done;
  }
  return report;
}

RunReport Migrator::down(std::optional<int> limit, std::optional<std::string> to) {
  LockGuard lock(c_, d_, o_.lock_timeout_seconds);
  ensure_history();
  auto rows = history();
  std::reverse(rows.begin(), rows.end());
  if (!limit && !to) limit = 1;
  RunReport report;
  int done = 0;
  for (const auto& h : rows) {
    if (to && !version_less(*to, h.version)) break;
    if (limit && done >= *limit) break;
    const Migration* m = dir_.find(h.version);
    if (!m) throw MigrateError("cannot roll back " + h.version + "_" + h.name + ": its files are not in " + dir_.path().generic_string());
    if (o_.dry_run) {
      report.planned.push_back(m->version);
      report.dry_run_sql.push_back(m->down_sql);
      ++done;
      continue;
    }
    if (d_.alter().transactional_ddl()) {
      if (apply_transactional(*m, m->down_sql, false)) report.applied.push_back(m->version);
    } else {
      apply_stepwise(*m, m->down_sql, false, 0, true);
      report.applied.push_back(m->version);
    }
    ++done;
  }
  return report;
}

void Migrator::record_applied(const Migration& m, std::int64_t statements, std::int64_t ms) {
  const dialect::Spelling& spelling = d_.spelling();
  const std::string p1 = spelling.placeholder(1), p2 = spelling.placeholder(2), p3 = spelling.placeholder(3),
                    p4 = spelling.placeholder(4), p5 = spelling.placeholder(5), p6 = spelling.placeholder(6),
                    p7 = spelling.placeholder(7);
  c_.query(std::string("DELETE FROM ") + history_table + " WHERE version = " + p1, {m.version});
  c_.query(std::string("INSERT INTO ") + history_table +
               " (version, name, checksum, state, statement_index, error, applied_at, duration_ms, applied_by) VALUES (" + p1 +
               ", " + p2 + ", " + p3 + ", 'applied', " + p4 + ", NULL, " + p5 + ", " + p6 + ", " + p7 + ")",
           {m.version, m.name, m.checksum, statements, now_utc(), ms, o_.applied_by});
}

// PostgreSQL: BEGIN … COMMIT per migration. SQLite: foreign keys off around an
// exclusive transaction (the lock), checked before commit.
bool Migrator::apply_transactional(const Migration& m, const std::string& sql, bool is_up) {
  std::vector<Statement> statements;
  try {
    statements = split_statements(sql);
  } catch (const std::exception& e) {
    throw MigrateError((is_up ? m.up_path : m.down_path).generic_string() + ": " + e.what());
  }
  auto start = std::chrono::steady_clock::now();
  for (const auto& s : d_.alter().before_migration()) c_.execute(s);
  struct Restore {
    db::Connection& c;
    const dialect::Dialect& d;
    ~Restore() {
      for (const auto& s : d.alter().after_migration()) try {
          c.execute(s);
        } catch (...) {
        }
    }
  } restore{c_, d_};
  db::Transaction tx(c_);
  // Where the transaction is the lock (SQLite), another process may have run
  // this migration between our reading the history and getting here.
  auto state = c_.query(std::string("SELECT state FROM ") + history_table + " WHERE version = " + d_.spelling().placeholder(1), {m.version});
  if (is_up ? !state.rows.empty() : state.rows.empty()) return false;
  for (const auto& st : statements) {
    try {
      c_.execute(st.sql);
    } catch (const db::DbError& e) {
      if (dynamic_cast<const db::WritesRefused*>(&e))
        throw db::WritesRefused("migration " + m.id() + " at " + where(m, is_up, st.line) + ": " + e.what() +
                                    ".\nNothing of it was applied. Run `migrate " + (is_up ? "up" : "down") +
                                    "` again once the database takes writes.",
                                e.sqlstate(), false);
      if (connection_lost(e))
        throw db::ConnectionLost("migration " + m.id() + ": lost the connection to " + c_.dsn().redacted() + " at " +
                                     where(m, is_up, st.line) + " (" + e.what() +
                                     ").\nNothing of it was applied (the transaction rolled back with the session). "
                                     "Run `migrate " + (is_up ? "up" : "down") + "` again once the server is back.",
                                 e.sqlstate(), true);
      throw MigrateError("migration " + m.id() + " failed at " + where(m, is_up, st.line) + ": " + e.what() +
                         "\nNothing of it was applied (the transaction rolled back). Fix the statement and run again.");
    }
  }
  if (std::string check = d_.alter().integrity_check(); !check.empty()) {
    auto r = c_.query(check);
    if (!r.rows.empty())
      throw MigrateError("migration " + m.id() + " leaves " + std::to_string(r.rows.size()) + " row(s) violating foreign keys (first in table " +
                         db::as_string(r.rows[0][0]) + "); nothing was applied");
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (is_up)
    record_applied(m, static_cast<std::int64_t>(statements.size()), ms);
  else
    c_.query(std::string("DELETE FROM ") + history_table + " WHERE version = " + d_.spelling().placeholder(1), {m.version});
  tx.commit();
  return true;
}

bool Migrator::connection_lost(const db::DbError& e) {
  if (dynamic_cast<const db::ConnectionLost*>(&e)) return true;
  return !c_.alive();
}

// MySQL/MariaDB, the connection gone during statement `i`: the history
// cannot be written any more, and it already says where to resume.
db::ConnectionLost Migrator::lost_midway(const Migration& m, bool is_up, const std::string& at, std::size_t i, std::size_t total,
                                         const db::DbError& e) const {
  return db::ConnectionLost(
      "migration " + m.id() + ": lost the connection to " + c_.dsn().redacted() + " at " + at + ", statement " +
          std::to_string(i + 1) + " of " + std::to_string(total) + " (" + e.what() + ").\nThe statements before it are " +
          "applied and recorded (MySQL commits DDL as it goes); whether this one took effect is unknown. Once the server " +
          "is back, `migrate " + (is_up ? "up" : "down") + "` resumes at this statement; if it then fails because its change " +
          "is already there, check it and run `migrate force " + m.version + "`.",
      e.sqlstate(), true);
}

// MySQL/MariaDB, writes refused (read-only, disk full) at statement `i`:
// the history cannot record it either, and already says where to resume.
db::WritesRefused Migrator::refused_midway(const Migration& m, bool is_up, const std::string& at, std::size_t i, std::size_t total,
                                           const db::DbError& e) const {
  return db::WritesRefused("migration " + m.id() + " at " + at + ", statement " + std::to_string(i + 1) + " of " +
                               std::to_string(total) + ": " + e.what() + ".\nThe statements before it are applied and " +
                               "recorded (MySQL commits DDL as it goes); `migrate " + (is_up ? "up" : "down") +
                               "` resumes at this one once the database takes writes.",
                           e.sqlstate(), false);
}

// MySQL/MariaDB: DDL commits implicitly, so record progress after every
// statement; a failure leaves the migration 'failed' at that statement.
void Migrator::apply_stepwise(const Migration& m, const std::string& sql, bool is_up, std::int64_t resume_at, bool row_exists) {
  std::vector<Statement> statements;
  try {
    statements = split_statements(sql);
  } catch (const std::exception& e) {
    throw MigrateError((is_up ? m.up_path : m.down_path).generic_string() + ": " + e.what());
  }
  const dialect::Spelling& spelling = d_.spelling();
  const std::string p1 = spelling.placeholder(1), p2 = spelling.placeholder(2), p3 = spelling.placeholder(3);
  auto start = std::chrono::steady_clock::now();
  if (is_up && resume_at == 0) {
    if (row_exists)  // a row left by an earlier failure
      c_.query(std::string("DELETE FROM ") + history_table + " WHERE version = " + p1, {m.version});
    c_.query(std::string("INSERT INTO ") + history_table +
                 " (version, name, checksum, state, statement_index, error, applied_at, duration_ms, applied_by) VALUES (" + p1 +
                 ", " + p2 + ", " + p3 + ", 'running', 0, NULL, " + spelling.placeholder(4) + ", 0, " + spelling.placeholder(5) + ")",
             {m.version, m.name, m.checksum, now_utc(), o_.applied_by});
  } else if (!is_up) {
    c_.query(std::string("UPDATE ") + history_table + " SET state = 'rolling-back', statement_index = 0 WHERE version = " + p1, {m.version});
  }
  for (std::size_t i = static_cast<std::size_t>(resume_at); i < statements.size(); ++i) {
    try {
      c_.execute(statements[i].sql);
    } catch (const db::DbError& e) {
      std::string at = where(m, is_up, statements[i].line);
      if (dynamic_cast<const db::WritesRefused*>(&e)) throw refused_midway(m, is_up, at, i, statements.size(), e);
      if (connection_lost(e)) throw lost_midway(m, is_up, at, i, statements.size(), e);
      std::string msg = std::string(e.what()) + " (" + at + ")";
      c_.query(std::string("UPDATE ") + history_table + " SET state = 'failed', statement_index = " + p1 + ", error = " + p2 +
                   " WHERE version = " + p3,
               {static_cast<std::int64_t>(i), msg.substr(0, 2000), m.version});
      throw MigrateError("migration " + m.id() + " failed at " + at + ": " + e.what() + "\nStatements before it (" +
                         std::to_string(i) + " of " + std::to_string(statements.size()) +
                         ") are applied: MySQL commits DDL as it goes. Fix the cause and run `migrate up` again to resume "
                         "at this statement, or repair by hand and run `migrate force " + m.version + "`.");
    }
    // Progress after every statement but the last: the final UPDATE records that one.
    try {
      if (i + 1 < statements.size())
        c_.query(std::string("UPDATE ") + history_table + " SET statement_index = " + p1 + " WHERE version = " + p2,
                 {static_cast<std::int64_t>(i + 1), m.version});
    } catch (const db::DbError& e) {
      if (dynamic_cast<const db::WritesRefused*>(&e))
        throw refused_midway(m, is_up, where(m, is_up, statements[i].line), i, statements.size(), e);
      if (connection_lost(e)) throw lost_midway(m, is_up, where(m, is_up, statements[i].line), i, statements.size(), e);
      throw;
    }
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  if (is_up)
    c_.query(std::string("UPDATE ") + history_table + " SET state = 'applied', error = NULL, checksum = " + p1 +
                 ", duration_ms = " + p2 + ", applied_at = " + p3 + ", statement_index = " + spelling.placeholder(4) +
                 " WHERE version = " + spelling.placeholder(5),
             {m.checksum, static_cast<std::int64_t>(ms), now_utc(), static_cast<std::int64_t>(statements.size()), m.version});
  else
    c_.query(std::string("DELETE FROM ") + history_table + " WHERE version = " + p1, {m.version});
}

void Migrator::force(const std::string& version) {
  LockGuard lock(c_, d_, o_.lock_timeout_seconds);
  ensure_history();
  const Migration* m = dir_.find(version);
  if (!m) throw MigrateError("no migration " + version + " in " + dir_.path().generic_string());
  db::Transaction tx(c_);
  record_applied(*m, static_cast<std::int64_t>(split_statements(m->up_sql).size()), 0);
  tx.commit();
}

std::vector<std::string> Migrator::baseline() {
  LockGuard lock(c_, d_, o_.lock_timeout_seconds);
  ensure_history();
  if (const auto rows = history(); !rows.empty())
    throw MigrateError("the database already records " + std::to_string(rows.size()) +
                       " migration(s); baseline adopts a database schemaforge has never migrated (see `migrate status`)");
  if (dir_.migrations().empty()) throw MigrateError(dir_.path().generic_string() + " holds no migration to record");
  std::vector<std::string> versions;
  db::Transaction tx(c_);
  for (const auto& m : dir_.migrations()) {
    record_applied(m, 0, 0);
    versions.push_back(m.version);
  }
  tx.commit();
  return versions;
}

}  // namespace sf::migrate

#pragma once
// Applies a migration folder to a live database.
//
// History: table schemaforge_migrations (version, name, checksum, state,
// statement_index, error, applied_at, duration_ms, applied_by). One lock per
// database while migrating (the dialect says how); a lock that is not granted
// is an error, never a reason to go on unlocked.
//
// PostgreSQL: one transaction per migration, all or nothing. SQLite: one
// exclusive transaction holding a savepoint per migration. MySQL/MariaDB
// commit DDL implicitly, so progress is recorded after every statement; a
// failed statement marks the migration failed with its file:line, and the
// next `up` resumes at that statement once the cause is fixed.
#include <chrono>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "generator/dialect/dialect.hpp"
#include "generator/migrate/migration_dir.hpp"
#include "runtime/db/connection.hpp"

namespace sf::migrate {

// A failure the user must act on; the message says where and what to do.
struct MigrateError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Options {
  int lock_timeout_seconds = 60;
  bool allow_out_of_order = false;
  bool dry_run = false;
  std::string applied_by;  // defaults to user@host
};

struct HistoryRow {
  std::string version, name, checksum, state, error, applied_at, applied_by;
  std::int64_t statement_index = 0;
  std::int64_t duration_ms = 0;
};

struct StatusEntry {
  std::string version, name;
  std::string state;   // applied, pending, failed, edited, out-of-order, missing (applied but no file)
  std::string detail;  // where a failure happened, what was edited
  std::string applied_at;
};

struct RunReport {
  std::vector<std::string> applied;  // versions, in the order run
  std::vector<std::string> planned;  // --dry-run: what would run
  std::vector<std::string> dry_run_sql;
};

class Migrator {
 public:
  Migrator(db::Connection& c, const dialect::Dialect& d, const MigrationDir& dir, Options o);

  // limit: at most this many migrations; to: up to and including this version.
  RunReport up(std::optional<int> limit = std::nullopt, std::optional<std::string> to = std::nullopt);
  // limit: this many applied migrations, newest first (default 1); to: down to, not including, this version.
  RunReport down(std::optional<int> limit = std::nullopt, std::optional<std::string> to = std::nullopt);
  [[nodiscard]] std::vector<StatusEntry> status();
  // Marks `version` applied without running it (the escape hatch after a
  // failed MySQL migration was repaired by hand), clearing its failure.
  void force(const std::string& version);
  // Records every migration of the folder as applied without running any:
  // an existing database adopted at the latest migration (Flyway's
  // baseline). The caller has checked that the database matches it. Throws
  // MigrateError when this database already records a migration. Returns
  // the versions recorded.
  std::vector<std::string> baseline();
  [[nodiscard]] std::vector<HistoryRow> history();

 private:
  class LockGuard;
  static std::pair<std::map<std::string, HistoryRow>, std::string> by_version(const std::vector<HistoryRow>& rows);
  void ensure_history();
  void create_history();
  bool apply_transactional(const Migration& m, const std::string& sql, bool is_up);
  void apply_stepwise(const Migration& m, const std::string& sql, bool is_up, std::int64_t resume_at, bool row_exists);
  // Whether `e` means the session is gone (the server restarted, the
  // connection was killed): then nothing more can be written to it.
  bool connection_lost(const db::DbError& e);
  [[nodiscard]] db::WritesRefused refused_midway(const Migration& m, bool is_up, const std::string& at, std::size_t i,
                                                 std::size_t total, const db::DbError& e) const;
  [[nodiscard]] db::ConnectionLost lost_midway(const Migration& m, bool is_up, const std::string& at, std::size_t i, std::size_t total,
                                               const db::DbError& e) const;
  void record_applied(const Migration& m, std::int64_t statements, std::int64_t ms);
  [[nodiscard]] std::string where(const Migration& m, bool is_up, int line) const;

  db::Connection& c_;
  const dialect::Dialect& d_;
  const MigrationDir& dir_;
  Options o_;
};

}  // namespace sf::migrate

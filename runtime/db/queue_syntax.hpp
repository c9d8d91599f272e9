#pragma once
// The queue facet of an engine: how it quotes names and job states, claims
// rows without two workers getting the same one, hands keys back and wakes
// idle workers. runtime/jobs/queue_sql.cpp writes every queue statement once,
// over this; each engine's answers are in <engine>_queue_syntax.cpp.
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

#include "runtime/db/dsn.hpp"

namespace sf::db {

class QueueSyntax {
 public:
  virtual ~QueueSyntax() = default;

  // The identifier, always quoted (a doubled quote escapes one in all three engines).
  [[nodiscard]] std::string quote(std::string_view identifier) const;
  // 'text' with the engine's escaping: job states are written as literals so
  // that a partial index on them (`WHERE status = 'pending'`) serves the claim.
  [[nodiscard]] virtual std::string literal(std::string_view text) const;
  // Bound-parameter placeholder number i (1-based).
  [[nodiscard]] virtual std::string placeholder(int /*i*/) const { return "?"; }
  // Whether UPDATE … RETURNING hands back rows (MySQL has no RETURNING: a
  // claim is a SELECT … FOR UPDATE SKIP LOCKED and an UPDATE, one transaction).
  [[nodiscard]] virtual bool returning() const { return true; }
  // The clause that makes concurrent claimers skip each other's rows ("" where
  // the write lock is database-wide, as on SQLite).
  [[nodiscard]] virtual std::string skip_locked() const { return " FOR UPDATE SKIP LOCKED"; }
  // `column` restricted to the keys a sub-SELECT returns.
  [[nodiscard]] virtual std::string in_subquery(const std::string& column, const std::string& select) const {
    return column + " IN (" + select + ")";
  }
  // Wraps a job INSERT (which returns `key_list`) so it also wakes listening
  // workers: {head, tail} around the statement, or {"", ""} where the engine
  // has no notifications (workers poll there).
  [[nodiscard]] virtual std::pair<std::string, std::string> notifying_insert(const std::string& /*key_list*/,
                                                                             std::string_view /*channel*/) const {
    return {};
  }
  // A statement that wakes the workers listening on `channel`, or "".
  [[nodiscard]] virtual std::string notify(std::string_view /*channel*/) const { return {}; }
  // A statement that makes this session give up waiting for a row lock after
  // `wait`, or "" where the connection already bounds it (SQLite's busy
  // timeout). The worker's lease keeper runs it, so that one job row a
  // handler's transaction holds cannot stall every other job's renewal.
  [[nodiscard]] virtual std::string lock_timeout(std::chrono::milliseconds /*wait*/) const { return {}; }

 protected:
  [[nodiscard]] virtual char quote_char() const { return '"'; }
};

// The queue facet of engine `e`.
[[nodiscard]] const QueueSyntax& queue_syntax(Engine e);

namespace detail {
[[nodiscard]] const QueueSyntax& postgres_queue_syntax();
[[nodiscard]] const QueueSyntax& mysql_queue_syntax();
[[nodiscard]] const QueueSyntax& sqlite_queue_syntax();
}  // namespace detail

}  // namespace sf::db

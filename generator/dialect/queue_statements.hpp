#pragma once
// The queue facet of a dialect: how one engine claims job rows, hands keys
// back and wakes idle workers. render/repository_sql.cpp builds each job
// table's repository SQL from it; every engine has one (Dialect::queue()),
// in <engine>/queue.hpp.
#include <string>
#include <utility>

namespace sf::dialect {

class QueueStatements {
 public:
  virtual ~QueueStatements() = default;

  // Whether INSERT/UPDATE … RETURNING hands back rows (MySQL has neither; the
  // repository reads LAST_INSERT_ID() and claims in two statements there).
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
                                                                             const std::string& /*channel*/) const {
    return {};
  }
};

}  // namespace sf::dialect

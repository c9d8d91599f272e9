#pragma once
#include "generator/dialect/queue_statements.hpp"

namespace sf::dialect {

// PostgreSQL claims with UPDATE … WHERE key = ANY(ARRAY(SELECT … FOR UPDATE
// SKIP LOCKED)) RETURNING, and announces new jobs with pg_notify.
class PostgresQueue final : public QueueStatements {
 public:
  // `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` may be planned as a
  // semi-join over the whole table; an array of keys is always a key lookup.
  std::string in_subquery(const std::string& column, const std::string& select) const override {
    return column + " = ANY(ARRAY(" + select + "))";
  }
  // One round trip: the NOTIFY rides on the INSERT (and, inside a
  // transaction, is delivered at commit, when the job is visible). The
  // channel is an identifier we derive, written as a standard literal.
  std::pair<std::string, std::string> notifying_insert(const std::string& key_list, const std::string& channel) const override {
    std::string literal = "'";
    for (char c : channel) literal += c == '\'' ? std::string("''") : std::string(1, c);
    literal += "'";
    return {"WITH ins AS (", ") SELECT " + key_list + ", pg_notify(" + literal + ", '') FROM ins"};
  }
};

}  // namespace sf::dialect

#include "runtime/db/queue_syntax.hpp"

namespace sf::db {
namespace {

// PostgreSQL claims with UPDATE … WHERE key = ANY(ARRAY(SELECT … FOR UPDATE
// SKIP LOCKED)) RETURNING, and announces new jobs with pg_notify.
class PostgresQueueSyntax final : public QueueSyntax {
 public:
  std::string placeholder(int i) const override { return "$" + std::to_string(i); }
  // `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` may be planned as a
  // semi-join over the whole table; an array of keys is always a key lookup.
  std::string in_subquery(const std::string& column, const std::string& select) const override {
    return column + " = ANY(ARRAY(" + select + "))";
  }
  // One round trip: the NOTIFY rides on the INSERT (and, inside a
  // transaction, is delivered at commit, when the job is visible).
  std::pair<std::string, std::string> notifying_insert(const std::string& key_list, std::string_view channel) const override {
    return {"WITH ins AS (", ") SELECT " + key_list + ", pg_notify(" + literal(channel) + ", '') FROM ins"};
  }
  std::string notify(std::string_view channel) const override { return "SELECT pg_notify(" + literal(channel) + ", '')"; }
  std::string lock_timeout(std::chrono::milliseconds wait) const override {
    return "SET lock_timeout = " + std::to_string(wait.count());
  }
};

}  // namespace

const QueueSyntax& detail::postgres_queue_syntax() {
  static const PostgresQueueSyntax syntax;
  return syntax;
}

}  // namespace sf::db

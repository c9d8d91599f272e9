#pragma once
#include "generator/dialect/queue_statements.hpp"

namespace sf::dialect {

// MySQL/MariaDB have no RETURNING: a claim is SELECT … FOR UPDATE SKIP LOCKED
// and an UPDATE in one transaction, an insert reads LAST_INSERT_ID(). No
// notifications: idle workers poll.
class MysqlQueue final : public QueueStatements {
 public:
  bool returning() const override { return false; }
};

}  // namespace sf::dialect

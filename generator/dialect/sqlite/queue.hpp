#pragma once
#include "generator/dialect/queue_statements.hpp"

namespace sf::dialect {

// SQLite has one writer at a time: the claim's write transaction is the
// lock, so there is nothing to skip. No notifications: idle workers poll.
class SqliteQueue final : public QueueStatements {
 public:
  std::string skip_locked() const override { return {}; }
};

}  // namespace sf::dialect

#include "runtime/db/queue_syntax.hpp"

namespace sf::db {
namespace {

// SQLite has one writer at a time: the claim's write transaction is the
// lock, so there is nothing to skip. No notifications: idle workers poll.
class SqliteQueueSyntax final : public QueueSyntax {
 public:
  std::string skip_locked() const override { return {}; }
};

}  // namespace

const QueueSyntax& detail::sqlite_queue_syntax() {
  static const SqliteQueueSyntax syntax;
  return syntax;
}

}  // namespace sf::db

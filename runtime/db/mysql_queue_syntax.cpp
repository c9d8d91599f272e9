#include "runtime/db/queue_syntax.hpp"

#include <algorithm>
#include <cstdint>

namespace sf::db {
namespace {

// MySQL/MariaDB have no RETURNING: a claim is SELECT … FOR UPDATE SKIP LOCKED
// and an UPDATE in one transaction. No notifications: idle workers poll.
class MysqlQueueSyntax final : public QueueSyntax {
 public:
  // With the default sql_mode a backslash escapes in MySQL strings: double it too.
  std::string literal(std::string_view text) const override {
    std::string out = "'";
    for (char c : text) {
      if (c == '\'' || c == '\\') out += c;
      out += c;
    }
    return out + "'";
  }
  bool returning() const override { return false; }
  // In whole seconds, at least one (InnoDB's unit and minimum).
  std::string lock_timeout(std::chrono::milliseconds wait) const override {
    const auto seconds = std::max<std::int64_t>(1, (wait.count() + 999) / 1000);
    return "SET SESSION innodb_lock_wait_timeout = " + std::to_string(seconds);
  }

 protected:
  char quote_char() const override { return '`'; }
};

}  // namespace

const QueueSyntax& detail::mysql_queue_syntax() {
  static const MysqlQueueSyntax syntax;
  return syntax;
}

}  // namespace sf::db

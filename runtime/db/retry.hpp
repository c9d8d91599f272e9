#pragma once
// Running again a unit of work the engine aborted for a transient reason.
#include <chrono>
#include <thread>

#include "runtime/db/errors.hpp"

namespace sf::db {

// Runs `unit` and returns what it returns. When it throws a DbError the
// engine marks retryable (deadlock, serialization failure, lock timeout; not
// a lost connection),
// waits a little longer each time and runs it again, up to `runs` times in
// all; then the error propagates. Only for units that leave nothing behind
// when they fail: one statement outside a transaction, or a whole
// transaction begun and ended inside `unit`. InnoDB picks a deadlock victim
// among ordinary queue traffic (claims locking index ranges), so callers
// that write job rows from their own transactions need this.
template <class Unit>
auto retry_transient(Unit&& unit, int runs = 9) {
  for (int run = 1;; ++run) {
    try {
      return unit();
    } catch (const DbError& e) {
      // A lost connection does not come back by asking again on it: its
      // owner reconnects (and a unit that ran on it must start over there).
      if (!e.retryable() || dynamic_cast<const ConnectionLost*>(&e) || run >= runs) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * run));
    }
  }
}

}  // namespace sf::db

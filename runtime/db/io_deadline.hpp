#pragma once
// A deadline on one blocking call into a driver that has no timeout of its
// own (libpq waits in poll() with none). One watchdog thread per process
// watches every armed deadline; when one passes, it shuts the call's socket
// down, so the call returns at once with the driver's "connection lost"
// error, and the caller learns through fired() that the deadline was why.
//
// This is how a read_timeout in the DSN (runtime/db/dsn.hpp) reaches
// PostgreSQL; the MySQL connector has OPT_READ_TIMEOUT for it.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace sf::db {

class IoDeadline {
 public:
  // No deadline when `timeout` is zero or `socket` is negative.
  IoDeadline(int socket, std::chrono::milliseconds timeout);
  ~IoDeadline();
  IoDeadline(const IoDeadline&) = delete;
  IoDeadline& operator=(const IoDeadline&) = delete;

  // True when the deadline passed and the socket was shut down.
  [[nodiscard]] bool fired() const { return fired_.load(std::memory_order_acquire); }

 private:
  std::uint64_t id_ = 0;  // 0: not armed
  std::atomic<bool> fired_{false};
};

}  // namespace sf::db

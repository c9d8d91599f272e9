#include "runtime/db/pool.hpp"

namespace sf::db {

Pool::Pool(Dsn dsn, std::size_t max_size) : dsn_(std::move(dsn)), max_size_(max_size ? max_size : 1) {}

Pool::~Pool() = default;

Pool::Lease Pool::acquire(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(c));
    }
    if (open_ < max_size_) {
      ++open_;
      lock.unlock();  // connecting takes a round trip: not under the lock
      try {
        return Lease(*this, connect(dsn_));
      } catch (...) {
        lock.lock();
        --open_;
        freed_.notify_one();
        throw;
      }
    }
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= max_size_)
      throw DbError("no connection to " + dsn_.redacted() + " became free within " + std::to_string(timeout.count()) +
                        " ms (pool of " + std::to_string(max_size_) + ")",
                    "HYT00", true);
  }
}

void Pool::release(std::unique_ptr<Connection> c) {
  bool reusable = !c->in_transaction();
  if (reusable && c->engine() != Engine::sqlite) reusable = c->alive();
  std::lock_guard<std::mutex> lock(mutex_);
  if (reusable)
    idle_.push_back(std::move(c));
  else
    --open_;  // dropped: the next acquire opens a fresh one
  freed_.notify_one();
}

std::size_t Pool::opened() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_;
}

}  // namespace sf::db

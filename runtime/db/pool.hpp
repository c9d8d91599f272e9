#pragma once
// A small thread-safe connection pool. acquire() hands out a Lease that
// returns its connection on destruction; a connection that lost its server
// (or is left mid-transaction) is discarded instead of reused.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/db/connection.hpp"

namespace sf::db {

class Pool {
 public:
  Pool(Dsn dsn, std::size_t max_size);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(&pool), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), c_(std::move(o.c_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) pool_->release(std::move(c_));
    }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> c_;
  };

  // Waits up to `timeout` for a free connection (opening one while below the
  // maximum); throws DbError when none frees up in time.
  [[nodiscard]] Lease acquire(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  [[nodiscard]] std::size_t opened() const;  // connections currently open (idle + leased)

 private:
  void release(std::unique_ptr<Connection> c);

  Dsn dsn_;
  std::size_t max_size_;
  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace sf::db

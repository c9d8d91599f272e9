#include "runtime/db/io_deadline.hpp"

#include <sys/socket.h>
#include <sys/stat.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace sf::db {
namespace {

using SteadyClock = std::chrono::steady_clock;

struct Armed {
  int socket;
  ino_t inode;  // the socket's identity: a closed descriptor's number may be reused
  SteadyClock::time_point deadline;
  std::atomic<bool>* fired;
};

// Sleeps until the earliest deadline; entries are removed by their owners,
// under the same mutex, before the call they guard returns.
class Watchdog {
 public:
  static Watchdog& instance() {
    static Watchdog w;
    return w;
  }

  std::uint64_t arm(int socket, SteadyClock::time_point deadline, std::atomic<bool>* fired) {
    struct stat st {};
    if (fstat(socket, &st) != 0 || !S_ISSOCK(st.st_mode)) return 0;
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) thread_ = std::thread([this] { watch(); });
    const std::uint64_t id = ++next_id_;
    armed_.emplace(id, Armed{socket, st.st_ino, deadline, fired});
    wake_.notify_one();
    return id;
  }

  void disarm(std::uint64_t id) {
    std::lock_guard lock(mutex_);
    armed_.erase(id);
  }

  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

 private:
  Watchdog() = default;

  void watch() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      auto next = SteadyClock::time_point::max();
      const auto now = SteadyClock::now();
      for (auto it = armed_.begin(); it != armed_.end();) {
        if (it->second.deadline <= now) {
          fire(it->second);
          it = armed_.erase(it);
        } else {
          next = std::min(next, it->second.deadline);
          ++it;
        }
      }
      if (next == SteadyClock::time_point::max())
        wake_.wait(lock);
      else
        wake_.wait_until(lock, next);
    }
  }

  static void fire(const Armed& a) {
    struct stat st {};
    if (fstat(a.socket, &st) != 0 || st.st_ino != a.inode) return;  // the driver closed it already
    a.fired->store(true, std::memory_order_release);
    shutdown(a.socket, SHUT_RDWR);  // the blocked poll()/recv() returns; the driver reports a lost connection
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::uint64_t, Armed> armed_;
  std::uint64_t next_id_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace

IoDeadline::IoDeadline(int socket, std::chrono::milliseconds timeout) {
  if (timeout.count() <= 0 || socket < 0) return;
  id_ = Watchdog::instance().arm(socket, SteadyClock::now() + timeout, &fired_);
}

IoDeadline::~IoDeadline() {
  if (id_ != 0) Watchdog::instance().disarm(id_);
}

}  // namespace sf::db

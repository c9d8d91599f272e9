#pragma once
// The worker's lease keeper: one thread, with a connection of its own, that
// looks after every worker thread's current batch (ClaimSlot) while the
// handlers run, so that a job outliving its lease is not taken for a dead
// worker's:
//   - it renews the running job's lease every lease/3 (one fenced statement
//     per batch); a renewal that misses means the claim is gone (the whole
//     process froze past its lease and was rescued, or the job was
//     cancelled), and the handler learns it through JobContext::lost();
//   - it records completions waiting in a batch's buffer once a quarter of
//     the lease has passed since the claim, before their leases can run out;
//   - it gives the batch's unstarted claims back to pending once the running
//     job has run a quarter of the lease, for idle threads and other workers
//     to take, and every thread's at once on stop().
// A table whose only liveness column is started_at cannot be renewed
// (started_at fences the claim): there a renewal only checks the claim, and
// the lease bounds a job's whole run (`check` warns about such tables).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "runtime/db/connection.hpp"
#include "runtime/jobs/table_runner.hpp"

namespace sf::jobs {
class Worker;
}

namespace sf::jobs::detail {

class LeaseKeeper {
 public:
  LeaseKeeper(Worker& w, db::Dsn dsn, std::vector<std::unique_ptr<ClaimSlot>>& slots, const std::atomic<bool>& stopping)
      : w_(w), dsn_(std::move(dsn)), slots_(slots), stopping_(stopping) {}

  // Looks after the slots every tick until `finished` is set (under `m`,
  // with `cv` notified, so the end of a run ends this at once).
  void run(const std::atomic<bool>& finished, std::mutex& m, std::condition_variable& cv);

 private:
  // What the keeper reads of a slot under its lock, then acts on without it.
  struct Sight {
    ClaimSlot::Batch batch;
    std::uint64_t generation = 0;
    std::size_t running = ClaimSlot::taken;
    db::Timestamp job_started{}, lease_from{};
    bool unstarted = false;
  };
  static bool look(ClaimSlot& slot, Sight& out);
  void give_back_all();
  void look_after(ClaimSlot& slot);
  void renew(ClaimSlot& slot, const Sight& s);
  db::Connection& connection();
  // Logs a failed statement, once per distinct message a minute; a lost
  // connection it only drops (the next tick reconnects, and the worker's
  // threads report the outage).
  void failed(const std::string& what, const std::exception& e);

  Worker& w_;
  db::Dsn dsn_;
  std::vector<std::unique_ptr<ClaimSlot>>& slots_;
  const std::atomic<bool>& stopping_;
  std::unique_ptr<db::Connection> c_;
  std::chrono::steady_clock::time_point next_connect_{};
  bool gave_back_on_stop_ = false;
  std::string last_error_;
  std::chrono::steady_clock::time_point last_error_at_{};
};

}  // namespace sf::jobs::detail

#pragma once
// The job runtime: a Worker serves the job tables it is given handlers for,
// through the queue operations generated for each table (generated/cpp).
//
// Each of `concurrency` threads has its own connection and loops: rescue
// jobs past their lease (now and then), claim a batch, run the handler on
// each job in turn, and record the outcome with a state change fenced on the
// claim. Guarantees, as River and graphile-worker give them:
//   - at least once: a job whose worker dies (or freezes) is rescued after
//     `lease` and runs again; handlers must tolerate a repeat;
//   - a job may run longer than its lease while its worker is alive: the
//     lease keeper renews it (tables with locked_until or updated_at), and
//     the claims waiting behind it go back to pending for others to take;
//   - a fenced update that misses (the job was rescued, cancelled or
//     finished elsewhere) is counted and logged, never retried blindly;
//   - on stop(): no new claims, the running job finishes, claimed jobs not
//     yet started go back to pending at once, without spending an attempt.
// Files: worker_options.hpp (options, counters), job_context.hpp (what a
// handler gets), table_runner.hpp / typed_runner.hpp (one table's loop),
// lease_keeper.hpp (the thread that looks after running batches).
// Time comes from WorkerOptions::clock, so retry schedules are testable
// without sleeping.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "runtime/db/connection.hpp"
#include "runtime/jobs/job_context.hpp"
#include "runtime/jobs/table_runner.hpp"
#include "runtime/jobs/worker_options.hpp"

namespace sf::jobs {

class Worker {
 public:
  Worker(db::Dsn dsn, WorkerOptions options);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Serves Repo's table with `handler`. Repo is a generated repository of a
  // job table (it has claim/complete/fail/release).
  template <class Repo>
  void handle(Handler<typename Repo::Row> handler);

  // Runs until stop() (or a signal routed to it); returns when every thread has ended.
  void run();
  // Runs until a whole pass over every table claims nothing, then returns:
  // the README's main job and tests use it to drain a queue.
  void run_until_idle();
  // Asks the threads to stop claiming; safe from any thread or a signal handler.
  void stop() noexcept { stopping_.store(true); }

  [[nodiscard]] Stats stats() const;
  [[nodiscard]] const WorkerOptions& options() const { return options_; }

  // Called by TableRunners.
  void count(std::int64_t Stats::*field, std::int64_t n = 1);
  [[nodiscard]] db::Timestamp now() const { return options_.clock(); }
  [[nodiscard]] std::chrono::microseconds lease() const { return options_.lease; }
  [[nodiscard]] double jitter_unit();
  // host:pid, written to a lease's locked_by column.
  [[nodiscard]] const std::string& worker_id() const { return worker_id_; }

 private:
  void run_threads(bool until_idle);
  void thread_main(bool until_idle, std::atomic<int>& idle_threads, detail::ClaimSlot& slot);
  // Threads in one kind of outage; its start and end are logged once each.
  struct Outage {
    int threads = 0;
    std::chrono::steady_clock::time_point since{};
  };
  void outage_began(Outage& o, const std::string& line);
  void outage_ended(Outage& o, const std::string& what);

  db::Dsn dsn_;
  WorkerOptions options_;
  std::vector<std::unique_ptr<detail::TableRunner>> tables_;
  std::vector<std::unique_ptr<detail::ClaimSlot>> slots_;  // one per thread, looked after by the lease keeper
  std::mutex finish_mutex_;                                 // wakes the lease keeper when the run ends
  std::condition_variable finish_cv_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex stats_mutex_;
  Stats stats_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::string worker_id_;
  std::mutex outage_mutex_;
  Outage disconnected_;  // threads without a connection
  Outage refused_;       // threads whose writes the database refuses (read-only, disk full)
};

}  // namespace sf::jobs

#include "runtime/jobs/typed_runner.hpp"

namespace sf::jobs {

template <class Repo>
void Worker::handle(Handler<typename Repo::Row> handler) {
  tables_.push_back(std::make_unique<detail::TypedRunner<Repo>>(*this, std::move(handler)));
}

}  // namespace sf::jobs

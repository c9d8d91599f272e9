#pragma once
// The job runtime: a Worker serves the job tables it is given handlers for,
// through the queue operations generated for each table (generated/cpp).
//
// Each of `concurrency` threads has its own connection and loops: rescue
// jobs past their lease (now and then), claim a batch, run the handler on
// each job in turn, and record the outcome with a state change fenced on the
// claim. Guarantees, as River and graphile-worker give them:
//   - at least once: a job whose worker dies is rescued after `lease` and
//     runs again; handlers must tolerate a repeat;
//   - a fenced update that misses (the job was rescued, cancelled or
//     finished elsewhere) is counted and logged, never retried blindly;
//   - on stop(): no new claims, the running job finishes, claimed jobs not
//     yet started go back to pending without spending an attempt.
// Time comes from WorkerOptions::clock, so retry schedules are testable
// without sleeping.
#include <atomic>
#include <chrono>
#include <concepts>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runtime/db/codec.hpp"
#include "runtime/db/connection.hpp"

namespace sf::jobs {

using Clock = std::function<db::Timestamp()>;

struct WorkerOptions {
  int concurrency = 4;                                  // threads, each with its own connection
  int batch = 10;                                       // jobs claimed per round trip
  std::chrono::milliseconds poll_interval{200};         // first idle wait; doubles up to max_idle_wait
                                                        // (PostgreSQL: LISTEN wakes an idle thread at once on enqueue)
  std::chrono::milliseconds max_idle_wait{2000};
  std::chrono::seconds lease{300};                      // a job running longer is rescued
  int max_attempts = 5;                                 // tables with an attempts column
  std::chrono::milliseconds backoff_base{1000};         // retry n waits base * 2^(n-1), ±25% jitter
  std::chrono::milliseconds backoff_cap{std::chrono::hours(1)};
  Clock clock = [] { return db::now(); };
  std::function<void(const std::string&)> log = [](const std::string&) {};
};

// The delay before retry number `attempt` (1-based): exponential from `base`,
// capped, with jitter in [-25%, +25%] drawn from `unit` in [0, 1).
[[nodiscard]] std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base,
                                                      std::chrono::milliseconds cap, double unit);

struct Stats {
  std::int64_t processed = 0;  // handler returned, outcome recorded
  std::int64_t failed = 0;     // ended as failed
  std::int64_t retried = 0;    // returned to pending with a later schedule
  std::int64_t rescued = 0;    // taken back from a worker past its lease
  std::int64_t released = 0;   // claimed but given back at shutdown
  std::int64_t fenced = 0;     // outcome not recorded: the claim was no longer ours
  std::int64_t expired = 0;    // deleted by the janitor past their TTL
};

// What a handler gets besides its row.
class JobContext {
 public:
  JobContext(db::Connection& c, std::function<bool(int)> progress, std::function<bool()> cancelled, const WorkerOptions& o,
             std::function<bool()> heartbeat = [] { return true; })
      : c_(c), progress_(std::move(progress)), cancelled_(std::move(cancelled)), heartbeat_(std::move(heartbeat)), options_(o) {}
  // For long jobs: call it in the handler's loop. It writes at most once per
  // lease/3, refreshing the table's liveness column (locked_until, else
  // updated_at) so no other worker rescues the job while it still runs.
  // Returns false once the claim is no longer ours (rescued, cancelled):
  // stop working. Tables with only started_at cannot be kept alive; there
  // it only checks the claim (see generated heartbeat()).
  bool heartbeat();
  // The worker thread's connection, for the handler's own work. It is not in
  // a transaction; a handler may open one (db::Transaction) and must end it.
  [[nodiscard]] db::Connection& connection() { return c_; }
  [[nodiscard]] db::Timestamp now() const { return options_.clock(); }
  // Writes the progress column (0–100) where the table has one.
  void progress(int percent) { progress_(percent); }
  // Whether the job was cancelled while running; read from the database at
  // most once a second, so handlers may call it in their inner loop.
  [[nodiscard]] bool cancelled();
  void log(const std::string& line) const { options_.log(line); }

 private:
  db::Connection& c_;
  std::function<bool(int)> progress_;
  std::function<bool()> cancelled_;
  std::function<bool()> heartbeat_;
  const WorkerOptions& options_;
  std::chrono::steady_clock::time_point last_beat_ = std::chrono::steady_clock::now();
  bool lease_held_ = true;
  std::chrono::steady_clock::time_point last_check_{};
  bool cancelled_seen_ = false;
};

// A handler throws to fail its job (the message is stored); it may return a
// JSON result, stored where the table has a result column.
template <class Row>
using Handler = std::function<std::optional<db::Json>(const Row&, JobContext&)>;

namespace detail {
// The claims one thread holds but has not started, published while it runs
// a batch so that, the moment the worker is asked to stop, another
// connection can give them back instead of leaving them to wait behind a
// long job. `next` is the index of the next job to start; the thread takes
// it with a compare-and-swap, the releaser takes all the rest by swapping in
// `taken`, so each claim is either started or given back, never both.
struct ClaimSlot {
  static constexpr std::size_t taken = static_cast<std::size_t>(-1);
  std::mutex mutex;                                   // held while a batch is published or released
  std::function<std::int64_t(db::Connection&)> give_back;  // set while a batch runs
  std::atomic<std::size_t> next{0};
  // The thread, before starting job i: false once the rest was given back.
  bool start(std::size_t i) {
    std::size_t expected = i;
    return next.compare_exchange_strong(expected, i + 1);
  }
};

// One job table served by the worker: type-erased over its repository.
class TableRunner {
 public:
  virtual ~TableRunner() = default;
  // Claims up to `batch` jobs and runs them; returns how many were claimed.
  virtual int run_batch(db::Connection& c, const std::atomic<bool>& stopping, ClaimSlot& slot) = 0;
  virtual std::int64_t rescue(db::Connection& c) = 0;
  // Deletes rows past their TTL (tables with a TTL column); the count.
  virtual std::int64_t expire(db::Connection& c) = 0;
  [[nodiscard]] virtual std::string_view table() const = 0;
  // Subscribes `c` to the table's enqueue notifications; false where the engine has none.
  virtual bool listen(db::Connection& c) = 0;
};
}  // namespace detail

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
  // Once stop() is called: gives back every thread's unstarted claims over a
  // connection of its own; returns when `finished` is set.
  void give_back_on_stop(const std::atomic<bool>& finished);

  db::Dsn dsn_;
  WorkerOptions options_;
  std::vector<std::unique_ptr<detail::TableRunner>> tables_;
  std::vector<std::unique_ptr<detail::ClaimSlot>> slots_;  // one per thread
  std::mutex finish_mutex_;                                 // wakes give_back_on_stop when the run ends
  std::condition_variable finish_cv_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex stats_mutex_;
  Stats stats_;
  std::mutex rng_mutex_;
  std::mt19937_64 rng_{std::random_device{}()};
  std::string worker_id_;
};

namespace detail {

template <class Repo>
class TypedRunner final : public TableRunner {
 public:
  using Row = typename Repo::Row;
  TypedRunner(Worker& w, Handler<Row> h) : w_(w), handler_(std::move(h)) {}

  std::string_view table() const override { return Repo::table_name; }

  bool listen(db::Connection& c) override {
    const auto channel = Repo(c).notify_channel();
    return !channel.empty() && c.listen(std::string(channel));
  }

  std::int64_t rescue(db::Connection& c) override {
    if constexpr (requires(Repo r) { r.rescue(db::Timestamp{}, db::Timestamp{}); }) {
      const auto now = w_.now();
      return Repo(c).rescue(now - w_.lease(), now);
    } else {
      return 0;
    }
  }

  std::int64_t expire(db::Connection& c) override {
    if constexpr (requires(Repo r) { r.delete_expired(db::Timestamp{}); }) return Repo(c).delete_expired(w_.now());
    else return 0;
  }

  int run_batch(db::Connection& c, const std::atomic<bool>& stopping, ClaimSlot& slot) override {
    Repo repo(c);
    auto claimed = std::make_shared<const std::vector<Row>>(claim(repo));
    if (claimed->empty()) return 0;
    const auto claimed_at = w_.now();
    publish(slot, claimed);
    Completions done;
    for (std::size_t i = 0; i < claimed->size(); ++i) {
      // Stopping, or the batch has waited half a lease behind slow jobs (its
      // leases run from the claim): record what ran, give back what has not started.
      if (stopping.load() || (i > 0 && w_.now() - claimed_at > w_.lease() / 2)) {
        flush(repo, done);
        take_back(slot, [&](std::size_t from) { give_back(repo, *claimed, from); });
        break;
      }
      if (!slot.start(i)) break;  // given back by the stop path meanwhile
      try {
        run_one(c, repo, (*claimed)[i], done);
        if (std::chrono::steady_clock::now() - done.since > std::chrono::seconds(1)) flush(repo, done);
      } catch (...) {
        // The connection failed past retrying: record what can be recorded and
        // give the unstarted rest back (if the connection still can; else the
        // lease expires and another worker rescues them).
        try {
          flush(repo, done);
        } catch (...) {
        }
        take_back(slot, [&](std::size_t from) { give_back(repo, *claimed, from); });
        throw;
      }
    }
    flush(repo, done);
    take_back(slot, [](std::size_t) {});
    return static_cast<int>(claimed->size());
  }

 private:
  // Jobs whose handler succeeded without a result, completed together in one
  // statement at the end of the batch (or once a second for slow batches).
  struct Completions {
    std::vector<Row> rows;
    std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();
  };

  static constexpr bool has_attempts = requires(const Row& r) { Repo::attempts_of(r); };
  static constexpr bool can_retry = requires(Repo r, Row row) { r.retry(row, std::string_view{}, db::Timestamp{}, db::Timestamp{}); };
  static constexpr bool has_result = requires(Repo r, Row row) { r.complete(row, std::optional<db::Json>{}, db::Timestamp{}); };
  static constexpr bool has_progress = requires(Repo r, Row row) { r.set_progress(row, 0, db::Timestamp{}); };
  static constexpr bool has_cancel = requires(Repo r, Row row) { r.is_cancelled(Repo::key_of(row)); };

  void flush(Repo& repo, Completions& done) {
    if (done.rows.empty()) return;
    const auto recorded = with_retry([&] { return repo.complete_all(done.rows, w_.now()); });
    w_.count(&Stats::processed, recorded);
    if (const auto missed = static_cast<std::int64_t>(done.rows.size()) - recorded; missed > 0) {
      w_.count(&Stats::fenced, missed);
      w_.options().log(std::string(Repo::table_name) + ": " + std::to_string(missed) +
                       " completion(s) not recorded: those claims were no longer ours (rescued, cancelled or finished elsewhere)");
    }
    done.rows.clear();
    done.since = std::chrono::steady_clock::now();
  }

  // Tables with lease columns record who holds a claim and until when.
  std::vector<Row> claim(Repo& repo) {
    const int batch = w_.options().batch;
    const auto lease = w_.lease();
    if constexpr (requires { repo.claim(batch, db::Timestamp{}, std::string_view{}, lease); })
      return repo.claim(batch, w_.now(), w_.worker_id(), lease);
    else if constexpr (requires { repo.claim(batch, db::Timestamp{}, std::string_view{}); })
      return repo.claim(batch, w_.now(), w_.worker_id());
    else if constexpr (requires { repo.claim(batch, db::Timestamp{}, lease); })
      return repo.claim(batch, w_.now(), lease);
    else
      return repo.claim(batch, w_.now());
  }

  // Lets the stop path give back this batch's unstarted claims from another connection.
  void publish(ClaimSlot& slot, std::shared_ptr<const std::vector<Row>> claimed) {
    std::lock_guard lock(slot.mutex);
    slot.next.store(0);
    slot.give_back = [this, claimed, &slot](db::Connection& other) -> std::int64_t {
      const std::size_t from = slot.next.exchange(ClaimSlot::taken);
      if (from == ClaimSlot::taken) return 0;
      Repo repo(other);
      return give_back(repo, *claimed, from);
    };
  }

  // Ends the batch's publication; `rest(from)` gives back the unstarted claims
  // from index `from` on, unless the stop path took them already.
  template <class F>
  static void take_back(ClaimSlot& slot, F&& rest) {
    std::lock_guard lock(slot.mutex);
    slot.give_back = nullptr;
    if (const std::size_t from = slot.next.exchange(ClaimSlot::taken); from != ClaimSlot::taken) rest(from);
  }

  std::int64_t give_back(Repo& repo, const std::vector<Row>& claimed, std::size_t from) {
    std::int64_t n = 0;
    try {
      for (std::size_t j = from; j < claimed.size(); ++j)
        if (repo.release(claimed[j], w_.now())) ++n;
    } catch (const std::exception& e) {
      w_.options().log(std::string(Repo::table_name) + ": could not give back unstarted claims (" + e.what() +
                       "); they return to pending when their lease expires");
    }
    w_.count(&Stats::released, n);
    return n;
  }

  // A state change retried on deadlock or serialization failure: the fence
  // makes a retry safe (it matches only while the claim is still ours).
  template <class F>
  static auto with_retry(F&& change) {
    for (int attempt = 0;; ++attempt) {
      try {
        return change();
      } catch (const db::DbError& e) {
        if (!e.retryable() || attempt >= 8) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(5 * (attempt + 1)));
      }
    }
  }

  void run_one(db::Connection& c, Repo& repo, const Row& job, Completions& done) {
    if constexpr (has_attempts) {
      const auto attempt = Repo::attempts_of(job);
      if (attempt > w_.options().max_attempts) {  // rescued once too often: do not run it again
        const std::string why = "gave up after " + std::to_string(attempt - 1) + " attempts (lease expired each time)";
        record(with_retry([&] { return repo.fail(job, why, w_.now()); }), &Stats::failed, job);
        return;
      }
    }
    JobContext ctx(
        c,
        [&](int percent) {
          if constexpr (has_progress) return repo.set_progress(job, percent, w_.now());
          else return false;
        },
        [&] {
          if constexpr (has_cancel) return repo.is_cancelled(Repo::key_of(job));
          else return false;
        },
        w_.options(), [&] { return repo.heartbeat(job, w_.now(), w_.lease()); });
    std::optional<db::Json> result;
    std::string error;
    try {
      result = handler_(job, ctx);
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "handler failed";
    } catch (...) {
      error = "handler threw a non-exception";
    }
    const auto now = w_.now();
    if (error.empty()) {
      if constexpr (has_result) {
        if (result) {
          record(with_retry([&] { return repo.complete(job, result, now); }), &Stats::processed, job);
          return;
        }
      }
      done.rows.push_back(job);
      return;
    }
    if constexpr (can_retry && has_attempts) {
      if (Repo::attempts_of(job) < w_.options().max_attempts) {
        auto delay = backoff_delay(static_cast<int>(Repo::attempts_of(job)), w_.options().backoff_base, w_.options().backoff_cap, w_.jitter_unit());
        const auto run_at = now + std::chrono::duration_cast<std::chrono::microseconds>(delay);
        record(with_retry([&] { return repo.retry(job, error, run_at, now); }), &Stats::retried, job);
        return;
      }
    }
    record(with_retry([&] { return repo.fail(job, error, now); }), &Stats::failed, job);
  }

  void record(bool fence_held, std::int64_t Stats::*field, const Row& job) {
    if (fence_held) {
      w_.count(field);
      return;
    }
    w_.count(&Stats::fenced);
    w_.options().log(std::string(Repo::table_name) + ": outcome of job " + key_text(job) +
                     " not recorded: the claim was no longer ours (rescued, cancelled or finished elsewhere)");
  }

  static std::string key_text(const Row& job) {
    if constexpr (std::is_integral_v<typename Repo::Key>) return std::to_string(Repo::key_of(job));
    else return std::string(Repo::key_of(job));
  }

  Worker& w_;
  Handler<Row> handler_;
};

}  // namespace detail

template <class Repo>
void Worker::handle(Handler<typename Repo::Row> handler) {
  tables_.push_back(std::make_unique<detail::TypedRunner<Repo>>(*this, std::move(handler)));
}

}  // namespace sf::jobs

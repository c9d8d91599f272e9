#include "runtime/jobs/worker.hpp"

#include "runtime/jobs/lease_keeper.hpp"

#include <algorithm>
#include <cmath>

#include <unistd.h>

namespace sf::jobs {

std::chrono::milliseconds backoff_delay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap,
                                        double unit) {
  const int exponent = std::clamp(attempt - 1, 0, 40);
  const double raw = static_cast<double>(base.count()) * std::ldexp(1.0, exponent);
  const double capped = std::min(raw, static_cast<double>(cap.count()));
  const double jittered = capped * (0.75 + 0.5 * std::clamp(unit, 0.0, 1.0));
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(jittered)));
}

Worker::Worker(db::Dsn dsn, WorkerOptions options) : dsn_(std::move(dsn)), options_(std::move(options)) {
  options_.concurrency = std::max(1, options_.concurrency);
  options_.batch = std::max(1, options_.batch);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  worker_id_ = std::string(host) + ":" + std::to_string(::getpid());
}

Worker::~Worker() = default;

void Worker::count(std::int64_t Stats::*field, std::int64_t n) {
  std::lock_guard lock(stats_mutex_);
  stats_.*field += n;
}

Stats Worker::stats() const {
  std::lock_guard lock(stats_mutex_);
  return stats_;
}

double Worker::jitter_unit() {
  std::lock_guard lock(rng_mutex_);
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
}

void Worker::run() { run_threads(false); }

void Worker::run_until_idle() { run_threads(true); }

void Worker::run_threads(bool until_idle) {
  std::atomic<int> idle{0};
  std::atomic<bool> finished{false};
  slots_.clear();
  for (int i = 0; i < options_.concurrency; ++i) slots_.push_back(std::make_unique<detail::ClaimSlot>());
  detail::LeaseKeeper keeper(*this, dsn_, slots_, stopping_);
  std::thread keeper_thread([&] { keeper.run(finished, finish_mutex_, finish_cv_); });
  std::vector<std::thread> threads;
  for (int i = 0; i < options_.concurrency; ++i)
    threads.emplace_back([&, i] { thread_main(until_idle, idle, *slots_[static_cast<std::size_t>(i)]); });
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock(finish_mutex_);
    finished = true;
  }
  finish_cv_.notify_all();
  keeper_thread.join();
}

// Outages are said once for the whole worker, not once per thread and
// attempt: the first thread to meet one logs it, the last one out logs how
// long it took.
void Worker::outage_began(Outage& o, const std::string& line) {
  std::lock_guard lock(outage_mutex_);
  if (o.threads++ == 0) {
    o.since = std::chrono::steady_clock::now();
    options_.log(line);
  }
}

void Worker::outage_ended(Outage& o, const std::string& what) {
  std::lock_guard lock(outage_mutex_);
  if (o.threads > 0 && --o.threads == 0) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - o.since);
    options_.log("worker: " + what + " after " + std::to_string(ms.count()) + " ms");
  }
}

// One thread: its own connection; rescue and expire every lease/4; claim and run
// batches; back off while idle. A lost connection is reopened with backoff and
// jitter; what the thread could not record before it went is recorded first.
void Worker::thread_main(bool until_idle, std::atomic<int>& idle_threads, detail::ClaimSlot& slot) {
  std::unique_ptr<db::Connection> c;
  auto wait = options_.poll_interval;
  auto next_rescue = std::chrono::steady_clock::now();
  bool counted_idle = false;
  bool listening = false;
  // An outage this thread is in: its connection lost, or the database
  // refusing writes; `setbacks` counts the failed tries, for the backoff.
  bool lost = false, refused = false;
  int setbacks = 0;
  while (!stopping_.load()) {
    try {
      if (!c) {
        c = db::connect(dsn_);
        listening = false;
        for (auto& t : tables_) listening = t->listen(*c) || listening;
        if (lost) {
          lost = false;
          outage_ended(disconnected_, "reconnected to " + dsn_.redacted());
        }
      }
      if (slot.unrecorded) {
        slot.unrecorded(*c);
        slot.unrecorded = nullptr;
      }
      if (std::chrono::steady_clock::now() >= next_rescue) {
        for (auto& t : tables_) {
          const auto n = t->rescue(*c);
          if (n > 0) {
            count(&Stats::rescued, n);
            options_.log(std::string(t->table()) + ": rescued " + std::to_string(n) + " job(s) past their lease");
          }
          if (const auto x = t->expire(*c); x > 0) count(&Stats::expired, x);
        }
        next_rescue = std::chrono::steady_clock::now() + options_.lease / 4;
      }
      int claimed = 0;
      for (auto& t : tables_) claimed += t->run_batch(*c, stopping_, slot);
      if (refused) {
        refused = false;
        outage_ended(refused_, "the database accepts writes again");
      }
      setbacks = 0;
      if (claimed > 0) {
        wait = options_.poll_interval;
        if (counted_idle) {
          --idle_threads;
          counted_idle = false;
        }
        continue;
      }
      if (until_idle) {
        // Done when every thread found nothing in the same quiet spell.
        if (!counted_idle) {
          ++idle_threads;
          counted_idle = true;
        }
        // Look again in 20 ms, but leave as soon as the last busy thread
        // finds nothing too: a drained queue ends the run within a millisecond.
        for (int i = 0; i < 20; ++i) {
          if (idle_threads.load() >= options_.concurrency) return;
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        if (idle_threads.load() >= options_.concurrency) return;
        continue;
      }
    } catch (const db::WritesRefused& e) {
      // A fresh connection for the next try: SQLite's pager stays in its
      // error state after SQLITE_FULL while any statement of the old one lives.
      c.reset();
      if (!refused)
        outage_began(refused_, std::string("worker: ") + e.what() +
                                   "; waiting for it to take writes again (unfinished jobs keep their claims until their leases end)");
      refused = true;
      ++setbacks;
    } catch (const db::DbError& e) {
      bool gone = !c;  // connecting failed
      if (c && !c->alive()) {
        c.reset();
        gone = true;
      }
      if (gone) {
        if (!lost)
          outage_began(disconnected_, "worker: lost the connection to " + dsn_.redacted() + " (" + e.what() +
                                          "); reconnecting with backoff, unfinished jobs are rescued at lease end if it does not come back");
        lost = true;
        ++setbacks;
      } else if (!e.retryable()) {
        options_.log(std::string("worker: ") + e.what());
      }
    } catch (const std::exception& e) {
      options_.log(std::string("worker: ") + e.what());
    }
    if (lost || refused) {
      // Try again after 100 ms, doubling up to 5 s, ±25% jitter so that a
      // fleet of workers does not knock on a restarted server all at once.
      const auto until = std::chrono::steady_clock::now() +
                         backoff_delay(setbacks, std::chrono::milliseconds(100), std::chrono::seconds(5), jitter_unit());
      while (!stopping_.load() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    // Idle (or after an error): wait, doubling up to max_idle_wait, waking
    // early on stop() or, where the engine notifies, on an enqueue.
    const auto until = std::chrono::steady_clock::now() + wait;
    while (!stopping_.load() && std::chrono::steady_clock::now() < until) {
      if (listening && c) {
        bool woke = false;
        try {
          woke = c->wait_for_notification(std::min<std::chrono::milliseconds>(
              std::chrono::milliseconds(100),
              std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now())));
        } catch (const db::DbError&) {
          c.reset();  // reconnect (and listen again) on the next pass
          break;
        }
        if (woke) {
          wait = options_.poll_interval;
          break;
        }
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    wait = std::min(wait * 2, options_.max_idle_wait);
  }
}

}  // namespace sf::jobs

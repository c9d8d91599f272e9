#pragma once
// TableRunner for one generated repository: claim a batch, run the handler on
// each job in turn, record each outcome fenced on its claim. Included by
// worker.hpp after Worker is declared; include worker.hpp, not this.
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "runtime/db/retry.hpp"
#include "runtime/jobs/worker.hpp"

namespace sf::jobs {

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
    auto batch = std::make_shared<Batch>(claim(repo));
    if (batch->rows.empty()) return 0;
    const auto claimed_at = w_.now();
    const auto generation = publish(slot, batch, claimed_at);
    try {
      for (std::size_t i = 0; i < batch->rows.size(); ++i) {
        // Stopping, or the batch has waited half a lease behind slow jobs (the
        // keeper gives such claims back sooner; this covers a keeper that
        // cannot reach the database): record what ran, give back the rest.
        if (stopping.load() || (i > 0 && w_.now() - claimed_at > w_.lease() / 2)) {
          flush(repo, *batch);
          take_back(slot, [&](std::size_t from) { give_back(repo, batch->rows, from); });
          break;
        }
        if (!slot.start(i)) break;  // given back by the keeper meanwhile
        starting(slot, i, claimed_at);
        run_one(c, repo, batch->rows[i], *batch, [&slot, generation, i] { return slot.lost_job(generation, i); });
        finished(slot);
        if (std::chrono::steady_clock::now() - batch->buffered_since() > std::chrono::seconds(1)) flush(repo, *batch);
      }
      flush(repo, *batch);
    } catch (...) {
      // The connection failed past retrying. Give the unstarted rest back if
      // it still can (else their leases run out and rescue returns them), and
      // keep the completions it could not record for the next connection, so
      // jobs that ran are not run again for want of a recorded outcome.
      finished(slot);
      keep_unrecorded(slot, repo, batch);
      take_back(slot, [&](std::size_t from) { give_back(repo, batch->rows, from); });
      throw;
    }
    take_back(slot, [](std::size_t) {});
    return static_cast<int>(batch->rows.size());
  }

 private:
  // A claimed batch: its rows, and the jobs whose handler succeeded without a
  // result, completed together in one statement at the end of the batch, once
  // a second for slow batches, or by the keeper before their lease runs out.
  // Shared with the keeper, hence the lock around the buffer.
  struct Batch {
    explicit Batch(std::vector<Row> claimed) : rows(std::move(claimed)) {}
    const std::vector<Row> rows;
    std::mutex mutex;
    std::vector<Row> done;
    std::chrono::steady_clock::time_point since = std::chrono::steady_clock::now();

    void buffer(const Row& row) {
      std::lock_guard lock(mutex);
      if (done.empty()) since = std::chrono::steady_clock::now();
      done.push_back(row);
    }
    std::chrono::steady_clock::time_point buffered_since() {
      std::lock_guard lock(mutex);
      return done.empty() ? std::chrono::steady_clock::now() : since;
    }
    std::vector<Row> take() {
      std::lock_guard lock(mutex);
      return std::exchange(done, {});
    }
    void put_back(const std::vector<Row>& unrecorded) {
      std::lock_guard lock(mutex);
      done.insert(done.end(), unrecorded.begin(), unrecorded.end());
    }
    bool empty() {
      std::lock_guard lock(mutex);
      return done.empty();
    }
  };

  static constexpr bool has_attempts = requires(const Row& r) { Repo::attempts_of(r); };
  static constexpr bool can_retry = requires(Repo r, Row row) { r.retry(row, std::string_view{}, db::Timestamp{}, db::Timestamp{}); };
  static constexpr bool has_result = requires(Repo r, Row row) { r.complete(row, std::optional<db::Json>{}, db::Timestamp{}); };
  static constexpr bool has_progress = requires(Repo r, Row row) { r.set_progress(row, 0, db::Timestamp{}); };
  static constexpr bool has_cancel = requires(Repo r, Row row) { r.is_cancelled(Repo::key_of(row)); };

  // Records the buffered completions; the count recorded.
  std::int64_t flush(Repo& repo, Batch& batch) {
    const auto rows = batch.take();
    if (rows.empty()) return 0;
    std::int64_t recorded = 0;
    try {
      recorded = with_retry([&] { return repo.complete_all(rows, w_.now()); });
    } catch (...) {
      batch.put_back(rows);  // for the next try (fenced: a commit whose reply was lost then matches nothing)
      throw;
    }
    w_.count(&Stats::processed, recorded);
    if (const auto missed = static_cast<std::int64_t>(rows.size()) - recorded; missed > 0) {
      w_.count(&Stats::fenced, missed);
      w_.options().log(std::string(Repo::table_name) + ": " + std::to_string(missed) +
                       " completion(s) not recorded: those claims were no longer ours (rescued, cancelled or finished elsewhere)");
    }
    return recorded;
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

  // Hands the batch to the keeper (see ClaimSlot); returns its generation.
  std::uint64_t publish(ClaimSlot& slot, const std::shared_ptr<Batch>& batch, db::Timestamp claimed_at) {
    std::lock_guard lock(slot.mutex);
    slot.next.store(0);
    slot.running = ClaimSlot::taken;
    slot.lost = false;
    slot.batch = ClaimSlot::Batch{
        .give_back =
            [this, batch, &slot](db::Connection& other) -> std::int64_t {
              const std::size_t from = slot.next.exchange(ClaimSlot::taken);
              if (from == ClaimSlot::taken) return 0;
              Repo repo(other);
              return give_back(repo, batch->rows, from);
            },
        .renew = [this, batch](db::Connection& other,
                               std::size_t i) { return Repo(other).heartbeat(batch->rows[i], w_.now(), w_.lease()); },
        .record_done =
            [this, batch](db::Connection& other) {
              Repo repo(other);
              return flush(repo, *batch);
            },
        .claimed_at = claimed_at,
        .table = Repo::table_name};
    return ++slot.generation;
  }

  // After a failure: records the batch's buffered completions, or leaves
  // them to the thread's next connection (ClaimSlot::unrecorded).
  void keep_unrecorded(ClaimSlot& slot, Repo& repo, const std::shared_ptr<Batch>& batch) {
    try {
      flush(repo, *batch);
      return;
    } catch (...) {
    }
    if (batch->empty()) return;
    slot.unrecorded = [this, batch](db::Connection& next) {
      Repo again(next);
      return flush(again, *batch);
    };
  }

  void starting(ClaimSlot& slot, std::size_t i, db::Timestamp claimed_at) {
    std::lock_guard lock(slot.mutex);
    slot.running = i;
    slot.job_started = w_.now();
    slot.lease_from = claimed_at;
    slot.lost = false;
  }

  static void finished(ClaimSlot& slot) {
    std::lock_guard lock(slot.mutex);
    slot.running = ClaimSlot::taken;
  }

  // Ends the batch's publication; `rest(from)` gives back the unstarted claims
  // from index `from` on, unless the keeper took them already.
  template <class F>
  static void take_back(ClaimSlot& slot, F&& rest) {
    std::size_t from = ClaimSlot::taken;
    {
      std::lock_guard lock(slot.mutex);
      slot.batch.reset();
      slot.running = ClaimSlot::taken;
      from = slot.next.exchange(ClaimSlot::taken);
    }
    if (from != ClaimSlot::taken) rest(from);
  }

  // Unstarted claims back to pending in one statement, without spending an
  // attempt; retried on deadlock like every state change (a give-back at
  // stop() meets the other workers' claims on the same index ranges).
  std::int64_t give_back(Repo& repo, const std::vector<Row>& claimed, std::size_t from) {
    if (from >= claimed.size()) return 0;
    const std::vector<Row> rest(claimed.begin() + static_cast<std::ptrdiff_t>(from), claimed.end());
    std::int64_t n = 0;
    try {
      n = with_retry([&] { return repo.release_all(rest, w_.now()); });
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
    return db::retry_transient(std::forward<F>(change));
  }

  void run_one(db::Connection& c, Repo& repo, const Row& job, Batch& batch, std::function<bool()> lost) {
    if constexpr (has_attempts) {
      const auto attempt = Repo::attempts_of(job);
      if (attempt > w_.options().max_attempts) {  // rescued once too often: do not run it again
        const std::string why = "gave up after " + std::to_string(attempt - 1) + " attempts (lease expired each time)";
        record(with_retry([&] { return repo.fail(job, why, w_.now()); }), &Stats::failed, job);
        return;
      }
    }
    JobContext ctx(c,
                   {.progress =
                        [&](int percent) {
                          if constexpr (has_progress) return repo.set_progress(job, percent, w_.now());
                          else return false;
                        },
                    .cancelled =
                        [&] {
                          if constexpr (has_cancel) return repo.is_cancelled(Repo::key_of(job));
                          else return false;
                        },
                    .heartbeat = [&] { return repo.heartbeat(job, w_.now(), w_.lease()); },
                    .lost = std::move(lost),
                    .complete =
                        [&](const std::optional<db::Json>& result) {
                          if constexpr (has_result) return repo.complete(job, result, w_.now());
                          else return repo.complete(job, w_.now());
                        }},
                   w_.options());
    std::optional<db::Json> result;
    std::string error;
    try {
      result = handler_(job, ctx);
    } catch (const db::ConnectionLost& e) {
      // The worker's own connection went down under the handler: an outage
      // for the worker loop to report with its cause, not a failure to record
      // on a dead connection. (A handler's other database is its business.)
      if (!c.alive()) throw;
      error = e.what();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "handler failed";
    } catch (...) {
      error = "handler threw a non-exception";
    }
    const auto now = w_.now();
    if (error.empty() && ctx.completed()) {  // in the handler's own transaction
      w_.count(&Stats::processed);
      return;
    }
    if (error.empty()) {
      if constexpr (has_result) {
        if (result) {
          record(with_retry([&] { return repo.complete(job, result, now); }), &Stats::processed, job);
          return;
        }
      }
      batch.buffer(job);
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

}  // namespace sf::jobs

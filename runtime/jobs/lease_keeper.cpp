#include "runtime/jobs/lease_keeper.hpp"

#include <algorithm>

#include "runtime/db/queue_syntax.hpp"
#include "runtime/jobs/worker.hpp"

namespace sf::jobs::detail {
namespace {

// How often the keeper looks: in memory only, unless something is due.
constexpr auto tick = std::chrono::milliseconds(50);
// How long a renewal waits for a job row another transaction holds (the
// handler's own, committing its completion) before trying again next time.
constexpr auto row_lock_wait = std::chrono::milliseconds(1000);

std::string millis_text(std::chrono::microseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

}  // namespace

void LeaseKeeper::run(const std::atomic<bool>& finished, std::mutex& m, std::condition_variable& cv) {
  for (;;) {
    {
      std::unique_lock lock(m);
      cv.wait_for(lock, tick, [&] { return finished.load(); });
    }
    if (finished.load()) return;
    if (stopping_.load() && !gave_back_on_stop_) {
      gave_back_on_stop_ = true;
      give_back_all();
    }
    for (auto& slot : slots_) look_after(*slot);
  }
}

bool LeaseKeeper::look(ClaimSlot& slot, Sight& out) {
  std::lock_guard lock(slot.mutex);
  if (!slot.batch) return false;
  out.batch = *slot.batch;
  out.generation = slot.generation;
  out.running = slot.running;
  out.job_started = slot.job_started;
  out.lease_from = slot.lease_from;
  out.unstarted = slot.next.load() != ClaimSlot::taken;
  return true;
}

// stop(): every thread's unstarted claims go back at once, instead of
// waiting behind the jobs still running.
void LeaseKeeper::give_back_all() {
  std::int64_t n = 0;
  for (auto& slot : slots_) {
    Sight s;
    if (!look(*slot, s) || !s.unstarted) continue;
    try {
      n += s.batch.give_back(connection());
    } catch (const std::exception& e) {
      failed("stopping: could not give back unstarted claims; their threads give them back once their running job "
             "ends, or rescue does at lease end",
             e);
    }
  }
  if (n > 0) w_.options().log("stopping: gave back " + std::to_string(n) + " claimed job(s) not yet started");
}

void LeaseKeeper::look_after(ClaimSlot& slot) {
  Sight s;
  if (!look(slot, s)) return;
  const auto now = w_.now();
  const auto lease = std::chrono::duration_cast<std::chrono::microseconds>(w_.lease());
  try {
    if (s.running != ClaimSlot::taken && s.unstarted && now - s.job_started >= lease / 4) {
      // Behind a slow job the rest of the batch would only wait: other
      // threads and workers take them now (a give-back costs no attempt).
      if (const auto n = s.batch.give_back(connection()); n > 0)
        w_.options().log(std::string(s.batch.table) + ": handed " + std::to_string(n) +
                         " unstarted claim(s) to other workers; the job before them has run " +
                         millis_text(now - s.job_started));
    }
    if (now - s.batch.claimed_at >= lease / 4) s.batch.record_done(connection());
    if (s.running != ClaimSlot::taken && now - s.lease_from >= lease / 3) renew(slot, s);
  } catch (const std::exception& e) {
    failed(std::string(s.batch.table) + ": the lease keeper could not look after a running batch", e);
  }
}

void LeaseKeeper::renew(ClaimSlot& slot, const Sight& s) {
  const auto at = w_.now();
  const bool held = s.batch.renew(connection(), s.running);
  std::lock_guard lock(slot.mutex);
  if (slot.generation != s.generation || slot.running != s.running) return;  // that job has ended meanwhile
  if (held) {
    slot.lease_from = at;
  } else if (!slot.lost) {
    slot.lost = true;
    w_.options().log(std::string(s.batch.table) + ": a running job's claim is no longer ours (rescued after its lease "
                     "ran out, or cancelled); its handler is told through JobContext::lost() and its outcome will not be recorded");
  }
}

db::Connection& LeaseKeeper::connection() {
  if (!c_) {
    // Once a second at most while the server is away.
    const auto now = std::chrono::steady_clock::now();
    if (now < next_connect_) throw db::ConnectionLost("the lease keeper waits to reconnect", "08006", true);
    next_connect_ = now + std::chrono::seconds(1);
    // Every statement of the keeper's is short (row-lock waits capped below),
    // and a keeper stuck on a connection whose packets are dropped would let
    // every lease run out: its connection always has a read timeout.
    if (dsn_.read_timeout.count() == 0)
      dsn_.read_timeout = std::max<std::chrono::milliseconds>(std::chrono::seconds(5), w_.options().lease / 3);
    c_ = db::connect(dsn_);
    if (const auto sql = db::queue_syntax(c_->engine()).lock_timeout(row_lock_wait); !sql.empty()) c_->execute(sql);
  }
  return *c_;
}

void LeaseKeeper::failed(const std::string& what, const std::exception& e) {
  bool gone = !c_;  // connecting failed
  try {
    gone = gone || !c_->alive();
  } catch (...) {
    gone = true;
  }
  if (gone) {  // an outage: the worker's threads say so once; reconnect next tick
    c_.reset();
    return;
  }
  if (dynamic_cast<const db::WritesRefused*>(&e)) {  // the threads say that one too
    c_.reset();  // (and SQLite's pager keeps the error while the connection lives)
    return;
  }
  const std::string line = what + " (" + e.what() + ")";
  const auto now = std::chrono::steady_clock::now();
  if (line != last_error_ || now - last_error_at_ > std::chrono::minutes(1)) {
    w_.options().log(line);
    last_error_ = line;
    last_error_at_ = now;
  }
}

}  // namespace sf::jobs::detail

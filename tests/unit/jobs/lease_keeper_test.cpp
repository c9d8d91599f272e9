// Faults a live worker meets with long jobs (docs/jobs.md, "Faults"): a job
// that outlives its lease while its worker runs is neither rescued nor run
// twice, nor are the jobs claimed with it; a worker frozen past its lease
// loses its job to another worker and, once resumed, records nothing; a
// give-back at stop() that InnoDB picks as a deadlock victim is retried.
// All on the leased outbox fixture, real servers, real clocks.
#include <catch2/catch.hpp>

#include <atomic>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

#include "outbox.hpp"
#include "runtime/jobs/worker.hpp"
#include "tests/support/outbox_database.hpp"
#include "tests/support/worker_process.hpp"

using namespace sf;
using namespace sf::gen;
using namespace std::chrono_literals;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

std::string param(db::Engine e) { return e == db::Engine::postgres ? "$1" : "?"; }

std::int64_t count(db::Connection& c, const std::string& sql) { return db::as_int(c.query(sql).scalar()); }

// Log lines from a worker's threads.
struct Log {
  std::mutex m;
  std::vector<std::string> lines;
  std::function<void(const std::string&)> sink() {
    return [this](const std::string& line) {
      std::lock_guard lock(m);
      lines.push_back(line);
    };
  }
  bool has(const std::string& part) {
    std::lock_guard lock(m);
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(part) != std::string::npos; });
  }
};

}  // namespace

TEST_CASE("a job running 3x its lease runs once, and so does every job claimed with it", "[jobs][lease][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::OutboxDatabase d(e);
      if (!d.c) continue;
      std::vector<NewOutbox> rows;
      for (int i = 0; i < 40; ++i) rows.push_back({.topic = i % 8 == 0 ? "slow" : "fast", .payload = {{"n", i}}});
      OutboxRepository(*d.c).enqueue_all(rows, db::now() - 1s);
      // Two workers, as two processes would be; each rescues what it takes for dead.
      std::mutex m;
      std::map<std::int64_t, int> runs;
      std::atomic<int> told_lost{0};
      auto handler = [&](const Outbox& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
        {
          std::lock_guard lock(m);
          ++runs[job.id];
        }
        if (job.topic == "slow") {  // 3 s against a 1 s lease
          for (const auto end = std::chrono::steady_clock::now() + 3s; std::chrono::steady_clock::now() < end;) {
            if (ctx.lost()) {
              ++told_lost;
              break;
            }
            std::this_thread::sleep_for(20ms);
          }
        } else {
          std::this_thread::sleep_for(5ms);
        }
        return std::nullopt;
      };
      const jobs::WorkerOptions options{.concurrency = 2, .batch = 10, .poll_interval = 50ms, .max_idle_wait = 100ms, .lease = 1s};
      jobs::Worker a(d.scratch.dsn(), options), b(d.scratch.dsn(), options);
      a.handle<OutboxRepository>(handler);
      b.handle<OutboxRepository>(handler);
      std::thread other([&] { a.run_until_idle(); });
      b.run_until_idle();
      other.join();

      CHECK(runs.size() == 40);
      for (const auto& [id, n] : runs) CHECK(n == 1);
      CHECK(told_lost == 0);
      for (const auto* w : {&a, &b}) {
        CHECK(w->stats().rescued == 0);
        CHECK(w->stats().fenced == 0);
      }
      CHECK(a.stats().processed + b.stats().processed == 40);
      // The jobs claimed behind a slow one were handed on, not left to wait.
      CHECK(a.stats().released + b.stats().released > 0);
      CHECK(count(*d.c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND retries = 1") == 40);
    }
  }
}

namespace {

// A worker process whose handler works for ~3 s (in 50 ms steps, so time
// spent frozen does not count) and then completes in its own transaction
// with a job_runs row; told that its claim is lost, it writes a job_lost row
// and gives up. Runs until SIGTERM.
pid_t spawn_slow_worker(const db::Dsn& dsn) {
  return test::fork_worker(dsn, {.concurrency = 1, .batch = 5, .poll_interval = 50ms, .max_idle_wait = 100ms, .lease = 1s},
                           [](jobs::Worker& w) {
                             w.handle<OutboxRepository>([](const Outbox& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
                               auto& c = ctx.connection();
                               for (int step = 0; step < 60; ++step) {
                                 if (ctx.lost()) {
                                   c.query("INSERT INTO job_lost (job_id) VALUES (" + param(c.engine()) + ")", {job.id});
                                   return std::nullopt;
                                 }
                                 std::this_thread::sleep_for(50ms);
                               }
                               ctx.complete_in_transaction([&](db::Connection& tx) {
                                 tx.query("INSERT INTO job_runs (job_id) VALUES (" + param(tx.engine()) + ")", {job.id});
                               });
                               return std::nullopt;
                             });
                           });
}

}  // namespace

TEST_CASE("a worker frozen with SIGSTOP past its lease loses its job and, resumed, records nothing",
          "[jobs][lease][process][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::OutboxDatabase d(e);
      if (!d.c) continue;
      d.c->execute("CREATE TABLE job_runs (job_id BIGINT NOT NULL)");
      d.c->execute("CREATE TABLE job_lost (job_id BIGINT NOT NULL)");
      OutboxRepository(*d.c).enqueue({.topic = "slow", .payload = db::Json::object()}, db::now() - 1s);
      const pid_t frozen = spawn_slow_worker(d.scratch.dsn());
      for (int i = 0; i < 500 && count(*d.c, "SELECT COUNT(*) FROM outbox WHERE status = 'processing'") == 0; ++i)
        std::this_thread::sleep_for(10ms);
      // Alive, the worker keeps its job past the lease: still its, lease ahead.
      std::this_thread::sleep_for(1500ms);
      auto job = OutboxRepository(*d.c).list().at(0);
      CHECK(job.status == OutboxStatus::processing);
      REQUIRE(job.locked_until.has_value());
      CHECK(*job.locked_until > db::now());

      ::kill(frozen, SIGSTOP);
      std::this_thread::sleep_for(2s);  // its lease runs out
      jobs::Worker rescuer(d.scratch.dsn(), {.concurrency = 1, .lease = 1s});
      std::atomic<int> ran{0};
      rescuer.handle<OutboxRepository>([&](const Outbox& j, jobs::JobContext& ctx) -> std::optional<db::Json> {
        ++ran;
        ctx.complete_in_transaction(
            [&](db::Connection& tx) { tx.query("INSERT INTO job_runs (job_id) VALUES (" + param(tx.engine()) + ")", {j.id}); });
        return std::nullopt;
      });
      rescuer.run_until_idle();
      CHECK(rescuer.stats().rescued == 1);
      CHECK(ran == 1);

      ::kill(frozen, SIGCONT);
      for (int i = 0; i < 300 && count(*d.c, "SELECT COUNT(*) FROM job_lost") == 0; ++i) std::this_thread::sleep_for(10ms);
      ::kill(frozen, SIGTERM);
      CHECK(test::wait_for(frozen) == 0);

      CHECK(count(*d.c, "SELECT COUNT(*) FROM job_lost") == 1);  // the resumed handler was told
      CHECK(count(*d.c, "SELECT COUNT(*) FROM job_runs") == 1);  // and its work never committed
      job = OutboxRepository(*d.c).list().at(0);
      CHECK(job.status == OutboxStatus::sent);
      CHECK(job.retries == 2);
    }
  }
}

TEST_CASE("MariaDB: a give-back at stop() chosen as a deadlock victim is retried, not left to the lease",
          "[jobs][lease][mysql]") {
  test::OutboxDatabase d(db::Engine::mysql);
  if (!d.c) return;
  d.c->execute("CREATE TABLE ballast (n INT NOT NULL)");
  OutboxRepository(*d.c).enqueue_all(std::vector<NewOutbox>(3, NewOutbox{.topic = "t", .payload = db::Json::object()}),
                                     db::now() - 1s);
  const auto ids = OutboxRepository(*d.c).list();
  REQUIRE(ids.size() == 3);
  auto deadlocks = [&] {
    return db::as_int(d.c->query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'").rows.at(0).at(1));
  };
  const auto deadlocks_before = deadlocks();

  Log log;
  std::atomic<bool> started{false}, release_handler{false};
  jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .batch = 3, .lease = 300s, .log = log.sink()});
  w.handle<OutboxRepository>([&](const Outbox&, jobs::JobContext&) -> std::optional<db::Json> {
    started = true;
    while (!release_handler.load()) std::this_thread::sleep_for(5ms);
    return std::nullopt;
  });
  std::thread runner([&] { w.run(); });
  while (!started.load()) std::this_thread::sleep_for(5ms);

  // Another transaction, heavier than the give-back (InnoDB rolls back the
  // lighter one), holds the last unstarted job's row...
  auto other = d.scratch.connect();
  other->begin();
  for (int i = 0; i < 50; ++i) other->execute("INSERT INTO ballast (n) VALUES (1), (2), (3), (4)");
  other->query("SELECT id FROM outbox WHERE id = ? FOR UPDATE", {ids[2].id});
  // ...the give-back locks the middle one and waits for it...
  w.stop();
  bool waiting = false;
  for (int i = 0; i < 500 && !waiting; ++i) {
    std::this_thread::sleep_for(10ms);
    waiting = db::as_int(d.c->query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE info LIKE 'UPDATE `outbox` SET `status` = ''pending''%'").scalar()) > 0;
  }
  REQUIRE(waiting);
  // ...and the other transaction asks for the middle one: a deadlock.
  other->query("SELECT id FROM outbox WHERE id = ? FOR UPDATE", {ids[1].id});
  std::this_thread::sleep_for(100ms);
  other->commit();

  for (int i = 0; i < 500 && OutboxRepository(*d.c).find_by_status(OutboxStatus::pending).size() < 2; ++i)
    std::this_thread::sleep_for(10ms);
  CHECK(deadlocks() == deadlocks_before + 1);
  CHECK(OutboxRepository(*d.c).find_by_status(OutboxStatus::pending).size() == 2);
  release_handler = true;
  runner.join();
  CHECK(w.stats().released == 2);
  CHECK(log.has("gave back 2 claimed job(s)"));
  CHECK_FALSE(log.has("could not give back"));
  for (const auto& j : OutboxRepository(*d.c).find_by_status(OutboxStatus::pending)) CHECK(j.retries == 0);
}

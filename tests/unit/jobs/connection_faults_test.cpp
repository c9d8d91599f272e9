// A worker whose connections go away under it (docs/jobs.md, "Faults"):
// killed from the server side (pg_terminate_backend, KILL), the server
// restarted cleanly or crashed, cut off by a network partition (packets
// dropped, the connection neither closed nor answered), or turned read-only for a while. Every job ends done, work committed with the
// job's completion happens exactly once, the worker reconnects by itself,
// and each outage is one log line when it starts and one when it ends, with
// the DSN's password never in them. Real servers; restarts on a server of
// the test's own (tests/support/private_server.hpp).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "outbox.hpp"
#include "runtime/jobs/worker.hpp"
#include "tests/support/outbox_database.hpp"
#include "tests/support/private_server.hpp"
#include "tests/support/small_disk.hpp"
#include "tests/support/tcp_proxy.hpp"

using namespace sf;
using namespace sf::gen;
using namespace std::chrono_literals;

namespace {

std::int64_t count(db::Connection& c, const std::string& sql) { return db::as_int(c.query(sql).scalar()); }

struct Outcome {
  std::int64_t sent = 0, runs = 0, distinct_runs = 0;
  std::vector<std::string> log;
  [[nodiscard]] std::string joined_log() const {
    std::string all;
    for (const auto& l : log) all += l + "\n";
    return all;
  }
  [[nodiscard]] int lines_with(const std::string& part) const {
    int n = 0;
    for (const auto& l : log) n += l.find(part) != std::string::npos;
    return n;
  }
};

// Runs `jobs` outbox jobs through a worker of two threads on `dsn` (whose
// database holds the outbox tables and job_runs); each handler inserts a
// job_runs row in the transaction that completes its job. `fault` is called
// once, when a third of the jobs are done; returns when every job is sent
// (or after 90 s).
Outcome run_through_fault(const db::Dsn& dsn, int jobs, const std::function<void()>& fault) {
  {
    auto c = db::connect(dsn);
    OutboxRepository(*c).enqueue_all(std::vector<NewOutbox>(static_cast<std::size_t>(jobs), NewOutbox{.topic = "t", .payload = db::Json::object()}),
                                     db::now() - 1s);
  }
  std::mutex m;
  Outcome out;
  jobs::Worker w(dsn, {.concurrency = 2, .batch = 10, .poll_interval = 50ms, .max_idle_wait = 200ms, .lease = 2s,
                       .log = [&](const std::string& line) {
                         std::lock_guard lock(m);
                         out.log.push_back(line);
                       }});
  w.handle<OutboxRepository>([](const Outbox& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
    ctx.complete_in_transaction([&](db::Connection& c) {
      c.query(std::string("INSERT INTO job_runs (job_id) VALUES (") + (c.engine() == db::Engine::postgres ? "$1" : "?") + ")", {job.id});
      std::this_thread::sleep_for(2ms);
    });
    return std::nullopt;
  });
  std::thread runner([&] { w.run(); });
  std::unique_ptr<db::Connection> watch;
  auto sent = [&]() -> std::int64_t {
    try {
      if (!watch) watch = db::connect(dsn);
      return count(*watch, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
    } catch (const db::DbError&) {
      watch.reset();
      return -1;
    }
  };
  for (int i = 0; i < 3000 && sent() < jobs / 3; ++i) std::this_thread::sleep_for(10ms);
  fault();
  for (int i = 0; i < 9000 && sent() < jobs; ++i) std::this_thread::sleep_for(10ms);
  // A thread may still sit out its backoff (up to 5 s) after the others
  // finished the queue: let it come back, and say so, before stopping.
  auto outage_open = [&] {
    std::lock_guard lock(m);
    return out.lines_with("lost the connection") != out.lines_with("reconnected") ||
           out.lines_with("waiting for it to take writes again") != out.lines_with("accepts writes again");
  };
  for (int i = 0; i < 700 && outage_open(); ++i) std::this_thread::sleep_for(10ms);
  w.stop();
  runner.join();
  auto c = db::connect(dsn);
  out.sent = count(*c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
  out.runs = count(*c, "SELECT COUNT(*) FROM job_runs");
  out.distinct_runs = count(*c, "SELECT COUNT(DISTINCT job_id) FROM job_runs");
  return out;
}

void check_survived(const Outcome& o, int jobs, const db::Dsn& dsn, int outages) {
  INFO(o.joined_log());
  CHECK(o.sent == jobs);
  CHECK(o.runs == jobs);  // work completed with its job: exactly once
  CHECK(o.distinct_runs == jobs);
  CHECK(o.lines_with("lost the connection") >= 1);
  // One line per outage as the worker saw it, not one per thread or attempt
  // (a thread that notices after the others are back starts another).
  CHECK(o.lines_with("lost the connection") <= 2 * outages);
  CHECK(o.lines_with("reconnected") == o.lines_with("lost the connection"));
  for (const auto& line : o.log) CHECK(line.find(dsn.password) == std::string::npos);
}

void prepare(db::Connection& c) {
  test::create_outbox(c);
  c.execute("CREATE TABLE job_runs (job_id BIGINT NOT NULL)");
}

}  // namespace

TEST_CASE("connections killed from the server side: the worker reconnects, loses no job, repeats no work",
          "[jobs][faults][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto admin = scratch.connect();
      prepare(*admin);
      // Kills every connection to the test's database but the admin's own; the count killed.
      auto kill_all = [&]() -> std::int64_t {
        if (e == db::Engine::postgres)
          return count(*admin, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                               "WHERE datname = current_database() AND pid <> pg_backend_pid()");
        auto ids = admin->query("SELECT id FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND id <> CONNECTION_ID()");
        for (const auto& row : ids.rows) {
          try {
            admin->execute("KILL CONNECTION " + std::to_string(db::as_int(row[0])));
          } catch (const db::DbError&) {  // gone already
          }
        }
        return static_cast<std::int64_t>(ids.rows.size());
      };
      const auto outcome = run_through_fault(scratch.dsn(), 600, [&] {
        CHECK(kill_all() > 0);
        std::int64_t second = 0;  // once the worker is back, again
        for (int i = 0; i < 300 && second == 0; ++i) {
          std::this_thread::sleep_for(10ms);
          second = kill_all();
        }
        CHECK(second > 0);
      });
      check_survived(outcome, 600, scratch.dsn(), 2);
    }
  }
}

TEST_CASE("a server that turns read-only under running workers: they wait, say so once, and resume when it takes writes",
          "[jobs][faults][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::PrivateServer server(e);
      if (!server.ok()) continue;
      prepare(*db::connect(server.dsn()));
      const auto app = server.app_dsn();
      std::int64_t during = -1;
      const auto outcome = run_through_fault(app, 600, [&] {
        server.set_read_only(true);
        auto c = db::connect(server.dsn());
        std::this_thread::sleep_for(300ms);  // what was under way ends
        const auto before = count(*c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
        std::this_thread::sleep_for(1500ms);
        during = count(*c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") - before;
        server.set_read_only(false);
      });
      INFO(outcome.joined_log());
      CHECK(during == 0);  // it really refused writes
      CHECK(outcome.sent == 600);
      CHECK(outcome.runs == 600);
      CHECK(outcome.distinct_runs == 600);
      CHECK(outcome.lines_with("waiting for it to take writes again") >= 1);
      CHECK(outcome.lines_with("waiting for it to take writes again") <= 2);  // not one per thread or try
      CHECK(outcome.lines_with("accepts writes again") == outcome.lines_with("waiting for it to take writes again"));
    }
  }
}


TEST_CASE("SQLite on a full disk: the worker waits, says so once, and resumes when there is room", "[jobs][faults][sqlite]") {
  test::SmallDisk disk("32m");  // room for SQLite's WAL to reach its checkpoint (1,000 pages) once freed
  if (!disk.ok) {
    WARN("cannot mount a tmpfs here: test skipped");
    return;
  }
  db::Dsn dsn;
  dsn.engine = db::Engine::sqlite;
  dsn.database = (disk.dir / "jobs.db").string();
  prepare(*db::connect(dsn));
  std::int64_t during = -1;
  const auto outcome = run_through_fault(dsn, 600, [&] {
    disk.fill(16 * 1024);
    auto c = db::connect(dsn);
    std::this_thread::sleep_for(500ms);
    const auto before = count(*c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'");
    std::this_thread::sleep_for(1500ms);
    during = count(*c, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") - before;
    disk.unfill();
  });
  INFO(outcome.joined_log());
  CHECK(during == 0);  // the disk really was full
  CHECK(outcome.sent == 600);
  CHECK(outcome.runs == 600);
  CHECK(outcome.distinct_runs == 600);
  CHECK(outcome.lines_with("waiting for it to take writes again") >= 1);
  CHECK(outcome.lines_with("waiting for it to take writes again") <= 2);  // not one per thread or try
  CHECK(outcome.lines_with("accepts writes again") == outcome.lines_with("waiting for it to take writes again"));
}

TEST_CASE("PostgreSQL with its tablespace on a full disk: the worker waits, says so once, and resumes when there is room",
          "[jobs][faults][pg]") {
  test::SmallDisk disk("32m");
  if (!disk.ok) {
    WARN("cannot mount a tmpfs here: test skipped");
    return;
  }
  test::PrivateServer server(db::Engine::postgres);
  if (!server.ok()) return;
  const auto location = disk.dir / "tablespace";
  std::filesystem::create_directory(location);
  REQUIRE(std::system(("chown postgres:postgres " + location.string()).c_str()) == 0);  // we are root where mount works
  {
    auto c = db::connect(server.dsn());
    c->execute("CREATE TABLESPACE sf_small LOCATION '" + location.string() + "'");
    c->execute("SET default_tablespace = sf_small");  // the queue and the work table live on the small disk; WAL does not
    prepare(*c);
    // Each work row carries 1.9 KB stored as it is (no compression, no
    // TOAST): the 800 jobs still to run when the disk fills need ~190 new
    // pages, far beyond what PostgreSQL extends a table by ahead of need
    // (20 pages per waiting backend), so the table must grow while it is full.
    c->execute("ALTER TABLE job_runs ADD COLUMN pad TEXT DEFAULT repeat(md5(random()::text), 60)");
    c->execute("ALTER TABLE job_runs ALTER COLUMN pad SET STORAGE PLAIN");
  }
  const auto outcome = run_through_fault(server.dsn(), 1200, [&] {
    disk.fill(0);
    std::this_thread::sleep_for(2s);
    disk.unfill();
  });
  INFO(outcome.joined_log());
  CHECK(outcome.sent == 1200);
  CHECK(outcome.runs == 1200);
  CHECK(outcome.distinct_runs == 1200);
  CHECK(outcome.lines_with("No space left on device") >= 1);
  CHECK(outcome.lines_with("waiting for it to take writes again") >= 1);
  CHECK(outcome.lines_with("waiting for it to take writes again") <= 2);
  CHECK(outcome.lines_with("accepts writes again") == outcome.lines_with("waiting for it to take writes again"));
}  // the server stops (declared after the disk) before the disk is unmounted

TEST_CASE("a server restarted or crashed under running workers: they reconnect, lose no job, repeat no work",
          "[jobs][faults][restart][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    for (const std::string mode : {"fast", "immediate"}) {
      DYNAMIC_SECTION(db::to_string(e) << " " << mode) {
        test::PrivateServer server(e);
        if (!server.ok()) continue;
        prepare(*db::connect(server.dsn()));
        const auto outcome = run_through_fault(server.dsn(), 600, [&] { server.restart(mode, 1.5); });
        check_survived(outcome, 600, server.dsn(), 1);
      }
    }
  }
}

TEST_CASE("packets dropped between workers and server: no reply within the DSN's read_timeout is a lost connection",
          "[jobs][faults][partition][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      prepare(*scratch.connect());
      test::TcpProxy proxy(scratch.dsn().host, scratch.dsn().port);
      db::Dsn through = scratch.dsn();
      through.port = proxy.port();
      through.read_timeout = 1s;
      const auto outcome = run_through_fault(through, 600, [&] {
        proxy.partition();  // every connection the worker holds hangs: sent, acknowledged, never answered
        std::this_thread::sleep_for(3s);
        proxy.heal();
      });
      check_survived(outcome, 600, through, 1);
      INFO(outcome.joined_log());
      CHECK(outcome.lines_with("no reply within 1000 ms (the DSN's read_timeout)") >= 1);
    }
  }
}

// The long soak (issue 19, item 5; docs/benchmarks.md, "Soak"): workers on
// PostgreSQL, MariaDB and SQLite at once for [minutes] (30 in
// scripts/bench.sh), jobs enqueued all the while, a worker process killed
// with SIGKILL every 30–60 s and replaced, PostgreSQL restarted a third of
// the way in and MariaDB two thirds, both fast. Each handler does its work in
// the job's own transaction (a soak_runs row).
//
// Per engine, three worker processes: one is never killed and is the one
// measured — its resident memory, open descriptors and the server's count of
// connections, printed each minute; the other two take the kills. At the end
// enqueueing stops, the queue drains, and every job must be done with its
// work committed exactly once. Exit 1 when not.
//
// The parent stays single-threaded, so forking a replacement worker at any
// moment is safe.
//
//   bench_soak [minutes] [jobs-per-second-per-engine]   (servers: scripts/test-servers.sh env)
#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "bench/bench_util.hpp"
#include "bench/spec_database.hpp"
#include "generated/cpp/schema.hpp"
#include "tests/support/worker_process.hpp"

using namespace sf;
using namespace std::chrono_literals;

namespace {

using SteadyClock = std::chrono::steady_clock;

jobs::WorkerOptions worker_options() {
  return {.concurrency = 2, .batch = 10, .poll_interval = 50ms, .max_idle_wait = 500ms, .lease = 10s, .max_attempts = 50};
}

// The job's work and its completion commit together: a soak_runs row per run.
void serve(jobs::Worker& w) {
  w.handle<gen::RewrapJobRepository>([](const gen::RewrapJob& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
    ctx.complete_in_transaction([&](db::Connection& c) {
      c.query(std::string("INSERT INTO soak_runs (job_id) VALUES (") + (c.engine() == db::Engine::postgres ? "$1" : "?") + ")", {job.id});
    });
    return std::nullopt;
  });
}

std::int64_t proc_rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6);
  return -1;
}

std::int64_t proc_fds(pid_t pid) {
  std::error_code ec;
  std::int64_t n = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++n;
  return ec ? -1 : n;
}

struct EngineSoak {
  db::Engine engine;
  db::Dsn dsn;
  std::int64_t wrapper = 0;
  pid_t steady = -1;
  std::vector<pid_t> churn;
  std::unique_ptr<db::Connection> c;  // the parent's, reopened after an outage
  std::int64_t enqueue_errors = 0, kills = 0;
  std::int64_t first_rss = -1, last_rss = -1, max_rss = -1, first_fds = -1, max_fds = -1;

  db::Connection* connection() {
    try {
      if (!c) c = db::connect(dsn);
      return c.get();
    } catch (const db::DbError&) {
      return nullptr;
    }
  }

  void enqueue(int n) {
    auto* conn = connection();
    if (!conn) {
      ++enqueue_errors;
      return;
    }
    try {
      std::vector<gen::NewRewrapJob> rows(static_cast<std::size_t>(n), gen::NewRewrapJob{.key_wrapper_id = wrapper});
      gen::RewrapJobRepository(*conn).enqueue_all(std::move(rows), db::now() - 1s);
    } catch (const db::DbError&) {  // a restart: the rows are in or not, the final count says which
      ++enqueue_errors;
      c.reset();
    }
  }

  std::int64_t count(const std::string& sql) {
    auto* conn = connection();
    if (!conn) return -1;
    try {
      return db::as_int(conn->query(sql).scalar());
    } catch (const db::DbError&) {
      c.reset();
      return -1;
    }
  }

  std::int64_t server_connections() {
    switch (engine) {
      case db::Engine::postgres: return count("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()");
      case db::Engine::mysql: return count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE db = DATABASE()");
      case db::Engine::sqlite: return -1;
    }
    return -1;
  }
};

EngineSoak prepare(db::Engine e) {
  EngineSoak s;
  s.engine = e;
  s.dsn = bench::spec_database(e, "bench_soak");
  auto c = db::connect(s.dsn);
  auto algo = gen::CryptoAlgorithmRepository(*c).insert({.name = "AES", .family = gen::CryptoAlgorithmFamily::symmetric});
  auto policy = gen::EncryptionPolicyRepository(*c).insert({.name = "p", .hash_algo_id = algo, .kem_algo_id = algo, .symmetric_algo_id = algo});
  s.wrapper = gen::KeyWrapperRepository(*c).insert({.policy_id = policy, .purpose = "soak"});
  c->execute("CREATE TABLE soak_runs (job_id BIGINT NOT NULL)");
  return s;
}

void restart(const char* server) {
  const std::string cmd = fmt::format("bash {}/scripts/test-servers.sh restart {} fast 3 >/dev/null", SCHEMAFORGE_SOURCE_DIR, server);
  fmt::print("  restarting {} (fast, down 3 s): {}\n", server, std::system(cmd.c_str()) == 0 ? "done" : "FAILED");
}

int run(int argc, char** argv) {
  const int minutes = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
  const int rate = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100;
  fmt::print("soak: {} min, {} jobs/s per engine enqueued, 3 worker processes per engine (2 threads, batch 10, lease 10 s),\n"
             "      one never killed (measured), the others killed with SIGKILL every 30-60 s; PostgreSQL restarted at {} min,\n"
             "      MariaDB at {} min\n",
             minutes, rate, minutes / 3, 2 * minutes / 3);
  std::vector<EngineSoak> engines;
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) engines.push_back(prepare(e));
  for (auto& s : engines) {
    s.steady = test::fork_worker(s.dsn, worker_options(), serve);
    for (int i = 0; i < 2; ++i) s.churn.push_back(test::fork_worker(s.dsn, worker_options(), serve));
  }
  std::mt19937 rng(20261207);
  std::uniform_int_distribution<int> kill_gap(30, 60);
  const auto start = SteadyClock::now();
  const auto end = start + std::chrono::minutes(minutes);
  auto next_kill = start + std::chrono::seconds(kill_gap(rng));
  auto next_minute = start + 1min;
  bool pg_restarted = false, my_restarted = false;
  int minute = 0;
  fmt::print("{:>4} {:<9} {:>10} {:>8} {:>9} {:>8} {:>5} {:>6}\n", "min", "engine", "done", "pending", "RSS KiB", "fds", "conns", "kills");
  for (auto tick = start; SteadyClock::now() < end; tick += 100ms) {
    std::this_thread::sleep_until(tick);
    for (auto& s : engines) s.enqueue(rate / 10);
    const auto now = SteadyClock::now();
    if (now >= next_kill) {
      for (auto& s : engines) {  // one churn worker per engine, in turn
        pid_t& victim = s.churn[static_cast<std::size_t>(s.kills % 2)];
        ::kill(victim, SIGKILL);
        test::wait_for(victim);
        victim = test::fork_worker(s.dsn, worker_options(), serve);
        ++s.kills;
      }
      next_kill = now + std::chrono::seconds(kill_gap(rng));
    }
    if (!pg_restarted && now >= start + std::chrono::seconds(minutes * 20)) {
      restart("postgres");
      pg_restarted = true;
    }
    if (!my_restarted && now >= start + std::chrono::seconds(minutes * 40)) {
      restart("mariadb");
      my_restarted = true;
    }
    if (now >= next_minute) {
      ++minute;
      for (auto& s : engines) {
        const auto rss = proc_rss_kib(s.steady), fds = proc_fds(s.steady);
        if (s.first_rss < 0) s.first_rss = rss, s.first_fds = fds;
        s.last_rss = rss;
        s.max_rss = std::max(s.max_rss, rss);
        s.max_fds = std::max(s.max_fds, fds);
        fmt::print("{:>4} {:<9} {:>10} {:>8} {:>9} {:>8} {:>5} {:>6}\n", minute, db::to_string(s.engine),
                   s.count("SELECT COUNT(*) FROM rewrap_jobs WHERE status = 'done'"),
                   s.count("SELECT COUNT(*) FROM rewrap_jobs WHERE status <> 'done'"), rss, fds, s.server_connections(), s.kills);
      }
      std::fflush(stdout);
      next_minute += 1min;
    }
  }
  // Drain: no more jobs; what is left runs (killed workers' claims come back at lease end).
  bool ok = true;
  for (auto& s : engines) {
    for (int i = 0; i < 600 && s.count("SELECT COUNT(*) FROM rewrap_jobs WHERE status <> 'done'") != 0; ++i) std::this_thread::sleep_for(500ms);
    for (pid_t p : s.churn) ::kill(p, SIGTERM);
    ::kill(s.steady, SIGTERM);
    for (pid_t p : s.churn) test::wait_for(p);
    const int steady_exit = test::wait_for(s.steady);
    const auto jobs = s.count("SELECT COUNT(*) FROM rewrap_jobs");
    const auto done = s.count("SELECT COUNT(*) FROM rewrap_jobs WHERE status = 'done'");
    const auto runs = s.count("SELECT COUNT(*) FROM soak_runs");
    const auto distinct = s.count("SELECT COUNT(DISTINCT job_id) FROM soak_runs");
    const bool once = jobs > 0 && done == jobs && runs == jobs && distinct == jobs && steady_exit == 0;
    ok = ok && once;
    fmt::print("{}: {} jobs, {} done, work committed {} times for {} distinct jobs, {} kills, {} enqueue calls lost to outages; "
               "measured worker: RSS {} → {} KiB (max {}), fds {} → max {}, exit {} — {}\n",
               db::to_string(s.engine), jobs, done, runs, distinct, s.kills, s.enqueue_errors, s.first_rss, s.last_rss, s.max_rss,
               s.first_fds, s.max_fds, steady_exit, once ? "every job done once" : "FAILED");
  }
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_soak", [&] { return run(argc, argv); });
}

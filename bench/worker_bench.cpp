// No-op job throughput of runtime/jobs' Worker on PostgreSQL, MariaDB and
// SQLite at batch sizes 1, 10, 100 and 500, beside a raw SQL claim/complete
// loop doing the least any queue must (the practical limit), with the same
// 4 threads. Enqueue and processing are timed apart; "burn-down" processes a
// full queue, "steady" processes while another thread keeps inserting.
// Peers (graphile-worker, pg-boss) run on the same PostgreSQL server when
// scripts/bench.sh found them (bench/peers/*.mjs). Target: at least 70% of the
// raw loop at each batch size, ahead of every peer. Prints numbers only.
//
//   bench_worker [jobs] [node peers-dir]     (servers: scripts/test-servers.sh env)
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "bench/bench_util.hpp"
#include "bench/spec_database.hpp"
#include "generated/cpp/schema.hpp"
#include "runtime/jobs/worker.hpp"

using namespace sf;
using namespace std::chrono_literals;

namespace {

constexpr int threads = 4;

struct Target {
  db::Engine engine;
  db::Dsn dsn;
  std::int64_t wrapper = 0;
};

Target prepare(db::Engine e) {
  Target t{e, bench::spec_database(e, "bench_worker")};
  auto c = db::connect(t.dsn);
  auto algo = gen::CryptoAlgorithmRepository(*c).insert({.name = "AES", .family = gen::CryptoAlgorithmFamily::symmetric});
  auto policy = gen::EncryptionPolicyRepository(*c).insert({.name = "p", .hash_algo_id = algo, .kem_algo_id = algo, .symmetric_algo_id = algo});
  t.wrapper = gen::KeyWrapperRepository(*c).insert({.policy_id = policy, .purpose = "bench"});
  return t;
}

// Enqueues n due jobs through the generated repository's enqueue_all (multi-row INSERTs of 500); seconds.
double enqueue(db::Connection& c, const Target& t, int n) {
  std::vector<gen::NewRewrapJob> rows(static_cast<std::size_t>(n), gen::NewRewrapJob{.key_wrapper_id = t.wrapper});
  auto start = std::chrono::steady_clock::now();
  gen::RewrapJobRepository(c).enqueue_all(std::move(rows), db::now() - 1s);
  return bench::seconds_since(start);
}

// Empties the queue; on PostgreSQL also reclaims the dead rows, so every run starts from the same table.
void clear(db::Connection& c) {
  c.execute("DELETE FROM rewrap_jobs");
  if (c.engine() == db::Engine::postgres) c.execute("VACUUM ANALYZE rewrap_jobs");
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double run_worker(const Target& t, int batch) {
  jobs::Worker w(t.dsn, {.concurrency = threads, .batch = batch, .poll_interval = 20ms, .max_idle_wait = 50ms});
  w.handle<gen::RewrapJobRepository>([](const gen::RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> { return std::nullopt; });
  auto start = std::chrono::steady_clock::now();
  w.run_until_idle();
  return bench::seconds_since(start);
}

// The least a queue must do: claim a batch (skipping locked rows), mark it done in one statement.
double run_raw(const Target& t, int batch) {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      auto c = db::connect(t.dsn);
      const bool pg = t.engine == db::Engine::postgres;
      for (;;) {
        std::vector<std::int64_t> ids;
        try {
          if (t.engine == db::Engine::mysql) {
            db::Transaction tx(*c);
            auto r = c->query("SELECT id FROM rewrap_jobs WHERE status = 'pending' AND scheduled_at <= NOW(6) ORDER BY scheduled_at, id "
                              "LIMIT ? FOR UPDATE SKIP LOCKED",
                              {std::int64_t{batch}});
            for (const auto& row : r.rows) ids.push_back(db::as_int(row[0]));
            if (!ids.empty()) {
              std::string in;
              for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
              c->execute("UPDATE rewrap_jobs SET status = 'running', started_at = NOW(6), attempts = attempts + 1 WHERE id IN (" + in + ")");
            }
            tx.commit();
          } else {
            auto r = c->query(std::string("UPDATE rewrap_jobs SET status = 'running', started_at = ") +
                                  (pg ? "now()" : "strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')") + ", attempts = attempts + 1 WHERE id " +
                                  (pg ? "= ANY(ARRAY(" : "IN (") +
                                  "SELECT id FROM rewrap_jobs WHERE status = 'pending' AND scheduled_at <= " +
                                  (pg ? "now()" : "strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')") + " ORDER BY scheduled_at, id LIMIT " +
                                  (pg ? "$1 FOR UPDATE SKIP LOCKED))" : "?)") + " RETURNING id",
                              {std::int64_t{batch}});
            for (const auto& row : r.rows) ids.push_back(db::as_int(row[0]));
          }
          if (ids.empty()) {
            // Under SKIP LOCKED a claim can come back empty while rows remain
            // (its pick was taken and re-checked away); only an empty queue ends the loop.
            if (db::as_int(c->query("SELECT COUNT(*) FROM rewrap_jobs WHERE status = 'pending'").scalar()) == 0) return;
            continue;
          }
          std::string in;
          for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
          c->execute("UPDATE rewrap_jobs SET status = 'done' WHERE id IN (" + in + ")");
        } catch (const db::DbError& e) {
          if (!e.retryable()) throw;
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  return bench::seconds_since(start);
}

// Processes n jobs while another connection inserts them in chunks of 100.
double run_steady(const Target& t, int n, int batch) {
  jobs::Worker w(t.dsn, {.concurrency = threads, .batch = batch, .poll_interval = 5ms, .max_idle_wait = 20ms});
  std::atomic<int> processed{0};
  w.handle<gen::RewrapJobRepository>([&](const gen::RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> {
    ++processed;
    return std::nullopt;
  });
  auto start = std::chrono::steady_clock::now();
  std::thread runner([&] { w.run(); });
  {
    auto c = db::connect(t.dsn);
    gen::RewrapJobRepository repo(*c);
    for (int done = 0; done < n;) {
      try {  // an insert can deadlock against claimers' locking reads (InnoDB); an application retries it
        db::Transaction tx(*c);
        int chunk = 0;
        for (; chunk < 100 && done + chunk < n; ++chunk) repo.enqueue({.key_wrapper_id = t.wrapper}, db::now() - 1s);
        tx.commit();
        done += chunk;
      } catch (const db::DbError& e) {
        if (!e.retryable()) throw;
      }
    }
  }
  while (processed.load() < n) std::this_thread::sleep_for(1ms);
  const double s = bench::seconds_since(start);
  w.stop();
  runner.join();
  return s;
}

}  // namespace

static int run(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 5000;
  const std::string node = argc > 2 ? argv[2] : "";
  const std::string peers = argc > 3 ? argv[3] : "";
  fmt::print("bench_worker: {} no-op jobs, {} threads, times exclude enqueueing unless stated\n", n, threads);
  fmt::print("{:<9} {:>5}  {:>12}  {:>12}  {:>8}   (target: worker >= 70% of raw)\n", "engine", "batch", "worker j/s", "raw j/s", "ratio");
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    Target t = prepare(e);
    auto c = db::connect(t.dsn);
    for (int batch : {1, 10, 100, 500}) {
      // Three rounds, alternating which side goes first; medians (2 cores: runs are noisy).
      std::vector<double> worker_runs, raw_runs, enqueue_runs;
      for (int round = 0; round < 3; ++round) {
        for (int side = 0; side < 2; ++side) {
          clear(*c);
          const double enq = enqueue(*c, t, n);
          if ((side + round) % 2 == 0) {
            enqueue_runs.push_back(enq);
            worker_runs.push_back(run_worker(t, batch));
          } else {
            raw_runs.push_back(run_raw(t, batch));
          }
          const auto left = db::as_int(c->query("SELECT COUNT(*) FROM rewrap_jobs WHERE status <> 'done'").scalar());
          if (left != 0) fmt::print("warning: {} job(s) not done after a run; its time is not comparable\n", left);
        }
      }
      const double enq = median(enqueue_runs), worker_s = median(worker_runs), raw_s = median(raw_runs);
      fmt::print("{:<9} {:>5}  {:>12.0f}  {:>12.0f}  {:>7.0f}%   enqueue {:.0f} j/s\n", db::to_string(e), batch, n / worker_s, n / raw_s,
                 100.0 * raw_s / worker_s, n / enq);
      std::fflush(stdout);
    }
    clear(*c);
    const double steady = run_steady(t, n, 100);
    fmt::print("{:<9} steady (inserting while processing, batch 100): {:.0f} j/s end to end\n", db::to_string(e), n / steady);
  }
  if (!node.empty() && !peers.empty()) {
    const char* pg = std::getenv("SCHEMAFORGE_TEST_PG_DSN");
    for (const char* peer : {"graphile-worker", "pg-boss"}) {
      fmt::print("--- {} (same PostgreSQL server, {} jobs, concurrency {})\n", peer, n, threads);
      std::fflush(stdout);
      const std::string cmd = fmt::format("'{}' '{}/{}.mjs' '{}' {} {}", node, peers, peer, pg ? pg : "", n, threads);
      if (std::system(cmd.c_str()) != 0) fmt::print("{}: did not run (see above)\n", peer);
    }
  }
  fmt::print("peak RSS {:.1f} MiB\n", bench::peak_rss_mib());
  return 0;
}

int main(int argc, char** argv) {
  return sf::bench::guarded("bench_worker", [&] { return run(argc, argv); });
}

// schemaforge-worker: runs the seed tables' handlers against a database.
//
//   schemaforge-worker --dsn sqlite:build/schemaforge.db --tables jobs,deletion_jobs,rewrap_jobs   (--dsn or $SCHEMAFORGE_DSN)
//       [--concurrency 4] [--batch 10] [--lease 300] [--max-attempts 5]
//       [--kms-key-file build/local-kms.json] [--metrics-port 9464] [--until-idle] [--enqueue-samples N]
//
// Prints a progress line every second (processed, failed, retried, rescued,
// jobs/s) and a summary at the end. SIGINT/SIGTERM stop claiming, give back
// unstarted claims at once and let the running jobs finish for --shutdown-deadline
// seconds; after that the process exits (exit code 3) and those jobs are
// rescued when their lease ends.
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <thread>

#include "runtime/jobs/metrics.hpp"
#include "runtime/worker/seed_handlers.hpp"

namespace {

sf::jobs::Worker* running_worker = nullptr;
std::atomic<bool> signalled{false};

extern "C" void on_signal(int) {
  signalled.store(true);                       // lock-free atomics: safe in a signal handler
  if (running_worker) running_worker->stop();
}

std::string progress_line(const sf::jobs::Stats& s, double seconds) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "processed %lld  failed %lld  retried %lld  rescued %lld  released %lld  fenced %lld  %.0f jobs/s",
                static_cast<long long>(s.processed), static_cast<long long>(s.failed), static_cast<long long>(s.retried),
                static_cast<long long>(s.rescued), static_cast<long long>(s.released), static_cast<long long>(s.fenced),
                seconds > 0 ? static_cast<double>(s.processed + s.failed) / seconds : 0.0);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs job handlers over the job tables of a schemaforge database"};
  std::string dsn_text;
  std::vector<std::string> tables{"jobs", "deletion_jobs", "rewrap_jobs", "pq_migration_jobs"};
  sf::worker::SeedOptions seed;
  sf::jobs::WorkerOptions o;
  int lease_seconds = 300;
  int shutdown_seconds = 30;
  bool until_idle = false;
  int samples = 0;
  int metrics_port = -1;
  std::string metrics_address = "127.0.0.1";
  // The environment keeps a password out of `ps` and shell history.
  app.add_option("--dsn", dsn_text, "Database (postgresql://…, mysql://…, sqlite:path; default: $SCHEMAFORGE_DSN)")
      ->envname("SCHEMAFORGE_DSN")
      ->required();
  app.add_option("--tables", tables, "Job tables to serve")->delimiter(',')->capture_default_str();
  app.add_option("--concurrency", o.concurrency, "Worker threads, each with its own connection")->capture_default_str();
  app.add_option("--batch", o.batch, "Jobs claimed per round trip")->capture_default_str();
  app.add_option("--lease", lease_seconds, "Seconds before a running job counts as abandoned and is rescued")->capture_default_str();
  app.add_option("--max-attempts", o.max_attempts, "Attempts before a failing job stays failed")->capture_default_str();
  app.add_flag("--until-idle", until_idle, "Exit once no job is due");
  app.add_option("--shutdown-deadline", shutdown_seconds,
                 "Seconds running jobs get to finish after SIGINT/SIGTERM before the process exits anyway")
      ->capture_default_str();
  app.add_option("--enqueue-samples", samples, "First enqueue N sample jobs (demonstration)");
  app.add_option("--kms-key-file", seed.kms_key_file, "Local KMS keys for rewrap_jobs (JSON: key_ref -> 64 hex digits)")
      ->capture_default_str();
  app.add_option("--metrics-port", metrics_port, "Serve Prometheus metrics on GET /metrics at this port");
  app.add_option("--metrics-address", metrics_address, "Address the metrics endpoint listens on")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  o.lease = std::chrono::seconds(lease_seconds);
  o.log = [](const std::string& line) { std::cerr << "worker: " << line << "\n"; };

  try {
    const sf::db::Dsn dsn = sf::db::Dsn::parse(dsn_text);
    if (samples > 0) {
      auto c = sf::db::connect(dsn);
      sf::worker::enqueue_samples(*c, samples, seed);
      std::cout << "enqueued " << samples << " sample jobs\n";
    }
    sf::jobs::Worker w(dsn, o);
    sf::worker::register_seed_handlers(w, tables, seed);
    running_worker = &w;
    std::unique_ptr<sf::jobs::MetricsServer> metrics;
    if (metrics_port >= 0) {
      metrics = std::make_unique<sf::jobs::MetricsServer>(metrics_address, metrics_port, [&w] { return sf::jobs::prometheus_text(w.stats()); });
      std::cout << "metrics on http://" << metrics_address << ":" << metrics->port() << "/metrics\n";
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);

    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::atomic<bool> done{false};
    std::thread reporter([&] {
      while (!done.load()) {
        for (int i = 0; i < 100 && !done.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!done.load()) std::cout << progress_line(w.stats(), elapsed()) << std::endl;
      }
    });
    // After a signal, running handlers get the deadline; a job still running
    // then stays 'running' and is rescued once its lease ends (at least once).
    std::thread watchdog([&] {
      while (!done.load() && !signalled.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(shutdown_seconds);
      while (!done.load() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (done.load()) return;
      std::cerr << "schemaforge-worker: jobs still running " << shutdown_seconds
                << " s after the signal; exiting: they return to pending when their lease ends\n";
      std::cout << "stopped: " << progress_line(w.stats(), elapsed()) << std::endl;
      std::_Exit(3);
    });
    std::cout << "serving " << tables.size() << " table(s) on " << dsn.redacted() << " with " << o.concurrency << " thread(s)\n";
    if (until_idle) w.run_until_idle();
    else w.run();
    done = true;
    reporter.join();
    watchdog.join();
    running_worker = nullptr;
    std::cout << "done: " << progress_line(w.stats(), elapsed()) << std::endl;
    return w.stats().failed > 0 ? 1 : 0;
  } catch (const std::exception& e) {
    std::cerr << "schemaforge-worker: " << e.what() << "\n";
    return 2;
  }
}

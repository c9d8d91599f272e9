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

// What the command line asks for.
struct Options {
  std::string dsn_text;
  std::vector<std::string> tables{"jobs", "deletion_jobs", "rewrap_jobs", "pq_migration_jobs"};
  sf::worker::SeedOptions seed;
  sf::jobs::WorkerOptions worker;
  int lease_seconds = 300;
  int shutdown_seconds = 30;
  bool until_idle = false;
  int samples = 0;
  int metrics_port = -1;
  std::string metrics_address = "127.0.0.1";
};

void add_options(CLI::App& app, Options& o) {
  // The environment keeps a password out of `ps` and shell history.
  app.add_option("--dsn", o.dsn_text, "Database (postgresql://…, mysql://…, sqlite:path; default: $SCHEMAFORGE_DSN)")
      ->envname("SCHEMAFORGE_DSN")
      ->required();
  app.add_option("--tables", o.tables, "Job tables to serve")->delimiter(',')->capture_default_str();
  app.add_option("--concurrency", o.worker.concurrency, "Worker threads, each with its own connection")->capture_default_str();
  app.add_option("--batch", o.worker.batch, "Jobs claimed per round trip")->capture_default_str();
  app.add_option("--lease", o.lease_seconds, "Seconds before a running job counts as abandoned and is rescued")->capture_default_str();
  app.add_option("--max-attempts", o.worker.max_attempts, "Attempts before a failing job stays failed")->capture_default_str();
  app.add_flag("--until-idle", o.until_idle, "Exit once no job is due");
  app.add_option("--shutdown-deadline", o.shutdown_seconds,
                 "Seconds running jobs get to finish after SIGINT/SIGTERM before the process exits anyway")
      ->capture_default_str();
  app.add_option("--enqueue-samples", o.samples, "First enqueue N sample jobs (demonstration)");
  app.add_option("--kms-key-file", o.seed.kms_key_file, "Local KMS keys for rewrap_jobs (JSON: key_ref -> 64 hex digits)")
      ->capture_default_str();
  app.add_option("--metrics-port", o.metrics_port, "Serve Prometheus metrics on GET /metrics at this port");
  app.add_option("--metrics-address", o.metrics_address, "Address the metrics endpoint listens on")->capture_default_str();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void enqueue_sample_jobs(const sf::db::Dsn& dsn, const Options& o) {
  auto c = sf::db::connect(dsn);
  sf::worker::enqueue_samples(*c, o.samples, o.seed);
  std::cout << "enqueued " << o.samples << " sample jobs\n";
}

// None unless --metrics-port asks for it.
std::unique_ptr<sf::jobs::MetricsServer> start_metrics(const Options& o, const sf::jobs::Worker& w) {
  if (o.metrics_port < 0) return nullptr;
  auto metrics = std::make_unique<sf::jobs::MetricsServer>(o.metrics_address, o.metrics_port,
                                                           [&w] { return sf::jobs::prometheus_text(w.stats()); });
  std::cout << "metrics on http://" << o.metrics_address << ":" << metrics->port() << "/metrics\n";
  return metrics;
}

// Prints a progress line every second until `done`.
std::thread start_reporter(const sf::jobs::Worker& w, const std::atomic<bool>& done, std::chrono::steady_clock::time_point start) {
  return std::thread([&w, &done, start] {
    while (!done.load()) {
      for (int i = 0; i < 100 && !done.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (!done.load()) std::cout << progress_line(w.stats(), seconds_since(start)) << std::endl;
    }
  });
}

// After a signal, running handlers get the deadline; a job still running
// then stays 'running' and is rescued once its lease ends (at least once).
std::thread start_watchdog(const sf::jobs::Worker& w, const std::atomic<bool>& done, int shutdown_seconds,
                           std::chrono::steady_clock::time_point start) {
  return std::thread([&w, &done, shutdown_seconds, start] {
    while (!done.load() && !signalled.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(shutdown_seconds);
    while (!done.load() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (done.load()) return;
    std::cerr << "schemaforge-worker: jobs still running " << shutdown_seconds
              << " s after the signal; exiting: they return to pending when their lease ends\n";
    std::cout << "stopped: " << progress_line(w.stats(), seconds_since(start)) << std::endl;
    std::_Exit(3);
  });
}

// Serves the tables until a signal stops the worker (or, with --until-idle, no job
// is due) and reports; the exit code: 1 if a job failed.
int serve(const Options& o) {
  const sf::db::Dsn dsn = sf::db::Dsn::parse(o.dsn_text);
  if (o.samples > 0) enqueue_sample_jobs(dsn, o);
  sf::jobs::Worker w(dsn, o.worker);
  sf::worker::register_seed_handlers(w, o.tables, o.seed);
  running_worker = &w;
  const std::unique_ptr<sf::jobs::MetricsServer> metrics = start_metrics(o, w);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);

  const auto start = std::chrono::steady_clock::now();
  std::atomic<bool> done{false};
  std::thread reporter = start_reporter(w, done, start);
  std::thread watchdog = start_watchdog(w, done, o.shutdown_seconds, start);
  std::cout << "serving " << o.tables.size() << " table(s) on " << dsn.redacted() << " with " << o.worker.concurrency << " thread(s)\n";
  if (o.until_idle) w.run_until_idle();
  else w.run();
  done = true;
  reporter.join();
  watchdog.join();
  running_worker = nullptr;
  std::cout << "done: " << progress_line(w.stats(), seconds_since(start)) << std::endl;
  return w.stats().failed > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs job handlers over the job tables of a schemaforge database"};
  Options o;
  add_options(app, o);
  CLI11_PARSE(app, argc, argv);
  o.worker.lease = std::chrono::seconds(o.lease_seconds);
  o.worker.log = [](const std::string& line) { std::cerr << "worker: " << line << "\n"; };

  try {
    return serve(o);
  } catch (const std::exception& e) {
    std::cerr << "schemaforge-worker: " << e.what() << "\n";
    return 2;
  }
}

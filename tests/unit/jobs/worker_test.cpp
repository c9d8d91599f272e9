// runtime/jobs' Worker over the generated repositories, on the three engines:
// every job runs exactly once across threads, failures retry on the backoff
// schedule (an injected clock, no sleeping), stop() gives back unstarted
// claims, a cancelled job stays cancelled, and a job past its lease is rescued.
#include <catch2/catch.hpp>

#include <map>
#include <mutex>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "runtime/jobs/metrics.hpp"
#include "runtime/jobs/worker.hpp"
#include "tests/support/spec_database.hpp"

using namespace sf;
using namespace sf::gen;
using db::Timestamp;
using namespace std::chrono_literals;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};
const Timestamp t0 = db::parse_timestamp("2026-11-24T12:00:00Z").value();

struct JobDatabase : test::SpecDatabase {
  std::int64_t wrapper = 0;
  explicit JobDatabase(db::Engine e) : SpecDatabase(e) {
    if (c) wrapper = test::make_key_wrapper(*c);
  }
  void enqueue(int n, Timestamp due) {
    db::Transaction tx(*c);
    RewrapJobRepository repo(*c);
    for (int i = 0; i < n; ++i) repo.enqueue({.key_wrapper_id = wrapper}, due);
    tx.commit();
  }
};

// A clock the test moves by hand.
struct ManualClock {
  std::atomic<std::int64_t> us{t0.time_since_epoch().count()};
  jobs::Clock fn() {
    return [this] { return Timestamp(std::chrono::microseconds(us.load())); };
  }
  void set(Timestamp t) { us.store(t.time_since_epoch().count()); }
};

// After stop() during the first of 10 claimed jobs: that one done, the other
// nine pending again as if never claimed (a claim given back costs no attempt).
void check_stopped_after_one(const jobs::Worker& w, db::Connection& c) {
  CHECK(w.stats().processed == 1);
  CHECK(w.stats().released == 9);
  auto pending = RewrapJobRepository(c).find_by_status(RewrapJobStatus::pending);
  CHECK(pending.size() == 9);
  for (const auto& j : pending) {
    CHECK(j.attempts == 0);
    CHECK_FALSE(j.started_at);
  }
}

}  // namespace

TEST_CASE("backoff doubles from the base, is capped, and jitters within 25%", "[jobs]") {
  using std::chrono::milliseconds;
  CHECK(jobs::backoff_delay(1, 1000ms, 1h, 0.5) == 1000ms);
  CHECK(jobs::backoff_delay(2, 1000ms, 1h, 0.5) == 2000ms);
  CHECK(jobs::backoff_delay(5, 1000ms, 1h, 0.5) == 16000ms);
  CHECK(jobs::backoff_delay(1, 1000ms, 1h, 0.0) == 750ms);
  CHECK(jobs::backoff_delay(1, 1000ms, 1h, 1.0) == 1250ms);
  CHECK(jobs::backoff_delay(30, 1000ms, 60s, 0.5) == 60s);
  CHECK(jobs::backoff_delay(1000, 1000ms, 60s, 1.0) == 75s);
}

TEST_CASE("2,000 jobs over 4 threads: every handler runs exactly once and every job ends done", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(2000, t0);
      std::mutex m;
      std::map<std::int64_t, int> runs;
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 4, .batch = 25, .clock = [] { return t0 + 1s; }});
      w.handle<RewrapJobRepository>([&](const RewrapJob& job, jobs::JobContext&) -> std::optional<db::Json> {
        std::lock_guard lock(m);
        ++runs[job.id];
        return std::nullopt;
      });
      w.run_until_idle();
      CHECK(runs.size() == 2000);
      CHECK(std::all_of(runs.begin(), runs.end(), [](const auto& r) { return r.second == 1; }));
      CHECK(w.stats().processed == 2000);
      CHECK(w.stats().fenced == 0);
      RewrapJobRepository repo(*d.c);
      CHECK(repo.find_by_status(RewrapJobStatus::done, {.limit = 5000}).size() == 2000);
    }
  }
}

TEST_CASE("a failing job retries on the backoff schedule, then fails with its error", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(1, t0);
      ManualClock clock;
      int calls = 0;
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .max_attempts = 3, .backoff_base = 10s, .clock = clock.fn()});
      w.handle<RewrapJobRepository>([&](const RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> {
        ++calls;
        throw std::runtime_error("KMS unreachable (attempt " + std::to_string(calls) + ")");
      });
      RewrapJobRepository repo(*d.c);
      Timestamp now = t0;
      for (int attempt = 1; attempt <= 2; ++attempt) {
        w.run_until_idle();
        auto job = repo.list().at(0);
        CHECK(job.status == RewrapJobStatus::pending);
        CHECK(job.attempts == attempt);
        CHECK(job.last_error == "KMS unreachable (attempt " + std::to_string(attempt) + ")");
        const auto nominal = std::chrono::duration_cast<std::chrono::microseconds>(10s * (1 << (attempt - 1)));
        REQUIRE(job.scheduled_at);
        CHECK(*job.scheduled_at >= now + nominal * 3 / 4);
        CHECK(*job.scheduled_at <= now + nominal * 5 / 4);
        clock.set(*job.scheduled_at - 1s);  // not yet due: nothing runs
        w.run_until_idle();
        CHECK(calls == attempt);
        now = *job.scheduled_at;
        clock.set(now);
      }
      w.run_until_idle();
      auto job = repo.list().at(0);
      CHECK(calls == 3);
      CHECK(job.status == RewrapJobStatus::failed);
      CHECK(job.attempts == 3);
      CHECK(job.last_error == "KMS unreachable (attempt 3)");
      CHECK(w.stats().retried == 2);
      CHECK(w.stats().failed == 1);
    }
  }
}

TEST_CASE("stop() lets the running job finish and gives back the unstarted claims", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(10, t0);
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .batch = 10, .clock = [] { return t0; }});
      int ran = 0;
      w.handle<RewrapJobRepository>([&](const RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> {
        ++ran;
        w.stop();  // as SIGTERM would, mid-batch
        return std::nullopt;
      });
      w.run();
      CHECK(ran == 1);
      check_stopped_after_one(w, *d.c);
    }
  }
}

TEST_CASE("stop() gives the unstarted claims back at once, while a long job still runs", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(10, t0);
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .batch = 10, .clock = [] { return t0; }});
      std::atomic<bool> started{false}, release_handler{false};
      std::atomic<int> ran{0};
      w.handle<RewrapJobRepository>([&](const RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> {
        ++ran;
        started = true;
        while (!release_handler.load()) std::this_thread::sleep_for(5ms);  // a long job
        return std::nullopt;
      });
      std::thread runner([&] { w.run(); });
      while (!started.load()) std::this_thread::sleep_for(5ms);
      w.stop();
      std::size_t pending = 0;
      for (int i = 0; i < 500 && pending < 9; ++i) {  // up to 5 s
        std::this_thread::sleep_for(10ms);
        pending = RewrapJobRepository(*d.c).find_by_status(RewrapJobStatus::pending).size();
      }
      CHECK(pending == 9);  // given back while the first job is still running
      CHECK(RewrapJobRepository(*d.c).find_by_status(RewrapJobStatus::running).size() == 1);
      release_handler = true;
      runner.join();
      CHECK(ran == 1);
      check_stopped_after_one(w, *d.c);
    }
  }
}

TEST_CASE("claims that waited half a lease behind a slow job are given back, not left to expire", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(5, t0);
      ManualClock clock;
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .batch = 5, .lease = 10min, .clock = clock.fn()});
      std::map<std::int64_t, int> runs;
      w.handle<RewrapJobRepository>([&](const RewrapJob& job, jobs::JobContext&) -> std::optional<db::Json> {
        if (runs.empty()) clock.set(t0 + 6min);  // the first job takes more than half the lease
        ++runs[job.id];
        return std::nullopt;
      });
      w.run_until_idle();
      CHECK(w.stats().released == 4);
      CHECK(w.stats().processed == 5);
      CHECK(w.stats().rescued == 0);
      CHECK(runs.size() == 5);
      for (const auto& [id, n] : runs) CHECK(n == 1);
      for (const auto& j : RewrapJobRepository(*d.c).list()) {
        CHECK(j.status == RewrapJobStatus::done);
        CHECK(j.attempts == 1);  // a claim given back unstarted costs no attempt
      }
    }
  }
}

TEST_CASE("a job cancelled while running is seen by its handler and stays cancelled", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      DeletionJobRepository(*d.c).enqueue({.entity_pk = "1", .entity_table = "users"}, t0);
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .clock = [] { return t0; }});
      bool saw_cancel = false;
      w.handle<DeletionJobRepository>([&](const DeletionJob& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
        auto other = d.scratch.connect();  // an operator cancels from elsewhere
        REQUIRE(DeletionJobRepository(*other).cancel(job.id));
        for (int i = 0; i < 300 && !saw_cancel; ++i) {
          saw_cancel = ctx.cancelled();
          if (!saw_cancel) std::this_thread::sleep_for(10ms);
        }
        throw std::runtime_error("cancelled");
      });
      w.run_until_idle();
      CHECK(saw_cancel);
      CHECK(w.stats().fenced == 1);  // its failure was not recorded over the cancellation
      CHECK(DeletionJobRepository(*d.c).list().at(0).status == DeletionJobStatus::cancelled);
    }
  }
}

TEST_CASE("work in the handler's transaction commits with JobContext::complete, and rolls back when the claim is lost",
          "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      DeletionJobRepository jobs(*d.c);
      const auto kept = jobs.enqueue({.entity_pk = "1", .entity_table = "users"}, t0);
      const auto lost = jobs.enqueue({.entity_pk = "2", .entity_table = "users"}, t0);
      const auto by_hand = jobs.enqueue({.entity_pk = "3", .entity_table = "users"}, t0);
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .clock = [] { return t0; }});
      int claims_lost = 0;
      w.handle<DeletionJobRepository>([&](const DeletionJob& job, jobs::JobContext& ctx) -> std::optional<db::Json> {
        // An operator cancels the second job before its handler's work commits.
        if (job.id == lost) REQUIRE(DeletionJobRepository(*d.scratch.connect()).cancel(job.id));
        auto work = [&](db::Connection& c) {
          UserRepository(c).insert({.email = "work-of-" + job.entity_pk + "@example.com", .display_name = "side effect"});
        };
        try {
          if (job.id == by_hand) {  // the same, spelled out
            db::Transaction tx(ctx.connection());
            work(ctx.connection());
            ctx.complete();
            tx.commit();
          } else {
            ctx.complete_in_transaction(work);
          }
        } catch (const jobs::ClaimLost&) {
          ++claims_lost;
          throw;
        }
        CHECK(ctx.completed());
        return std::nullopt;
      });
      w.run_until_idle();
      CHECK(claims_lost == 1);
      CHECK(w.stats().processed == 2);
      CHECK(w.stats().fenced == 1);  // the lost job's failure was not recorded over the cancellation
      UserRepository users(*d.c);
      CHECK(users.find_by_email("work-of-1@example.com"));
      CHECK_FALSE(users.find_by_email("work-of-2@example.com"));  // its work rolled back with the lost claim
      CHECK(users.find_by_email("work-of-3@example.com"));
      CHECK(jobs.find(kept).value().status == DeletionJobStatus::done);
      CHECK(jobs.find(lost).value().status == DeletionJobStatus::cancelled);
      CHECK(jobs.find(by_hand).value().status == DeletionJobStatus::done);
    }
  }
}

TEST_CASE("a job left running past its lease is rescued and run again", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      JobDatabase d(e);
      if (!d.c) continue;
      d.enqueue(1, t0 - 1h);
      RewrapJobRepository repo(*d.c);
      auto lost = repo.claim(1, t0 - 10min).at(0);  // its worker died
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .lease = 5min, .clock = [] { return t0; }});
      w.handle<RewrapJobRepository>([&](const RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> { return std::nullopt; });
      w.run_until_idle();
      CHECK(w.stats().rescued == 1);
      auto job = repo.find(lost.id).value();
      CHECK(job.status == RewrapJobStatus::done);
      CHECK(job.attempts == 2);
      CHECK_FALSE(repo.complete(lost));  // the dead worker's claim is stale
    }
  }
}

TEST_CASE("the janitor deletes jobs past their TTL, except running ones", "[jobs][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      JobRepository repo(*d.c);
      auto expired = repo.insert({.type = JobType::clone, .status = JobStatus::completed, .request_payload = db::Json::object(),
                                  .ttl_expires_at = t0 - 1h});
      auto running = repo.insert({.type = JobType::clone, .status = JobStatus::running, .request_payload = db::Json::object(),
                                  .ttl_expires_at = t0 - 1h});
      auto fresh = repo.insert({.type = JobType::clone, .status = JobStatus::failed, .request_payload = db::Json::object(),
                                .ttl_expires_at = t0 + 1h});
      auto forever = repo.insert({.type = JobType::clone, .status = JobStatus::completed, .request_payload = db::Json::object()});
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .clock = [] { return t0; }});
      w.handle<JobRepository>([](const Job&, jobs::JobContext&) -> std::optional<db::Json> { return std::nullopt; });
      w.run_until_idle();
      CHECK(w.stats().expired == 1);
      CHECK_FALSE(repo.find(expired));
      CHECK(repo.find(running));
      CHECK(repo.find(fresh));
      CHECK(repo.find(forever));
    }
  }
}

TEST_CASE("PostgreSQL plans the claim as an index scan on (status, scheduled_at), not a scan of the table", "[jobs][pg]") {
  auto server = test::server_dsn(db::Engine::postgres);
  if (!server) return;
  test::SpecDatabase d(db::Engine::postgres);
  auto& c = *d.c;
  const auto wrapper = test::make_key_wrapper(c);
  // Enough done rows that a sequential scan would be the wrong plan, and fresh statistics.
  c.query("INSERT INTO rewrap_jobs (key_wrapper_id, status, scheduled_at) SELECT $1, 'done', now() - g * interval '1 second' "
          "FROM generate_series(1, 20000) g",
          {wrapper});
  c.query("INSERT INTO rewrap_jobs (key_wrapper_id, status, scheduled_at) SELECT $1, 'pending', now() FROM generate_series(1, 50) g",
          {wrapper});
  c.execute("ANALYZE rewrap_jobs");
  // The claim statement the repository runs, prepared, with its parameters in place.
  const std::string claim = gen::RewrapJobRepository(c).queue().sql().claim;
  REQUIRE(claim.find("FOR UPDATE SKIP LOCKED") != std::string::npos);
  c.execute("PREPARE claim_plan AS " + claim);
  std::string plan;
  for (const auto& row : c.query("EXPLAIN EXECUTE claim_plan(now(), now(), now(), 10)").rows) plan += db::as_string(row[0]) + "\n";
  INFO(plan);
  CHECK(plan.find("Seq Scan on rewrap_jobs") == std::string::npos);
  CHECK(plan.find("idx_rewrap_status_sched") != std::string::npos);
}

TEST_CASE("the metrics endpoint serves the worker's counters in Prometheus text format", "[jobs][metrics]") {
  jobs::Stats s;
  s.processed = 41;
  s.fenced = 2;
  std::atomic<int> scrapes{0};
  jobs::MetricsServer server("127.0.0.1", 0, [&] {
    ++scrapes;
    return jobs::prometheus_text(s);
  });
  REQUIRE(server.port() > 0);
  auto get = [&](const std::string& path) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    const std::string req = "GET " + path + " HTTP/1.0\r\n\r\n";
    ::send(fd, req.data(), req.size(), 0);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
  };
  const std::string ok = get("/metrics");
  CHECK(ok.rfind("HTTP/1.0 200 OK", 0) == 0);
  CHECK(ok.find("# TYPE schemaforge_jobs_processed_total counter\nschemaforge_jobs_processed_total 41\n") != std::string::npos);
  CHECK(ok.find("schemaforge_jobs_fenced_total 2\n") != std::string::npos);
  CHECK(get("/other").rfind("HTTP/1.0 404", 0) == 0);
  CHECK(scrapes == 1);
}

TEST_CASE("PostgreSQL: an enqueue wakes an idle worker through LISTEN/NOTIFY, long before its next poll", "[jobs][pg]") {
  if (!test::server_dsn(db::Engine::postgres)) return;
  test::SpecDatabase d(db::Engine::postgres);
  const auto wrapper = test::make_key_wrapper(*d.c);

  {  // the connection layer: a notification arrives; none arrive without one
    auto listener = d.scratch.connect();
    REQUIRE(listener->listen("sf_rewrap_jobs"));
    CHECK_FALSE(listener->wait_for_notification(50ms));
    // A deadline already past (the worker computes `until - now`, which can
    // fall below zero) returns at once; libpqxx would wait forever on it.
    CHECK_FALSE(listener->wait_for_notification(-3ms));
    RewrapJobRepository(*d.c).enqueue({.key_wrapper_id = wrapper});
    CHECK(listener->wait_for_notification(5s));
    d.c->execute("DELETE FROM rewrap_jobs");
  }

  // Polling every 60 s: only the notification can make the worker see the job within 20 s.
  std::atomic<int> ran{0};
  jobs::Worker w(d.scratch.dsn(), {.concurrency = 2, .poll_interval = 60s, .max_idle_wait = 60s});
  w.handle<RewrapJobRepository>([&](const RewrapJob&, jobs::JobContext&) -> std::optional<db::Json> {
    ++ran;
    return std::nullopt;
  });
  std::thread runner([&] { w.run(); });
  std::this_thread::sleep_for(300ms);  // both threads have found nothing and are waiting
  RewrapJobRepository(*d.c).enqueue({.key_wrapper_id = wrapper});
  for (int i = 0; i < 2000 && ran.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  w.stop();
  runner.join();
  CHECK(ran == 1);
}

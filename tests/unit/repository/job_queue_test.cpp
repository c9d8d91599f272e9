// The job-queue operations generated for spec/'s job tables, on the three
// engines: claims respect the schedule and order, never hand one job to two
// claimers, and every state change after a claim is fenced on that claim.
// Time is passed in, never slept.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "tests/support/spec_database.hpp"

using namespace sf;
using namespace sf::gen;
using db::Timestamp;
using namespace std::chrono_literals;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};
const Timestamp t0 = db::parse_timestamp("2026-11-24T12:00:00.000001Z").value();

struct QueueDatabase : test::SpecDatabase {
  std::int64_t wrapper = 0;
  explicit QueueDatabase(db::Engine e) : SpecDatabase(e) {
    if (c) wrapper = test::make_key_wrapper(*c);
  }
  RewrapJobRepository::Key enqueue(Timestamp due) {
    return RewrapJobRepository(*c).enqueue({.key_wrapper_id = wrapper}, due);
  }
};

std::vector<std::int64_t> ids(const std::vector<RewrapJob>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("claim takes due pending jobs in schedule order and marks them running", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      auto late = q.enqueue(t0 - 1s);
      auto early = q.enqueue(t0 - 1h);
      auto future = q.enqueue(t0 + 1h);
      auto now_due = q.enqueue(t0);

      auto first = repo.claim(2, t0);
      REQUIRE(first.size() == 2);
      CHECK(ids(first) == std::vector<std::int64_t>{late, early});
      for (const auto& j : first) {
        CHECK(j.status == RewrapJobStatus::running);
        CHECK(j.attempts == 1);
        CHECK(j.started_at == t0);
        CHECK(repo.find(j.id) == j);  // what claim returned is what the row holds
      }
      auto rest = repo.claim(10, t0);
      REQUIRE(rest.size() == 1);
      CHECK(rest.front().id == now_due);
      CHECK(repo.claim(10, t0).empty());
      CHECK(repo.claim(10, t0 + 2h).front().id == future);
    }
  }
}

TEST_CASE("complete, fail, retry and release are fenced on the claim", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      for (int i = 0; i < 4; ++i) q.enqueue(t0 - std::chrono::seconds(10 - i));
      auto jobs = repo.claim(4, t0);
      REQUIRE(jobs.size() == 4);

      CHECK(repo.complete(jobs[0], t0 + 1s));
      CHECK_FALSE(repo.complete(jobs[0], t0 + 2s));  // no longer running: the fence misses
      auto done = repo.find(jobs[0].id).value();
      CHECK(done.status == RewrapJobStatus::done);
      CHECK(done.finished_at == t0 + 1s);

      // A long error with multibyte characters is cut at a character boundary.
      std::string error(20'000, 'x');
      error += "é";
      for (int i = 0; i < 3000; ++i) error += "✗";
      CHECK(repo.fail(jobs[1], error, t0 + 1s));
      auto failed = repo.find(jobs[1].id).value();
      CHECK(failed.status == RewrapJobStatus::failed);
      REQUIRE(failed.last_error);
      CHECK(failed.last_error->size() == 16384);
      CHECK(failed.last_error->compare(0, 100, std::string(100, 'x')) == 0);

      CHECK(repo.retry(jobs[2], "try again", t0 + 5min, t0 + 1s));
      auto retried = repo.find(jobs[2].id).value();
      CHECK(retried.status == RewrapJobStatus::pending);
      CHECK(retried.scheduled_at == t0 + 5min);
      CHECK(retried.last_error == "try again");
      CHECK(repo.claim(10, t0 + 1min).empty());
      auto again = repo.claim(10, t0 + 5min);
      REQUIRE(again.size() == 1);
      CHECK(again.front().attempts == 2);
      CHECK_FALSE(repo.complete(jobs[2]));  // the first attempt's claim is stale
      CHECK(repo.complete(again.front()));

      CHECK(repo.release(jobs[3], t0 + 1s));
      auto released = repo.find(jobs[3].id).value();
      CHECK(released.status == RewrapJobStatus::pending);
      CHECK(released.attempts == 0);  // an unstarted claim costs no attempt
      CHECK_FALSE(released.started_at);
    }
  }
}

TEST_CASE("rescue returns jobs past their lease, and the late worker cannot overwrite the new attempt",
          "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      q.enqueue(t0 - 1min);
      auto worker_a = repo.claim(1, t0, 5min).at(0);
      CHECK(repo.rescue({}, t0 + 4min) == 0);  // still within its lease
      CHECK(repo.rescue({}, t0 + 5min + 1s) == 1);
      auto worker_b = repo.claim(1, t0 + 5min).at(0);
      CHECK(worker_b.attempts == 2);
      CHECK_FALSE(repo.fail(worker_a, "late failure", t0 + 6min));  // River #1302's race, fenced
      CHECK(repo.complete(worker_b, t0 + 6min));
      CHECK(repo.find(worker_b.id)->status == RewrapJobStatus::done);
    }
  }
}

TEST_CASE("on a table with updated_at, heartbeats and progress keep a long job from rescue", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      const Timestamp s0 = db::parse_timestamp("2026-11-24T12:00:00Z").value();  // jobs.updated_at keeps whole seconds
      JobRepository repo(*q.c);  // `jobs`: no started_at or lease column; updated_at says it is alive
      const std::string long_id = "0193a0c0-0000-7000-8000-000000000001", dead_id = "0193a0c0-0000-7000-8000-000000000002";
      repo.enqueue({.job_id = long_id, .type = JobType::clone, .request_payload = db::Json::object()});
      repo.enqueue({.job_id = dead_id, .type = JobType::clone, .request_payload = db::Json::object()});
      auto claimed = repo.claim(2, s0);
      REQUIRE(claimed.size() == 2);
      const auto& live = claimed[0].job_id == long_id ? claimed[0] : claimed[1];
      const auto& dead = claimed[0].job_id == long_id ? claimed[1] : claimed[0];
      CHECK(repo.heartbeat(live, s0 + 4min, 5min));
      CHECK(repo.find(long_id)->updated_at == s0 + 4min);
      CHECK(repo.rescue(s0 + 1min, s0 + 6min) == 1);  // lease 5 min: only the silent one
      CHECK(repo.find(dead_id)->status == JobStatus::pending);
      CHECK(repo.find(long_id)->status == JobStatus::running);
      CHECK(repo.set_progress(live, 50, s0 + 8min));  // progress is a sign of life too
      CHECK(repo.rescue(s0 + 4min + 1s, s0 + 9min) == 0);
      CHECK(repo.rescue(s0 + 8min + 1s, s0 + 13min) == 1);
      CHECK_FALSE(repo.heartbeat(live, s0 + 14min, 5min));  // rescued: the handler learns to stop
      CHECK_FALSE(repo.heartbeat(dead, s0 + 14min, 5min));
    }
  }
}

TEST_CASE("a seed job table's lease: a heartbeat moves locked_until on, rescue waits for its end",
          "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      q.enqueue(t0 - 1min);
      auto job = repo.claim(1, t0, 5min).at(0);
      CHECK(job.locked_until == t0 + 5min);
      CHECK(repo.heartbeat(job, t0 + 4min, 5min));
      CHECK(repo.find(job.id)->locked_until == t0 + 9min);
      CHECK(repo.find(job.id)->started_at == job.started_at);  // the fence stays
      CHECK(repo.rescue({}, t0 + 8min) == 0);
      CHECK(repo.rescue({}, t0 + 9min + 1s) == 1);
      CHECK_FALSE(repo.heartbeat(job, t0 + 10min, 5min));  // rescued: the handler learns to stop
    }
  }
}

TEST_CASE("cancel stops pending jobs from being claimed and is visible to a running one", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      DeletionJobRepository repo(*q.c);
      auto pending = repo.enqueue({.entity_pk = "1", .entity_table = "users"}, t0 - 1s);
      auto running = repo.enqueue({.entity_pk = "2", .entity_table = "users"}, t0);
      CHECK(repo.cancel(pending, t0));
      auto claimed = repo.claim(5, t0);
      REQUIRE(claimed.size() == 1);
      CHECK(claimed.front().id == running);
      CHECK(repo.cancel(running, t0 + 1s));
      CHECK(repo.status_of(running) == DeletionJobStatus::cancelled);
      CHECK_FALSE(repo.complete(claimed.front(), t0 + 2s));
      CHECK_FALSE(repo.save(claimed.front()));  // the handler's own columns are fenced too
      CHECK(repo.find(running)->status == DeletionJobStatus::cancelled);
      CHECK_FALSE(repo.cancel(running, t0 + 3s));  // already ended
    }
  }
}

TEST_CASE("jobs: progress, result JSON, UUID keys, a table without attempts or schedule", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      JobRepository repo(*q.c);
      auto key = repo.enqueue({.type = JobType::clone, .request_payload = {{"source", "a"}}});
      auto claimed = repo.claim(1, t0);
      REQUIRE(claimed.size() == 1);
      CHECK(claimed.front().job_id == key);
      CHECK(claimed.front().updated_at == t0 - 1us);  // TIMESTAMP(0): cut to the second
      CHECK(repo.set_progress(claimed.front(), 40, t0 + 1s));
      CHECK(repo.find(key)->progress == 40);
      CHECK(repo.complete(claimed.front(), db::Json{{"copied", 3}, {"name", "ü"}}, t0 + 2s));
      auto done = repo.find(key).value();
      CHECK(done.status == JobStatus::completed);
      CHECK(done.progress == 100);
      CHECK(done.result == db::Json{{"copied", 3}, {"name", "ü"}});
      CHECK(done.completed_at == t0 + 2s - 1us);
    }
  }
}

TEST_CASE("four claimers on their own connections never get the same job", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      {
        db::Transaction tx(*q.c);
        for (int i = 0; i < 400; ++i) q.enqueue(t0 - std::chrono::seconds(i % 17));
        tx.commit();
      }
      std::mutex m;
      std::vector<std::int64_t> all;
      std::atomic<int> errors{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
          try {
            auto c = q.scratch.connect();
            RewrapJobRepository repo(*c);
            for (;;) {
              std::vector<RewrapJob> batch;
              try {
                batch = repo.claim(10, t0);
              } catch (const db::DbError& err) {
                if (err.retryable()) continue;  // deadlock / busy: claim again
                throw;
              }
              if (batch.empty()) break;
              for (const auto& j : batch) repo.complete(j);
              std::lock_guard lock(m);
              for (const auto& j : batch) all.push_back(j.id);
            }
          } catch (const std::exception& ex) {
            ++errors;
            WARN(ex.what());
          }
        });
      }
      for (auto& th : threads) th.join();
      CHECK(errors == 0);
      CHECK(all.size() == 400);
      CHECK(std::set<std::int64_t>(all.begin(), all.end()).size() == 400);
      CHECK(RewrapJobRepository(*q.c).find_by_status(RewrapJobStatus::done, {.limit = 1000}).size() == 400);
    }
  }
}

TEST_CASE("complete_all records a batch in one statement, each row fenced on its own claim", "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      for (int i = 0; i < 5; ++i) q.enqueue(t0 - std::chrono::seconds(i));
      auto jobs = repo.claim(5, t0, 1s);
      REQUIRE(jobs.size() == 5);
      CHECK(repo.fail(jobs[1], "x", t0));  // no longer running
      CHECK(repo.rescue({}, t0 + 1s + 1us) == 4);
      auto again = repo.claim(1, t0 + 2s);  // jobs[?] reclaimed: attempts 2, a new started_at
      REQUIRE(again.size() == 1);
      CHECK(repo.complete_all(jobs, t0 + 3s) == 0);  // every old claim is stale now
      auto fresh = repo.claim(5, t0 + 4s);
      REQUIRE(fresh.size() == 3);
      fresh.push_back(again.front());
      CHECK(repo.complete_all(fresh, t0 + 5s) == 4);
      CHECK(repo.find_by_status(RewrapJobStatus::done).size() == 4);
      CHECK(repo.find_by_status(RewrapJobStatus::failed).size() == 1);
    }
  }
}

TEST_CASE("enqueue_all inserts many jobs in multi-row statements, rows that set different columns apart",
          "[queue][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueDatabase q(e);
      if (!q.c) continue;
      RewrapJobRepository repo(*q.c);
      std::vector<NewRewrapJob> rows;
      for (int i = 0; i < 1200; ++i) {
        NewRewrapJob r{.key_wrapper_id = q.wrapper};
        if (i % 3 == 0) r.attempts = 2;  // sets a Defaulted column: a different statement shape
        rows.push_back(r);
      }
      CHECK(repo.enqueue_all(rows, t0) == 1200);
      CHECK(repo.count() == 1200);
      auto claimed = repo.claim(1000, t0);
      CHECK(claimed.size() == 1000);
      CHECK(std::count_if(claimed.begin(), claimed.end(), [](const RewrapJob& j) { return j.attempts == 3; }) > 0);

      JobRepository jobs(*q.c);
      CHECK(jobs.enqueue_all({{.type = JobType::clone, .request_payload = db::Json::object()},
                              {.type = JobType::restore, .request_payload = db::Json::object()}}) == 2);
      auto all = jobs.list();
      REQUIRE(all.size() == 2);
      CHECK(all[0].job_id != all[1].job_id);  // each row got its own UUID
      CHECK(all[0].status == JobStatus::pending);
    }
  }
}

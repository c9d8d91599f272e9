// The queue conformance suite: the same scenarios (claim order, fencing,
// rescue, retry, cancel, give-back, batch completion, concurrent claimers)
// run against runtime/jobs' Queue on every engine, for job tables of three
// shapes the spec does not have (bare status, full bookkeeping, a lease),
// the way River runs one suite against every driver. The repositories
// generated for spec/ go through the same Queue (job_queue_test.cpp tests
// them through their typed API). Time is passed in, never slept.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "runtime/db/queue_syntax.hpp"
#include "runtime/jobs/queue.hpp"
#include "tests/support/scratch_db.hpp"

using namespace sf;
using db::Timestamp;
using jobs::Cells;
using jobs::Fence;
using jobs::QueueTable;
using namespace std::chrono_literals;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};
const Timestamp t0 = db::parse_timestamp("2026-11-24T12:00:00.000001Z").value();

std::string timestamp_type(db::Engine e) {
  return e == db::Engine::postgres ? "TIMESTAMPTZ(6)" : e == db::Engine::mysql ? "DATETIME(6)" : "TEXT";
}

// A bare queue: a key and a status with the team's own state names, nothing
// else. Changes after a claim are fenced on the status alone; no rescue.
constexpr std::string_view bare_columns[] = {"id", "state"};
constexpr QueueTable bare{
    .table = "bare_q",
    .columns = bare_columns,
    .key = 0,
    .status = 1,
    .states = {.pending = "new", .running = "taken", .success = "ok", .failure = "bad"},
    .channel = "sf_bare_q",
};

// Every bookkeeping column: a NOT NULL schedule, attempts, times, a short
// error column, progress, updated_at (the liveness column), a cancelled state
// and a column the handler owns. Quoted names test the runtime's quoting.
constexpr std::string_view full_columns[] = {"id",          "status",   "run_at",     "attempts", "started_at", "finished_at",
                                             "last error", "progress", "updated_at", "payload"};
constexpr int full_handler_columns[] = {9};
constexpr QueueTable full{
    .table = "full q",
    .columns = full_columns,
    .key = 0,
    .status = 1,
    .states = {.pending = "pending", .running = "running", .success = "done", .failure = "failed", .cancelled = "cancelled"},
    .channel = "sf_full_q",
    .handler_columns = full_handler_columns,
    .scheduled_at = {.column = 2, .precision = 6},
    .started_at = {.column = 4, .precision = 6},
    .finished_at = {.column = 5, .precision = 6},
    .attempts = {.column = 3},
    .error = {.column = 6, .max_bytes = 10},
    .progress = {.column = 7},
    .updated_at = {.column = 8, .precision = 6},
};

// A leased outbox: the claim records its holder and lease end; rescue judges the lease.
constexpr std::string_view leased_columns[] = {"id", "status", "attempts", "locked_by", "locked_until"};
constexpr QueueTable leased{
    .table = "leased_q",
    .columns = leased_columns,
    .key = 0,
    .status = 1,
    .states = {.pending = "pending", .running = "running", .success = "done", .failure = "failed"},
    .channel = "sf_leased_q",
    .attempts = {.column = 2},
    .locked_by = {.column = 3},
    .locked_until = {.column = 4, .precision = 6},
};

// Only a start time: rescue judges started_at, which also fences the claim,
// so no heartbeat can move it on; the lease bounds the whole run.
constexpr std::string_view started_columns[] = {"id", "status", "attempts", "started_at"};
constexpr QueueTable started{
    .table = "started_q",
    .columns = started_columns,
    .key = 0,
    .status = 1,
    .states = {.pending = "pending", .running = "running", .success = "done", .failure = "failed"},
    .channel = "sf_started_q",
    .started_at = {.column = 3, .precision = 6},
    .attempts = {.column = 2},
};

// One engine's database with the four tables, and what the tests need around a Queue.
struct QueueFixture {
  test::ScratchDatabase scratch;
  std::unique_ptr<db::Connection> c;
  db::Engine engine;

  explicit QueueFixture(db::Engine e) : scratch(e), engine(e) {
    if (!scratch.ok()) return;
    c = scratch.connect();
    const auto& s = db::queue_syntax(e);
    const std::string ts = timestamp_type(e);
    c->execute("CREATE TABLE bare_q (id BIGINT PRIMARY KEY, state VARCHAR(10) NOT NULL)");
    c->execute("CREATE TABLE " + s.quote("full q") + " (id BIGINT PRIMARY KEY, status VARCHAR(10) NOT NULL, run_at " + ts +
               " NOT NULL, attempts INT NOT NULL DEFAULT 0, started_at " + ts + " NULL, finished_at " + ts + " NULL, " +
               s.quote("last error") + " VARCHAR(10) NULL, progress SMALLINT NULL, updated_at " + ts +
               " NULL, payload VARCHAR(50) NULL)");
    c->execute("CREATE TABLE leased_q (id BIGINT PRIMARY KEY, status VARCHAR(10) NOT NULL, attempts INT NOT NULL DEFAULT 0, "
               "locked_by VARCHAR(50) NULL, locked_until " + ts + " NULL)");
    c->execute("CREATE TABLE started_q (id BIGINT PRIMARY KEY, status VARCHAR(10) NOT NULL, attempts INT NOT NULL DEFAULT 0, "
               "started_at " + ts + " NULL)");
  }

  jobs::QueueSql sql(const QueueTable& t) const { return jobs::queue_sql(t, engine); }
  jobs::Queue queue(const QueueTable& t, const jobs::QueueSql& sql) { return {*c, t, sql}; }
  db::Value at(Timestamp t) const { return db::format_timestamp(t, engine); }

  void add_bare(std::int64_t id) { c->query("INSERT INTO bare_q (id, state) VALUES (" + std::to_string(id) + ", 'new')"); }
  void add_full(std::int64_t id, Timestamp due) {
    const auto& s = db::queue_syntax(engine);
    c->query("INSERT INTO " + s.quote("full q") + " (id, status, run_at) VALUES (" + s.placeholder(1) + ", 'pending', " +
                 s.placeholder(2) + ")",
             {id, at(due)});
  }
  void add_leased(std::int64_t id) { c->query("INSERT INTO leased_q (id, status) VALUES (" + std::to_string(id) + ", 'pending')"); }
  void add_started(std::int64_t id) { c->query("INSERT INTO started_q (id, status) VALUES (" + std::to_string(id) + ", 'pending')"); }

  // The row as the table holds it now, in the mapping's column order.
  Cells row(const jobs::QueueSql& sql, const QueueTable& t, std::int64_t id) {
    const auto& s = db::queue_syntax(engine);
    auto r = c->query(sql.select + " WHERE " + s.quote(t.columns[static_cast<std::size_t>(t.key)]) + " = " + s.placeholder(1), {id});
    REQUIRE(r.rows.size() == 1);
    return r.rows.front();
  }
};

std::int64_t key(const Cells& row) { return db::as_int(row[0]); }
std::string text(const db::Value& v) { return db::is_null(v) ? "NULL" : db::as_string(v); }
std::optional<Timestamp> time_of(const db::Value& v) {
  return db::is_null(v) ? std::nullopt : db::parse_timestamp(db::as_string(v));
}

// Two cells hold the same value, read the way the typed decoders read them
// (drivers report integers as int64 or text, timestamps in their own form).
bool same(const db::Value& a, const db::Value& b) {
  if (db::is_null(a) || db::is_null(b)) return db::is_null(a) == db::is_null(b);
  if (auto ta = db::parse_timestamp(text(a)); ta) return ta == db::parse_timestamp(text(b));
  return text(a) == text(b);
}
void require_same_row(const Cells& a, const Cells& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("column " << i << ": " << text(a[i]) << " vs " << text(b[i]));
    CHECK(same(a[i], b[i]));
  }
}

// The fence of a claimed row of `t`: key, then attempts, started_at, locked_by as it has them.
Fence fence(const QueueTable& t, const Cells& row) {
  Fence f{row[static_cast<std::size_t>(t.key)]};
  t.for_each_fence_column([&](const jobs::QueueColumn& c) { f.push_back(row[static_cast<std::size_t>(c.column)]); });
  return f;
}

// The keys of claimed rows, sorted: a claim takes the oldest due jobs, but
// UPDATE … RETURNING hands them back in no promised order.
std::vector<std::int64_t> keys(const std::vector<Cells>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(key(r));
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("conformance: claims come in schedule order, marked running, as the rows now hold them",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(full);
      auto q = f.queue(full, sql);
      f.add_full(1, t0 - 1s);
      f.add_full(2, t0 - 1h);
      f.add_full(3, t0 + 1h);
      f.add_full(4, t0);
      auto first = q.claim(2, t0, {}, {});
      CHECK(keys(first) == std::vector<std::int64_t>{1, 2});  // the two due longest
      for (const auto& row : first) {
        CHECK(text(row[1]) == "running");
        CHECK(db::as_int(row[3]) == 1);
        CHECK(time_of(row[4]) == t0);
        CHECK(time_of(row[8]) == t0);
        require_same_row(row, f.row(sql, full, key(row)));  // MySQL patches its cells: they must match
      }
      CHECK(keys(q.claim(10, t0, {}, {})) == std::vector<std::int64_t>{4});
      CHECK(q.claim(10, t0, {}, {}).empty());
      CHECK(q.claim(0, t0 + 2h, {}, {}).empty());
      CHECK(keys(q.claim(10, t0 + 2h, {}, {})) == std::vector<std::int64_t>{3});

      // The bare shape: custom state names, key order, nothing else written.
      const auto bare_sql = f.sql(bare);
      auto b = f.queue(bare, bare_sql);
      for (std::int64_t id : {3, 1, 2}) f.add_bare(id);
      auto claimed = b.claim(2, t0, {}, {});
      CHECK(keys(claimed) == std::vector<std::int64_t>{1, 2});
      for (const auto& row : claimed) require_same_row(row, f.row(bare_sql, bare, key(row)));
      CHECK(text(f.row(bare_sql, bare, 1)[1]) == "taken");
    }
  }
}

TEST_CASE("conformance: every outcome is fenced on the claim, and a rescued claim's late outcome is refused",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(full);
      auto q = f.queue(full, sql);
      f.add_full(1, t0);
      const auto first = q.claim(1, t0, {}, {});
      REQUIRE(first.size() == 1);
      const Fence old = fence(full, first.front());
      // The worker goes quiet: rescue judges updated_at against now - lease.
      CHECK(q.rescue(t0 - 1s, t0 + 10min) == 0);  // not stale yet
      CHECK(q.rescue(t0 + 1s, t0 + 10min) == 1);
      auto row = f.row(sql, full, 1);
      CHECK(text(row[1]) == "pending");
      CHECK(db::is_null(row[4]));
      const auto second = q.claim(1, t0 + 11min, {}, {});
      REQUIRE(second.size() == 1);
      CHECK(db::as_int(second.front()[3]) == 2);
      // Every change the first worker might still make is refused.
      CHECK_FALSE(q.complete(old, t0 + 12min));
      CHECK_FALSE(q.fail(old, "late", t0 + 12min));
      CHECK_FALSE(q.retry(old, "late", t0 + 1h, t0 + 12min));
      CHECK_FALSE(q.release(old, t0 + 12min));
      CHECK_FALSE(q.heartbeat(old, t0 + 12min, 5min));
      CHECK_FALSE(q.set_progress(old, 50, t0 + 12min));
      CHECK_FALSE(q.save({std::string("late")}, old, t0 + 12min));
      CHECK(q.complete_all(std::vector<Fence>{old}, t0 + 12min) == 0);
      // The second worker's are recorded.
      const Fence now = fence(full, second.front());
      CHECK(q.set_progress(now, 140, t0 + 12min));  // clamped to 100
      CHECK(db::as_int(f.row(sql, full, 1)[7]) == 100);
      CHECK(q.save({std::string("handler wrote this")}, now, t0 + 12min));
      CHECK(q.complete(now, t0 + 13min));
      row = f.row(sql, full, 1);
      CHECK(text(row[1]) == "done");
      CHECK(time_of(row[5]) == t0 + 13min);
      CHECK(text(row[9]) == "handler wrote this");
      CHECK_FALSE(q.complete(now, t0 + 14min));  // once only
    }
  }
}

TEST_CASE("conformance: retry delays the job and keeps its error cut to the column, and fail ends it",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(full);
      auto q = f.queue(full, sql);
      f.add_full(1, t0);
      auto claimed = q.claim(1, t0, {}, {});
      REQUIRE(claimed.size() == 1);
      // 10 bytes hold "tempor" and no half of the two-byte "é".
      CHECK(q.retry(fence(full, claimed.front()), "temporé failure", t0 + 1min, t0));
      auto row = f.row(sql, full, 1);
      CHECK(text(row[1]) == "pending");
      CHECK(text(row[6]) == "temporé f");
      CHECK(time_of(row[2]) == t0 + 1min);
      CHECK(q.claim(1, t0 + 30s, {}, {}).empty());
      claimed = q.claim(1, t0 + 1min, {}, {});
      REQUIRE(claimed.size() == 1);
      CHECK(db::as_int(claimed.front()[3]) == 2);
      CHECK(q.fail(fence(full, claimed.front()), "gave up", t0 + 2min));
      row = f.row(sql, full, 1);
      CHECK(text(row[1]) == "failed");
      CHECK(text(row[6]) == "gave up");
      CHECK(time_of(row[5]) == t0 + 2min);
      CHECK(q.claim(1, t0 + 1h, {}, {}).empty());
    }
  }
}

TEST_CASE("conformance: cancel stops pending and running jobs, and the running claim's outcome is refused",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(full);
      auto q = f.queue(full, sql);
      f.add_full(1, t0);
      f.add_full(2, t0 + 1s);
      auto running = q.claim(1, t0 + 1s, {}, {});
      REQUIRE(keys(running) == std::vector<std::int64_t>{1});
      CHECK(q.cancel(std::int64_t{2}, t0 + 2s));  // pending
      CHECK(q.cancel(std::int64_t{1}, t0 + 2s));  // running: its handler sees it through status_of
      CHECK(text(*q.status_of(std::int64_t{1})) == "cancelled");
      CHECK_FALSE(q.status_of(std::int64_t{99}));
      CHECK_FALSE(q.complete(fence(full, running.front()), t0 + 3s));
      CHECK_FALSE(q.cancel(std::int64_t{1}, t0 + 3s));  // already ended
      CHECK(q.claim(5, t0 + 1h, {}, {}).empty());
      // A table without a cancelled state has no cancel.
      auto b = f.queue(bare, f.sql(bare));
      f.add_bare(1);
      CHECK_FALSE(b.cancel(std::int64_t{1}, t0));
    }
  }
}

TEST_CASE("conformance: a claim given back costs no attempt and is claimed again at once",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(leased);
      auto q = f.queue(leased, sql);
      f.add_leased(1);
      auto claimed = q.claim(1, t0, "worker-a", 5min);
      REQUIRE(claimed.size() == 1);
      CHECK(text(claimed.front()[3]) == "worker-a");
      CHECK(time_of(claimed.front()[4]) == t0 + 5min);
      require_same_row(claimed.front(), f.row(sql, leased, 1));
      CHECK(q.release(fence(leased, claimed.front()), t0 + 1s));
      auto row = f.row(sql, leased, 1);
      CHECK(text(row[1]) == "pending");
      CHECK(db::as_int(row[2]) == 0);
      CHECK(db::is_null(row[4]));
      claimed = q.claim(1, t0 + 2s, "worker-b", 5min);
      REQUIRE(claimed.size() == 1);
      CHECK(db::as_int(claimed.front()[2]) == 1);
      CHECK(text(claimed.front()[3]) == "worker-b");
    }
  }
}

TEST_CASE("conformance: a lease is judged by its end, moved on by heartbeats, and fenced on its holder",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(leased);
      auto q = f.queue(leased, sql);
      f.add_leased(1);
      auto a = q.claim(1, t0, "worker-a", 1min);
      REQUIRE(a.size() == 1);
      CHECK(q.heartbeat(fence(leased, a.front()), t0 + 50s, 1min));  // lease now ends at t0 + 110s
      CHECK(q.rescue(t0, t0 + 100s) == 0);
      CHECK(q.rescue(t0, t0 + 111s) == 1);
      auto b = q.claim(1, t0 + 112s, "worker-b", 1min);
      REQUIRE(b.size() == 1);
      CHECK_FALSE(q.heartbeat(fence(leased, a.front()), t0 + 113s, 1min));
      CHECK_FALSE(q.complete(fence(leased, a.front()), t0 + 113s));
      CHECK(q.complete(fence(leased, b.front()), t0 + 113s));
      CHECK(text(f.row(sql, leased, 1)[1]) == "done");
    }
  }
}

TEST_CASE("conformance: complete_all records a batch in one statement, each group fenced on its own claim",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(full);
      auto q = f.queue(full, sql);
      for (std::int64_t id = 1; id <= 6; ++id) f.add_full(id, t0);
      auto early = q.claim(3, t0, {}, {});  // claimed at t0: one group
      auto late = q.claim(3, t0 + 1s, {}, {});  // at t0 + 1s: another
      REQUIRE(early.size() == 3);
      REQUIRE(late.size() == 3);
      // Job 2 is rescued and claimed again: its old fence no longer holds.
      f.c->query("UPDATE " + db::queue_syntax(e).quote("full q") + " SET attempts = attempts + 1 WHERE id = 2");
      std::vector<Fence> fences;
      for (const auto& row : early) fences.push_back(fence(full, row));
      for (const auto& row : late) fences.push_back(fence(full, row));
      CHECK(q.complete_all(fences, t0 + 2s) == 5);
      for (std::int64_t id = 1; id <= 6; ++id) CHECK(text(f.row(sql, full, id)[1]) == (id == 2 ? "running" : "done"));
      CHECK(q.complete_all({}, t0) == 0);
    }
  }
}

TEST_CASE("conformance: release_all gives a batch back in one statement, each group fenced, costing no attempt",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(leased);
      auto q = f.queue(leased, sql);
      for (std::int64_t id = 1; id <= 4; ++id) f.add_leased(id);
      auto a = q.claim(2, t0, "worker-a", 5min);
      auto b = q.claim(2, t0, "worker-b", 5min);  // another holder: another group
      REQUIRE(a.size() == 2);
      REQUIRE(b.size() == 2);
      // b's second job was rescued and claimed again by worker-c meanwhile.
      f.c->query("UPDATE leased_q SET locked_by = 'worker-c', attempts = attempts + 1 WHERE id = " + std::to_string(key(b[1])));
      std::vector<Fence> fences;
      for (const auto& row : a) fences.push_back(fence(leased, row));
      for (const auto& row : b) fences.push_back(fence(leased, row));
      CHECK(q.release_all(fences, t0 + 1s) == 3);
      for (const auto& row : a) {
        const auto now = f.row(sql, leased, key(row));
        CHECK(text(now[1]) == "pending");
        CHECK(db::as_int(now[2]) == 0);  // the attempt given back
        CHECK(db::is_null(now[4]));      // and the lease
      }
      CHECK(text(f.row(sql, leased, key(b[0]))[1]) == "pending");
      CHECK(text(f.row(sql, leased, key(b[1]))[3]) == "worker-c");  // the newer claim untouched
      CHECK(text(f.row(sql, leased, key(b[1]))[1]) == "running");
      CHECK(q.release_all({}, t0) == 0);
    }
  }
}

TEST_CASE("conformance: with only started_at, a heartbeat checks the claim and the lease bounds the run",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      const auto sql = f.sql(started);
      auto q = f.queue(started, sql);
      f.add_started(1);
      const auto job = q.claim(1, t0, {}, 5min).at(0);
      CHECK(q.heartbeat(fence(started, job), t0 + 4min, 5min));
      require_same_row(f.row(sql, started, 1), job);  // nothing written: started_at still says when it began
      CHECK(q.rescue(t0 + 4min, t0 + 9min) == 1);
      CHECK_FALSE(q.heartbeat(fence(started, job), t0 + 9min, 5min));
      const auto again = q.claim(1, t0 + 9min, {}, 5min).at(0);
      CHECK_FALSE(q.heartbeat(fence(started, job), t0 + 9min, 5min));  // the newer attempt's claim, not ours
      CHECK(q.heartbeat(fence(started, again), t0 + 9min, 5min));
    }
  }
}

TEST_CASE("conformance: four claimers on their own connections never get the same job",
          "[queue][conformance][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      QueueFixture f(e);
      if (!f.c) continue;
      {
        db::Transaction tx(*f.c);
        for (std::int64_t id = 1; id <= 200; ++id) f.add_leased(id);
        tx.commit();
      }
      std::mutex m;
      std::vector<std::int64_t> all;
      std::atomic<int> errors{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
          try {
            auto c = f.scratch.connect();
            const auto sql = jobs::queue_sql(leased, e);
            jobs::Queue q(*c, leased, sql);
            for (;;) {
              std::vector<Cells> batch;
              try {
                batch = q.claim(7, t0, "worker-" + std::to_string(t), 5min);
              } catch (const db::DbError& err) {
                if (err.retryable()) continue;  // deadlock / busy: claim again
                throw;
              }
              if (batch.empty()) break;
              std::vector<Fence> fences;
              for (const auto& row : batch) fences.push_back(fence(leased, row));
              if (q.complete_all(fences, t0) != static_cast<std::int64_t>(batch.size())) ++errors;
              std::lock_guard lock(m);
              for (const auto& row : batch) all.push_back(key(row));
            }
          } catch (const std::exception& ex) {
            ++errors;
            WARN(ex.what());
          }
        });
      }
      for (auto& th : threads) th.join();
      CHECK(errors == 0);
      CHECK(all.size() == 200);
      CHECK(std::set<std::int64_t>(all.begin(), all.end()).size() == 200);
    }
  }
}

TEST_CASE("conformance: the statements quote names and escape state literals for each engine", "[queue][conformance]") {
  static constexpr std::string_view columns[] = {"id", "st"};
  constexpr QueueTable odd{.table = "odd",
                           .columns = columns,
                           .key = 0,
                           .status = 1,
                           .states = {.pending = "it's", .running = "back\\slash", .success = "ok", .failure = "bad"},
                           .channel = "sf_odd"};
  const auto pg = jobs::queue_sql(odd, db::Engine::postgres);
  CHECK(pg.claim.find("\"st\" = 'it''s'") != std::string::npos);
  CHECK(pg.claim.find("'back\\slash'") != std::string::npos);  // standard strings: a backslash is a backslash
  CHECK(pg.enqueue_tail.find("pg_notify('sf_odd', '')") != std::string::npos);
  const auto my = jobs::queue_sql(odd, db::Engine::mysql);
  CHECK(my.claim.empty());
  CHECK(my.claim_select.find("`st` = 'it''s'") != std::string::npos);
  CHECK(my.claim_update_head.find("'back\\\\slash'") != std::string::npos);  // MySQL: a backslash escapes
  CHECK(my.enqueue_head.empty());
  const auto lite = jobs::queue_sql(odd, db::Engine::sqlite);
  CHECK(lite.claim.find("SKIP LOCKED") == std::string::npos);
  CHECK(lite.retry.empty());   // no schedule column
  CHECK(lite.rescue.empty());  // no liveness column
  CHECK(lite.cancel.empty());  // no cancelled state
}

// A job table in another shape than the seeds' (tests/fixtures/jobs/outbox.yaml:
// processing/sent states, retries, next_attempt_at, a locked_by/locked_until
// lease), its repository generated at build time: the runtime works from the
// inferred profile alone, and the lease fences and rescues claims.
#include <catch2/catch.hpp>

#include <atomic>

#include "outbox.hpp"
#include "runtime/jobs/worker.hpp"
#include "tests/support/outbox_database.hpp"

using namespace sf;
using namespace sf::gen;
using db::Timestamp;
using namespace std::chrono_literals;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};
const Timestamp t0 = db::parse_timestamp("2026-11-24T12:00:00Z").value();

using test::OutboxDatabase;

}  // namespace

TEST_CASE("a leased outbox: claims set locked_by and locked_until, the lease fences and rescues",
          "[jobs][shapes][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      OutboxDatabase d(e);
      if (!d.c) continue;
      OutboxRepository repo(*d.c);
      for (int i = 0; i < 3; ++i) repo.enqueue({.topic = "Orders", .payload = {{"n", i}}}, t0 - std::chrono::seconds(3 - i));

      auto a = repo.claim(2, t0, "worker-a", 1min);
      REQUIRE(a.size() == 2);
      for (const auto& m : a) {
        CHECK(m.status == OutboxStatus::processing);
        CHECK(m.retries == 1);
        CHECK(m.locked_by == "worker-a");
        CHECK(m.locked_until == t0 + 1min);
        CHECK(m.topic_key == "orders");  // computed by the database, never written by the repository
        CHECK(repo.find(m.id) == m);
      }
      CHECK(repo.complete(a[0], t0 + 1s));
      CHECK(repo.find(a[0].id)->status == OutboxStatus::sent);

      CHECK(repo.rescue({}, t0 + 30s) == 0);  // the lease still holds
      CHECK(repo.rescue({}, t0 + 2min) == 1);  // worker-a's lease on a[1] ran out
      auto rescued = repo.find(a[1].id).value();
      CHECK(rescued.status == OutboxStatus::pending);
      CHECK_FALSE(rescued.locked_until);
      auto b = repo.claim(5, t0 + 2min, "worker-b", 1min);
      REQUIRE(b.size() == 2);
      auto again = std::find_if(b.begin(), b.end(), [&](const Outbox& m) { return m.id == a[1].id; });
      REQUIRE(again != b.end());
      CHECK(again->retries == 2);
      CHECK_FALSE(repo.fail(a[1], "late worker-a", t0 + 3min));  // fenced on locked_by and retries
      CHECK(repo.complete_all(b, t0 + 3min) == 2);
      CHECK(repo.find_by_status(OutboxStatus::sent).size() == 3);
    }
  }
}

TEST_CASE("the worker serves the leased outbox from its inferred profile and rescues a dead worker's lease",
          "[jobs][shapes][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      OutboxDatabase d(e);
      if (!d.c) continue;
      OutboxRepository repo(*d.c);
      std::vector<NewOutbox> rows(50, NewOutbox{.topic = "t", .payload = db::Json::object()});
      CHECK(repo.enqueue_all(rows, t0 - 20min) == 50);
      auto dead = repo.claim(5, t0 - 10min, "dead-worker", 5min);  // its lease ended at t0 - 5 min
      REQUIRE(dead.size() == 5);
      // Two worker threads: count with atomics and assert afterwards (Catch's CHECK is not thread-safe).
      std::atomic<int> ran{0}, leased{0};
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 2, .batch = 10, .lease = 5min, .clock = [] { return t0; }});
      w.handle<OutboxRepository>([&](const Outbox& m, jobs::JobContext&) -> std::optional<db::Json> {
        if (m.locked_by.has_value() && m.locked_until == t0 + 5min) ++leased;
        ++ran;
        return std::nullopt;
      });
      w.run_until_idle();
      CHECK(w.stats().rescued == 5);
      CHECK(ran == 50);
      CHECK(leased == 50);
      CHECK(repo.find_by_status(OutboxStatus::sent, {.limit = 100}).size() == 50);
      for (const auto& m : dead) CHECK_FALSE(repo.complete(m, t0));  // the dead worker's claims are stale
    }
  }
}

TEST_CASE("a long job's heartbeat moves its lease on, so no other worker rescues it while it runs",
          "[jobs][shapes][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      OutboxDatabase d(e);
      if (!d.c) continue;
      OutboxRepository(*d.c).enqueue({.topic = "long", .payload = db::Json::object()}, t0 - 1s);
      std::atomic<std::int64_t> now_us{t0.time_since_epoch().count()};
      jobs::Worker w(d.scratch.dsn(), {.concurrency = 1, .lease = 1s, .clock = [&] { return Timestamp(std::chrono::microseconds(now_us.load())); }});
      std::int64_t rescued_meanwhile = -1;
      bool beat = false;
      w.handle<OutboxRepository>([&](const Outbox& m, jobs::JobContext& ctx) -> std::optional<db::Json> {
        CHECK(m.locked_until == t0 + 1s);
        std::this_thread::sleep_for(400ms);  // past a third of the lease: the heartbeat writes
        now_us = (t0 + 900ms).time_since_epoch().count();
        beat = ctx.heartbeat();
        auto other = d.scratch.connect();  // another worker's rescue pass, after the original lease end
        rescued_meanwhile = OutboxRepository(*other).rescue({}, t0 + 1500ms);
        return std::nullopt;
      });
      w.run_until_idle();
      CHECK(beat);
      CHECK(rescued_meanwhile == 0);
      CHECK(OutboxRepository(*d.c).list().at(0).status == OutboxStatus::sent);
      CHECK(w.stats().processed == 1);
    }
  }
}

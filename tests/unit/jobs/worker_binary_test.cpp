// The schemaforge-worker program as operators run it: two processes drain
// one queue with every job done once, and SIGTERM gives unstarted claims back
// at once, lets the running job finish, and exits 3 when --shutdown-deadline
// passes first. The long job is a deletion blocked on a row lock the test
// holds, so nothing here depends on timing but the deadline itself.
#include <catch2/catch.hpp>

#include <regex>
#include <thread>

#include "tests/support/cli_runner.hpp"
#include "tests/support/spec_database.hpp"

using namespace sf;
using namespace sf::gen;
using namespace std::chrono_literals;

namespace {

// Users to soft-delete and one deletion job per user, due in user order.
std::vector<std::int64_t> enqueue_deletions(db::Connection& c, int n) {
  db::Transaction tx(c);
  UserRepository users(c);
  std::vector<std::int64_t> ids;
  std::vector<NewDeletionJob> deletions;
  for (int i = 0; i < n; ++i) {
    ids.push_back(users.insert({.email = "u" + std::to_string(i) + "@example.com", .display_name = "User"}));
    deletions.push_back({.entity_pk = std::to_string(ids.back()), .entity_table = "users"});
  }
  DeletionJobRepository(c).enqueue_all(std::move(deletions), db::now() - 1min);
  tx.commit();
  return ids;
}

std::int64_t count(db::Connection& c, const std::string& sql) { return db::as_int(c.query(sql).scalar()); }

struct Summary {
  std::int64_t processed = -1, failed = -1, rescued = -1, released = -1, fenced = -1;
};

// The program's last line: "done: processed N  failed N  retried N  rescued N  released N  fenced N  …".
Summary summary(const std::string& output) {
  static const std::regex line(R"((done|stopped): processed (\d+)\s+failed (\d+)\s+retried \d+\s+rescued (\d+)\s+released (\d+)\s+fenced (\d+))");
  Summary s;
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    s = {std::stoll((*it)[2]), std::stoll((*it)[3]), std::stoll((*it)[4]), std::stoll((*it)[5]), std::stoll((*it)[6])};
  return s;
}

std::string temp_output(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("sf-worker-" + name + "-" + std::to_string(::getpid()) + ".log")).string();
}

// Polls `done` every 20 ms for up to `limit`; whether it became true.
template <class F>
bool eventually(F&& done, std::chrono::milliseconds limit = 10s) {
  for (auto until = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < until;) {
    if (done()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return done();
}

}  // namespace

TEST_CASE("schemaforge-worker: two processes drain 10,000 deletion jobs and each job is done once", "[jobs][process][binary][pg][mysql][sqlite]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::SpecDatabase d(e);
      if (!d.c) continue;
      constexpr int jobs = 10'000;
      enqueue_deletions(*d.c, jobs);
      const std::vector<std::string> args = {"--dsn", test::dsn_string(d.scratch.dsn()), "--tables", "deletion_jobs",
                                             "--concurrency", "4", "--batch", "50", "--until-idle"};
      const std::string out_a = temp_output("a"), out_b = temp_output("b");
      const pid_t a = test::spawn_program(SCHEMAFORGE_WORKER_BIN, args, out_a);
      const pid_t b = test::spawn_program(SCHEMAFORGE_WORKER_BIN, args, out_b);
      CHECK(test::wait_exit(a) == 0);
      CHECK(test::wait_exit(b) == 0);
      const std::string text_a = test::read_file(out_a), text_b = test::read_file(out_b);
      INFO(text_a << "\n---\n" << text_b);
      const Summary sa = summary(text_a), sb = summary(text_b);
      // Each completion recorded is one handler run; none fenced or rescued means no repeat.
      CHECK(sa.processed + sb.processed == jobs);
      CHECK(sa.processed > 0);
      CHECK(sb.processed > 0);
      CHECK(sa.failed + sb.failed == 0);
      if (sa.failed + sb.failed > 0) {
        auto r = d.c->query("SELECT error FROM deletion_jobs WHERE status = 'failed'");
        for (const auto& row : r.rows) WARN(db::as_string(row.at(0)));
      }
      CHECK(sa.fenced + sb.fenced == 0);
      CHECK(sa.rescued + sb.rescued == 0);
      CHECK(count(*d.c, "SELECT COUNT(*) FROM deletion_jobs WHERE status = 'done'") == jobs);
      CHECK(count(*d.c, "SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL AND NOT is_active") == jobs);
      std::filesystem::remove(out_a);
      std::filesystem::remove(out_b);
    }
  }
}

TEST_CASE("schemaforge-worker on SIGTERM: unstarted claims go back at once, the running job finishes or the deadline exits 3",
          "[jobs][process][binary][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    for (const bool deadline_passes : {false, true}) {
      DYNAMIC_SECTION(db::to_string(e) << (deadline_passes ? " deadline passes" : " job finishes")) {
        test::SpecDatabase d(e);
        if (!d.c) continue;
        const auto users = enqueue_deletions(*d.c, 5);
        // The first job's UPDATE of its user waits on this lock: a long job the test ends.
        auto locker = d.scratch.connect();
        auto lock = std::make_unique<db::Transaction>(*locker);
        locker->query(e == db::Engine::postgres ? "SELECT id FROM users WHERE id = $1 FOR UPDATE" : "SELECT id FROM users WHERE id = ? FOR UPDATE",
                      {users.front()});
        const std::string out = temp_output("sigterm");
        const pid_t worker = test::spawn_program(
            SCHEMAFORGE_WORKER_BIN,
            {"--dsn", test::dsn_string(d.scratch.dsn()), "--tables", "deletion_jobs", "--concurrency", "1", "--batch", "10",
             "--shutdown-deadline", deadline_passes ? "1" : "60"},
            out);
        const std::string running = "SELECT COUNT(*) FROM deletion_jobs WHERE status = 'running'";
        const std::string given_back = "SELECT COUNT(*) FROM deletion_jobs WHERE status = 'pending' AND started_at IS NULL";
        REQUIRE(eventually([&] { return count(*d.c, running) == 5; }));  // one batch claimed all five
        std::this_thread::sleep_for(300ms);                                 // the first handler reaches the lock
        ::kill(worker, SIGTERM);
        CHECK(eventually([&] { return count(*d.c, given_back) == 4; }, 5s));
        CHECK_FALSE(test::exited(worker));  // given back while the first job still runs
        CHECK(count(*d.c, running) == 1);
        std::optional<int> code;
        if (deadline_passes) {
          code = test::wait_exit(worker);  // about a second after the signal
          // Its blocked UPDATE may still commit once the lock goes (the server
          // learns of the lost client late): the handler's work is at least once.
          lock.reset();
          CHECK(code == 3);
          CHECK(count(*d.c, running) == 1);  // no completion was recorded: rescue takes it at lease end
        } else {
          std::this_thread::sleep_for(300ms);
          CHECK_FALSE(test::exited(worker));  // still waiting for its running job
          lock.reset();                       // the long job can finish now
          code = test::wait_exit(worker);
          CHECK(code == 0);
          CHECK(count(*d.c, "SELECT COUNT(*) FROM deletion_jobs WHERE status = 'done'") == 1);
          CHECK(count(*d.c, "SELECT COUNT(*) FROM users WHERE deleted_at IS NOT NULL") == 1);
        }
        CHECK(count(*d.c, given_back) == 4);
        const std::string text = test::read_file(out);
        INFO(text);
        CHECK(summary(text).released == 4);
        std::filesystem::remove(out);
      }
    }
  }
}

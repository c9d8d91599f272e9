// runtime/db against the real servers: values round-trip exactly, errors come
// back as the right type, transactions roll back, the pool survives threads,
// and passwords never appear in messages.
#include <catch2/catch.hpp>

#include <filesystem>
#include <cstdio>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "runtime/db/pool.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/tcp_proxy.hpp"

using namespace sf;

namespace {

struct EngineSql {
  const char* create;
  const char* insert;
  const char* select;
};

EngineSql sql_for(db::Engine e) {
  switch (e) {
    case db::Engine::postgres:
      return {"CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT UNIQUE, amount DOUBLE PRECISION, flag BOOLEAN, data BYTEA, "
              "parent BIGINT REFERENCES t (id), n INT CHECK (n >= 0))",
              "INSERT INTO t (id, name, amount, flag, data, parent, n) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              "SELECT id, name, amount, flag, data, parent, n FROM t WHERE id = $1"};
    case db::Engine::mysql:
      return {"CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(100) UNIQUE, amount DOUBLE, flag TINYINT(1), data LONGBLOB, "
              "parent BIGINT, n INT CHECK (n >= 0), FOREIGN KEY (parent) REFERENCES t (id)) ENGINE=InnoDB",
              "INSERT INTO t (id, name, amount, flag, data, parent, n) VALUES (?, ?, ?, ?, ?, ?, ?)",
              "SELECT id, name, amount, flag, data, parent, n FROM t WHERE id = ?"};
    case db::Engine::sqlite:
      return {"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, amount REAL, flag INTEGER, data BLOB, "
              "parent INTEGER REFERENCES t (id), n INTEGER CHECK (n >= 0))",
              "INSERT INTO t (id, name, amount, flag, data, parent, n) VALUES (?, ?, ?, ?, ?, ?, ?)",
              "SELECT id, name, amount, flag, data, parent, n FROM t WHERE id = ?"};
  }
  return {};
}

db::Bytes bytes_with_zeros() {
  db::Bytes b;
  for (int i : {0, 1, 0, 255, 0, 127}) b.push_back(static_cast<std::byte>(i));
  return b;
}

}  // namespace

TEST_CASE("DSN parsing and redaction", "[db]") {
  auto d = db::Dsn::parse("postgresql://app:s%40cret@db.example:6543/main?sslmode=disable");
  CHECK(d.engine == db::Engine::postgres);
  CHECK(d.user == "app");
  CHECK(d.password == "s@cret");
  CHECK(d.port == 6543);
  CHECK(d.database == "main");
  CHECK(d.options.at("sslmode") == "disable");
  CHECK(d.redacted() == "postgresql://app:***@db.example:6543/main");
  CHECK(db::Dsn::parse("mariadb://u:p@h/db").engine == db::Engine::mysql);
  CHECK(db::Dsn::parse("mariadb://u:p@h/db").port == 3306);
  CHECK(db::Dsn::parse("sqlite:work/app.db").database == "work/app.db");
  CHECK(db::Dsn::parse("sqlite:///tmp/x.db").database == "/tmp/x.db");
  CHECK_THROWS_WITH(db::Dsn::parse("oracle://u:topsecret@h/db"), Catch::Contains("unknown DSN scheme") && !Catch::Contains("topsecret"));
  CHECK_THROWS_WITH(db::Dsn::parse("mysql://u:topsecret@h:xx/db"), !Catch::Contains("topsecret"));
}

TEST_CASE("DSN read_timeout: ours, in seconds unless a unit says otherwise, never handed to the driver", "[db]") {
  using namespace std::chrono_literals;
  CHECK(db::Dsn::parse("postgresql://u@h/db").read_timeout == 0ms);
  CHECK(db::Dsn::parse("postgresql://u@h/db?read_timeout=30").read_timeout == 30s);
  CHECK(db::Dsn::parse("postgresql://u@h/db?sslmode=disable&read_timeout=500ms").read_timeout == 500ms);
  CHECK(db::Dsn::parse("mysql://u@h/db?read_timeout=2m").read_timeout == 120s);
  CHECK(db::Dsn::parse("mysql://u@h/db?read_timeout=2s&x=1").options.count("read_timeout") == 0);
  CHECK_THROWS_WITH(db::Dsn::parse("mysql://u:topsecret@h/db?read_timeout=soon"),
                    Catch::Contains("read_timeout='soon'") && Catch::Contains("30s") && !Catch::Contains("topsecret"));
  CHECK_THROWS_WITH(db::Dsn::parse("mysql://u@h/db?read_timeout=5h"), Catch::Contains("not a duration"));
}

TEST_CASE("a statement with no reply within read_timeout fails as a lost connection, on time, saying why",
          "[db][faults][partition][pg][mysql]") {
  using namespace std::chrono_literals;
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      test::TcpProxy proxy(scratch.dsn().host, scratch.dsn().port);
      db::Dsn through = scratch.dsn();
      through.port = proxy.port();
      through.read_timeout = 1500ms;
      auto c = db::connect(through);  // the option reached no driver as an unknown parameter
      CHECK(db::as_int(c->query("SELECT 1").scalar()) == 1);
      c->begin();
      proxy.partition();
      const auto started = std::chrono::steady_clock::now();
      CHECK_THROWS_AS(c->query("SELECT 2"), db::ConnectionLost);
      const auto waited = std::chrono::steady_clock::now() - started;
      CHECK(waited >= 1400ms);
      CHECK(waited < 5s);
      CHECK(!c->in_transaction());
      CHECK_THROWS_WITH(c->query("SELECT 3"), !Catch::Contains(through.password));
      proxy.heal();
      try {
        c->query("SELECT 4");
        FAIL("a connection cut by a partition answered again");
      } catch (const db::ConnectionLost& lost) {
        CHECK(std::string(lost.what()).find(through.password) == std::string::npos);
      }
      auto fresh = db::connect(through);  // once healed, a new connection works
      CHECK(db::as_int(fresh->query("SELECT 5").scalar()) == 5);
      // A statement that simply takes long is no different: the timeout is on the reply.
      CHECK_THROWS_WITH(fresh->execute(e == db::Engine::postgres ? "SELECT pg_sleep(3)" : "SELECT SLEEP(3)"),
                        Catch::Contains("no reply within 1500 ms"));
    }
  }
}

TEST_CASE("values round-trip and errors are typed, on every engine", "[db][pg][mysql][sqlite]") {
  for (auto engine : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(test::engine_name(engine)) {
      test::ScratchDatabase scratch(engine);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      auto sql = sql_for(engine);
      c->execute(sql.create);
      const std::string unicode = "Grüße, 世界 🌍 'quoted' \\ back";
      c->query(sql.insert, {std::int64_t{1}, unicode, 2.5, true, bytes_with_zeros(), nullptr, std::int64_t{3}});
      auto r = c->query(sql.select, {std::int64_t{1}});
      REQUIRE(r.rows.size() == 1);
      const auto& row = r.rows[0];
      CHECK(db::as_int(row[0]) == 1);
      CHECK(db::as_string(row[1]) == unicode);
      CHECK(db::as_double(row[2]) == 2.5);
      CHECK(db::as_bool(row[3]));
      CHECK(db::as_bytes(row[4]) == bytes_with_zeros());
      CHECK(db::is_null(row[5]));
      CHECK(db::as_int(row[6]) == 3);
      CHECK(r.columns == std::vector<std::string>{"id", "name", "amount", "flag", "data", "parent", "n"});

      CHECK_THROWS_AS(c->query(sql.insert, {std::int64_t{2}, unicode, 1.0, false, nullptr, nullptr, std::int64_t{1}}),
                      db::UniqueViolation);
      CHECK_THROWS_AS(c->query(sql.insert, {std::int64_t{3}, "x", 1.0, false, nullptr, std::int64_t{99}, std::int64_t{1}}),
                      db::ForeignKeyViolation);
      CHECK_THROWS_AS(c->query(sql.insert, {std::int64_t{4}, "y", 1.0, false, nullptr, nullptr, std::int64_t{-1}}),
                      db::CheckViolation);
      try {
        c->query(sql.insert, {std::int64_t{1}, "z", 1.0, false, nullptr, nullptr, std::int64_t{1}});
        FAIL("duplicate primary key accepted");
      } catch (const db::UniqueViolation& e) {
        CHECK(e.sqlstate() == "23505");
        CHECK_FALSE(e.retryable());
      }

      {  // An exception inside a transaction leaves no row behind.
        try {
          db::Transaction tx(*c);
          c->query(sql.insert, {std::int64_t{10}, "in-tx", 1.0, false, nullptr, nullptr, std::int64_t{1}});
          throw std::runtime_error("handler failed");
        } catch (const std::runtime_error&) {
        }
        CHECK(c->query(sql.select, {std::int64_t{10}}).rows.empty());
        db::Transaction tx(*c);
        c->query(sql.insert, {std::int64_t{11}, "committed", 1.0, false, nullptr, nullptr, std::int64_t{1}});
        tx.commit();
        CHECK(c->query(sql.select, {std::int64_t{11}}).rows.size() == 1);
      }
    }
  }
}

TEST_CASE("a wrong password is a clear AuthenticationFailed without the password", "[db][pg][mysql]") {
  for (auto engine : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(test::engine_name(engine)) {
      auto server = test::server_dsn(engine);
      if (!server) continue;
      db::Dsn wrong = *server;
      wrong.password = "definitely-not-the-password-4711";
      try {
        auto c = db::connect(wrong);
        FAIL("connected with a wrong password");
      } catch (const db::AuthenticationFailed& e) {
        std::string msg = e.what();
        CHECK(msg.find("definitely-not-the-password-4711") == std::string::npos);
        CHECK(msg.find("cannot connect to") != std::string::npos);
        CHECK(msg.find(":***@") != std::string::npos);
      }
    }
  }
}

TEST_CASE("the pool under 8 threads x 1,000 operations loses no connection", "[db][pool][pg][mysql][sqlite]") {
  for (auto engine : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(test::engine_name(engine)) {
      test::ScratchDatabase scratch(engine);
      if (!scratch.ok()) continue;
      scratch.connect()->execute("CREATE TABLE counter (k INT PRIMARY KEY, v BIGINT NOT NULL)");
      scratch.connect()->execute("INSERT INTO counter (k, v) VALUES (1, 0)");
      const char* bump = engine == db::Engine::postgres ? "UPDATE counter SET v = v + $1 WHERE k = 1"
                                                        : "UPDATE counter SET v = v + ? WHERE k = 1";
      db::Pool pool(scratch.dsn(), 4);
      std::atomic<int> failures{0};
      std::vector<std::thread> threads;
      for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
          for (int i = 0; i < 1000; ++i) {
            for (int attempt = 0;; ++attempt) {
              try {
                auto c = pool.acquire();
                c->query(bump, {std::int64_t{1}});
                break;
              } catch (const db::DbError& e) {
                if (!e.retryable() || attempt > 50) {
                  ++failures;
                  break;
                }
              }
            }
          }
        });
      }
      for (auto& th : threads) th.join();
      CHECK(failures == 0);
      CHECK(pool.opened() <= 4);
      auto c = pool.acquire();
      CHECK(db::as_int(c->query("SELECT v FROM counter WHERE k = 1").scalar()) == 8000);
    }
  }
}

// Switching a new file to WAL needs an exclusive lock that SQLite does not
// wait for; before the connection retried it, processes opening the same new
// database together failed with "database is locked". (Threads of one process
// share SQLite's file locks and never saw it, hence processes.)
TEST_CASE("SQLite: processes opening one new file together all succeed in WAL mode", "[db][sqlite]") {
  const auto dir = std::filesystem::temp_directory_path() / ("schemaforge-wal-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int failures = 0;
  for (int round = 0; round < 20; ++round) {
    const std::string path = (dir / ("round" + std::to_string(round) + ".db")).string();
    std::vector<pid_t> children;
    for (int t = 0; t < 8; ++t) {
      pid_t pid = ::fork();
      if (pid == 0) {
        int rc = 0;
        try {
          auto c = db::connect("sqlite:" + path);
          c->execute("CREATE TABLE IF NOT EXISTS opened (t INTEGER PRIMARY KEY)");
          c->query("INSERT INTO opened (t) VALUES (?)", {std::int64_t{t}});
        } catch (const std::exception& e) {
          std::fprintf(stderr, "child %d: %s\n", t, e.what());
          rc = 1;
        }
        ::_exit(rc);
      }
      REQUIRE(pid > 0);
      children.push_back(pid);
    }
    for (pid_t pid : children) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failures;
    }
    auto c = db::connect("sqlite:" + path);
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM opened").scalar()) == 8);
    CHECK(db::as_string(c->query("PRAGMA journal_mode").scalar()) == "wal");
  }
  CHECK(failures == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("prepared statements are bounded per connection: statements built per call never exhaust the server",
          "[db][pg][mysql][sqlite]") {
  for (auto engine : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(test::engine_name(engine)) {
      test::ScratchDatabase scratch(engine);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      const char* param = engine == db::Engine::postgres ? "$1" : "?";
      // MySQL refuses statements past max_prepared_stmt_count for the whole
      // server: one session preparing more than that fails unless the cache evicts.
      std::int64_t distinct = 2000;
      if (engine == db::Engine::mysql) distinct = db::as_int(c->query("SELECT @@max_prepared_stmt_count").scalar()) + 100;
      if (distinct > 20000) {
        WARN("max_prepared_stmt_count is " << distinct - 100 << ": too high to exhaust in a test; checking 2,000");
        distinct = 2000;
      }
      auto select = [&](std::int64_t i) {
        return c->query("SELECT " + std::string(param) + " + " + std::to_string(i), {std::int64_t{1}});
      };
      for (std::int64_t i = 0; i < distinct; ++i) REQUIRE(db::as_int(select(i).scalar()) == i + 1);
      CHECK(db::as_int(select(0).scalar()) == 1);  // evicted long ago: prepared again
      if (engine == db::Engine::postgres)
        CHECK(db::as_int(c->query("SELECT COUNT(*) FROM pg_prepared_statements").scalar()) <= 129);
    }
  }
}

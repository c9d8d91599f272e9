// `migrate up` when the server goes away mid-migration (docs/migrations.md,
// "Applying"): on PostgreSQL nothing of the migration is left and the
// history does not record it; on MariaDB the statements before the one that
// was cut short stay applied and recorded, and the next `up` resumes there.
// Either way the command exits 2 saying which, and a second `up` once the
// server is back finishes the job. A read-only server gets the same: exit 2,
// nothing written, and so does SQLite on a full disk. On a private server
// that the test restarts, and a small tmpfs the test fills.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "runtime/db/connection.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/private_server.hpp"
#include "tests/support/small_disk.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;
using namespace std::chrono_literals;

namespace {

std::int64_t count(db::Connection& c, const std::string& sql) { return db::as_int(c.query(sql).scalar()); }

// migrations/<dialect>/0001_slow: two tables with a 3 s pause between them, hashed.
std::filesystem::path slow_migration(db::Engine e) {
  const auto dir = std::filesystem::temp_directory_path() / ("sf_migrate_restart_" + std::to_string(::getpid()) + "_" + db::to_string(e));
  std::filesystem::remove_all(dir);
  const auto sub = dir / (e == db::Engine::postgres ? "postgres" : "mysql");
  std::filesystem::create_directories(sub);
  std::ofstream(sub / "0001_slow.up.sql") << "CREATE TABLE first_table (id INT PRIMARY KEY);\n"
                                          << (e == db::Engine::postgres ? "SELECT pg_sleep(3);\n" : "DO SLEEP(3);\n")
                                          << "CREATE TABLE second_table (id INT PRIMARY KEY);\n";
  std::ofstream(sub / "0001_slow.down.sql") << "DROP TABLE second_table;\nDROP TABLE first_table;\n";
  const auto hashed = test::run_cli("migrate hash --dir " + test::shell_quote(dir.string()));
  INFO(hashed.output);
  REQUIRE(hashed.exit_code == 0);
  return dir;
}

std::int64_t tables_named(db::Connection& c, const std::string& name) {
  const std::string schema = c.engine() == db::Engine::postgres ? "current_schema()" : "DATABASE()";
  return count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = " + schema + " AND table_name = '" + name + "'");
}

}  // namespace

TEST_CASE("migrate up cut short by a server restart: PostgreSQL keeps nothing, MariaDB resumes, and both say so",
          "[migrate][faults][restart][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::PrivateServer server(e);
      if (!server.ok()) continue;
      const auto dir = slow_migration(e);
      const auto out = dir / "up.log";
      const std::vector<std::string> up = {"migrate", "up", "--dir", dir.string(), "--dsn", test::dsn_string(server.dsn())};
      const pid_t first = test::spawn_program(SCHEMAFORGE_BIN, up, out.string());
      std::this_thread::sleep_for(1500ms);  // inside the pause, the first table created
      server.restart("fast", 0.5);
      const int code = test::wait_exit(first);
      const std::string said = test::read_file(out);
      INFO(said);
      CHECK(code == 2);
      CHECK(said.find("lost the connection to") != std::string::npos);
      CHECK(said.find("0001_slow.up.sql:2") != std::string::npos);  // the statement it was running
      CHECK(said.find(server.dsn().password) == std::string::npos);

      auto c = db::connect(server.dsn());
      if (e == db::Engine::postgres) {
        CHECK(said.find("Nothing of it was applied") != std::string::npos);
        CHECK(tables_named(*c, "first_table") == 0);
        CHECK(count(*c, "SELECT COUNT(*) FROM schemaforge_migrations") == 0);
      } else {
        CHECK(said.find("resumes at this statement") != std::string::npos);
        CHECK(tables_named(*c, "first_table") == 1);
        auto row = c->query("SELECT state, statement_index FROM schemaforge_migrations WHERE version = '0001'").rows;
        REQUIRE(row.size() == 1);
        CHECK(db::as_string(row[0][0]) == "running");
        CHECK(db::as_int(row[0][1]) == 1);
      }
      const auto again = test::run_cli("migrate up --dir " + test::shell_quote(dir.string()) + " --dsn " +
                                       test::shell_quote(test::dsn_string(server.dsn())));
      INFO(again.output);
      CHECK(again.exit_code == 0);
      CHECK(tables_named(*c, "first_table") == 1);
      CHECK(tables_named(*c, "second_table") == 1);
      CHECK(db::as_string(c->query("SELECT state FROM schemaforge_migrations WHERE version = '0001'").scalar()) == "applied");
      std::filesystem::remove_all(dir);
    }
  }
}

TEST_CASE("migrate up against a read-only server exits 2 saying so, records nothing, and applies once it takes writes",
          "[migrate][faults][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::PrivateServer server(e);
      if (!server.ok()) continue;
      const auto dir = slow_migration(e);
      const auto app = server.app_dsn();
      const std::string up = "migrate up --dir " + test::shell_quote(dir.string()) + " --dsn " + test::shell_quote(test::dsn_string(app));
      server.set_read_only(true);
      std::this_thread::sleep_for(200ms);  // PostgreSQL: the reload reaches new sessions
      const auto refused = test::run_cli(up);
      INFO(refused.output);
      CHECK(refused.exit_code == 2);
      CHECK(refused.output.find("the database refuses writes") != std::string::npos);
      CHECK(refused.output.find(app.password) == std::string::npos);
      auto c = db::connect(server.dsn());
      CHECK(tables_named(*c, "first_table") == 0);

      server.set_read_only(false);
      std::this_thread::sleep_for(200ms);
      const auto applied = test::run_cli(up);
      INFO(applied.output);
      CHECK(applied.exit_code == 0);
      CHECK(tables_named(*c, "second_table") == 1);
      std::filesystem::remove_all(dir);
    }
  }
}

TEST_CASE("migrate up on a full disk (SQLite) exits 2 saying so, leaves the database as it was, and applies once there is room",
          "[migrate][faults][sqlite]") {
  test::SmallDisk disk("8m");
  if (!disk.ok) {
    WARN("cannot mount a tmpfs here: test skipped");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("sf_migrate_full_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "sqlite");
  // About 2 MB of rows: more than the disk will have left.
  std::ofstream(dir / "sqlite" / "0001_fill.up.sql")
      << "CREATE TABLE filler (id INTEGER PRIMARY KEY, pad BLOB NOT NULL);\n"
         "INSERT INTO filler (pad) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
         "SELECT randomblob(100) FROM n;\n";
  std::ofstream(dir / "sqlite" / "0001_fill.down.sql") << "DROP TABLE filler;\n";
  REQUIRE(test::run_cli("migrate hash --dir " + test::shell_quote(dir.string())).exit_code == 0);
  const auto db_path = disk.dir / "app.db";
  const std::string up = "migrate up --dir " + test::shell_quote(dir.string()) + " --dsn " + test::shell_quote("sqlite:" + db_path.string());
  {
    db::Dsn dsn;
    dsn.engine = db::Engine::sqlite;
    dsn.database = db_path.string();
    db::connect(dsn)->execute("CREATE TABLE kept (id INTEGER PRIMARY KEY)");  // the database exists before the disk fills
  }
  disk.fill(64 * 1024);
  const auto refused = test::run_cli(up);
  INFO(refused.output);
  CHECK(refused.exit_code == 2);
  CHECK(refused.output.find("the database refuses writes") != std::string::npos);
  disk.unfill();
  db::Dsn dsn;
  dsn.engine = db::Engine::sqlite;
  dsn.database = db_path.string();
  CHECK(count(*db::connect(dsn), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'filler'") == 0);  // its transaction left nothing
  const auto applied = test::run_cli(up);
  INFO(applied.output);
  CHECK(applied.exit_code == 0);
  CHECK(count(*db::connect(dsn), "SELECT COUNT(*) FROM filler") == 20000);
  std::filesystem::remove_all(dir);
}

// Migrations against real PostgreSQL, MariaDB and SQLite, through the binary.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "generator/dialect/dialect.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/live_schema.hpp"
#include "tests/support/render_fixture.hpp"
#include "tests/support/scratch_db.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

// The schema `generate` produces for `specs`, as the engine reports it.
test::LiveSchema generated_schema(std::initializer_list<std::string> specs, db::Engine e) {
  auto rendered = test::render_specs(specs);
  test::ScratchDatabase scratch(e);
  REQUIRE(scratch.ok());
  auto c = scratch.connect();
  test::run_script(*c, rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
  return test::read_live_schema(*c);
}

test::LiveSchema without_history(test::LiveSchema s) {
  s.tables.erase("schemaforge_migrations");
  return s;
}

// PostgreSQL can only append a column, so a down migration that restores a
// dropped column puts it last; compare its facts regardless of column order.
std::vector<std::string> facts(const test::LiveSchema& s, db::Engine e) {
  auto d = test::describe(s);
  if (e == db::Engine::postgres) std::sort(d.begin(), d.end());
  return d;
}

std::string q(db::Engine e, const std::string& sql) {
  // Tests write ? placeholders; PostgreSQL wants $n.
  if (e != db::Engine::postgres) return sql;
  std::string out;
  int n = 0;
  for (char c : sql) out += c == '?' ? "$" + std::to_string(++n) : std::string(1, c);
  return out;
}

// A temp folder with migrations for tests/fixtures/migrate v1 then v2.
struct ShopMigrations {
  fs::path root;
  ShopMigrations() {
    root = fs::temp_directory_path() / ("schemaforge-shop-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    auto m = [&](const char* version, const char* name, const char* extra) {
      fs::remove_all(root / "spec");
      fs::copy(test::source_dir() / "tests/fixtures/migrate" / version, root / "spec");
      auto r = test::run_cli(std::string("migrate new ") + name + " --spec " + (root / "spec").string() + " --dir " +
                             (root / "migrations").string() + extra);
      INFO(r.output);
      REQUIRE(r.exit_code == 0);
    };
    m("v1", "initial", "");
    auto refused = test::run_cli("migrate new shop_v2 --spec " + (test::source_dir() / "tests/fixtures/migrate/v2").string() +
                                 " --dir " + (root / "migrations").string());
    CHECK(refused.exit_code == 1);  // dropping customers.note needs --allow-destructive
    CHECK(refused.output.find("drop column customers.note") != std::string::npos);
    m("v2", "shop_v2", " --allow-destructive");
    m("v3", "shop_v3", " --allow-destructive");
  }
  ~ShopMigrations() { fs::remove_all(root); }
  [[nodiscard]] std::string dir() const { return (root / "migrations").string(); }
};

// A temp folder with two migrations: tests/fixtures/migrate/<fixture>/a, then b.
struct TwoStepMigrations {
  std::string fixture;
  fs::path root;
  explicit TwoStepMigrations(const std::string& name)
      : fixture(name), root(fs::temp_directory_path() / ("schemaforge-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(root);
    for (const char* v : {"a", "b"}) {
      auto r = test::run_cli(std::string("migrate new ") + v + " --spec tests/fixtures/migrate/" + fixture + "/" + v + " --dir " +
                             root.string());
      INFO(r.output);
      REQUIRE(r.exit_code == 0);
    }
  }
  ~TwoStepMigrations() { fs::remove_all(root); }
  // Brings `scratch` to step a; returns its DSN, quoted for the shell.
  std::string at_step_a(const test::ScratchDatabase& scratch) const {
    const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
    REQUIRE(test::run_cli("migrate up 1 --dir " + root.string() + " --dsn " + dsn).exit_code == 0);
    return dsn;
  }
  // Runs body(engine, dsn, connection) in a section per engine, on a fresh
  // database brought to step a.
  template <class Body>
  void on_each_engine(Body&& body) const {
    for (auto e : engines) {
      DYNAMIC_SECTION(db::to_string(e)) {
        test::ScratchDatabase scratch(e);
        if (!scratch.ok()) continue;
        const std::string dsn = at_step_a(scratch);
        auto c = scratch.connect();
        body(e, dsn, c);
      }
    }
  }
  // `migrate up|down` (whatever is left), after which the database must hold
  // exactly generate's schema for step `step` ("a" or "b").
  void migrate(const std::string& verb, const char* step, const std::string& dsn, db::Connection& c, db::Engine e) const {
    auto r = test::run_cli("migrate " + verb + " --dir " + root.string() + " --dsn " + dsn);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(facts(without_history(test::read_live_schema(c)), e) ==
          facts(generated_schema({"tests/fixtures/migrate/" + fixture + "/" + step}, e), e));
  }
  TwoStepMigrations(const TwoStepMigrations&) = delete;
  TwoStepMigrations& operator=(const TwoStepMigrations&) = delete;
};

}  // namespace

TEST_CASE("migrations/ is complete for spec/ and replays to exactly generate's schema, down and up again",
          "[migrate][pg][mysql][sqlite]") {
  auto check = test::run_cli("migrate new check --spec spec --dir migrations --check");
  INFO(check.output);
  CHECK(check.exit_code == 0);
  CHECK(test::run_cli("migrate validate --dir migrations").exit_code == 0);
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      const std::string dsn = test::dsn_string(scratch.dsn());
      auto expected = generated_schema({"spec"}, e);
      auto up = test::run_cli("migrate up --dir migrations --dsn " + test::shell_quote(dsn));
      INFO(up.output);
      REQUIRE(up.exit_code == 0);
      auto c = scratch.connect();
      CHECK(test::describe(without_history(test::read_live_schema(*c))) == test::describe(expected));
      auto down = test::run_cli("migrate down 1000 --dir migrations --dsn " + test::shell_quote(dsn));
      INFO(down.output);
      REQUIRE(down.exit_code == 0);
      auto empty = test::read_live_schema(*c);
      CHECK(empty.views.empty());
      CHECK(empty.tables.size() == 1);  // only the history table
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM schemaforge_migrations").scalar()) == 0);
      REQUIRE(test::run_cli("migrate up --dir migrations --dsn " + test::shell_quote(dsn)).exit_code == 0);
      CHECK(test::describe(without_history(test::read_live_schema(*c))) == test::describe(expected));
    }
  }
}

TEST_CASE("every change kind applies up and down with rows in the tables", "[migrate][pg][mysql][sqlite]") {
  ShopMigrations shop;
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
      REQUIRE(test::run_cli("migrate up 1 --dir " + shop.dir() + " --dsn " + dsn).exit_code == 0);
      auto c = scratch.connect();
      for (int i = 1; i <= 2; ++i) {
        c->query(q(e, "INSERT INTO customers (email, name, tier, note, score) VALUES (?, ?, 'pro', 'n', 5)"),
                 {"c" + std::to_string(i) + "@example.com", "Customer " + std::to_string(i)});
        c->query(q(e, "INSERT INTO orders (customer_id, total) VALUES (?, 12.5)"), {c->last_insert_id()});
      }
      auto up = test::run_cli("migrate up 1 --dir " + shop.dir() + " --dsn " + dsn);
      INFO(up.output);
      REQUIRE(up.exit_code == 0);
      CHECK(test::describe(without_history(test::read_live_schema(*c))) == test::describe(generated_schema({"tests/fixtures/migrate/v2"}, e)));
      auto rows = c->query("SELECT email, full_name, tier, score FROM customers ORDER BY email");
      REQUIRE(rows.rows.size() == 2);
      CHECK(db::as_string(rows.rows[0][1]) == "Customer 1");  // the rename kept the data
      CHECK(db::as_string(rows.rows[1][0]) == "c2@example.com");
      CHECK(db::as_string(rows.rows[0][2]) == "pro");
      CHECK(db::as_int(rows.rows[0][3]) == 5);
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM orders").scalar()) == 2);

      // v3: rename a table, drop one, narrow a column, relax nullability — rows kept.
      auto up3 = test::run_cli("migrate up --dir " + shop.dir() + " --dsn " + dsn);
      INFO(up3.output);
      REQUIRE(up3.exit_code == 0);
      CHECK(facts(without_history(test::read_live_schema(*c)), e) == facts(generated_schema({"tests/fixtures/migrate/v3"}, e), e));
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM purchases").scalar()) == 2);
      c->query("INSERT INTO customers (email, full_name, score) VALUES ('n@example.com', 'No score', NULL)");
      c->execute("DELETE FROM customers WHERE email = 'n@example.com'");
      auto down3 = test::run_cli("migrate down --dir " + shop.dir() + " --dsn " + dsn);
      INFO(down3.output);
      REQUIRE(down3.exit_code == 0);
      CHECK(facts(without_history(test::read_live_schema(*c)), e) == facts(generated_schema({"tests/fixtures/migrate/v2"}, e), e));
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM orders").scalar()) == 2);

      auto down = test::run_cli("migrate down --dir " + shop.dir() + " --dsn " + dsn);
      INFO(down.output);
      REQUIRE(down.exit_code == 0);
      CHECK(facts(without_history(test::read_live_schema(*c)), e) == facts(generated_schema({"tests/fixtures/migrate/v1"}, e), e));
      auto back = c->query("SELECT name, note FROM customers ORDER BY email");
      REQUIRE(back.rows.size() == 2);
      CHECK(db::as_string(back.rows[0][0]) == "Customer 1");
      CHECK(db::is_null(back.rows[0][1]));  // the dropped column comes back empty, as the down file warns
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM orders").scalar()) == 2);
    }
  }
}

TEST_CASE("four concurrent `migrate up` apply each migration exactly once and all exit 0", "[migrate][pg][mysql][sqlite]") {
  ShopMigrations shop;
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      const std::string dsn = test::dsn_string(scratch.dsn());
      std::vector<pid_t> pids;
      for (int i = 0; i < 4; ++i) pids.push_back(test::spawn_cli({"migrate", "up", "--dir", shop.dir(), "--dsn", dsn}));
      for (pid_t p : pids) CHECK(test::wait_exit(p) == 0);
      auto c = scratch.connect();
      auto h = c->query("SELECT version, state FROM schemaforge_migrations ORDER BY version");
      REQUIRE(h.rows.size() == 3);
      for (const auto& row : h.rows) CHECK(db::as_string(row[1]) == "applied");
      CHECK(test::describe(without_history(test::read_live_schema(*c))) == test::describe(generated_schema({"tests/fixtures/migrate/v3"}, e)));
    }
  }
}

TEST_CASE("edited migrations are caught, a broken statement names file:line, MySQL resumes at it", "[migrate][pg][mysql][sqlite]") {
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      ShopMigrations shop;
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
      const std::string dir = shop.dir();
      const fs::path folder = fs::path(dir) / db::to_string(e);
      REQUIRE(test::run_cli("migrate up --dir " + dir + " --dsn " + dsn).exit_code == 0);

      // An applied file edited afterwards: the sum catches it, and after a
      // re-hash the history still does.
      std::ofstream(folder / "0001_initial.up.sql", std::ios::app) << "-- edited after the fact\n";
      auto v = test::run_cli("migrate validate --dir " + dir + " --dsn " + dsn);
      CHECK(v.exit_code == 1);
      CHECK(v.output.find("0001_initial.up.sql: error: changed after it was summed") != std::string::npos);
      CHECK(test::run_cli("migrate up --dir " + dir + " --dsn " + dsn).exit_code == 1);
      REQUIRE(test::run_cli("migrate hash --dir " + dir + " --dialect " + db::to_string(e)).exit_code == 0);
      auto v2 = test::run_cli("migrate validate --dir " + dir + " --dsn " + dsn);
      CHECK(v2.exit_code == 1);
      CHECK(v2.output.find("edited") != std::string::npos);
      auto refused = test::run_cli("migrate up --dir " + dir + " --dsn " + dsn);
      CHECK(refused.exit_code == 1);
      CHECK(refused.output.find("was edited after it was applied") != std::string::npos);
      REQUIRE(test::run_cli("migrate force 0001 --dir " + dir + " --dsn " + dsn).exit_code == 0);  // accept the edit

      // A broken statement in the middle of a new migration.
      std::ofstream(folder / "0004_broken.up.sql") << "-- hand-written\nCREATE TABLE ok_one (id INT);\nCREATE TABLE broken (id INT,,);\n"
                                                      "CREATE TABLE ok_two (id INT);\n";
      std::ofstream(folder / "0004_broken.down.sql") << "DROP TABLE ok_two;\nDROP TABLE ok_one;\n";
      REQUIRE(test::run_cli("migrate hash --dir " + dir + " --dialect " + db::to_string(e)).exit_code == 0);
      auto broken = test::run_cli("migrate up --dir " + dir + " --dsn " + dsn);
      INFO(broken.output);
      CHECK(broken.exit_code == 1);
      CHECK(broken.output.find("0004_broken.up.sql:3") != std::string::npos);
      auto c = scratch.connect();
      bool ok_one_exists = db::as_int(c->query(q(e, e == db::Engine::sqlite ? "SELECT COUNT(*) FROM sqlite_master WHERE name = ?"
                                                                             : "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = ?"),
                                               {"ok_one"}).scalar()) > 0;
      if (e == db::Engine::mysql) {
        CHECK(ok_one_exists);  // DDL commits as it goes …
        auto st = test::run_cli("migrate status --dir " + dir + " --dsn " + dsn);
        CHECK(st.output.find("failed") != std::string::npos);
        CHECK(st.output.find("at statement 2") != std::string::npos);
      } else {
        CHECK_FALSE(ok_one_exists);  // … elsewhere nothing of it is left
      }
      // Fix the statement; `up` resumes (MySQL: at statement 2, not re-creating ok_one).
      std::ofstream(folder / "0004_broken.up.sql") << "-- hand-written\nCREATE TABLE ok_one (id INT);\nCREATE TABLE fixed (id INT);\n"
                                                      "CREATE TABLE ok_two (id INT);\n";
      REQUIRE(test::run_cli("migrate hash --dir " + dir + " --dialect " + db::to_string(e)).exit_code == 0);
      auto resumed = test::run_cli("migrate up --dir " + dir + " --dsn " + dsn);
      INFO(resumed.output);
      CHECK(resumed.exit_code == 0);
      auto st = test::run_cli("migrate status --dir " + dir + " --dsn " + dsn + " --json");
      auto j = nlohmann::json::parse(st.output.substr(st.output.find('[')));
      REQUIRE(j.size() == 4);
      for (const auto& m : j) CHECK(m["state"] == "applied");
    }
  }
}

TEST_CASE("a wrong password is reported clearly and never printed", "[migrate][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      auto server = test::server_dsn(e);
      if (!server) continue;
      db::Dsn wrong = *server;
      wrong.password = "Wr0ng-Secret-9917";
      auto r = test::run_cli("migrate status --dir migrations --dsn " + test::shell_quote(test::dsn_string(wrong)));
      CHECK(r.exit_code == 2);
      CHECK(r.output.find("cannot connect to") != std::string::npos);
      CHECK(r.output.find("Wr0ng-Secret-9917") == std::string::npos);
    }
  }
}

TEST_CASE("SIGKILL mid-migration: PostgreSQL keeps nothing partial, MariaDB resumes at the statement", "[migrate][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      fs::path root = fs::temp_directory_path() / ("schemaforge-kill-" + std::to_string(::getpid()));
      fs::remove_all(root);
      fs::path folder = root / db::to_string(e);
      fs::create_directories(folder);
      const char* sleep_sql = e == db::Engine::postgres ? "SELECT pg_sleep(4)" : "SELECT SLEEP(4)";
      std::ofstream(folder / "0001_slow.up.sql") << "CREATE TABLE k_one (id INT);\n" << sleep_sql << ";\nCREATE TABLE k_two (id INT);\n";
      std::ofstream(folder / "0001_slow.down.sql") << "DROP TABLE k_two;\nDROP TABLE k_one;\n";
      REQUIRE(test::run_cli("migrate hash --dir " + root.string() + " --dialect " + db::to_string(e)).exit_code == 0);
      const std::string dsn = test::dsn_string(scratch.dsn());
      pid_t pid = test::spawn_cli({"migrate", "up", "--dir", root.string(), "--dsn", dsn});
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      kill(pid, SIGKILL);
      test::wait_exit(pid);
      // The server notices the dead client only after the sleep; give it time to.
      std::this_thread::sleep_for(std::chrono::milliseconds(3500));
      auto c = scratch.connect();
      auto tables = [&] {
        return db::as_int(c->query(q(e, "SELECT COUNT(*) FROM information_schema.tables WHERE table_name IN ('k_one', 'k_two') "
                                        "AND table_schema = ?"),
                                   {std::string(e == db::Engine::postgres ? "public" : scratch.name())})
                              .scalar());
      };
      if (e == db::Engine::postgres) {
        CHECK(tables() == 0);
        CHECK(db::as_int(c->query("SELECT COUNT(*) FROM schemaforge_migrations").scalar()) == 0);
      } else {
        CHECK(tables() == 1);
        auto h = c->query("SELECT state, statement_index FROM schemaforge_migrations");
        REQUIRE(h.rows.size() == 1);
        CHECK(db::as_string(h.rows[0][0]) == "running");
        CHECK(db::as_int(h.rows[0][1]) == 1);
      }
      auto again = test::run_cli("migrate up --dir " + root.string() + " --dsn " + test::shell_quote(dsn));
      INFO(again.output);
      CHECK(again.exit_code == 0);
      CHECK(tables() == 2);
      fs::remove_all(root);
    }
  }
}

TEST_CASE("a migration merged late is reported out of order and refused unless allowed", "[migrate][pg][sqlite]") {
  for (auto e : {db::Engine::postgres, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      fs::path root = fs::temp_directory_path() / ("schemaforge-ooo-" + std::to_string(::getpid()));
      fs::remove_all(root);
      fs::path folder = root / db::to_string(e);
      fs::create_directories(folder);
      auto pair = [&](const char* id, const char* table) {
        std::ofstream(folder / (std::string(id) + ".up.sql")) << "CREATE TABLE " << table << " (id INT);\n";
        std::ofstream(folder / (std::string(id) + ".down.sql")) << "DROP TABLE " << table << ";\n";
      };
      pair("0001_a", "ooo_a");
      pair("0003_c", "ooo_c");
      REQUIRE(test::run_cli("migrate hash --dir " + root.string() + " --dialect " + db::to_string(e)).exit_code == 0);
      const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
      REQUIRE(test::run_cli("migrate up --dir " + root.string() + " --dsn " + dsn).exit_code == 0);
      pair("0002_b", "ooo_b");  // a branch merged late
      REQUIRE(test::run_cli("migrate hash --dir " + root.string() + " --dialect " + db::to_string(e)).exit_code == 0);
      auto st = test::run_cli("migrate status --dir " + root.string() + " --dsn " + dsn);
      CHECK(st.output.find("out-of-order") != std::string::npos);
      auto refused = test::run_cli("migrate up --dir " + root.string() + " --dsn " + dsn);
      CHECK(refused.exit_code == 1);
      CHECK(refused.output.find("sorts before 0003") != std::string::npos);
      CHECK(refused.output.find("--allow-out-of-order") != std::string::npos);
      auto allowed = test::run_cli("migrate up --allow-out-of-order --dir " + root.string() + " --dsn " + dsn);
      CHECK(allowed.exit_code == 0);
      CHECK(allowed.output.find("applied 0002") != std::string::npos);
      fs::remove_all(root);
    }
  }
}

TEST_CASE("a migration lock that is not granted is an error, never a reason to go on", "[migrate][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto holder = scratch.connect();  // another migrator, mid-run
      auto lock = dialect::dialect_named(db::to_string(e)).alter().migration_lock(1);
      REQUIRE(db::as_int(holder->query(lock.acquire).scalar()) == 1);
      auto r = test::run_cli("migrate up --lock-timeout 1 --dir migrations --dsn " + test::shell_quote(test::dsn_string(scratch.dsn())));
      CHECK(r.exit_code == 1);
      CHECK(r.output.find("could not take the migration lock") != std::string::npos);
      auto c = scratch.connect();
      CHECK(db::as_int(c->query(e == db::Engine::postgres
                                    ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
                                    : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()")
                           .scalar()) == 0);  // nothing ran, not even the history table
      holder->query(lock.release);
    }
  }
}

TEST_CASE("primary-key changes apply up and down with rows kept, the referencing foreign key refitted",
          "[migrate][pg][mysql][sqlite]") {
  TwoStepMigrations migrations("pk");
  // SQLite checks an FK's target when rows are written: stores is not rebuilt for the refit.
  CHECK(test::read_file(migrations.root / "sqlite" / "0002_b.up.sql").find("rebuild table stores") == std::string::npos);
  CHECK(test::read_file(migrations.root / "postgres" / "0002_b.up.sql").find("drop foreign key stores.fk_stores_region") != std::string::npos);
  migrations.on_each_engine([&](db::Engine e, const std::string& dsn, auto& c) {
    c->execute("INSERT INTO regions (code, name) VALUES ('n', 'North'), ('s', 'South')");
    c->execute("INSERT INTO stores (region_code) VALUES ('n'), ('s')");
    c->execute("INSERT INTO stock (store_id, sku, qty) VALUES (1, 'A', 5), (2, 'A', 7), (1, 'B', 1)");

    migrations.migrate("up", "b", dsn, *c, e);
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM stock WHERE line_no = 1").scalar()) == 3);
    CHECK(db::as_int(c->query("SELECT SUM(qty) FROM stock").scalar()) == 13);
    // The new keys hold: a second line for the same (sku, store) is fine, a duplicate name is not.
    c->execute("INSERT INTO stock (store_id, sku, qty, line_no) VALUES (1, 'A', 2, 2)");
    CHECK_THROWS_AS(c->execute("INSERT INTO regions (code, name) VALUES ('x', 'North')"), db::UniqueViolation);
    // The refitted FK is enforced again.
    CHECK_THROWS_AS(c->execute("INSERT INTO stores (region_code) VALUES ('nowhere')"), db::ForeignKeyViolation);
    c->execute("DELETE FROM stock WHERE line_no = 2");

    migrations.migrate("down", "a", dsn, *c, e);
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM stock").scalar()) == 3);
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM stores").scalar()) == 2);
    CHECK_THROWS_AS(c->execute("INSERT INTO stores (region_code) VALUES ('nowhere')"), db::ForeignKeyViolation);
  });
}

TEST_CASE("table-option changes apply up and down: a native enum on PostgreSQL, a collation on MySQL",
          "[migrate][pg][mysql][sqlite]") {
  TwoStepMigrations migrations("options");
  const fs::path& root = migrations.root;
  migrations.on_each_engine([&](db::Engine e, const std::string& dsn, auto& c) {
    c->execute("INSERT INTO tickets (title, status) VALUES ('Ab', 'closed'), ('ab', 'open')");
    auto up = test::run_cli("migrate up --dir " + root.string() + " --dsn " + dsn);
    INFO(up.output);
    REQUIRE(up.exit_code == 0);
    CHECK(test::describe(without_history(test::read_live_schema(*c))) ==
          test::describe(generated_schema({"tests/fixtures/migrate/options/b"}, e)));
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM tickets WHERE status = 'closed'").scalar()) == 1);
    if (e == db::Engine::mysql)  // utf8mb4_bin tells 'Ab' from 'ab'
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM tickets WHERE title = 'ab'").scalar()) == 1);
    if (e == db::Engine::postgres)
      CHECK(db::as_string(c->query("SELECT data_type FROM information_schema.columns WHERE table_name = 'tickets' AND column_name = 'status'")
                              .scalar()) == "USER-DEFINED");
    auto down = test::run_cli("migrate down --dir " + root.string() + " --dsn " + dsn);
    INFO(down.output);
    REQUIRE(down.exit_code == 0);
    CHECK(test::describe(without_history(test::read_live_schema(*c))) ==
          test::describe(generated_schema({"tests/fixtures/migrate/options/a"}, e)));
    CHECK(db::as_int(c->query("SELECT COUNT(*) FROM tickets").scalar()) == 2);
    if (e == db::Engine::postgres)
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM pg_type WHERE typname = 'enum_tickets_status'").scalar()) == 0);
  });
}

TEST_CASE("a view that reads another table comes down and goes up again around that table's change",
          "[migrate][pg][mysql][sqlite]") {
  // books' view joins authors, prizes' view joins vw_authors; widening
  // authors.name is refused by PostgreSQL under either view and makes
  // SQLite's rebuild of authors trip over the first.
  TwoStepMigrations migrations("dependent_view");
  migrations.on_each_engine([&](db::Engine e, const std::string& dsn, auto& c) {
    c->execute("INSERT INTO authors (name) VALUES ('Ursula')");
    c->execute("INSERT INTO books (author_id, title) VALUES (1, 'The Dispossessed')");
    c->execute("INSERT INTO prizes (author_id, prize_year) VALUES (1, 1975)");

    migrations.migrate("up", "b", dsn, *c, e);
    const std::string long_name(150, 'n');
    c->query(q(e, "INSERT INTO authors (name) VALUES (?)"), {long_name});
    c->execute("INSERT INTO books (author_id, title) VALUES (2, 'Long')");
    auto rows = c->query("SELECT title, author FROM vw_books_by_author ORDER BY id");
    REQUIRE(rows.rows.size() == 2);
    CHECK(db::as_string(rows.rows[0][1]) == "Ursula");
    CHECK(db::as_string(rows.rows[1][1]) == long_name);

    c->execute("DELETE FROM books WHERE title = 'Long'");
    c->execute("DELETE FROM authors WHERE id = 2");
    migrations.migrate("down", "a", dsn, *c, e);
    CHECK(db::as_string(c->query("SELECT author FROM vw_books_by_author").scalar()) == "Ursula");
    CHECK(db::as_string(c->query("SELECT name FROM vw_prize_winners").scalar()) == "Ursula");  // through vw_authors
  });
}

TEST_CASE("a change an engine writes alike plans nothing there: SQLite does not rebuild for a wider VARCHAR",
          "[migrate][pg][mysql][sqlite]") {
  TwoStepMigrations migrations("widen");
  auto read = [&](const char* dialect) { return test::read_file(migrations.root / dialect / "0002_b.up.sql"); };
  CHECK(read("sqlite").find("Nothing changes on this engine") != std::string::npos);
  CHECK(read("sqlite").find("_sf_new_shelves") == std::string::npos);
  CHECK(read("postgres").find("ALTER COLUMN label TYPE VARCHAR(200)") != std::string::npos);
  CHECK(read("mysql").find("MODIFY COLUMN label VARCHAR(200)") != std::string::npos);
  migrations.on_each_engine([&](db::Engine e, const std::string& dsn, auto& c) {
    c->execute("INSERT INTO shelves (label, capacity) VALUES ('top', 12)");
    migrations.migrate("up", "b", dsn, *c, e);
    c->query(q(e, "INSERT INTO shelves (label, capacity) VALUES (?, 5000000000)"), {std::string(150, 'x')});
    CHECK(db::as_int(c->query("SELECT MAX(capacity) FROM shelves").scalar()) == 5000000000);
    c->execute("DELETE FROM shelves WHERE capacity > 12");
    migrations.migrate("down", "a", dsn, *c, e);
    CHECK(db::as_string(c->query("SELECT label FROM shelves").scalar()) == "top");
  });
}

TEST_CASE("a view over a later table's view: generate and the first migration create views in dependency order",
          "[migrate][render][pg][mysql][sqlite]") {
  const fs::path root = fs::temp_directory_path() / ("schemaforge-view-order-" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto created = test::run_cli("migrate new initial --spec tests/fixtures/migrate/view_order --dir " + root.string());
  INFO(created.output);
  REQUIRE(created.exit_code == 0);
  for (auto e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
      auto up = test::run_cli("migrate up --dir " + root.string() + " --dsn " + dsn);
      INFO(up.output);
      REQUIRE(up.exit_code == 0);
      auto c = scratch.connect();
      // generated_schema applies generate's schema.sql to a second database.
      CHECK(facts(without_history(test::read_live_schema(*c)), e) == facts(generated_schema({"tests/fixtures/migrate/view_order"}, e), e));
      c->execute("INSERT INTO zones (label) VALUES ('north')");
      c->execute("INSERT INTO accounts (zone_id) VALUES (1)");
      CHECK(db::as_string(c->query("SELECT label FROM vw_accounts_by_zone").scalar()) == "north");
    }
  }
  fs::remove_all(root);
}

TEST_CASE("a --dir one level too deep, or missing the engine's folder, is an error that says which folder to pass", "[migrate][cli]") {
  test::ScratchDatabase scratch(db::Engine::sqlite);
  const std::string dsn = test::shell_quote(test::dsn_string(scratch.dsn()));
  auto deep = test::run_cli("migrate up --dir migrations/sqlite --dsn " + dsn);
  INFO(deep.output);
  CHECK(deep.exit_code == 1);
  CHECK(deep.output.find("--dir migrations/sqlite holds migration files itself: it is one engine's folder. Pass the folder above "
                         "it (--dir migrations)") != std::string::npos);
  auto no_engine = test::run_cli("migrate status --dir tests/fixtures --dsn " + dsn);
  CHECK(no_engine.exit_code == 1);
  CHECK(no_engine.output.find("--dir tests/fixtures has no sqlite/ folder") != std::string::npos);
  auto missing = test::run_cli("migrate up --dir no/such/folder --dsn " + dsn);
  CHECK(missing.exit_code == 1);
  CHECK(missing.output.find("--dir no/such/folder is not a folder") != std::string::npos);
  // The database was not touched: no history table was created.
  CHECK(scratch.connect()->query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schemaforge_migrations'").rows.at(0).at(0) ==
        db::Value{std::int64_t{0}});
}

// Rules the real-schema survey revealed, each tested on its own: a
// PostgreSQL database whose tables live outside the current schema is not
// reported clean, and an ENUM column may carry a collation.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;
namespace fs = std::filesystem;

TEST_CASE("drift and inspect refuse a PostgreSQL database whose tables are all outside the current schema", "[inspect][adoption][pg]") {
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  db.connect()->execute("CREATE SCHEMA app; CREATE TABLE app.accounts (id bigint PRIMARY KEY)");
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  auto inspected = test::run_cli("inspect --yaml --dsn " + dsn);
  CHECK(inspected.exit_code != 0);
  CHECK(inspected.output.find("has no tables, but schema app (1 tables) has") != std::string::npos);
  CHECK(inspected.output.find(db.dsn().password) == std::string::npos);
  auto drift = test::run_cli("drift --spec tests/fixtures/render/edge_cases.yaml --dsn " + dsn);
  CHECK(drift.exit_code == 2);
  CHECK(drift.output.find("search_path") != std::string::npos);
}

TEST_CASE("an ENUM column may carry a collation: MySQL keeps it", "[inspect][adoption][mysql]") {
  const fs::path dir = fs::temp_directory_path() / ("sf-enum-collation-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "spec");
  fs::create_directories(dir / ".git");
  std::ofstream(dir / "spec" / "video.yaml")
      << "tables:\n  video:\n    primary_key: id\n    columns:\n      id: bigint\n"
         "      mode: { type: \"enum('abr','vbr','cbr')\", collation: { mysql: utf8mb4_bin } }\n";
  auto check = test::run_cli("check --spec " + (dir / "spec").string());
  INFO(check.output);
  CHECK(check.exit_code == 0);
  REQUIRE(test::run_cli("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string()).exit_code == 0);
  test::ScratchDatabase db(db::Engine::mysql);
  if (db.ok()) {
    auto c = db.connect();
    test::run_script(*c, test::read_file(dir / "out" / "mysql" / "schema.sql"));
    CHECK(db::as_string(c->query("SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                 "AND TABLE_NAME = 'video' AND COLUMN_NAME = 'mode'").scalar()) == "utf8mb4_bin");
    auto drift = test::run_cli("drift --spec " + (dir / "spec").string() + " --dsn " + test::shell_quote(test::dsn_string(db.dsn())));
    INFO(drift.output);
    CHECK(drift.exit_code == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("inspect --out writes a project: check, generate and drift take it as it is, and an existing folder is never overwritten",
          "[inspect][adoption][pg][sqlite]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase source(e), copy(e);
      if (!source.ok() || !copy.ok()) continue;
      {
        auto c = source.connect();
        c->execute("CREATE TABLE owners (id bigint NOT NULL PRIMARY KEY, email varchar(200) NOT NULL)");
        c->execute("CREATE TABLE pets (id bigint NOT NULL PRIMARY KEY, owner_id bigint NOT NULL REFERENCES owners (id), "
                   "name text, status varchar(10) DEFAULT 'new' NOT NULL)");
        c->execute("CREATE INDEX idx_pets_owner ON pets (owner_id)");
      }
      const fs::path dir = fs::temp_directory_path() / ("sf-inspect-out-" + source.name());
      fs::remove_all(dir);
      const std::string dsn = test::shell_quote(test::dsn_string(source.dsn()));
      auto written = test::run_cli("inspect --dsn " + dsn + " --out " + dir.string());
      INFO(written.output);
      REQUIRE(written.exit_code == 0);
      CHECK(fs::exists(dir / "spec" / "owners.yaml"));
      CHECK(fs::exists(dir / "spec" / "pets.yaml"));
      CHECK(test::read_file(dir / "schemaforge.yaml").find(std::string("engines: [") + db::to_string(e) + "]") != std::string::npos);
      if (!source.dsn().password.empty())
        CHECK(test::read_file(dir / "schemaforge.yaml").find(source.dsn().password) == std::string::npos);

      auto check = test::run_cli("check --spec " + (dir / "spec").string());
      INFO(check.output);
      CHECK(check.exit_code == 0);
      auto drift = test::run_cli("drift --spec " + (dir / "spec").string() + " --dsn " + dsn);
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      REQUIRE(test::run_cli("generate --spec " + (dir / "spec").string() + " --out " + (dir / "out").string()).exit_code == 0);
      test::run_script(*copy.connect(), test::read_file(dir / "out" / db::to_string(e) / "schema.sql"));
      auto copy_drift = test::run_cli("drift --spec " + (dir / "spec").string() + " --dsn " + test::shell_quote(test::dsn_string(copy.dsn())));
      INFO(copy_drift.output);
      CHECK(copy_drift.exit_code == 0);

      // The rest of the adoption road (docs/adopt.md): a first migration, the
      // source recorded at it, and the next change is the first to run there.
      const std::string spec = (dir / "spec").string(), migrations = (dir / "migrations").string();
      auto init = test::run_cli("migrate new init --spec " + spec);  // --dir: the project file's migrations:
      INFO(init.output);
      REQUIRE(init.exit_code == 0);
      REQUIRE(fs::exists(dir / "migrations" / db::to_string(e) / "0001_init.up.sql"));
      auto base = test::run_cli("migrate baseline --spec " + spec + " --dsn " + dsn);
      INFO(base.output);
      CHECK(base.exit_code == 0);
      std::ofstream(dir / "spec" / "nickname.yaml") << "overlays:\n  pets:\n    add_columns:\n      nickname: { type: varchar(50), nullable: true }\n";
      REQUIRE(test::run_cli("migrate new add_nickname --spec " + spec).exit_code == 0);
      auto up = test::run_cli("migrate up --dir " + migrations + " --dsn " + dsn);
      INFO(up.output);
      CHECK(up.output.find("1 migration(s) applied") != std::string::npos);
      source.connect()->execute("UPDATE pets SET nickname = 'Rex'");
      CHECK(test::run_cli("drift --spec " + spec + " --dsn " + dsn).exit_code == 0);
      fs::remove(dir / "spec" / "nickname.yaml");

      const std::string before = test::read_file(dir / "spec" / "pets.yaml");
      auto again = test::run_cli("inspect --dsn " + dsn + " --out " + dir.string());
      CHECK(again.exit_code == 2);
      CHECK(again.output.find("is not empty") != std::string::npos);
      CHECK(test::read_file(dir / "spec" / "pets.yaml") == before);
      fs::remove_all(dir);
    }
  }
}

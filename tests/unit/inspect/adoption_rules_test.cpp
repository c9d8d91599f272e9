// Rules the real-schema survey revealed, each tested on its own: a
// PostgreSQL database whose tables live outside the current schema is not
// reported clean; an ENUM column may carry a collation; SQLite's declared
// types, typeless columns and clock defaults come back as declared; an
// AUTO_INCREMENT column may lead any key on MySQL; a primary key keeps its
// constraint name; a cast NULL default is no default.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

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

namespace {

// Each column of the SQLite database as it was declared: table.column type default.
std::vector<std::string> declared_columns(db::Connection& c) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || COALESCE(p.dflt_value, '-') || ' ' || p.pk "
                               "FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' ORDER BY 1").rows)
    out.push_back(db::as_string(r[0]));
  return out;
}

}  // namespace

TEST_CASE("SQLite's declared types, typeless columns and clock defaults come back as declared, and drift compares affinities",
          "[inspect][adoption][sqlite]") {
  test::ScratchDatabase source(db::Engine::sqlite), copy(db::Engine::sqlite);
  REQUIRE((source.ok() && copy.ok()));
  {
    auto c = source.connect();
    c->execute("CREATE TABLE hosts (hostid bigint NOT NULL PRIMARY KEY, host varchar(128) DEFAULT '' NOT NULL)");
    c->execute("CREATE TABLE items (itemid INTEGER PRIMARY KEY, hostid bigint NOT NULL REFERENCES hosts (hostid), "
               "value, added TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, noted DEFAULT CURRENT_TIMESTAMP, "
               "parentid bigint REFERENCES hosts (hostid))");
  }
  test::TempProject p("sqlite-declared");
  const std::string dsn = test::shell_quote(test::dsn_string(source.dsn()));
  auto written = p.run("inspect --dsn " + dsn + " --out adopted");
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  auto check = p.run("check --spec adopted/spec");
  INFO(check.output);
  REQUIRE(check.exit_code == 0);
  REQUIRE(p.run("generate --spec adopted/spec --out adopted/out").exit_code == 0);
  test::run_script(*copy.connect(), test::read_file(p.root() / "adopted" / "out" / "sqlite" / "schema.sql"));
  // bigint stays bigint (not the rowid INTEGER), the typeless column stays
  // typeless, CURRENT_TIMESTAMP stays SQLite's own clock.
  CHECK(declared_columns(*copy.connect()) == declared_columns(*source.connect()));
  for (const auto* db : {&source, &copy}) {
    auto drift = p.run("drift --spec adopted/spec --dsn " + test::shell_quote(test::dsn_string(db->dsn())));
    INFO(drift.output);
    CHECK(drift.exit_code == 0);
  }
  // A spec that says varchar(128) where the database declares it: SQLite
  // stores both as TEXT, so a spec written by hand drifts clean too.
  p.file("mine/hosts.yaml", "tables:\n  hosts:\n    primary_key: hostid\n    columns:\n      hostid: bigint\n"
                            "      host: { type: varchar(128), default: '' }\n    generated_views: []\n");
  auto mine = p.run("drift --spec mine --dsn " + dsn + " --ignore items");
  INFO(mine.output);
  CHECK(mine.exit_code == 0);
}

TEST_CASE("an identity column may lead any key on MySQL and stand anywhere on PostgreSQL, while SQLite needs it as the whole key",
          "[inspect][adoption][mysql][pg]") {
  const std::string spec = "tables:\n  album_disk:\n    columns:\n      id: { type: int, identity: true }\n      album_id: int\n"
                           "      disk: int\n    unique_keys:\n      unique_album_disk: [album_id, disk]\n"
                           "    indexes:\n      id_index: [id]\n";
  for (db::Engine e : {db::Engine::mysql, db::Engine::postgres}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("identity-key-") + db::to_string(e));
      p.file("schemaforge.yaml", std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n");
      p.file("spec/album_disk.yaml", spec);
      p.generate();
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      auto c = db.connect();
      test::run_script(*c, p.schema_sql(e));
      c->execute("INSERT INTO album_disk (album_id, disk) VALUES (7, 1)");
      c->execute("INSERT INTO album_disk (album_id, disk) VALUES (7, 2)");
      CHECK(db::as_int(c->query("SELECT MAX(id) FROM album_disk").scalar()) == 2);
      auto drift = p.run("drift --spec spec --dsn " + test::shell_quote(test::dsn_string(db.dsn())));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
    }
  }
  test::TempProject p("identity-key-sqlite");
  p.file("spec/album_disk.yaml", spec);
  auto all = p.run("check --spec spec");
  INFO(all.output);
  CHECK(all.exit_code == 1);
  CHECK(all.output.find("identity column album_disk.id must be the table's whole primary key on sqlite") != std::string::npos);
  p.file("schemaforge.yaml", "engines: [mysql]\n");
  p.file("spec/album_disk.yaml", "tables:\n  album_disk:\n    columns:\n      id: { type: int, identity: true }\n      disk: int\n");
  auto unkeyed = p.run("check --spec spec");
  INFO(unkeyed.output);
  CHECK(unkeyed.output.find("identity column album_disk.id leads no key or index, which mysql refuses") != std::string::npos);
}

TEST_CASE("a primary key keeps a constraint name of its own, and a cast NULL default is no default", "[inspect][adoption][pg]") {
  test::ScratchDatabase source(db::Engine::postgres), copy(db::Engine::postgres);
  if (!source.ok() || !copy.ok()) return;
  source.connect()->execute("CREATE TABLE project_daily_column_stats (id integer NOT NULL, filter text DEFAULT NULL::character varying, "
                            "CONSTRAINT project_daily_summaries_pkey PRIMARY KEY (id))");
  test::TempProject p("pk-name");
  auto inspected = p.run("inspect --yaml --dsn " + test::shell_quote(test::dsn_string(source.dsn())));
  INFO(inspected.output);
  REQUIRE(inspected.exit_code == 0);
  CHECK(inspected.output.find("name: project_daily_summaries_pkey") != std::string::npos);
  CHECK(inspected.output.find("default") == std::string::npos);
  p.file("schemaforge.yaml", "engines: [postgres]\ngenerated_views: []\n").file("spec/live.yaml", inspected.output);
  REQUIRE(p.run("generate --spec spec --out out").exit_code == 0);
  auto c = copy.connect();
  test::run_script(*c, p.schema_sql(db::Engine::postgres));
  CHECK(db::as_string(c->query("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = 'project_daily_column_stats'::regclass").scalar()) == "project_daily_summaries_pkey");
  CHECK(db::as_int(c->query("SELECT COUNT(*) FROM pg_attrdef WHERE adrelid = 'project_daily_column_stats'::regclass").scalar()) == 0);
}

TEST_CASE("DEFAULT CURRENT_TIMESTAMP on a text column is refused only where MySQL is targeted", "[validate][adoption]") {
  test::TempProject p("clock-on-text");
  p.file("spec/t.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                        "      noted: { type: text, nullable: true, default: CURRENT_TIMESTAMP }\n");
  auto all = p.run("check --spec spec");
  CHECK(all.exit_code == 1);
  CHECK(all.output.find("mysql takes CURRENT_TIMESTAMP only on timestamp columns") != std::string::npos);
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\n");
  auto others = p.run("check --spec spec");
  INFO(others.output);
  CHECK(others.exit_code == 0);
}

// INVISIBLE columns (MySQL 8.0.23, MariaDB 10.3): left out of SELECT *, read
// and written by name. Spelled in YAML, SQL and markdown; refused where
// MariaDB refuses one, a warning where a targeted engine has none; created,
// read back by inspect, compared by drift, and switched by migrate on the
// real MariaDB.
#include <catch2/catch.hpp>

#include "generator/ingest/loader.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

std::string accounts(bool invisible) {
  return std::string("tables:\n  accounts:\n    primary_key: id\n    columns:\n      id: bigint\n      email: varchar(120)\n") +
         "      legacy_code: { type: int, nullable: true" + (invisible ? ", invisible: true" : "") + " }\n";
}

const char* mysql_only = "engines: [mysql]\ngenerated_views: []\n";

std::string dsn_arg(const test::ScratchDatabase& db) { return test::shell_quote(test::dsn_string(db.dsn())); }

bool is_invisible(db::Connection& c, const std::string& column) {
  const auto extra = db::as_optional_string(c.query("SELECT EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                                    "AND TABLE_NAME = 'accounts' AND COLUMN_NAME = ?", {column}).scalar());
  return extra && extra->find("INVISIBLE") != std::string::npos;
}

}  // namespace

TEST_CASE("an INVISIBLE column reads alike from YAML, SQL and markdown", "[invisible][ingest]") {
  const std::pair<const char*, std::string> specs[] = {
      {"spec/a.yaml", accounts(true)},
      {"spec/a.sql", "CREATE TABLE accounts (id bigint NOT NULL PRIMARY KEY, email varchar(120) NOT NULL, legacy_code int INVISIBLE);\n"},
      {"spec/a.md", "# accounts\n\nAccounts.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n| id | bigint | NO |\n"
                    "| email | varchar(120) | NO |\n| legacy_code | int INVISIBLE | YES |\n\n## Engine Details\n\n### mysql\n\nPrimary key: id\n"},
  };
  for (const auto& [path, text] : specs) {
    auto r = ingest::load_text(path, text);
    INFO(path << "\n" << test::all_messages(r.diagnostics));
    REQUIRE_FALSE(r.diagnostics.has_errors());
    const model::Table& t = r.schema.tables.at(0);
    CHECK(t.find_column("legacy_code")->invisible);
    CHECK(t.find_column("legacy_code")->type == model::LogicalType::integer(32));
    CHECK_FALSE(t.find_column("email")->invisible);
  }
}

TEST_CASE("check refuses an INVISIBLE column MariaDB would refuse, and warns where an engine has none", "[invisible][validate]") {
  test::TempProject p("invisible-check");
  p.file("schemaforge.yaml", mysql_only)
      .file("spec/a.yaml", "tables:\n  accounts:\n    primary_key: id\n    columns:\n      id: bigint\n"
                           "      legacy_code: { type: int, invisible: true }\n");
  auto refused = p.run("check --spec spec");
  INFO(refused.output);
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("accounts.legacy_code is INVISIBLE and NOT NULL without a default, which mysql refuses") != std::string::npos);

  p.file("spec/a.yaml", "tables:\n  accounts:\n    primary_key: id\n    columns:\n      id: { type: bigint, invisible: true }\n");
  auto all = p.run("check --spec spec");
  CHECK(all.exit_code == 1);
  CHECK(all.output.find("every column of accounts is INVISIBLE") != std::string::npos);

  p.file("schemaforge.yaml", "engines: [mysql, postgres]\n").file("spec/a.yaml", accounts(true));
  auto warned = p.run("check --spec spec");
  INFO(warned.output);
  CHECK(warned.exit_code == 0);
  CHECK(warned.output.find("accounts.legacy_code is INVISIBLE, which postgres has not: SELECT * returns it there [invisible-column]") !=
        std::string::npos);
  p.file("spec/allow.yaml", "overlays:\n  accounts:\n    allow: [invisible-column]\n");
  CHECK(p.run("check --spec spec").output.find("[invisible-column]") == std::string::npos);
}

TEST_CASE("MariaDB hides an INVISIBLE column from SELECT *, inspect reads it back, drift and migrate switch it",
          "[invisible][drift][migrate][mysql]") {
  test::TempProject p("invisible-mysql");
  p.file("schemaforge.yaml", mysql_only).file("spec/a.yaml", accounts(false));
  p.new_migration("init");
  p.file("spec/a.yaml", accounts(true));
  p.new_migration("hide_legacy_code");
  test::ScratchDatabase db(db::Engine::mysql);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up 1", dsn);
  auto c = db.connect();
  c->execute("INSERT INTO accounts (id, email, legacy_code) VALUES (1, 'a@example.org', 42)");
  auto differs = p.run("drift --spec spec --dsn " + dsn);
  INFO(differs.output);
  CHECK(differs.exit_code == 1);
  CHECK(differs.output.find("[column_visibility] accounts.legacy_code: spec wants INVISIBLE, database has VISIBLE") != std::string::npos);
  p.migrate("up", dsn);
  CHECK(is_invisible(*c, "legacy_code"));
  CHECK(c->query("SELECT * FROM accounts").columns.size() == 2);
  CHECK(db::as_int(c->query("SELECT legacy_code FROM accounts").scalar()) == 42);
  auto inspected = p.run("inspect --yaml --dsn " + dsn);
  INFO(inspected.output);
  CHECK(inspected.output.find("invisible: true") != std::string::npos);
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);
  p.migrate("down 1", dsn);
  CHECK_FALSE(is_invisible(*c, "legacy_code"));
  CHECK(c->query("SELECT * FROM accounts").columns.size() == 3);
}

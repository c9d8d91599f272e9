// Table options per engine: SQLite's STRICT and WITHOUT ROWID, MySQL's
// ROW_FORMAT beside ENGINE and the charset. Spelled in YAML, SQL and
// markdown; refused where the engine would refuse the table; written by
// generate, enforced by the real servers, read back by inspect, compared by
// drift, and switched on and off by migrate (SQLite rebuilds the table).
#include <catch2/catch.hpp>

#include "generator/dialect/sqlite/table_options.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

// A ledger keyed by (account, seq), with an exact amount and an ON UPDATE
// clock: what a WITHOUT ROWID table's trigger must find by its key.
std::string ledger(const std::string& sqlite_options) {
  return "tables:\n  ledger:\n    primary_key: [account, seq]\n    columns:\n      account: bigint\n      seq: int\n"
         "      amount: \"decimal(12,2)\"\n      note: { type: text, nullable: true }\n"
         "      updated_at: { type: \"timestamp(6)\", default: CURRENT_TIMESTAMP(6), on_update: CURRENT_TIMESTAMP(6) }\n" +
         (sqlite_options.empty() ? "" : "    options:\n      sqlite: { " + sqlite_options + " }\n");
}

const char* sqlite_only = "engines: [sqlite]\ngenerated_views: []\n";

// The SQLite flags a table's options set, "strict without_rowid".
std::string flags_set(const std::map<std::string, std::string>& options) {
  std::string out;
  for (const auto& [option, value] : options)
    if (dialect::sqlite_options::flag(value).value_or(false)) out += (out.empty() ? "" : " ") + option;
  return out;
}

std::string dsn_arg(const test::ScratchDatabase& db) { return test::shell_quote(test::dsn_string(db.dsn())); }

// pragma table_list's strict and wr (without rowid) columns: "strict wr".
std::string sqlite_flags(db::Connection& c, const std::string& table) {
  auto r = c.query("SELECT strict, wr FROM pragma_table_list WHERE name = ?", {table});
  REQUIRE(r.rows.size() == 1);
  return std::to_string(db::as_int(r.rows[0][0])) + " " + std::to_string(db::as_int(r.rows[0][1]));
}

std::string mariadb_create_options(db::Connection& c, const std::string& table) {
  return db::as_optional_string(c.query("SELECT CREATE_OPTIONS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                                        "AND TABLE_NAME = ?", {table}).scalar())
      .value_or("");
}

}  // namespace

TEST_CASE("SQLite's STRICT and WITHOUT ROWID read alike from YAML, SQL and markdown", "[table-options][ingest]") {
  test::TempProject yaml("opts-yaml"), sql("opts-sql"), md("opts-md");
  yaml.file("schemaforge.yaml", sqlite_only).file("spec/ledger.yaml", ledger("strict: true, without_rowid: yes"));
  sql.file("schemaforge.yaml", sqlite_only)
      .file("spec/ledger.sql", "CREATE TABLE ledger (account INTEGER NOT NULL, seq INTEGER NOT NULL, amount TEXT NOT NULL,\n"
                               "  PRIMARY KEY (account, seq)) STRICT, WITHOUT ROWID;\n");
  md.file("schemaforge.yaml", sqlite_only)
      .file("spec/ledger.md", "# ledger\n\nA ledger.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n"
                              "| account | INTEGER | NO |\n| seq | INTEGER | NO |\n| amount | TEXT | NO |\n\n"
                              "## Engine Details\n\n### sqlite\n\nPrimary key: account, seq\n\nTable options: STRICT, WITHOUT ROWID\n");
  for (const auto* p : {&yaml, &sql, &md}) {
    auto loaded = cli::load_and_validate({p->spec()});
    INFO(test::all_messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const auto& options = loaded.schema.find_table("ledger")->options;
    REQUIRE(options.count("sqlite"));
    CHECK(flags_set(options.at("sqlite")) == "strict without_rowid");
  }
  // A MySQL dump's table options stay MySQL's; SQLite's words are never taken for one.
  test::TempProject dump("opts-dump");
  dump.file("schemaforge.yaml", "engines: [mysql]\n")
      .file("spec/t.sql", "CREATE TABLE t (id int NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 "
                          "COLLATE=utf8mb4_bin ROW_FORMAT=COMPACT COMMENT='Things';\n");
  auto loaded = cli::load_and_validate({dump.spec()});
  INFO(test::all_messages(loaded.diagnostics));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const model::Table& t = *loaded.schema.find_table("t");
  CHECK(t.options.at("mysql") == std::map<std::string, std::string>{
                                     {"charset", "utf8mb4"}, {"collate", "utf8mb4_bin"}, {"engine", "InnoDB"}, {"row_format", "COMPACT"}});
  CHECK(t.description == "Things");
}

TEST_CASE("check refuses the table options SQLite would refuse, on tables that target it", "[table-options][validate]") {
  struct Case {
    const char* what;
    std::string spec;
    const char* message;
  };
  const Case cases[] = {
      {"a STRICT table with a type it does not take",
       "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      code: { type: \"varchar(8)\", native: { sqlite: \"VARCHAR(8)\" } }\n"
       "    options:\n      sqlite: { strict: true }\n",
       "column code is declared VARCHAR(8), which a STRICT table refuses"},
      {"WITHOUT ROWID and no primary key",
       "tables:\n  t:\n    columns:\n      id: bigint\n    options:\n      sqlite: { without_rowid: true }\n",
       "a WITHOUT ROWID table needs a primary key"},
      {"WITHOUT ROWID and an identity",
       "tables:\n  t:\n    primary_key: id\n    columns:\n      id: { type: bigint, identity: true }\n"
       "    options:\n      sqlite: { without_rowid: true }\n",
       "identity column id in a WITHOUT ROWID table"},
      {"an option SQLite has not", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n    options:\n      sqlite: { wal: true }\n",
       "'wal' is not a SQLite table option (known: strict, without_rowid)"},
      {"a flag that is no yes or no",
       "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n    options:\n      sqlite: { strict: maybe }\n",
       "SQLite table option strict is 'maybe'; say true or false"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.what) {
      test::TempProject p("opts-check");
      p.file("spec/t.yaml", c.spec);
      auto r = p.run("check --spec spec");
      INFO(r.output);
      CHECK(r.exit_code == 1);
      CHECK(r.output.find(std::string("table t on sqlite: ") + c.message) != std::string::npos);
      // The same table on an engine the options do not concern is fine.
      p.file("schemaforge.yaml", "engines: [postgres]\n");
      auto pg = p.run("check --spec spec");
      INFO(pg.output);
      CHECK(pg.exit_code == 0);
    }
  }
}

TEST_CASE("a markdown doc's table options belong to the section of their engine", "[table-options][ingest]") {
  test::TempProject md("opts-md-section");
  md.file("spec/t.md", "# t\n\nThings.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n| id | BIGINT | NO |\n\n"
                       "## Engine Details\n\n### mysql\n\nTable options: STRICT\n");
  auto r = md.run("check --spec spec");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("spec/t.md:14") != std::string::npos);
  CHECK(r.output.find("Table options: strict is sqlite's option, not mysql's; write it under `### sqlite`") != std::string::npos);
}

TEST_CASE("a STRICT WITHOUT ROWID table is enforced by SQLite, read back by inspect, and drift sees the options",
          "[table-options][drift][sqlite]") {
  test::TempProject p("opts-sqlite");
  p.file("schemaforge.yaml", sqlite_only).file("spec/ledger.yaml", ledger("strict: true, without_rowid: true"));
  p.generate();
  const std::string ddl = p.schema_sql(db::Engine::sqlite);
  CHECK(ddl.find(") STRICT, WITHOUT ROWID;") != std::string::npos);
  test::ScratchDatabase db(db::Engine::sqlite);
  REQUIRE(db.ok());
  auto c = db.connect();
  test::run_script(*c, ddl);
  CHECK(sqlite_flags(*c, "ledger") == "1 1");
  // STRICT: a decimal keeps its digits; a text in an integer column is refused.
  c->execute("INSERT INTO ledger (account, seq, amount) VALUES (1, 1, '12.50')");
  CHECK(db::as_string(c->query("SELECT amount FROM ledger").scalar()) == "12.50");
  CHECK_THROWS(c->execute("INSERT INTO ledger (account, seq, amount) VALUES ('abc', 2, '1.00')"));
  // WITHOUT ROWID: the ON UPDATE trigger finds the row by its key.
  c->execute("UPDATE ledger SET updated_at = '2000-01-01T00:00:00.000000Z'");
  c->execute("UPDATE ledger SET note = 'moved'");
  CHECK(db::as_string(c->query("SELECT updated_at FROM ledger").scalar()) != "2000-01-01T00:00:00.000000Z");

  const std::string dsn = dsn_arg(db);
  auto inspected = p.run("inspect --yaml --dsn " + dsn);
  INFO(inspected.output);
  CHECK(inspected.output.find("strict: true") != std::string::npos);
  CHECK(inspected.output.find("without_rowid: true") != std::string::npos);
  CHECK(inspected.output.find("on_update:") != std::string::npos);
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);

  p.file("spec/ledger.yaml", ledger("without_rowid: true"));
  // Without STRICT the decimal is NUMERIC again: a change of type, which --fix-sql only writes when allowed.
  auto differs = p.run("drift --spec spec --dsn " + dsn + " --fix-sql fix.sql --allow-destructive");
  INFO(differs.output);
  CHECK(differs.exit_code == 1);
  CHECK(differs.output.find("[table_options_differ] ledger.options: spec wants strict=false") != std::string::npos);
  CHECK(differs.output.find("has strict=true") != std::string::npos);
  const std::string fix = test::read_file(p.root() / "fix.sql");
  CHECK(fix.find("rebuild table ledger") != std::string::npos);
  test::run_script(*c, fix);
  CHECK(sqlite_flags(*c, "ledger") == "0 1");
  // The row is kept; NUMERIC affinity now holds the amount as the number 12.5.
  CHECK(db::as_int(c->query("SELECT COUNT(*) FROM ledger WHERE amount = 12.5").scalar()) == 1);
  auto fixed = p.run("drift --spec spec --dsn " + dsn);
  INFO(fixed.output);
  CHECK(fixed.exit_code == 0);
}

TEST_CASE("migrate new makes a SQLite table STRICT and WITHOUT ROWID and back, keeping its rows", "[table-options][migrate][sqlite]") {
  test::TempProject p("opts-migrate");
  p.file("schemaforge.yaml", sqlite_only).file("spec/ledger.yaml", ledger(""));
  p.new_migration("init");
  p.file("spec/ledger.yaml", ledger("strict: true, without_rowid: true"));
  p.new_migration("strict_ledger");
  test::ScratchDatabase db(db::Engine::sqlite);
  REQUIRE(db.ok());
  const std::string dsn = dsn_arg(db);
  p.migrate("up 1", dsn);
  auto c = db.connect();
  c->execute("INSERT INTO ledger (account, seq, amount) VALUES (7, 1, 3.25)");
  p.migrate("up", dsn);
  CHECK(sqlite_flags(*c, "ledger") == "1 1");
  CHECK(db::as_int(c->query("SELECT COUNT(*) FROM ledger WHERE account = 7").scalar()) == 1);
  auto drift = p.run("drift --spec spec --dsn " + dsn);
  INFO(drift.output);
  CHECK(drift.exit_code == 0);
  p.migrate("down 1", dsn);
  CHECK(sqlite_flags(*c, "ledger") == "0 0");
  CHECK(db::as_int(c->query("SELECT COUNT(*) FROM ledger WHERE account = 7").scalar()) == 1);
}

TEST_CASE("MariaDB keeps a stated ROW_FORMAT: inspected, compared by drift, altered by migrate up and down",
          "[table-options][drift][migrate][mysql]") {
  auto spec = [](const char* row_format) {
    return std::string("tables:\n  events:\n    primary_key: id\n    columns:\n      id: bigint\n      body: text\n"
                       "    options:\n      mysql: { row_format: ") + row_format + " }\n";
  };
  test::TempProject p("opts-mysql");
  p.file("schemaforge.yaml", "engines: [mysql]\ngenerated_views: []\n").file("spec/events.yaml", spec("COMPACT"));
  p.new_migration("init");
  p.file("spec/events.yaml", spec("DYNAMIC"));
  p.new_migration("dynamic_events");
  test::ScratchDatabase db(db::Engine::mysql);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up 1", dsn);
  auto c = db.connect();
  CHECK(mariadb_create_options(*c, "events") == "row_format=COMPACT");
  auto inspected = p.run("inspect --yaml --dsn " + dsn);
  INFO(inspected.output);
  CHECK(inspected.output.find("row_format: COMPACT") != std::string::npos);
  auto differs = p.run("drift --spec spec --dsn " + dsn);
  INFO(differs.output);
  CHECK(differs.exit_code == 1);
  CHECK(differs.output.find("[table_options_differ] events.options: spec wants row_format=DYNAMIC") != std::string::npos);
  CHECK(differs.output.find("has row_format=COMPACT") != std::string::npos);
  p.migrate("up", dsn);
  CHECK(mariadb_create_options(*c, "events") == "row_format=DYNAMIC");
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);
  p.migrate("down 1", dsn);
  CHECK(mariadb_create_options(*c, "events") == "row_format=COMPACT");
}

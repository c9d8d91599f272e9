// A schema as a team writes it by hand (keys left unnamed, a column's own
// collation, literal defaults the server stores in its own form), applied
// to the real server and then read as the spec of a one-engine project:
// the model names and holds everything as the database it made does, so
// drift is clean. The published schemas walk the same road in
// scripts/adoption-survey.sh (its last step); these are the rules that
// road revealed, each checked against the server itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "generator/cli/spec_pipeline.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

// A project of one SQL spec; `engines` is its project file's list ("" for
// none: every engine).
const test::TempProject& sql_project(const test::TempProject& p, const std::string& engines, const std::string& sql) {
  p.file("schemaforge.yaml", (engines.empty() ? std::string{} : "engines: [" + engines + "]\n") + "generated_views: []\n");
  p.file("spec/schema.sql", sql);
  return p;
}

std::set<std::string> key_names(const model::Table& t) {
  std::set<std::string> out;
  for (const auto& k : t.uniques) out.insert(k.name);
  for (const auto& i : t.indexes) out.insert(i.name);
  for (const auto& f : t.foreign_keys) out.insert(f.name);
  return out;
}

// Every index and FK name a MySQL table has, as the server reports them.
std::set<std::string> server_key_names(db::Connection& c, const std::string& table) {
  std::set<std::string> out;
  for (const auto& r : c.query("SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                               "AND TABLE_NAME = '" + table + "' AND INDEX_NAME <> 'PRIMARY'").rows)
    out.insert(db::as_string(r[0]));
  for (const auto& r : c.query("SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE "
                               "CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "'").rows)
    out.insert(db::as_string(r[0]));
  return out;
}

// The report of `drift` of the project's specs against `dsn` (its text goes
// with the next assertion), and whether it found nothing.
std::string drift_report(const test::TempProject& p, const std::string& dsn, bool* clean = nullptr) {
  const auto run = p.run("drift --spec spec --dsn " + test::shell_quote(dsn));
  UNSCOPED_INFO(run.output);
  if (clean) *clean = run.exit_code == 0;
  return run.output;
}
bool drifts_clean(const test::TempProject& p, const std::string& dsn) {
  bool clean = false;
  drift_report(p, dsn, &clean);
  return clean;
}

const char* const unnamed_keys_sql =
    "CREATE TABLE p (id int PRIMARY KEY, k int, UNIQUE KEY (k), UNIQUE KEY (id, k));\n"
    // Keys by their first column, _2, _3 … where taken (a_2 is written, so the next a is a_3).
    "CREATE TABLE t (id int PRIMARY KEY, a int, b int, c int, d int,\n"
    "  KEY (a), KEY a_2 (b), UNIQUE (b), UNIQUE (a), KEY (a, b),\n"
    // FKs numbered <table>_ibfk_<n>; a named one keeps its name and numbers none.
    "  FOREIGN KEY (c) REFERENCES p (id), CONSTRAINT named FOREIGN KEY (d) REFERENCES p (k), FOREIGN KEY (b) REFERENCES p (id));\n"
    // ALTER TABLE counts on from the highest number the table has.
    "ALTER TABLE t ADD FOREIGN KEY (a) REFERENCES p (id), ADD INDEX (c, d);\n"
    // InnoDB's own index for the FK on (c, e), which no key leads with, is
    // named c first, so the key written after it on c is c_2; the FK on e
    // needs none of its own, as the KEY (e) written after it leads with e.
    "CREATE TABLE u (id int PRIMARY KEY, c int, e int, FOREIGN KEY (c, e) REFERENCES p (id, k),\n"
    "  FOREIGN KEY (e) REFERENCES p (k), KEY (c), KEY (e));\n";

}  // namespace

TEST_CASE("a MySQL project's hand-written DDL names its unnamed keys and FKs as MySQL does, and drifts clean",
          "[ingest][drift][adoption][mysql]") {
  test::ScratchDatabase source(db::Engine::mysql);
  if (!source.ok()) return;
  auto c = source.connect();
  test::run_script(*c, unnamed_keys_sql);

  test::TempProject p("unnamed-keys-mysql");
  sql_project(p, "mysql", unnamed_keys_sql);
  auto loaded = cli::load_and_validate({p.root() / "spec"});
  INFO(test::all_messages(loaded.diagnostics));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  for (const char* table : {"t", "u"}) {
    INFO(table);
    // The server's names, less InnoDB's own FK index on u (the model leaves it out).
    auto expected = server_key_names(*c, table);
    if (std::string(table) == "u") CHECK(expected.erase("c") == 1);  // (c, e)
    CHECK(key_names(*loaded.schema.find_table(table)) == expected);
  }
  CHECK(key_names(*loaded.schema.find_table("t")) ==
        std::set<std::string>{"a", "a_2", "b", "a_3", "a_4", "c", "named", "t_ibfk_1", "t_ibfk_2", "t_ibfk_3"});
  CHECK(key_names(*loaded.schema.find_table("u")) == std::set<std::string>{"c_2", "e", "u_ibfk_1", "u_ibfk_2"});
  CHECK(drifts_clean(p, test::dsn_string(source.dsn())));

  // A project for several engines names them by the portable rule, which generate writes out.
  test::TempProject portable("unnamed-keys-portable");
  sql_project(portable, "", unnamed_keys_sql);
  auto everywhere = cli::load_and_validate({portable.root() / "spec"});
  INFO(test::all_messages(everywhere.diagnostics));
  CHECK(key_names(*everywhere.schema.find_table("t")) ==
        std::set<std::string>{"t_a_idx", "a_2", "t_b_key", "t_a_key", "t_a_b_idx", "t_c_d_idx", "named", "t_c_fkey",
                              "t_b_fkey", "t_a_fkey"});
}

TEST_CASE("InnoDB's own index for a foreign key is read by inspect, and drift knows it as the FK's",
          "[inspect][drift][mysql]") {
  test::ScratchDatabase source(db::Engine::mysql);
  if (!source.ok()) return;
  test::TempProject p("fk-index-mysql");
  p.file("schemaforge.yaml", "engines: [mysql]\ngenerated_views: []\n");
  p.file("spec/pets.yaml",
         "tables:\n"
         "  owners:\n    primary_key: id\n    columns:\n      id: {type: bigint, identity: true}\n"
         "  pets:\n    primary_key: id\n    columns:\n      id: {type: bigint, identity: true}\n      owner_id: bigint\n"
         "    foreign_keys:\n      pets_owner: {columns: [owner_id], references: owners(id)}\n");
  p.generate();
  auto c = source.connect();
  test::run_script(*c, p.schema_sql(db::Engine::mysql));
  const std::string dsn = test::dsn_string(source.dsn());

  // The index is there (InnoDB made it, named as the FK), and inspect says so.
  const auto inspected = p.run("inspect --dsn " + test::shell_quote(dsn));
  INFO(inspected.output);
  REQUIRE(inspected.exit_code == 0);
  CHECK(server_key_names(*c, "pets") == std::set<std::string>{"pets_owner"});
  const auto live = nlohmann::json::parse(inspected.output);
  const auto pets = std::find_if(live["tables"].begin(), live["tables"].end(), [](const auto& t) { return t["name"] == "pets"; });
  REQUIRE(pets != live["tables"].end());
  CHECK((*pets)["indexes"] == nlohmann::json::parse(R"([{"name": "pets_owner", "columns": ["owner_id"]}])"));
  CHECK(drifts_clean(p, dsn));

  // Without the FK it is an index like any other, and one the spec does not have.
  c->execute("ALTER TABLE pets DROP FOREIGN KEY pets_owner");
  const std::string drifted = drift_report(p, dsn);
  CHECK(drifted.find("[missing_foreign_key] pets.pets_owner") != std::string::npos);
  CHECK(drifted.find("[extra_index] pets.pets_owner") != std::string::npos);
}

TEST_CASE("a MySQL project's SQL keeps each column's collation, and a type's letter case is no drift",
          "[ingest][drift][adoption][mysql]") {
  const std::string sql =
      "CREATE TABLE users (id int PRIMARY KEY, login varchar(64) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,\n"
      "  token varchar(86) COLLATE ascii_bin, name varchar(64), active TINYINT( 1 ) UNSIGNED NOT NULL DEFAULT 1,\n"
      "  shown TINYINT(1) UNSIGNED NOT NULL) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n";
  test::TempProject p("collations-mysql");
  sql_project(p, "mysql", sql);
  auto loaded = cli::load_and_validate({p.root() / "spec"});
  INFO(test::all_messages(loaded.diagnostics));
  const model::Table& users = *loaded.schema.find_table("users");
  CHECK(users.find_column("login")->collations == std::map<std::string, std::string>{{"mysql", "latin1_bin"}});
  CHECK(users.find_column("token")->collations == std::map<std::string, std::string>{{"mysql", "ascii_bin"}});
  CHECK(users.find_column("name")->collations.empty());

  test::ScratchDatabase source(db::Engine::mysql);
  if (source.ok()) {
    auto c = source.connect();
    test::run_script(*c, sql);
    const std::string dsn = test::dsn_string(source.dsn());
    CHECK(drifts_clean(p, dsn));
    c->execute("ALTER TABLE users MODIFY login varchar(64) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL");
    CHECK(drift_report(p, dsn).find("[column_collation] users.login") != std::string::npos);
  }

  // Where a project targets several engines, whose collation a name is cannot
  // be told: read past with a note, as is a charset that leaves its collation to the server.
  test::TempProject several("collations-several");
  sql_project(several, "", sql + "CREATE TABLE notes (id int PRIMARY KEY, body text CHARACTER SET ascii);\n");
  auto everywhere = cli::load_and_validate({several.root() / "spec"});
  const std::string notes = test::all_messages(everywhere.diagnostics);
  INFO(notes);
  CHECK(everywhere.schema.find_table("users")->find_column("login")->collations.empty());
  CHECK(notes.find("2 × a column's COLLATE in a project for several engines") != std::string::npos);
  CHECK(notes.find("1 × a column's CHARACTER SET without COLLATE") != std::string::npos);
}

TEST_CASE("a PostgreSQL project's bytea defaults and plpgsql are as the database holds them",
          "[ingest][drift][adoption][postgres]") {
  // '' is stored as '\x'; text as its bytes in hex; the escape format's \nnn and \\ as the bytes they
  // name. The strings are PostgreSQL's: a backslash is itself, except in E''.
  const std::string sql =
      "CREATE EXTENSION IF NOT EXISTS plpgsql;\n"
      "CREATE TABLE images (id integer PRIMARY KEY, empty bytea DEFAULT '' NOT NULL, word bytea DEFAULT 'ab',\n"
      "  hex bytea DEFAULT '\\x00FF', escaped bytea DEFAULT '\\001\\\\x', e_string bytea DEFAULT E'\\\\001x');\n";
  test::TempProject p("bytea-defaults");
  sql_project(p, "postgres", sql);
  test::ScratchDatabase source(db::Engine::postgres);
  if (!source.ok()) return;
  auto c = source.connect();
  test::run_script(*c, sql);
  CHECK(db::as_string(c->query("SELECT encode(DEFAULT_bytes, 'hex') FROM (SELECT '\\001\\\\x'::bytea AS DEFAULT_bytes) d").scalar()) ==
        "015c78");  // what the escaped default is, by the server
  const std::string dsn = test::dsn_string(source.dsn());
  CHECK(drifts_clean(p, dsn));

  c->execute("ALTER TABLE images ALTER COLUMN word SET DEFAULT 'ac'");
  CHECK(drift_report(p, dsn).find("[column_default] images.word: spec wants '\\x6162', database has '\\x6163'") != std::string::npos);
}

TEST_CASE("a PostgreSQL project's hand-written CHECKs are named as PostgreSQL names them, and drift clean",
          "[ingest][drift][adoption][postgres]") {
  // After the one column the expression names, else the table; 1, 2 … where taken.
  const std::string sql =
      "CREATE TABLE ck (a int, b int, c int CHECK (c > 0), CHECK (a > 0), CHECK (a > b), CHECK (b > 0),\n"
      "  CHECK (a < 100), CHECK (length('a b') > 0), CHECK (\"a\" <> 5), CHECK (b::text <> 'x'));\n";
  test::TempProject p("check-names-pg");
  sql_project(p, "postgres", sql);
  auto loaded = cli::load_and_validate({p.root() / "spec"});
  INFO(test::all_messages(loaded.diagnostics));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  std::vector<std::string> names;
  for (const auto& check : loaded.schema.find_table("ck")->checks) names.push_back(check.name);
  CHECK(names == std::vector<std::string>{"ck_c_check", "ck_a_check", "ck_check", "ck_b_check", "ck_a_check1", "ck_check1",
                                          "ck_a_check2", "ck_b_check1"});

  test::ScratchDatabase source(db::Engine::postgres);
  if (!source.ok()) return;
  auto c = source.connect();
  test::run_script(*c, sql);
  std::vector<std::string> server;
  for (const auto& r : c->query("SELECT conname FROM pg_constraint WHERE conrelid = 'ck'::regclass ORDER BY oid").rows)
    server.push_back(db::as_string(r[0]));
  CHECK(server == names);
  CHECK(drifts_clean(p, test::dsn_string(source.dsn())));
}

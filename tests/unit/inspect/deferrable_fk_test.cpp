// DEFERRABLE foreign keys (PostgreSQL, SQLite): spelled in YAML and SQL,
// refused where MySQL is targeted, checked at commit by the real servers,
// read back by inspect on PostgreSQL, compared by drift, and switched on and
// off through migrate new/up/down.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

std::string spec(const std::string& deferrable) {
  return "tables:\n  parents:\n    primary_key: id\n    columns:\n      id: bigint\n"
         "  children:\n    primary_key: id\n    columns:\n      id: bigint\n      parent_id: bigint\n"
         "    foreign_keys:\n      fk_children_parent: { columns: [parent_id], references: parents(id)" +
         (deferrable.empty() ? "" : ", deferrable: " + deferrable) + " }\n";
}

std::string project_file(db::Engine e) { return std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n"; }

// The child goes in before its parent, in one transaction: only a deferred check lets it commit.
void child_first(db::Connection& c) {
  c.execute("BEGIN");
  c.execute("INSERT INTO children (id, parent_id) VALUES (1, 10)");
  c.execute("INSERT INTO parents (id) VALUES (10)");
  c.execute("COMMIT");
}

}  // namespace

TEST_CASE("a DEFERRABLE foreign key reads from YAML and SQL, and MySQL is told it has none", "[deferrable][ingest]") {
  test::TempProject yaml("defer-yaml"), sql("defer-sql");
  yaml.file("schemaforge.yaml", "engines: [postgres, sqlite]\n").file("spec/t.yaml", spec("deferred"));
  sql.file("schemaforge.yaml", "engines: [postgres]\n")
      .file("spec/t.sql", "CREATE TABLE parents (id bigint PRIMARY KEY);\nCREATE TABLE children (id bigint PRIMARY KEY, parent_id bigint NOT NULL,\n"
                          "  CONSTRAINT fk_children_parent FOREIGN KEY (parent_id) REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED);\n");
  for (const auto* p : {&yaml, &sql}) {
    auto loaded = cli::load_and_validate({p->spec()});
    INFO(test::all_messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.schema.find_table("children")->foreign_keys.at(0).deferral == model::Deferral::deferred);
  }
  test::TempProject all("defer-all");
  all.file("spec/t.yaml", spec("immediate"));
  auto r = all.run("check --spec spec");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("is DEFERRABLE, which mysql does not have") != std::string::npos);
}

TEST_CASE("a deferred foreign key is checked at commit by PostgreSQL and SQLite, and drift sees it",
          "[deferrable][drift][pg][sqlite]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("defer-") + db::to_string(e));
      p.file("schemaforge.yaml", project_file(e)).file("spec/t.yaml", spec("deferred"));
      p.generate();
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
      auto c = db.connect();
      test::run_script(*c, p.schema_sql(e));
      child_first(*c);
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM children").scalar()) == 1);
      auto clean = p.run("drift --spec spec --dsn " + dsn);
      INFO(clean.output);
      CHECK(clean.exit_code == 0);
      if (e != db::Engine::postgres) continue;  // SQLite keeps DEFERRABLE only in the table's text
      auto inspected = p.run("inspect --yaml --dsn " + dsn);
      CHECK(inspected.output.find("deferrable: deferred") != std::string::npos);
      p.file("spec/t.yaml", spec(""));
      auto differs = p.run("drift --spec spec --dsn " + dsn);
      INFO(differs.output);
      CHECK(differs.exit_code == 1);
      CHECK(differs.output.find("[foreign_key_differs]") != std::string::npos);
    }
  }
}

TEST_CASE("migrate new makes a foreign key deferrable and back, up and down, on PostgreSQL", "[deferrable][migrate][pg]") {
  test::TempProject p("defer-migrate");
  p.file("schemaforge.yaml", project_file(db::Engine::postgres)).file("spec/t.yaml", spec(""));
  REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
  p.file("spec/t.yaml", spec("deferred"));
  auto changed = p.run("migrate new defer_parent --spec spec --dir migrations");
  INFO(changed.output);
  REQUIRE(changed.exit_code == 0);
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  auto deferred = [&] {
    return db::as_bool(db.connect()->query("SELECT condeferred FROM pg_constraint WHERE conname = 'fk_children_parent'").scalar());
  };
  REQUIRE(p.run("migrate up --dir migrations --dsn " + dsn).exit_code == 0);
  CHECK(deferred());
  CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);
  REQUIRE(p.run("migrate down 1 --dir migrations --dsn " + dsn).exit_code == 0);
  CHECK_FALSE(deferred());
}

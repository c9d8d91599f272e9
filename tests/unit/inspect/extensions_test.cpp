// PostgreSQL extensions: named in YAML, SQL or the project file, created by
// generate and by migrations before the columns that use their types, read
// back by inspect, compared by drift (missing or extra), and left out on the
// engines that have none.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

const std::string users_spec =
    "tables:\n  users:\n    primary_key: id\n    columns:\n      id: bigint\n"
    "      email: { type: text, native: { postgres: citext } }\n";

bool has_extension(db::Connection& c, const std::string& name) {
  return db::as_int(c.query("SELECT COUNT(*) FROM pg_extension WHERE extname = $1", {name}).scalar()) == 1;
}

}  // namespace

TEST_CASE("extensions read the same from YAML, SQL, markdown and the project file, and a bad name is refused", "[extensions][ingest]") {
  test::TempProject yaml("ext-yaml"), sql("ext-sql"), project("ext-project"), md("ext-md");
  yaml.file("spec/users.yaml", "extensions: [citext, \"uuid-ossp\"]\n" + users_spec);
  sql.file("schemaforge.yaml", "engines: [postgres]\n")
      .file("spec/schema.sql",
            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;\nCREATE EXTENSION \"uuid-ossp\";\n"
            "CREATE TABLE users (id bigint PRIMARY KEY, email citext NOT NULL);\n");
  project.file("schemaforge.yaml", "extensions: [citext, uuid-ossp]\n").file("spec/users.yaml", users_spec);
  md.file("schemaforge.yaml", "engines: [postgres]\n")
      .file("spec/users.md", "# users\n\nPeople.\n\n```sql\nCREATE EXTENSION IF NOT EXISTS citext;\nCREATE EXTENSION \"uuid-ossp\";\n"
                             "CREATE TABLE users (id bigint PRIMARY KEY, email citext NOT NULL);\n```\n");
  for (const auto* p : {&yaml, &sql, &project, &md}) {
    auto loaded = cli::load_and_validate({p->spec()});
    INFO(p->root().string() << "\n" << test::all_messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    CHECK(loaded.schema.extensions == std::vector<std::string>{"citext", "uuid-ossp"});
  }
  test::TempProject bad("ext-bad");
  bad.file("spec/users.yaml", "extensions: [\"citext; DROP TABLE users\"]\n" + users_spec);
  auto r = bad.run("check --spec spec");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("is not an extension name") != std::string::npos);
}

TEST_CASE("generate creates the extensions a schema needs, inspect reads them back and drift compares them", "[extensions][drift][pg]") {
  test::TempProject p("ext-drift");
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\ngenerated_views: []\nextensions: [citext]\n").file("spec/users.yaml", users_spec);
  p.generate();
  CHECK(p.schema_sql(db::Engine::postgres).find("CREATE EXTENSION IF NOT EXISTS citext;") != std::string::npos);
  CHECK(p.schema_sql(db::Engine::sqlite).find("EXTENSION") == std::string::npos);

  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  auto c = db.connect();
  test::run_script(*c, p.schema_sql(db::Engine::postgres));
  c->execute("INSERT INTO users (id, email) VALUES (1, 'Ann@Example.org')");
  CHECK(db::as_int(c->query("SELECT id FROM users WHERE email = 'ann@example.ORG'").scalar()) == 1);  // citext compares case-blind
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);

  auto written = p.run("inspect --dsn " + dsn + " --out adopted");
  INFO(written.output);
  REQUIRE(written.exit_code == 0);
  CHECK(test::read_file(p.root() / "adopted" / "schemaforge.yaml").find("extensions: [citext]") != std::string::npos);

  c->execute("CREATE EXTENSION pg_trgm");
  auto extra = p.run("drift --json --spec spec --dsn " + dsn + " --fix-sql fix.sql");
  INFO(extra.output);
  CHECK(extra.exit_code == 1);
  CHECK(extra.output.find("\"kind\": \"extra_extension\"") != std::string::npos);
  test::run_script(*c, test::read_file(p.root() / "fix.sql"));
  CHECK_FALSE(has_extension(*c, "pg_trgm"));
  CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);
}

TEST_CASE("migrate new creates an extension before the column that needs it and drops it after, on PostgreSQL only",
          "[extensions][migrate][pg]") {
  test::TempProject p("ext-migrate");
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\ngenerated_views: []\n")
      .file("spec/users.yaml", "tables:\n  users:\n    primary_key: id\n    columns:\n      id: bigint\n");
  REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\ngenerated_views: []\nextensions: [citext]\n").file("spec/users.yaml", users_spec);
  auto added = p.run("migrate new add_email --spec spec --dir migrations");
  INFO(added.output);
  REQUIRE(added.exit_code == 0);
  const std::string up = test::read_file(p.root() / "migrations" / "postgres" / "0002_add_email.up.sql");
  const auto create = up.find("CREATE EXTENSION IF NOT EXISTS citext"), column = up.find("ADD COLUMN email citext");
  CHECK(create != std::string::npos);
  CHECK(column != std::string::npos);
  CHECK(create < column);
  CHECK(test::read_file(p.root() / "migrations" / "postgres" / "0002_add_email.down.sql").find("DROP EXTENSION IF EXISTS citext") !=
        std::string::npos);
  CHECK(test::read_file(p.root() / "migrations" / "sqlite" / "0002_add_email.up.sql").find("EXTENSION") == std::string::npos);

  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  auto step = [&](const std::string& args) {
    auto r = p.run("migrate " + args + " --dir migrations --dsn " + dsn);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  };
  step("up");
  auto c = db.connect();
  CHECK(has_extension(*c, "citext"));
  CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);
  step("down 1");
  CHECK_FALSE(has_extension(*c, "citext"));
}

// Target engines (schemaforge.yaml and a table's own `engines:`): a table is
// held to the limits of the engines it targets only, rendered and migrated
// for those only, and drift expects it only there. Warnings that merely do
// not port carry a rule a table can allow.
#include <catch2/catch.hpp>

#include <fstream>

#include "generator/migrate/new_migration.hpp"
#include "generator/model/targets.hpp"
#include "generator/render/generate.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/live_schema.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

// A project folder of this test: an optional schemaforge.yaml at its root,
// specs under spec/, and a .git marker so the project-file search stops here.
struct TempProject {
  fs::path root;
  explicit TempProject(const std::string& tag) {
    static int n = 0;
    root = fs::temp_directory_path() / ("sf-targets-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::remove_all(root);
    fs::create_directories(root / "spec");
    fs::create_directories(root / ".git");
  }
  ~TempProject() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;
  const TempProject& file(const std::string& rel, const std::string& text) const {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
    return *this;
  }
  [[nodiscard]] fs::path spec() const { return root / "spec"; }
  [[nodiscard]] ingest::LoadResult load() const { return cli::load_and_validate({spec()}); }
};

std::size_t errors(const model::Diagnostics& d) { return d.count(model::Severity::error); }

// A PostgreSQL-native table: a GIN index over a text column, which MySQL
// could not index without a prefix length.
constexpr const char* search_docs = R"(tables:
  search_docs:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      body: text
      tags: json
    indexes:
      idx_search_docs_body: [body]
      idx_search_docs_tags: { columns: [tags jsonb_path_ops], using: gin }
)";

}  // namespace

TEST_CASE("a table that targets PostgreSQL alone is not held to MySQL's index rules", "[targets][validate]") {
  SECTION("targeting every engine, MySQL's and SQLite's limits are errors") {
    TempProject p("all");
    p.file("spec/search.yaml", search_docs);
    auto r = p.load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "covers search_docs.body (text), which mysql cannot index without a prefix length").loc.line == 9);
    test::find_diag(r.diagnostics, model::Severity::error, "uses method gin, which sqlite does not have");
  }
  SECTION("the project targets PostgreSQL") {
    TempProject p("pg-project");
    p.file("schemaforge.yaml", "engines: [postgresql]\n").file("spec/search.yaml", search_docs);
    auto r = p.load();
    INFO(test::all_messages(r.diagnostics));
    CHECK(errors(r.diagnostics) == 0);
    CHECK(r.schema.engines == std::vector<std::string>{"postgres"});
    CHECK(r.project_file.find("schemaforge.yaml") != std::string::npos);
  }
  SECTION("the table targets PostgreSQL in an all-engine project") {
    TempProject p("pg-table");
    std::string spec = search_docs;
    spec.insert(spec.find("    primary_key"), "    engines: [pg]\n");
    p.file("spec/search.yaml", spec);
    auto r = p.load();
    INFO(test::all_messages(r.diagnostics));
    CHECK(errors(r.diagnostics) == 0);
    REQUIRE(r.schema.tables.size() == 1);
    CHECK(r.schema.tables[0].engines == std::vector<std::string>{"postgres"});
    CHECK(model::targets(r.schema, r.schema.tables[0], "postgres"));
    CHECK_FALSE(model::targets(r.schema, r.schema.tables[0], "mysql"));
  }
  SECTION("markdown says it in a line under the title") {
    TempProject p("pg-markdown");
    p.file("spec/search_docs.md", "# search_docs\n\nFull-text search documents.\n\nEngines: postgres\n\n## Columns\n"
                                  "| Column | Type | Null | Default | Description |\n| --- | --- | --- | --- | --- |\n"
                                  "| id | BIGINT | NO |  | Key. |\n| body | TEXT | NO |  | Text. |\n\n"
                                  "## Engine Details\n\n### postgres\n\nPrimary key: id\n\nIndexes:\n| Name | Columns |\n| --- | --- |\n"
                                  "| idx_search_docs_body | body |\n");
    auto r = p.load();
    INFO(test::all_messages(r.diagnostics));
    CHECK(errors(r.diagnostics) == 0);
    REQUIRE(r.schema.tables.size() == 1);
    CHECK(r.schema.tables[0].engines == std::vector<std::string>{"postgres"});
    CHECK(r.schema.tables[0].description == "Full-text search documents.");
  }
}

TEST_CASE("target engines are checked where they are written", "[targets][validate]") {
  SECTION("a table cannot target an engine its project does not") {
    TempProject p("outside");
    p.file("schemaforge.yaml", "# our service runs on PostgreSQL\nengines: [postgres]\n")
        .file("spec/t.yaml", "tables:\n  t:\n    engines: [mysql]\n    primary_key: id\n    columns:\n      id: bigint\n");
    auto r = p.load();
    const auto& d = test::find_diag(r.diagnostics, model::Severity::error, "targets mysql, which the project does not");
    CHECK(d.loc.line == 2);
  }
  SECTION("an unknown engine or key in the project file names its line") {
    TempProject p("bad-project");
    p.file("schemaforge.yaml", "engines:\n  - postgres\n  - oracle\nengins: [sqlite]\n").file("spec/t.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n");
    auto r = p.load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "unknown engine 'oracle'").loc.file.find("schemaforge.yaml") != std::string::npos);
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "unknown key 'engins'").loc.line == 4);
  }
  SECTION("an unknown engine on a table") {
    TempProject p("bad-table");
    p.file("spec/t.yaml", "tables:\n  t:\n    engines: [postgres, db2]\n    primary_key: id\n    columns:\n      id: bigint\n");
    auto r = p.load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "unknown engine 'db2'").loc.line == 3);
  }
  SECTION("a foreign key cannot reach a table an engine does not create") {
    TempProject p("fk");
    p.file("spec/t.yaml", "tables:\n  accounts:\n    engines: [postgres]\n    primary_key: id\n    columns:\n      id: bigint\n"
                          "  orders:\n    primary_key: id\n    columns:\n      id: bigint\n      account_id: bigint\n"
                          "    foreign_keys:\n      fk_orders_account: { columns: [account_id], references: accounts(id) }\n");
    auto r = p.load();
    const auto& d = test::find_diag(r.diagnostics, model::Severity::error, "which is not created on mysql, sqlite");
    CHECK(d.loc.line == 13);
  }
}

TEST_CASE("index and constraint names are unique where each targeted engine needs them", "[targets][validate]") {
  // Two tables each with an index idx_status and a foreign key fk_owner.
  auto two_tables = [](const std::string& project) {
    auto p = std::make_unique<TempProject>("names");
    if (!project.empty()) p->file("schemaforge.yaml", project);
    std::string spec = "tables:\n  owners:\n    primary_key: id\n    columns:\n      id: bigint\n";
    for (const char* t : {"a", "b"})
      spec += std::string("  ") + t + ":\n    primary_key: id\n    columns:\n      id: bigint\n      status: varchar(20)\n"
              "      owner_id: bigint\n    indexes:\n      idx_status: [status]\n    foreign_keys:\n"
              "      fk_owner: { columns: [owner_id], references: owners(id) }\n";
    p->file("spec/t.yaml", spec);
    return p;
  };
  SECTION("MySQL: index names are per table, foreign key names per database") {
    auto r = two_tables("engines: [mysql]\n")->load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "foreign key name 'fk_owner' is already used").message.find("mysql keeps foreign key names unique") != std::string::npos);
    CHECK(test::all_messages(r.diagnostics).find("index name 'idx_status'") == std::string::npos);
  }
  SECTION("PostgreSQL: index names are per schema, constraint names per table") {
    auto r = two_tables("engines: [postgres]\n")->load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "index name 'idx_status' is already used").message.find("postgres keeps index names unique") != std::string::npos);
    CHECK(test::all_messages(r.diagnostics).find("fk_owner") == std::string::npos);
  }
  SECTION("within one table a name is used once per kind") {
    TempProject p("in-table");
    p.file("spec/t.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      a: int\n"
                          "    unique_keys:\n      uq_a: [a]\n    indexes:\n      uq_a: [a, id]\n");
    auto r = p.load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "is already used in 't'").loc.line == 10);
  }
}

TEST_CASE("a warning that merely does not port names its rule, and a table can allow it", "[targets][validate]") {
  const std::string table = "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      order: int\n";
  SECTION("reported with its rule, for the engines targeted") {
    TempProject p("rule");
    p.file("spec/t.yaml", table);
    auto r = p.load();
    const auto& d = test::find_diag(r.diagnostics, model::Severity::warning, "column 't.order' is a reserved word in postgres, mysql, sqlite");
    CHECK(d.rule == "reserved-word");
    CHECK(d.str().size() > std::string(" [reserved-word]").size());
    CHECK(d.str().substr(d.str().size() - 16) == " [reserved-word]");
  }
  SECTION("allowed") {
    TempProject p("allow");
    std::string spec = table;
    spec.insert(spec.find("    primary_key"), "    allow: [reserved-word]\n");
    p.file("spec/t.yaml", spec);
    auto r = p.load();
    INFO(test::all_messages(r.diagnostics));
    CHECK(r.diagnostics.count(model::Severity::warning) == 0);
  }
  SECTION("a rule that does not exist is an error, not silence") {
    TempProject p("allow-typo");
    std::string spec = table;
    spec.insert(spec.find("    primary_key"), "    allow: [reserved-words]\n");
    p.file("spec/t.yaml", spec);
    auto r = p.load();
    test::find_diag(r.diagnostics, model::Severity::error, "allows 'reserved-words', which is no warning rule (known: reserved-word");
  }
}

TEST_CASE("generate writes SQL for the targeted engines only", "[targets][render]") {
  TempProject p("generate");
  p.file("spec/search.yaml", std::string(search_docs).insert(std::string(search_docs).find("    primary_key"), "    engines: [postgres]\n"))
      .file("spec/notes.yaml", "tables:\n  notes:\n    primary_key: id\n    columns:\n      id: bigint\n      body: varchar(200)\n");
  const fs::path out = p.root / "out";
  auto all = test::run_cli("generate --spec " + p.spec().string() + " --out " + out.string());
  INFO(all.output);
  REQUIRE(all.exit_code == 0);
  const std::string pg = test::read_file(out / "postgres/schema.sql"), my = test::read_file(out / "mysql/schema.sql");
  CHECK(pg.find("CREATE TABLE IF NOT EXISTS search_docs") != std::string::npos);
  CHECK(pg.find("vw_search_docs") != std::string::npos);
  CHECK(my.find("search_docs") == std::string::npos);
  CHECK(my.find("notes") != std::string::npos);
  CHECK(test::read_file(out / "sqlite/schema.sql").find("search_docs") == std::string::npos);
  CHECK(test::read_file(out / "schema.json").find("\"engines\": [\n        \"postgres\"\n      ]") != std::string::npos);

  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\n");
  fs::remove_all(out);
  auto narrowed = test::run_cli("generate --spec " + p.spec().string() + " --out " + out.string());
  REQUIRE(narrowed.exit_code == 0);
  CHECK(fs::exists(out / "postgres/schema.sql"));
  CHECK(fs::exists(out / "sqlite/schema.sql"));
  CHECK_FALSE(fs::exists(out / "mysql"));
  auto refused = test::run_cli("generate --dialect mysql --spec " + p.spec().string() + " --out " + out.string());
  CHECK(refused.exit_code == 2);
  CHECK(refused.output.find("the project targets postgres, sqlite") != std::string::npos);
}

TEST_CASE("migrate new writes for the targeted engines, and a table that starts targeting one is created there", "[targets][migrate]") {
  TempProject p("migrate");
  p.file("spec/notes.yaml", "tables:\n  notes:\n    engines: [postgres]\n    primary_key: id\n    columns:\n      id: bigint\n      body: varchar(200)\n");
  const fs::path dir = p.root / "migrations";
  auto first = test::run_cli("migrate new init --spec " + p.spec().string() + " --dir " + dir.string());
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  const auto up = [&](const char* engine, const char* version) {
    for (const auto& e : fs::directory_iterator(dir / engine))
      if (e.path().filename().string().rfind(version, 0) == 0 && e.path().string().find(".up.sql") != std::string::npos)
        return test::read_file(e.path());
    return std::string{};
  };
  CHECK(up("postgres", "0001").find("CREATE TABLE IF NOT EXISTS notes") != std::string::npos);
  CHECK(up("mysql", "0001").find("notes") == std::string::npos);

  // The table now targets MySQL too: a MySQL-only CREATE, nothing for PostgreSQL.
  p.file("spec/notes.yaml", "tables:\n  notes:\n    engines: [postgres, mysql]\n    primary_key: id\n    columns:\n      id: bigint\n      body: varchar(200)\n");
  auto second = test::run_cli("migrate new notes_on_mysql --spec " + p.spec().string() + " --dir " + dir.string());
  INFO(second.output);
  REQUIRE(second.exit_code == 0);
  CHECK(second.output.find("create table notes (on mysql)") != std::string::npos);
  CHECK(up("mysql", "0002").find("CREATE TABLE IF NOT EXISTS notes") != std::string::npos);
  CHECK(up("postgres", "0002").find("CREATE TABLE") == std::string::npos);
  CHECK(up("sqlite", "0002").find("CREATE TABLE") == std::string::npos);

  // Dropping an engine from a table destroys its rows there: refused unless allowed.
  p.file("spec/notes.yaml", "tables:\n  notes:\n    engines: [postgres]\n    primary_key: id\n    columns:\n      id: bigint\n      body: varchar(200)\n");
  auto third = test::run_cli("migrate new notes_off_mysql --spec " + p.spec().string() + " --dir " + dir.string());
  CHECK(third.exit_code == 1);
  CHECK(third.output.find("no longer targets mysql") != std::string::npos);
}

TEST_CASE("drift expects a table only on the engines it targets, and refuses an engine the project does not target", "[targets][drift]") {
  TempProject p("drift");
  p.file("spec/search.yaml", std::string(search_docs).insert(std::string(search_docs).find("    primary_key"), "    engines: [postgres]\n"))
      .file("spec/notes.yaml", "tables:\n  notes:\n    primary_key: id\n    columns:\n      id: bigint\n      body: varchar(200)\n");
  const fs::path out = p.root / "out";
  REQUIRE(test::run_cli("generate --spec " + p.spec().string() + " --out " + out.string()).exit_code == 0);
  for (db::Engine e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      test::run_script(*c, test::read_file(out / db::to_string(e) / "schema.sql"));
      const auto live = test::read_live_schema(*c);
      CHECK(live.tables.count("search_docs") == (e == db::Engine::postgres ? 1U : 0U));
      CHECK(live.tables.count("notes") == 1);
      auto drift = test::run_cli("drift --spec " + p.spec().string() + " --dsn " + test::shell_quote(test::dsn_string(scratch.dsn())));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
    }
  }
  p.file("schemaforge.yaml", "engines: [postgres]\n");
  test::ScratchDatabase lite(db::Engine::sqlite);
  auto refused = test::run_cli("drift --spec " + p.spec().string() + " --dsn " + test::shell_quote(test::dsn_string(lite.dsn())));
  CHECK(refused.exit_code == 2);
  CHECK(refused.output.find("the project targets postgres") != std::string::npos);
}

TEST_CASE("ON DELETE SET NULL on a NOT NULL column is an error where MySQL is targeted, a warning elsewhere, and PostgreSQL takes it", "[targets][validate][pg]") {
  const std::string spec = "tables:\n  owners:\n    primary_key: id\n    columns:\n      id: bigint\n"
                           "  pets:\n    primary_key: id\n    columns:\n      id: bigint\n      owner_id: bigint\n"
                           "    foreign_keys:\n      fk_pets_owner: { columns: [owner_id], references: owners(id), on_delete: set null }\n";
  {
    TempProject p("set-null-all");
    p.file("spec/t.yaml", spec);
    auto r = p.load();
    CHECK(test::find_diag(r.diagnostics, model::Severity::error, "pets.owner_id is NOT NULL, which mysql refuses").loc.line == 12);
  }
  TempProject p("set-null-pg");
  p.file("schemaforge.yaml", "engines: [postgres]\n").file("spec/t.yaml", spec);
  auto r = p.load();
  INFO(test::all_messages(r.diagnostics));
  CHECK(errors(r.diagnostics) == 0);
  CHECK(test::find_diag(r.diagnostics, model::Severity::warning, "a DELETE of the referenced row will fail").rule == "set-null-not-null");

  const fs::path out = p.root / "out";
  REQUIRE(test::run_cli("generate --spec " + p.spec().string() + " --out " + out.string()).exit_code == 0);
  test::ScratchDatabase pg(db::Engine::postgres);
  if (!pg.ok()) return;
  auto c = pg.connect();
  test::run_script(*c, test::read_file(out / "postgres/schema.sql"));
  c->execute("INSERT INTO owners (id) VALUES (1)");
  c->execute("INSERT INTO pets (id, owner_id) VALUES (1, 1)");
  CHECK_THROWS(c->execute("DELETE FROM owners WHERE id = 1"));  // what the warning says
  auto drift = test::run_cli("drift --spec " + p.spec().string() + " --dsn " + test::shell_quote(test::dsn_string(pg.dsn())));
  INFO(drift.output);
  CHECK(drift.exit_code == 0);
}

TEST_CASE("an identity key is unsigned only where an engine has unsigned integers and the spec did not say signed", "[targets][validate]") {
  auto id_of = [](const ingest::LoadResult& r, const char* table) {
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(errors(r.diagnostics) == 0);
    return *r.schema.find_table(table)->find_column("id");
  };
  TempProject p("signed");
  p.file("spec/t.yaml", "tables:\n  plain:\n    primary_key: id\n    columns:\n      id: { type: int, identity: true }\n"
                        "  said_signed:\n    primary_key: id\n    columns:\n      id: { type: int, identity: true, unsigned: false }\n")
      .file("spec/dump.sql", "CREATE TABLE dumped (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY);\n");
  auto all = p.load();
  CHECK(id_of(all, "plain").is_unsigned);  // the convention where MySQL is targeted
  CHECK_FALSE(id_of(all, "said_signed").is_unsigned);
  CHECK_FALSE(id_of(all, "dumped").is_unsigned);  // a DDL file says what it means
  p.file("schemaforge.yaml", "engines: [postgres, sqlite]\n");
  CHECK_FALSE(id_of(p.load(), "plain").is_unsigned);  // no engine of the project has unsigned integers
}

TEST_CASE("generated views are the project's and the table's choice, and an inspected database keeps the ones it has", "[targets][views][sqlite]") {
  auto views_of = [](const ingest::LoadResult& r, const char* table) {
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(errors(r.diagnostics) == 0);
    std::vector<std::string> out;
    for (const auto& v : r.schema.find_table(table)->views) out.push_back(v.name);
    return out;
  };
  const std::string jobs = "tables:\n  tasks:\n    primary_key: id\n    columns:\n      id: { type: bigint, identity: true }\n"
                           "      status: { type: \"enum('pending','running','done','failed')\", default: pending }\n"
                           "  notes:\n    primary_key: id\n    columns:\n      id: bigint\n";
  TempProject p("views");
  p.file("spec/t.yaml", jobs);
  CHECK(views_of(p.load(), "tasks") == std::vector<std::string>{"vw_tasks", "vw_tasks_status"});
  p.file("schemaforge.yaml", "generated_views: [status]\n");
  CHECK(views_of(p.load(), "tasks") == std::vector<std::string>{"vw_tasks_status"});
  CHECK(views_of(p.load(), "notes").empty());
  p.file("schemaforge.yaml", "generated_views: []\n");
  CHECK(views_of(p.load(), "tasks").empty());
  p.file("spec/t.yaml", jobs + "overlays:\n  notes:\n    generated_views: [contract]\n");
  CHECK(views_of(p.load(), "notes") == std::vector<std::string>{"vw_notes"});
  p.file("schemaforge.yaml", "generated_views: [contracts]\n");
  CHECK(test::find_diag(p.load().diagnostics, model::Severity::error, "unknown view role 'contracts'").loc.line == 1);

  // A database schemaforge did not create: its inspected spec generates no
  // views, so generate + apply + drift against the original are clean.
  test::ScratchDatabase source(db::Engine::sqlite), copy(db::Engine::sqlite);
  auto src = source.connect();
  src->execute("CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body TEXT)");
  TempProject adopted("adopted");
  auto inspected = test::run_cli("inspect --yaml --dsn " + test::shell_quote(test::dsn_string(source.dsn())));
  REQUIRE(inspected.exit_code == 0);
  CHECK(inspected.output.find("generated_views: []") != std::string::npos);
  adopted.file("spec/live.yaml", inspected.output);
  auto drift = test::run_cli("drift --spec " + adopted.spec().string() + " --dsn " + test::shell_quote(test::dsn_string(source.dsn())));
  INFO(drift.output);
  CHECK(drift.exit_code == 0);
  REQUIRE(test::run_cli("generate --spec " + adopted.spec().string() + " --out " + (adopted.root / "out").string()).exit_code == 0);
  CHECK(test::read_file(adopted.root / "out/sqlite/schema.sql").find("CREATE VIEW") == std::string::npos);
}

TEST_CASE("a default that takes nextval() of a sequence no spec creates is a warning, and what it says is so",
          "[targets][validate][pg]") {
  TempProject p("sequence-not-created");
  p.file("schemaforge.yaml", "engines: [postgres]\ngenerated_views: []\n")
      .file("spec/s.sql",
            "CREATE SEQUENCE public.invoice_no_seq START WITH 1000;\n"
            "CREATE TABLE public.invoices (\n    id integer NOT NULL PRIMARY KEY,\n"
            "    number bigint DEFAULT nextval('public.invoice_no_seq'::regclass) NOT NULL\n);\n");
  auto r = p.load();
  INFO(test::all_messages(r.diagnostics));
  CHECK(errors(r.diagnostics) == 0);
  const auto& w = test::find_diag(r.diagnostics, model::Severity::warning, "takes nextval('public.invoice_no_seq'), a sequence no spec creates");
  CHECK(w.rule == "sequence-not-created");
  CHECK(w.loc.line == 4);

  const fs::path out = p.root / "out";
  REQUIRE(test::run_cli("generate --spec " + p.spec().string() + " --out " + out.string()).exit_code == 0);
  test::ScratchDatabase pg(db::Engine::postgres);
  if (!pg.ok()) return;
  auto c = pg.connect();
  CHECK_THROWS(test::run_script(*c, test::read_file(out / "postgres/schema.sql")));  // what the warning says
  c->execute("CREATE SEQUENCE public.invoice_no_seq START WITH 1000");
  test::run_script(*c, test::read_file(out / "postgres/schema.sql"));
  c->execute("INSERT INTO invoices (id) VALUES (1)");
  CHECK(db::as_int(c->query("SELECT number FROM invoices").scalar()) == 1000);
}

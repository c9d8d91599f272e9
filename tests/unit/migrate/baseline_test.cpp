// `migrate baseline`: a database that already has the schema (it was made
// before schemaforge, or adopted with `inspect --out`) is recorded as being at
// the latest migration without running it, once drift says it matches; the
// next spec change is then the first migration applied to it. On each engine.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"

namespace fs = std::filesystem;

namespace {

struct Project {
  fs::path root;
  std::string dsn;  // with the password, passed through the environment only
  explicit Project(const std::string& tag, std::string dsn_text) : dsn(std::move(dsn_text)) {
    root = fs::temp_directory_path() / ("sf-baseline-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / ".git");
    fs::create_directories(root / "spec");
    std::ofstream(root / "schemaforge.yaml") << "spec: [spec]\nmigrations: migrations\ngenerated_views: []\n";
    spec("      title: varchar(200)\n");
  }
  ~Project() { fs::remove_all(root); }
  void spec(const std::string& extra_columns) const {
    std::ofstream(root / "spec/books.yaml") << "tables:\n"
                                                "  books:\n"
                                                "    primary_key: id\n"
                                                "    columns:\n"
                                                "      id: { type: bigint, identity: true }\n"
                                             << extra_columns;
  }
  [[nodiscard]] sf::test::CliRun run(const std::string& args) const {
    return sf::test::run_cli_in(root, "SCHEMAFORGE_DSN=" + sf::test::shell_quote(dsn), args);
  }
  // The first migration's SQL run by hand: a database made outside schemaforge.
  void create_outside_schemaforge(sf::db::Connection& c, const char* engine) const {
    std::ifstream in(root / "migrations" / engine / "0001_init.up.sql");
    const std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE_FALSE(sql.empty());
    sf::test::run_script(c, sql);
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::int64_t history_rows(sf::db::Connection& c) {
  return sf::db::as_int(c.query("SELECT count(*) FROM schemaforge_migrations").rows.at(0).at(0));
}

}  // namespace

TEST_CASE("baseline records a matching database at the latest migration, and the next change is the first one run", "[migrate][baseline]") {
  for (auto engine : {sf::db::Engine::sqlite, sf::db::Engine::postgres, sf::db::Engine::mysql}) {
    sf::test::ScratchDatabase scratch(engine);
    if (!scratch.ok()) continue;
    const char* name = sf::test::engine_name(engine);
    DYNAMIC_SECTION(name) {
      Project p(name, sf::test::dsn_string(scratch.dsn()));
      REQUIRE(p.run("migrate new init").exit_code == 0);
      auto c = scratch.connect();
      p.create_outside_schemaforge(*c, name);

      auto base = p.run("migrate baseline");
      INFO(base.output);
      REQUIRE(base.exit_code == 0);
      CHECK(has(base.output, "baseline: 0001 recorded as applied"));
      CHECK_FALSE(has(base.output, scratch.dsn().password.empty() ? "\x01" : scratch.dsn().password));
      CHECK(history_rows(*c) == 1);
      CHECK(has(p.run("migrate status").output, "applied"));

      // Baseline once: a database with history is migrated, not adopted.
      auto again = p.run("migrate baseline");
      CHECK(again.exit_code == 1);
      CHECK(has(again.output, "already records 1 migration(s)"));

      // The next spec change is the first migration that runs here.
      p.spec("      title: varchar(200)\n      isbn: { type: varchar(20), nullable: true }\n");
      REQUIRE(p.run("migrate new add_isbn").exit_code == 0);
      auto up = p.run("migrate up");
      INFO(up.output);
      CHECK(up.exit_code == 0);
      CHECK(has(up.output, "migrate up: 1 migration(s) applied"));
      c->execute("INSERT INTO books (title, isbn) VALUES ('Dune', '978-0441013593')");
      CHECK(p.run("drift").exit_code == 0);
    }
  }
}

TEST_CASE("baseline refuses a database that does not match, and records nothing", "[migrate][baseline]") {
  sf::test::ScratchDatabase scratch(sf::db::Engine::postgres);
  if (!scratch.ok()) return;
  Project p("differs", sf::test::dsn_string(scratch.dsn()));
  REQUIRE(p.run("migrate new init").exit_code == 0);
  auto c = scratch.connect();
  p.create_outside_schemaforge(*c, "postgres");
  c->execute("ALTER TABLE books ADD COLUMN subtitle text");

  auto r = p.run("migrate baseline");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(has(r.output, "subtitle"));
  CHECK(has(r.output, "nothing recorded"));
  CHECK(c->query("SELECT 1 FROM information_schema.tables WHERE table_name = 'schemaforge_migrations'").rows.empty());

  SECTION("nor specs that no migration covers yet") {
    c->execute("ALTER TABLE books DROP COLUMN subtitle");
    p.spec("      title: varchar(200)\n      pages: { type: int, nullable: true }\n");
    auto u = p.run("migrate baseline");
    CHECK(u.exit_code == 1);
    CHECK(has(u.output, "run `schemaforge migrate new <name>` first"));
  }
}

// The project file as a user's CI relies on it: run from the project folder
// with no flags but --env, every command finds its specs, migration folder and
// database there; what cannot work says what to pass, and never shows a
// password.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"

namespace fs = std::filesystem;

namespace {

// A project folder of its own (with .git, so no file above it is found).
struct ProjectDir {
  fs::path root;
  explicit ProjectDir(const std::string& tag) {
    root = fs::temp_directory_path() / ("sf-project-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / ".git");
    fs::create_directories(root / "db/spec");
    std::ofstream(root / "db/spec/notes.yaml") << "tables:\n"
                                                   "  notes:\n"
                                                   "    primary_key: id\n"
                                                   "    columns:\n"
                                                   "      id: { type: bigint, identity: true }\n"
                                                   "      body: text\n";
  }
  ~ProjectDir() { fs::remove_all(root); }
  void project_file(const std::string& text) const { std::ofstream(root / "schemaforge.yaml") << text; }
  // Runs schemaforge in the project folder (or `sub` below it) with `env` before it.
  [[nodiscard]] sf::test::CliRun run(const std::string& env, const std::string& args, const std::string& sub = ".") const {
    return sf::test::run_cli_in(root / sub, env, args);
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("with a project file, migrate and drift need no flag but --env", "[cli][project]") {
  ProjectDir p("envs");
  sf::test::ScratchDatabase pg(sf::db::Engine::postgres);
  if (!pg.ok()) return;
  p.project_file("engines: [sqlite, postgres]\n"
                 "spec: [db/spec]\n"
                 "migrations: db/migrations\n"
                 "environments:\n"
                 "  dev: { dsn: \"sqlite:${NOTES_DB}\" }\n"
                 "  prod: { dsn_env: NOTES_PROD_DSN }\n");
  const std::string dev_db = (p.root / "dev.db").string();
  const std::string prod = "NOTES_PROD_DSN=" + sf::test::shell_quote(sf::test::dsn_string(pg.dsn()));

  auto check = p.run("", "check");
  CHECK(check.exit_code == 0);
  CHECK(has(check.output, "notes"));

  // From a folder below the project's root, paths still mean the project's.
  auto made = p.run("", "migrate new init", "db/spec");
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  CHECK(fs::exists(p.root / "db/migrations/sqlite"));
  CHECK(fs::exists(p.root / "db/migrations/postgres"));

  auto dev = p.run("NOTES_DB=" + sf::test::shell_quote(dev_db), "migrate up --env dev");
  INFO(dev.output);
  CHECK(dev.exit_code == 0);
  auto up = p.run(prod, "migrate up --env prod");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK_FALSE(has(up.output, pg.dsn().password));

  // The tables are there: read back from each database.
  auto sqlite = sf::db::connect("sqlite:" + dev_db);
  CHECK(sqlite->query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'notes'").rows.size() == 1);
  auto pg_conn = pg.connect();
  CHECK(pg_conn->query("SELECT 1 FROM information_schema.tables WHERE table_name = 'notes'").rows.size() == 1);

  auto drift = p.run(prod, "drift --env prod");
  INFO(drift.output);
  CHECK(drift.exit_code == 0);
  // A flag still wins over the project file.
  CHECK(p.run("", "drift --dsn " + sf::test::shell_quote("sqlite:" + dev_db) + " --env prod").exit_code == 0);

  SECTION("an unknown environment names the known ones") {
    auto r = p.run("", "migrate status --env staging");
    CHECK(r.exit_code == 2);
    CHECK(has(r.output, "defines no such environment (known: dev, prod)"));
  }
  SECTION("an unset variable is named, and nothing runs") {
    auto r = p.run("-u NOTES_PROD_DSN", "migrate up --env prod");
    CHECK(r.exit_code == 2);
    CHECK(has(r.output, "reads its DSN from $NOTES_PROD_DSN, which is not set"));
    auto d = p.run("-u NOTES_DB", "drift --env dev");
    CHECK(d.exit_code == 2);
    CHECK(has(d.output, "needs $NOTES_DB, which is not set"));
  }
}

TEST_CASE("a password written in the project file is refused where it stands, and not repeated", "[cli][project]") {
  ProjectDir p("password");
  p.project_file("spec: [db/spec]\n"
                 "environments:\n"
                 "  prod: { dsn: \"postgresql://app:hunter2@db.internal/app\" }\n");
  auto r = p.run("", "migrate status --env prod");
  CHECK(r.exit_code == 2);
  CHECK(has(r.output, "schemaforge.yaml:3: error: environments.prod.dsn holds a password; write it as ${VARIABLE}"));
  CHECK_FALSE(has(r.output, "hunter2"));
  auto check = p.run("", "check");
  CHECK(check.exit_code != 0);
  CHECK_FALSE(has(check.output, "hunter2"));
}

TEST_CASE("without --spec and without a project file, the commands say what to pass", "[cli][project]") {
  ProjectDir p("none");
  for (const char* command : {"check", "generate --out out", "drift --dsn sqlite::memory:"}) {
    auto r = p.run("", command);
    INFO(command << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK(has(r.output, "no specs: pass --spec <folder>, or keep a schemaforge.yaml with `spec: [<folder>]` here or above"));
  }
  auto r = p.run("-u SCHEMAFORGE_DSN", "migrate status");
  CHECK(r.exit_code == 2);
  CHECK(has(r.output, "no database: pass --dsn, --env <name>"));
}

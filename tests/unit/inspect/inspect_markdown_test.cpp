// `inspect --out --format markdown`: a live database written as docs in the
// seeds' columns-table form, with an overlay for what a doc cannot say, on
// each engine. The project must check clean, drift clean against the
// source, and generate a database whose catalogue equals the source's; a
// table the form cannot hold is written as YAML and named. And the reader
// rules the form leans on: a doc that starts with its key keeps its column
// order, a one-engine project keeps that engine's own types, an overlay
// keeps a primary key's name.
#include <catch2/catch.hpp>

#include <filesystem>

#include "generator/ingest/loader.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;
namespace fs = std::filesystem;

namespace {

// Per engine: a table whose key is not its first column in the doc's own
// order, names that need quoting, a quote and a pipe in a default, an
// enum, a unique key, an FK with actions, a check, a partial index where
// the engine has them (overlay), a view with a body (overlay); and a table
// with no key beside a lone integer `id`, which a doc would give one.
std::vector<std::string> source_ddl(db::Engine e) {
  const bool my = e == db::Engine::mysql, pg = e == db::Engine::postgres;
  const std::string q = my ? "`" : "\"";
  std::vector<std::string> out = {
      "CREATE TABLE teams (id bigint NOT NULL PRIMARY KEY, name varchar(80) NOT NULL)",
      "CREATE TABLE members (team_id bigint NOT NULL, seq int NOT NULL, email varchar(120) NOT NULL, "
      "note varchar(40) DEFAULT 'it''s a|b' NOT NULL, " +
          std::string(my ? "role enum('owner','member') NOT NULL DEFAULT 'member', " : "role varchar(10) NOT NULL DEFAULT 'member', ") +
          "active int NOT NULL DEFAULT 1, PRIMARY KEY (team_id, seq), CONSTRAINT uq_members_email UNIQUE (email), "
          "CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE, "
          "CONSTRAINT ck_members_seq CHECK (seq > 0))",
      "CREATE INDEX " + q + "members-by-role" + q + " ON members (role)",
      "CREATE TABLE audit (id int NOT NULL, what varchar(50))",
      std::string("CREATE VIEW active_members AS SELECT team_id, seq, email FROM members WHERE active = 1"),
  };
  if (!my) out.push_back("CREATE INDEX idx_members_active ON members (email) WHERE active = 1");
  if (pg) out.push_back("COMMENT ON TABLE members IS 'People on a team.'");
  return out;
}

}  // namespace

TEST_CASE("inspect --out --format markdown writes docs that check, generate and drift clean on every engine",
          "[inspect][markdown][adoption][pg][mysql][sqlite]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase source(e), copy(e);
      if (!source.ok() || !copy.ok()) continue;
      {
        auto c = source.connect();
        for (const auto& sql : source_ddl(e)) c->execute(sql);
      }
      const fs::path dir = fs::temp_directory_path() / ("sf-inspect-md-" + source.name());
      fs::remove_all(dir);
      const std::string dsn = test::shell_quote(test::dsn_string(source.dsn()));
      auto written = test::run_cli("inspect --dsn " + dsn + " --out " + dir.string() + " --format markdown");
      INFO(written.output);
      REQUIRE(written.exit_code == 0);
      const std::string doc = test::read_file(dir / "spec" / "members.md");
      INFO(doc);
      CHECK(doc.rfind("# members\n", 0) == 0);
      // SQLite declares what it was given; the others' types are the model's.
      CHECK(doc.find(e == db::Engine::sqlite ? "| team_id | sqlite: bigint | NO |" : "| team_id | bigint | NO |") != std::string::npos);
      CHECK(doc.find("Primary key: team_id, seq") != std::string::npos);
      CHECK(doc.find("\"members-by-role\"") != std::string::npos);
      CHECK(doc.find("'it''s a\\|b'") != std::string::npos);
      CHECK(fs::exists(dir / "spec" / "teams.md"));
      // A table with no key but a lone integer id: a doc would give it one, so it stays YAML, and inspect says so.
      CHECK(fs::exists(dir / "spec" / "audit.yaml"));
      CHECK_FALSE(fs::exists(dir / "spec" / "audit.md"));
      CHECK(written.output.find("written as YAML, not markdown: audit: the markdown form cannot say all of it") != std::string::npos);
      // The view's body is the overlay's; a partial index is the doc's.
      const std::string overlay = test::read_file(dir / "spec" / "members.overlay.yaml");
      CHECK(overlay.find("active_members") != std::string::npos);
      if (e != db::Engine::mysql) {
        CHECK(doc.find("| idx_members_active | email | CREATE INDEX idx_members_active ON members (email) WHERE ") != std::string::npos);
        CHECK(overlay.find("idx_members_active") == std::string::npos);
      }

      const std::string spec = (dir / "spec").string();
      auto check = test::run_cli("check --spec " + spec);
      INFO(check.output);
      CHECK(check.exit_code == 0);
      auto drift = test::run_cli("drift --spec " + spec + " --dsn " + dsn);
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      REQUIRE(test::run_cli("generate --spec " + spec + " --out " + (dir / "out").string()).exit_code == 0);
      test::run_script(*copy.connect(), test::read_file(dir / "out" / db::to_string(e) / "schema.sql"));
      auto strip = [](std::string json, const std::string& name) {  // the database's name is where it was read, no part of it
        for (auto at = json.find(name); at != std::string::npos; at = json.find(name)) json.replace(at, name.size(), "db");
        return json;
      };
      auto a = test::run_cli("inspect --dsn " + dsn), b = test::run_cli("inspect --dsn " + test::shell_quote(test::dsn_string(copy.dsn())));
      REQUIRE(a.exit_code == 0);
      REQUIRE(b.exit_code == 0);
      CHECK(strip(a.output, source.name()) == strip(b.output, copy.name()));
      fs::remove_all(dir);
    }
  }
}

TEST_CASE("a doc that starts with its key keeps its column order, and one that does not puts the key first",
          "[markdown][ingest]") {
  auto order = [](const std::string& rows) {
    auto r = ingest::load_text("spec/t.md", "# t\n\nThings.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n" + rows +
                                                "\n## Engine Details\n\n### postgres\n\nPrimary key: a, c\n");
    INFO(test::all_messages(r.diagnostics));
    REQUIRE_FALSE(r.diagnostics.has_errors());
    std::string names;
    for (const auto& c : r.schema.tables.at(0).columns) names += c.name + " ";
    return names;
  };
  CHECK(order("| a | int | NO |\n| b | int | NO |\n| c | int | NO |\n") == "a b c ");
  CHECK(order("| b | int | NO |\n| c | int | NO |\n| a | int | NO |\n") == "c a b ");
}

TEST_CASE("a one-engine project's markdown keeps that engine's own types, and an overlay keeps a key's name", "[markdown][ingest]") {
  test::TempProject p("md-native");
  p.file("schemaforge.yaml", "engines: [postgres]\n")
      .file("spec/hosts.md", "# hosts\n\nHosts.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n"
                             "| id | bigint | NO |\n| addr | postgres: inet | NO |\n| tags | text[] | YES |\n\n"
                             "## Engine Details\n\n### postgres\n\nPrimary key: id\n")
      .file("spec/hosts.overlay.yaml", "overlays:\n  hosts:\n    primary_key: { name: hosts_pk, columns: [id] }\n");
  auto loaded = cli::load_and_validate({p.spec()});
  INFO(test::all_messages(loaded.diagnostics));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const model::Table& t = *loaded.schema.find_table("hosts");
  CHECK(t.find_column("addr")->native_types.at("postgres") == "inet");
  CHECK(t.find_column("tags")->native_types.at("postgres") == "text[]");
  CHECK(t.primary_key->name == "hosts_pk");
  // On a project of several engines such a type is still an error that names it.
  p.file("schemaforge.yaml", "engines: [postgres, mysql]\n");
  auto r = p.run("check --spec spec");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("type of hosts.addr") != std::string::npos);
}

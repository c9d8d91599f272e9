// A unique key's DEFERRABLE and NULLS NOT DISTINCT (PostgreSQL 15): spelled
// in YAML and SQL, refused where MySQL or SQLite is targeted, enforced by
// the real server, read back by inspect, compared by drift, and switched by
// migrate up and down.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

// Seats are numbered per room; swapping two seats' numbers passes through a
// duplicate, which only a deferred key lets commit. A badge may be missing,
// but only once per room with NULLS NOT DISTINCT.
std::string seats(bool options) {
  return std::string("tables:\n  seats:\n    primary_key: id\n    columns:\n      id: bigint\n      room: int\n      number: int\n"
                     "      badge: { type: varchar(20), nullable: true }\n    unique_keys:\n") +
         (options ? "      uq_seats_number: { columns: [room, number], deferrable: deferred }\n"
                    "      uq_seats_badge: { columns: [room, badge], nulls_not_distinct: true }\n"
                  : "      uq_seats_number: [room, number]\n      uq_seats_badge: [room, badge]\n");
}

const char* pg_only = "engines: [postgres]\ngenerated_views: []\n";

// condeferred and NULLS NOT DISTINCT of each unique key: "name:deferred:nnd".
std::string key_facts(db::Connection& c) {
  std::string out;
  for (const auto& r : c.query("SELECT conname, condeferred, pg_get_constraintdef(oid) LIKE '%NULLS NOT DISTINCT%' FROM pg_constraint "
                               "WHERE contype = 'u' AND conrelid = 'seats'::regclass ORDER BY conname").rows)
    out += db::as_string(r[0]) + ":" + (db::as_bool(r[1]) ? "deferred" : "-") + ":" + (db::as_bool(r[2]) ? "nnd" : "-") + " ";
  return out;
}

}  // namespace

TEST_CASE("a unique key's DEFERRABLE and NULLS NOT DISTINCT read alike from YAML, SQL and markdown, and MySQL is told it has neither",
          "[unique-keys][ingest]") {
  test::TempProject yaml("uq-yaml"), sql("uq-sql"), md("uq-md");
  yaml.file("schemaforge.yaml", pg_only).file("spec/seats.yaml", seats(true));
  sql.file("schemaforge.yaml", pg_only)
      .file("spec/seats.sql", "CREATE TABLE seats (id bigint PRIMARY KEY, room int NOT NULL, number int NOT NULL, badge varchar(20),\n"
                              "  CONSTRAINT uq_seats_number UNIQUE (room, number) DEFERRABLE INITIALLY DEFERRED,\n"
                              "  CONSTRAINT uq_seats_badge UNIQUE NULLS NOT DISTINCT (room, badge));\n");
  md.file("schemaforge.yaml", pg_only)
      .file("spec/seats.md", "# seats\n\nSeats.\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n| id | bigint | NO |\n"
                             "| room | int | NO |\n| number | int | NO |\n| badge | varchar(20) | YES |\n\n## Engine Details\n\n"
                             "### postgres\n\nPrimary key: id\n\nUnique keys:\n\n| Name | Columns | SQL |\n| --- | --- | --- |\n"
                             "| uq_seats_number | room,number | CONSTRAINT uq_seats_number UNIQUE (room, number) DEFERRABLE INITIALLY DEFERRED |\n"
                             "| uq_seats_badge | room,badge | CONSTRAINT uq_seats_badge UNIQUE NULLS NOT DISTINCT (room, badge) |\n");
  for (const auto* p : {&yaml, &sql, &md}) {
    auto loaded = cli::load_and_validate({p->spec()});
    INFO(test::all_messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const model::Table& t = *loaded.schema.find_table("seats");
    REQUIRE(t.uniques.size() == 2);
    for (const auto& k : t.uniques) {
      CHECK(k.deferral == (k.name == "uq_seats_number" ? model::Deferral::deferred : model::Deferral::none));
      CHECK(k.nulls_not_distinct == (k.name == "uq_seats_badge"));
    }
  }
  yaml.file("schemaforge.yaml", "engines: [postgres, mysql]\n");
  auto r = yaml.run("check --spec spec");
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("unique key 'uq_seats_number' of 'seats' is DEFERRABLE, which mysql does not have") != std::string::npos);
  CHECK(r.output.find("unique key 'uq_seats_badge' of 'seats' is NULLS NOT DISTINCT, which mysql does not have") != std::string::npos);
}

TEST_CASE("PostgreSQL enforces a deferred and a NULLS NOT DISTINCT unique key, inspect reads them, drift and migrate switch them",
          "[unique-keys][drift][migrate][pg]") {
  test::TempProject p("uq-pg");
  p.file("schemaforge.yaml", pg_only).file("spec/seats.yaml", seats(false));
  p.new_migration("init");
  p.file("spec/seats.yaml", seats(true));
  p.new_migration("key_options");
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  p.migrate("up 1", dsn);
  auto c = db.connect();
  c->execute("INSERT INTO seats (id, room, number, badge) VALUES (1, 7, 1, 'a'), (2, 7, 2, 'b')");
  auto differs = p.run("drift --spec spec --dsn " + dsn);
  INFO(differs.output);
  CHECK(differs.exit_code == 1);
  CHECK(differs.output.find("DEFERRABLE INITIALLY DEFERRED") != std::string::npos);
  CHECK(differs.output.find("NULLS NOT DISTINCT (room, badge)") != std::string::npos);

  p.migrate("up", dsn);
  CHECK(key_facts(*c) == "uq_seats_badge:-:nnd uq_seats_number:deferred:- ");
  // Swap the two seats' numbers: a duplicate between the statements, none at commit.
  c->execute("BEGIN");
  c->execute("UPDATE seats SET number = 2 WHERE id = 1");
  c->execute("UPDATE seats SET number = 1 WHERE id = 2");
  c->execute("COMMIT");
  CHECK(db::as_int(c->query("SELECT number FROM seats WHERE id = 1").scalar()) == 2);
  // Two seats of one room without a badge collide.
  c->execute("UPDATE seats SET badge = NULL WHERE id = 1");
  CHECK_THROWS(c->execute("UPDATE seats SET badge = NULL WHERE id = 2"));
  auto inspected = p.run("inspect --yaml --dsn " + dsn);
  INFO(inspected.output);
  CHECK(inspected.output.find("deferrable: deferred") != std::string::npos);
  CHECK(inspected.output.find("nulls_not_distinct: true") != std::string::npos);
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);
  // inspect's markdown form says both in the doc's Unique keys table, not in an overlay.
  const std::string out = (p.root() / "adopted").string();
  auto as_md = p.run("inspect --dsn " + dsn + " --out " + out + " --format markdown");
  INFO(as_md.output);
  REQUIRE(as_md.exit_code == 0);
  const std::string doc = test::read_file(p.root() / "adopted" / "spec" / "seats.md");
  INFO(doc);
  CHECK(doc.find("| uq_seats_number | room,number | CONSTRAINT uq_seats_number UNIQUE (room, number) DEFERRABLE INITIALLY DEFERRED |") !=
        std::string::npos);
  CHECK(doc.find("CONSTRAINT uq_seats_badge UNIQUE NULLS NOT DISTINCT (room, badge)") != std::string::npos);
  CHECK(test::read_file(p.root() / "adopted" / "spec" / "seats.overlay.yaml").find("unique_keys") == std::string::npos);
  p.migrate("down 1", dsn);
  CHECK(key_facts(*c) == "uq_seats_badge:-:- uq_seats_number:-:- ");
}

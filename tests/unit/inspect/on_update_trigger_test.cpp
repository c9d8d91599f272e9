// ON UPDATE CURRENT_TIMESTAMP on PostgreSQL and SQLite, which have no such
// clause: generate writes a trigger, so an UPDATE from any writer (here raw
// SQL, not a generated repository) moves the column; inspect reads the
// trigger back as the same column attribute; drift misses it when it is gone;
// migrate new adds and drops it.
#include <catch2/catch.hpp>

#include <filesystem>

#include <chrono>
#include <thread>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::sqlite};

const std::string notes_table =
    "tables:\n  notes:\n    primary_key: id\n    columns:\n      id: bigint\n      body: text\n";
const std::string updated_at = "      updated_at: { type: timestamp(6), default: CURRENT_TIMESTAMP(6), on_update: CURRENT_TIMESTAMP(6) }\n";
const std::string plain_updated_at = "      updated_at: { type: timestamp(6), default: CURRENT_TIMESTAMP(6) }\n";

std::string updated(db::Connection& c) {
  return db::as_string(c.query("SELECT CAST(updated_at AS TEXT) FROM notes WHERE id = 1").scalar());
}

std::string project_file(db::Engine e) { return std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n"; }

}  // namespace

TEST_CASE("an ON UPDATE column is kept by a trigger on PostgreSQL and SQLite, for every writer", "[on-update][drift][pg][sqlite]") {
  for (db::Engine e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("on-update-") + db::to_string(e));
      p.file("schemaforge.yaml", project_file(e)).file("spec/notes.yaml", notes_table + updated_at);
      p.generate();
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
      auto c = db.connect();
      test::run_script(*c, p.schema_sql(e));
      c->execute("INSERT INTO notes (id, body) VALUES (1, 'a')");
      const std::string first = updated(*c);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      c->execute("UPDATE notes SET body = 'b' WHERE id = 1");
      const std::string second = updated(*c);
      CHECK(second != first);
      c->execute("UPDATE notes SET body = 'c', updated_at = '2001-02-03 04:05:06' WHERE id = 1");  // said so: kept
      CHECK(updated(*c).rfind("2001-02-03", 0) == 0);

      auto clean = p.run("drift --spec spec --dsn " + dsn);
      INFO(clean.output);
      CHECK(clean.exit_code == 0);
      auto inspected = p.run("inspect --yaml --dsn " + dsn);
      INFO(inspected.output);
      CHECK(inspected.output.find("on_update: CURRENT_TIMESTAMP") != std::string::npos);

      c->execute(e == db::Engine::postgres ? "DROP TRIGGER on_update_notes_updated_at ON notes" : "DROP TRIGGER on_update_notes_updated_at");
      auto lost = p.run("drift --spec spec --dsn " + dsn);
      INFO(lost.output);
      CHECK(lost.exit_code == 1);
      CHECK(lost.output.find("[column_default] notes.updated_at") != std::string::npos);
    }
  }
}

TEST_CASE("migrate new adds and drops the ON UPDATE trigger, up and down", "[on-update][migrate][pg][sqlite]") {
  for (db::Engine e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("on-update-migrate-") + db::to_string(e));
      p.file("schemaforge.yaml", project_file(e)).file("spec/notes.yaml", notes_table + plain_updated_at);
      REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
      p.file("spec/notes.yaml", notes_table + updated_at);
      auto added = p.run("migrate new keep_updated_at --spec spec --dir migrations");
      INFO(added.output);
      REQUIRE(added.exit_code == 0);
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
      auto step = [&](const std::string& args) {
        auto r = p.run("migrate " + args + " --dir migrations --dsn " + dsn);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
      };
      step("up 1");
      auto c = db.connect();
      c->execute("INSERT INTO notes (id, body) VALUES (1, 'a')");
      step("up");
      const std::string first = updated(*c);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      c->execute("UPDATE notes SET body = 'b' WHERE id = 1");
      CHECK(updated(*c) != first);
      auto drift = p.run("drift --spec spec --dsn " + dsn);
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      CHECK(db::as_int(c->query("SELECT COUNT(*) FROM notes").scalar()) == 1);  // the rebuild (SQLite) kept the row
      step("down 1");
      const std::string after_down = updated(*c);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      c->execute("UPDATE notes SET body = 'c' WHERE id = 1");
      CHECK(updated(*c) == after_down);  // no trigger any more
    }
  }
}

TEST_CASE("dropping a table takes its ON UPDATE clock with it, function and all", "[on-update][migrate][pg]") {
  test::TempProject p("on-update-drop-table");
  p.file("schemaforge.yaml", project_file(db::Engine::postgres))
      .file("spec/notes.yaml", notes_table + updated_at)
      .file("spec/tags.yaml", "tables:\n  tags:\n    primary_key: id\n    columns:\n      id: int\n");
  REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
  std::filesystem::remove(p.root() / "spec" / "notes.yaml");
  auto dropped = p.run("migrate new drop_notes --spec spec --dir migrations --allow-destructive");
  INFO(dropped.output);
  REQUIRE(dropped.exit_code == 0);
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
  auto c = db.connect();
  auto clocks = [&] {
    return db::as_int(c->query("SELECT COUNT(*) FROM pg_proc WHERE proname LIKE 'on\\_update\\_%' "
                               "AND pronamespace = current_schema()::regnamespace").scalar());
  };
  REQUIRE(p.run("migrate up 1 --dir migrations --dsn " + dsn).exit_code == 0);
  CHECK(clocks() == 1);
  REQUIRE(p.run("migrate up --dir migrations --dsn " + dsn).exit_code == 0);
  CHECK(clocks() == 0);
  REQUIRE(p.run("migrate down 1 --dir migrations --dsn " + dsn).exit_code == 0);
  CHECK(clocks() == 1);
  auto drift = p.run("drift --spec spec --dsn " + dsn);
  CHECK(drift.output.find("extra_table") != std::string::npos);  // notes is back; nothing else
  CHECK(drift.output.find("routine") == std::string::npos);
}

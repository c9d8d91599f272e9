// Descriptions are the database's comments (COMMENT ON on PostgreSQL,
// COMMENT on MySQL/MariaDB): a changed description is a migration, up and
// down, on the real servers, and drift still does not compare them.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

std::string spec(const std::string& table_text, const std::string& body_text) {
  return "tables:\n  notes:\n    description: \"" + table_text + "\"\n    primary_key: id\n    columns:\n"
         "      id: { type: bigint, identity: true }\n"
         "      body: { type: varchar(200), nullable: false, default: \"''\", description: \"" + body_text + "\" }\n";
}

struct Comments {
  std::string table, body;
};

Comments read_comments(db::Connection& c) {
  if (c.engine() == db::Engine::postgres)
    return {db::as_string(c.query("SELECT COALESCE(obj_description('notes'::regclass, 'pg_class'), '')").scalar()),
            db::as_string(c.query("SELECT COALESCE(col_description('notes'::regclass, attnum), '') FROM pg_attribute "
                                  "WHERE attrelid = 'notes'::regclass AND attname = 'body'").scalar())};
  return {db::as_string(c.query("SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'notes'").scalar()),
          db::as_string(c.query("SELECT COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                "AND TABLE_NAME = 'notes' AND COLUMN_NAME = 'body'").scalar())};
}

}  // namespace

TEST_CASE("a changed description is a migration: the comments change up and back down, and drift ignores them",
          "[migrate][comments][pg][mysql]") {
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      test::TempProject p(std::string("comments-") + db::to_string(e));
      p.file("schemaforge.yaml", std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n");
      p.file("spec/notes.yaml", spec("Notes.", "The text."));
      REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
      p.file("spec/notes.yaml", spec("Notes people keep.", "What the note says; it's free text."));
      auto check = p.run("migrate new --check x --spec spec --dir migrations");
      CHECK(check.exit_code == 1);  // a description change is a change
      auto written = p.run("migrate new describe_notes --spec spec --dir migrations");
      INFO(written.output);
      REQUIRE(written.exit_code == 0);
      const std::string dsn = test::shell_quote(test::dsn_string(db.dsn()));
      auto up = p.run("migrate up --dir migrations --dsn " + dsn);
      INFO(up.output);
      REQUIRE(up.exit_code == 0);
      auto c = db.connect();
      auto now = read_comments(*c);
      CHECK(now.table == "Notes people keep.");
      CHECK(now.body == "What the note says; it's free text.");
      CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);  // the column kept its type, default and NOT NULL
      REQUIRE(p.run("migrate down 1 --dir migrations --dsn " + dsn).exit_code == 0);
      auto was = read_comments(*c);
      CHECK(was.table == "Notes.");
      CHECK(was.body == "The text.");
      // Drift compares no descriptions: the database's differ from the specs now, and it is still clean.
      CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);
    }
  }
}

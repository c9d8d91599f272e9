// drift against real servers: a database created from spec/ is clean; each
// hand-made drift, on a fresh copy, is reported exactly once with the right
// kind and exit 1; applying --fix-sql makes drift clean again.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "generator/migrate/statement_splitter.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/render_fixture.hpp"
#include "tests/support/scratch_db.hpp"

using namespace sf;

namespace {

struct Drift {
  const char* name;
  const char* kind;
  const char* object;
  const char* postgres;  // "" where the engine cannot express the drift
  const char* mysql;
  const char* sqlite;
  const char* sqlite_object = nullptr;  // SQLite keeps no FK names: an FK is named by what it links
};

// SQLite alters little in place: its drifts rebuild the table from its own
// CREATE text with one edit, the way SQLite's documentation says to.
#define SQLITE_EDIT(table, from, to) "SQLITE_EDIT " table "\x1f" from "\x1f" to

// PostgreSQL refuses to alter a column a view uses: its column drifts drop the
// contract view first and put back a view of the same name.
#define PG_USERS(sql) "DROP VIEW vw_users; " sql "; CREATE VIEW vw_users AS SELECT * FROM users"
#define PG_KW(sql) "DROP VIEW vw_key_wrappers; " sql "; CREATE VIEW vw_key_wrappers AS SELECT * FROM key_wrappers"

const Drift drifts[] = {
    {"dropped column", "missing_column", "display_name", PG_USERS("ALTER TABLE users DROP COLUMN display_name"),
     "ALTER TABLE users DROP COLUMN display_name",
     "DROP VIEW vw_users; ALTER TABLE users DROP COLUMN display_name; CREATE VIEW vw_users AS SELECT * FROM users"},
    {"changed type", "column_type", "purpose", PG_KW("ALTER TABLE key_wrappers ALTER COLUMN purpose TYPE TEXT"),
     "ALTER TABLE key_wrappers MODIFY purpose TEXT NOT NULL", SQLITE_EDIT("key_wrappers", "purpose TEXT NOT NULL", "purpose INTEGER NOT NULL")},
    {"widened varchar", "column_type", "email", PG_USERS("ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(400)"),
     "ALTER TABLE users MODIFY email VARCHAR(400) NOT NULL", ""},
    {"changed default", "column_default", "attempts", "ALTER TABLE rewrap_jobs ALTER COLUMN attempts SET DEFAULT 5",
     "ALTER TABLE rewrap_jobs ALTER COLUMN attempts SET DEFAULT 5",
     SQLITE_EDIT("rewrap_jobs", "attempts INTEGER NOT NULL DEFAULT 0", "attempts INTEGER NOT NULL DEFAULT 5")},
    {"nullability flipped", "column_nullability", "deleted_at", PG_USERS("ALTER TABLE users ALTER COLUMN deleted_at SET NOT NULL"),
     "ALTER TABLE users MODIFY deleted_at DATETIME(6) NOT NULL", SQLITE_EDIT("users", "deleted_at TEXT,", "deleted_at TEXT NOT NULL,")},
    {"missing index", "missing_index", "idx_users_deleted_at", "DROP INDEX idx_users_deleted_at",
     "DROP INDEX idx_users_deleted_at ON users", "DROP INDEX idx_users_deleted_at"},
    {"extra index", "extra_index", "idx_extra_display", "CREATE INDEX idx_extra_display ON users (display_name)",
     "CREATE INDEX idx_extra_display ON users (display_name)", "CREATE INDEX idx_extra_display ON users (display_name)"},
    {"index column order changed", "index_differs", "idx_rewrap_status_sched",
     "DROP INDEX idx_rewrap_status_sched; CREATE INDEX idx_rewrap_status_sched ON rewrap_jobs (scheduled_at, status)",
     "DROP INDEX idx_rewrap_status_sched ON rewrap_jobs; CREATE INDEX idx_rewrap_status_sched ON rewrap_jobs (scheduled_at, status)",
     "DROP INDEX idx_rewrap_status_sched; CREATE INDEX idx_rewrap_status_sched ON rewrap_jobs (scheduled_at, status)"},
    {"index method changed", "index_differs", "idx_users_deleted_at",
     "DROP INDEX idx_users_deleted_at; CREATE INDEX idx_users_deleted_at ON users USING hash (deleted_at)", "", ""},
    {"FK action changed", "foreign_key_differs", "fk_dj_user",
     "ALTER TABLE deletion_jobs DROP CONSTRAINT fk_dj_user; ALTER TABLE deletion_jobs ADD CONSTRAINT fk_dj_user "
     "FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE CASCADE",
     "ALTER TABLE deletion_jobs DROP FOREIGN KEY fk_dj_user; ALTER TABLE deletion_jobs ADD CONSTRAINT fk_dj_user "
     "FOREIGN KEY (created_by) REFERENCES users (id) ON DELETE CASCADE",
     SQLITE_EDIT("deletion_jobs", "REFERENCES users (id) ON DELETE SET NULL", "REFERENCES users (id) ON DELETE CASCADE"),
     "(created_by) -> users(id)"},
    {"FK dropped", "missing_foreign_key", "fk_kwl_kw", "ALTER TABLE key_wrapper_layers DROP CONSTRAINT fk_kwl_kw",
     "ALTER TABLE key_wrapper_layers DROP FOREIGN KEY fk_kwl_kw",
     SQLITE_EDIT("key_wrapper_layers", ",\n  CONSTRAINT fk_kwl_kw FOREIGN KEY (key_wrapper_id) REFERENCES key_wrappers (id) ON DELETE CASCADE", ""),
     "(key_wrapper_id) -> key_wrappers(id)"},
    {"enum value added", "column_type", "status",
     "ALTER TABLE deletion_jobs DROP CONSTRAINT ck_deletion_jobs_status; ALTER TABLE deletion_jobs ADD CONSTRAINT "
     "ck_deletion_jobs_status CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled', 'paused'))",
     "ALTER TABLE deletion_jobs MODIFY status ENUM('pending','running','done','failed','cancelled','paused') NOT NULL DEFAULT 'pending'", ""},
    {"check removed", "missing_check", "ck_crypto_algorithms_nist_level",
     "ALTER TABLE crypto_algorithms DROP CONSTRAINT ck_crypto_algorithms_nist_level",
     "ALTER TABLE crypto_algorithms DROP CONSTRAINT ck_crypto_algorithms_nist_level", ""},
    {"extra table", "extra_table", "", "CREATE TABLE extra_things (id INT PRIMARY KEY)", "CREATE TABLE extra_things (id INT PRIMARY KEY)",
     "CREATE TABLE extra_things (id INT PRIMARY KEY)"},
    {"missing table", "missing_table", "", "DROP TABLE jobs CASCADE", "DROP VIEW vw_jobs, vw_jobs_status; DROP TABLE jobs",
     "DROP VIEW vw_jobs; DROP VIEW vw_jobs_status; DROP TABLE jobs"},
    // Only the WHERE differs: every engine compares whole bodies.
    {"view body changed", "view_differs", "vw_users",
     "CREATE OR REPLACE VIEW vw_users AS SELECT id, email, display_name, role, is_active, created_at, updated_at, deleted_at "
     "FROM users WHERE is_active",
     "CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW vw_users AS SELECT id, email, display_name, role, is_active, "
     "created_at, updated_at, deleted_at FROM users WHERE is_active",
     "DROP VIEW vw_users; CREATE VIEW vw_users AS SELECT id, email, display_name, role, is_active, created_at, updated_at, "
     "deleted_at FROM users WHERE is_active = 1"},
    // A view only the database has is dropped by the fix; a missing one is created.
    {"extra view", "extra_view", "vw_users_legacy", "CREATE VIEW vw_users_legacy AS SELECT id FROM users",
     "CREATE VIEW vw_users_legacy AS SELECT id FROM users", "CREATE VIEW vw_users_legacy AS SELECT id FROM users"},
    {"missing view", "missing_view", "vw_users", "DROP VIEW vw_users", "DROP VIEW vw_users", "DROP VIEW vw_users"},
    // spec/kms_keys.yaml gives key_ref its own collation on PostgreSQL and MySQL, none on SQLite.
    {"collation changed", "column_collation", "key_ref",
     "DROP VIEW vw_kms_keys; ALTER TABLE kms_keys ALTER COLUMN key_ref TYPE VARCHAR(255) COLLATE \"default\"; "
     "CREATE VIEW vw_kms_keys AS SELECT * FROM kms_keys",
     "ALTER TABLE kms_keys MODIFY key_ref VARCHAR(255) NOT NULL",
     SQLITE_EDIT("kms_keys", "key_ref TEXT NOT NULL", "key_ref TEXT COLLATE NOCASE NOT NULL")},
    {"extra column", "extra_column", "nickname", "ALTER TABLE users ADD COLUMN nickname TEXT",
     "ALTER TABLE users ADD COLUMN nickname TEXT", "ALTER TABLE users ADD COLUMN nickname TEXT"},
    {"unique key dropped", "missing_unique", "uq_kms_keys_ref", "ALTER TABLE kms_keys DROP CONSTRAINT uq_kms_keys_ref",
     "ALTER TABLE kms_keys DROP INDEX uq_kms_keys_ref",
     SQLITE_EDIT("kms_keys", ",\n  CONSTRAINT uq_kms_keys_ref UNIQUE (provider, key_ref)", ""), "(provider, key_ref)"},
    {"column renamed", "column_renamed", "display_name", PG_USERS("ALTER TABLE users RENAME COLUMN display_name TO shown_name"),
     "ALTER TABLE users RENAME COLUMN display_name TO shown_name", "ALTER TABLE users RENAME COLUMN display_name TO shown_name"},
};

// Runs a drift's SQL, or for SQLITE_EDIT rebuilds the table with `from`
// replaced by `to` in its CREATE statement: new table, copy, drop, rename,
// indexes and triggers back (https://sqlite.org/lang_altertable.html, "otheralter").
void make_drift(db::Connection& c, const std::string& sql) {
  const std::string edit = "SQLITE_EDIT ";
  if (sql.rfind(edit, 0) != 0) {
    test::run_script(c, sql);
    return;
  }
  const std::string rest = sql.substr(edit.size());
  const auto a = rest.find('\x1f'), b = rest.find('\x1f', a + 1);
  const std::string table = rest.substr(0, a), from = rest.substr(a + 1, b - a - 1), to = rest.substr(b + 1);
  std::string create = db::as_string(c.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", {table}).scalar());
  INFO(create);
  const auto at = create.find(from);
  REQUIRE(at != std::string::npos);
  create.replace(at, from.size(), to);
  const std::string head = "CREATE TABLE " + table + " (";
  REQUIRE(create.rfind(head, 0) == 0);
  const std::string tmp = "_sf_drift_" + table;
  std::string script = "PRAGMA foreign_keys = OFF;\nPRAGMA legacy_alter_table = ON;\n";  // views are not re-checked on RENAME
  script += "CREATE TABLE " + tmp + " (" + create.substr(head.size()) + ";\n";
  script += "INSERT INTO " + tmp + " SELECT * FROM " + table + ";\nDROP TABLE " + table + ";\n";
  script += "ALTER TABLE " + tmp + " RENAME TO " + table + ";\n";
  for (const auto& r : c.query("SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? AND sql IS NOT NULL "
                               "ORDER BY type", {table}).rows)
    script += db::as_string(r[0]) + ";\n";
  script += "PRAGMA legacy_alter_table = OFF;\nPRAGMA foreign_keys = ON;\n";
  test::run_script(c, script);
}

nlohmann::json drift_json(const std::string& dsn) {
  auto r = test::run_cli("drift --spec spec --json --dsn " + test::shell_quote(dsn));
  INFO(r.output);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  auto j = nlohmann::json::parse(r.output.substr(r.output.find('{')));
  CHECK(j["clean"] == (r.exit_code == 0));
  return j;
}

}  // namespace

TEST_CASE("a database created from spec/ shows no drift", "[drift][pg][mysql][sqlite]") {
  auto rendered = test::render_specs({"spec"});
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      test::run_script(*scratch.connect(), rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
      auto r = test::run_cli("drift --spec spec --dsn " + test::shell_quote(test::dsn_string(scratch.dsn())));
      INFO(r.output);
      CHECK(r.exit_code == 0);
      CHECK(r.output.find("matches the specs (10 tables)") != std::string::npos);
      if (!scratch.dsn().password.empty()) CHECK(r.output.find(scratch.dsn().password) == std::string::npos);
    }
  }
}

TEST_CASE("each hand-made drift is reported once with its kind, and --fix-sql repairs it", "[drift][pg][mysql][sqlite]") {
  auto rendered = test::render_specs({"spec"});
  for (auto e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    for (const auto& d : drifts) {
      const char* sql = e == db::Engine::postgres ? d.postgres : e == db::Engine::mysql ? d.mysql : d.sqlite;
      if (!*sql) continue;
      DYNAMIC_SECTION(db::to_string(e) << ": " << d.name) {
        test::ScratchDatabase scratch(e);
        if (!scratch.ok()) continue;
        auto c = scratch.connect();
        test::run_script(*c, rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
        make_drift(*c, sql);
        const std::string dsn = test::dsn_string(scratch.dsn());
        auto j = drift_json(dsn);
        INFO(j.dump(2));
        REQUIRE(j["items"].size() == 1);
        CHECK(j["items"][0]["kind"] == d.kind);
        CHECK(j["items"][0]["object"] == (e == db::Engine::sqlite && d.sqlite_object ? d.sqlite_object : d.object));

        std::string fix = (std::filesystem::temp_directory_path() / (scratch.name() + "-fix.sql")).string();
        auto r = test::run_cli("drift --spec spec --allow-destructive --fix-sql " + fix + " --dsn " + test::shell_quote(dsn));
        CHECK(r.exit_code == 1);
        std::string script = test::read_file(fix);
        INFO(script);
        test::run_script(*c, script);
        auto after = test::run_cli("drift --spec spec --dsn " + test::shell_quote(dsn));
        INFO(after.output);
        CHECK(after.exit_code == 0);
        std::filesystem::remove(fix);
      }
    }
  }
}

TEST_CASE("drift exits 2 when it cannot check, saying why", "[drift]") {
  auto bad_spec = test::run_cli("drift --spec tests/fixtures/bad/enum_conflict.md --dsn sqlite::memory:");
  CHECK(bad_spec.exit_code == 2);
  CHECK(bad_spec.output.find("could not check") != std::string::npos);
  auto no_db = test::run_cli("drift --spec spec --dsn 'postgresql://u:SeCr3t-Value@127.0.0.1:1/none'");
  CHECK(no_db.exit_code == 2);
  CHECK(no_db.output.find("could not check") != std::string::npos);
  CHECK(no_db.output.find("SeCr3t-Value") == std::string::npos);
}

TEST_CASE("drift --fix-sql without --allow-destructive leaves a table only the database has, FKs and all", "[drift][pg][mysql]") {
  auto rendered = test::render_specs({"spec"});
  for (auto e : {db::Engine::postgres, db::Engine::mysql}) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::ScratchDatabase scratch(e);
      if (!scratch.ok()) continue;
      auto c = scratch.connect();
      test::run_script(*c, rendered.out.files.at(std::string(db::to_string(e)) + "/schema.sql"));
      c->execute(e == db::Engine::postgres ? "CREATE TABLE audit_log (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users (id))"
                                           : "CREATE TABLE audit_log (id BIGINT PRIMARY KEY, user_id BIGINT UNSIGNED, "
                                             "CONSTRAINT fk_audit_user FOREIGN KEY (user_id) REFERENCES users (id))");
      std::string fix = (std::filesystem::temp_directory_path() / (scratch.name() + "-keep.sql")).string();
      auto r = test::run_cli("drift --spec spec --fix-sql " + fix + " --dsn " + test::shell_quote(test::dsn_string(scratch.dsn())));
      CHECK(r.exit_code == 1);
      const std::string script = test::read_file(fix);
      INFO(script);
      CHECK(script.find("-- DROP TABLE audit_log;") != std::string::npos);  // written, commented out
      test::run_script(*c, script);
      // The table keeps its foreign key: a row pointing nowhere is still refused.
      CHECK_THROWS_AS(c->execute("INSERT INTO audit_log (id, user_id) VALUES (1, 999999)"), db::ForeignKeyViolation);
      std::filesystem::remove(fix);
    }
  }
}

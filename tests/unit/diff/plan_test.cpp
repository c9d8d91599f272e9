// What plan() writes, exactly: one row per change kind and engine. The rows
// were reviewed once against each engine's ALTER documentation and applied by
// the real-server migrate tests; a change in the planner or a dialect that
// alters any of them shows here as a one-line difference.
#include <catch2/catch.hpp>

#include <functional>

#include "generator/migrate/template_ddl.hpp"
#include "generator/diff/change.hpp"
#include "generator/diff/invisible_changes.hpp"
#include "generator/diff/plan.hpp"
#include "generator/model/generated_views.hpp"
#include "tests/support/spec_fixtures.hpp"

using namespace sf;

namespace {

constexpr const char* base_spec = R"(tables:
  teams:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      name: varchar(100)
  members:
    primary_key: id
    columns:
      id: { type: bigint, identity: true }
      team_id: bigint
      email: varchar(200)
      note: text?
    unique_keys:
      uq_members_email: [email]
    indexes:
      idx_members_team: [team_id]
    foreign_keys:
      fk_members_team: { columns: [team_id], references: teams(id), on_delete: cascade }
    checks:
      ck_members_email: "email <> ''"
)";

const model::Schema& base() {
  static const model::Schema s = [] {
    auto r = test::load({test::temp_spec("plan_base.yaml", base_spec)});
    INFO(test::all_messages(r.diagnostics));
    REQUIRE_FALSE(r.diagnostics.has_errors());
    return r.schema;
  }();
  return s;
}

// The plan from the base schema to the mutated one on `engine`: each step's
// title, then its statements; the views a step brings down and up are named
// by the title alone (their SQL is generate's, pinned by generated/).
std::string planned(const std::function<void(model::Schema&)>& mutate, const char* engine) {
  model::Schema after = base();
  mutate(after);
  model::resolve_generated_views(after);
  const auto& d = dialect::dialect_named(engine);
  // As migrate new plans: per engine, without the changes this engine writes alike.
  const model::Schema will = diff::for_dialect(after, d.name());
  const model::Schema was = diff::without_invisible_changes(diff::for_dialect(base(), d.name()), will, d);
  migrate::TemplateDdl ddl(engine, test::source_dir() / "templates");
  auto plan = diff::plan(diff::diff(was, will, diff::declared_renames(was, will)), d, ddl);
  std::string out;
  for (const auto& s : plan.steps) {
    out += "-- " + s.title + (s.destructive ? " [destructive]" : "") + "\n";
    if (s.title.rfind("drop views", 0) == 0 || s.title.rfind("create views", 0) == 0) continue;
    for (const auto& st : s.statements) out += st + ";\n";
  }
  return out;
}

model::Table& members(model::Schema& s) { return *s.find_table("members"); }

struct Row {
  const char* change;
  std::function<void(model::Schema&)> mutate;
  const char* postgres;
  const char* mysql;
  const char* sqlite;
};

}  // namespace

TEST_CASE("plan() writes exactly these statements for each change kind on each engine", "[diff][plan]") {
  auto add_column = [](model::Schema& s) {
    model::Column c;
    c.name = "nickname";
    c.type = model::LogicalType::varchar(40);
    members(s).columns.push_back(c);
  };
  auto index = [](const char* name, std::vector<const char*> cols) {
    model::Index i;
    i.name = name;
    for (const char* c : cols) i.columns.push_back({.name = c});
    return i;
  };
  const std::vector<Row> rows = {
      {"add a nullable column", add_column, R"sql(-- drop views members
-- add column members.nickname varchar(40)
ALTER TABLE members ADD COLUMN nickname VARCHAR(40);
-- create views members
)sql",
       R"sql(-- drop views members
-- add column members.nickname varchar(40)
ALTER TABLE members ADD COLUMN nickname VARCHAR(40) AFTER note;
-- create views members
)sql",
       R"sql(-- drop views members
-- add column members.nickname varchar(40)
ALTER TABLE members ADD COLUMN nickname TEXT;
-- create views members
)sql"},
      {"drop a column", [](model::Schema& s) { std::erase_if(members(s).columns, [](const model::Column& c) { return c.name == "note"; }); }, R"sql(-- drop views members
-- drop column members.note [destructive]
ALTER TABLE members DROP COLUMN note;
-- create views members
)sql",
       R"sql(-- drop views members
-- drop column members.note [destructive]
ALTER TABLE members DROP COLUMN note;
-- create views members
)sql",
       R"sql(-- drop views members
-- rebuild table members (drop column members.note) [destructive]
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email) SELECT id, team_id, email FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
-- create views members
)sql"},
      {"widen a varchar", [](model::Schema& s) { members(s).find_column("email")->type = model::LogicalType::varchar(300); }, R"sql(-- drop views members
-- drop unique key members.uq_members_email
ALTER TABLE members DROP CONSTRAINT uq_members_email;
-- alter column members.email varchar(300) NOT NULL
ALTER TABLE members ALTER COLUMN email TYPE VARCHAR(300) USING email::VARCHAR(300);
-- add unique key members.uq_members_email
ALTER TABLE members ADD CONSTRAINT uq_members_email UNIQUE (email);
-- create views members
)sql",
       R"sql(-- drop views members
-- drop unique key members.uq_members_email
ALTER TABLE members DROP INDEX uq_members_email;
-- alter column members.email varchar(300) NOT NULL
ALTER TABLE members MODIFY COLUMN email VARCHAR(300) NOT NULL;
-- add unique key members.uq_members_email
ALTER TABLE members ADD CONSTRAINT uq_members_email UNIQUE (email);
-- create views members
)sql",
       ""},
      {"make a column NOT NULL", [](model::Schema& s) { members(s).find_column("note")->nullable = false; }, R"sql(-- drop views members
-- alter column members.note text NOT NULL
ALTER TABLE members ALTER COLUMN note SET NOT NULL;
-- create views members
)sql",
       R"sql(-- drop views members
-- alter column members.note text NOT NULL
ALTER TABLE members MODIFY COLUMN note TEXT NOT NULL;
-- create views members
)sql",
       R"sql(-- drop views members
-- rebuild table members (alter column members.note text NOT NULL)
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT NOT NULL,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
-- create views members
)sql"},
      {"give a column a default", [](model::Schema& s) { members(s).find_column("note")->default_value = {model::DefaultValue::Kind::string, "none"}; }, R"sql(-- drop views members
-- alter column members.note text
ALTER TABLE members ALTER COLUMN note SET DEFAULT 'none';
-- create views members
)sql",
       R"sql(-- drop views members
-- alter column members.note text
ALTER TABLE members MODIFY COLUMN note TEXT DEFAULT ('none');
-- create views members
)sql",
       R"sql(-- drop views members
-- rebuild table members (alter column members.note text)
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT DEFAULT 'none',
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
-- create views members
)sql"},
      {"rename a column (hint)", [](model::Schema& s) {
         auto* c = members(s).find_column("note");
         c->name = "remark";
         c->renamed_from = "note";
       }, R"sql(-- drop views members
-- rename column members.remark (was note)
ALTER TABLE members RENAME COLUMN note TO remark;
-- create views members
)sql",
       R"sql(-- drop views members
-- rename column members.remark (was note)
ALTER TABLE members RENAME COLUMN note TO remark;
-- create views members
)sql",
       R"sql(-- drop views members
-- rename column members.remark (was note)
ALTER TABLE members RENAME COLUMN note TO remark;
-- create views members
)sql"},
      {"add an index", [&](model::Schema& s) { members(s).indexes.push_back(index("idx_members_note", {"email", "note"})); }, R"sql(-- add index members.idx_members_note
CREATE INDEX idx_members_note ON members (email, note);
)sql",
       R"sql(-- add index members.idx_members_note
CREATE INDEX idx_members_note ON members (email, note);
)sql",
       R"sql(-- add index members.idx_members_note
CREATE INDEX idx_members_note ON members (email, note);
)sql"},
      {"add a GIN index on PostgreSQL only", [&](model::Schema& s) {
         auto i = index("idx_members_email_trgm", {"email"});
         i.method = "gin";
         i.columns[0].opclass = "gin_trgm_ops";
         i.dialects = {"postgres"};
         members(s).indexes.push_back(i);
       }, R"sql(-- add index members.idx_members_email_trgm
CREATE INDEX idx_members_email_trgm ON members USING gin (email gin_trgm_ops);
)sql",
       "",
       ""},
      {"drop an index", [](model::Schema& s) { members(s).indexes.clear(); }, R"sql(-- drop index members.idx_members_team
DROP INDEX idx_members_team;
)sql",
       R"sql(-- drop index members.idx_members_team
DROP INDEX idx_members_team ON members;
)sql",
       R"sql(-- drop index members.idx_members_team
DROP INDEX idx_members_team;
)sql"},
      {"add a unique key", [](model::Schema& s) { members(s).uniques.push_back({"uq_members_team_email", {"team_id", "email"}, {}}); }, R"sql(-- add unique key members.uq_members_team_email
ALTER TABLE members ADD CONSTRAINT uq_members_team_email UNIQUE (team_id, email);
)sql",
       R"sql(-- add unique key members.uq_members_team_email
ALTER TABLE members ADD CONSTRAINT uq_members_team_email UNIQUE (team_id, email);
)sql",
       R"sql(-- rebuild table members (add unique key members.uq_members_team_email)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT uq_members_team_email UNIQUE (team_id, email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"drop a unique key", [](model::Schema& s) { members(s).uniques.clear(); }, R"sql(-- drop unique key members.uq_members_email
ALTER TABLE members DROP CONSTRAINT uq_members_email;
)sql",
       R"sql(-- drop unique key members.uq_members_email
ALTER TABLE members DROP INDEX uq_members_email;
)sql",
       R"sql(-- rebuild table members (drop unique key members.uq_members_email)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"add a check", [](model::Schema& s) { members(s).checks.push_back({"ck_members_note", "note <> ''", {}}); }, R"sql(-- add check members.ck_members_note
ALTER TABLE members ADD CONSTRAINT ck_members_note CHECK (note <> '');
)sql",
       R"sql(-- add check members.ck_members_note
ALTER TABLE members ADD CONSTRAINT ck_members_note CHECK (note <> '');
)sql",
       R"sql(-- rebuild table members (add check members.ck_members_note)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT ck_members_note CHECK (note <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"drop a check", [](model::Schema& s) { members(s).checks.clear(); }, R"sql(-- drop check members.ck_members_email
ALTER TABLE members DROP CONSTRAINT ck_members_email;
)sql",
       R"sql(-- drop check members.ck_members_email
ALTER TABLE members DROP CONSTRAINT ck_members_email;
)sql",
       R"sql(-- rebuild table members (drop check members.ck_members_email)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"change an FK's action", [](model::Schema& s) { members(s).foreign_keys[0].on_delete = model::FkAction::restrict; }, R"sql(-- drop foreign key members.fk_members_team
ALTER TABLE members DROP CONSTRAINT fk_members_team;
-- add foreign key members.fk_members_team
ALTER TABLE members ADD CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT;
)sql",
       R"sql(-- drop foreign key members.fk_members_team
ALTER TABLE members DROP FOREIGN KEY fk_members_team;
-- add foreign key members.fk_members_team
ALTER TABLE members ADD CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT;
)sql",
       R"sql(-- rebuild table members (drop foreign key members.fk_members_team)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE RESTRICT
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"drop an FK", [](model::Schema& s) { members(s).foreign_keys.clear(); }, R"sql(-- drop foreign key members.fk_members_team
ALTER TABLE members DROP CONSTRAINT fk_members_team;
)sql",
       R"sql(-- drop foreign key members.fk_members_team
ALTER TABLE members DROP FOREIGN KEY fk_members_team;
)sql",
       R"sql(-- rebuild table members (drop foreign key members.fk_members_team)
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> '')
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"change the primary key", [](model::Schema& s) { members(s).primary_key->columns = {"id", "team_id"}; }, R"sql(-- change primary key members.primary key (id) -> (id, team_id)
ALTER TABLE members DROP CONSTRAINT members_pkey;
ALTER TABLE members ADD PRIMARY KEY (id, team_id);
)sql",
       R"sql(-- change primary key members.primary key (id) -> (id, team_id)
ALTER TABLE members DROP PRIMARY KEY, ADD PRIMARY KEY (id, team_id);
)sql",
       R"sql(-- rebuild table members (change primary key members.primary key (id) -> (id, team_id))
DROP VIEW IF EXISTS vw_members;
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (id, team_id),
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
);
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
CREATE VIEW IF NOT EXISTS vw_members AS
SELECT
  id,
  team_id,
  email,
  note
FROM members;
)sql"},
      {"create a table", [](model::Schema& s) {
         model::Table t;
         t.name = "labels";
         model::Column id;
         id.name = "id";
         id.type = model::LogicalType::integer(64);
         id.nullable = false;
         t.columns.push_back(id);
         t.primary_key = model::Key{"", {"id"}, {}};
         s.tables.push_back(t);
       }, R"sql(-- create table labels
CREATE TABLE IF NOT EXISTS labels (
  id BIGINT NOT NULL,
  PRIMARY KEY (id)
);
-- create views labels
)sql",
       R"sql(-- create table labels
CREATE TABLE IF NOT EXISTS labels (
  id BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- create views labels
)sql",
       R"sql(-- create table labels
CREATE TABLE IF NOT EXISTS labels (
  id INTEGER NOT NULL,
  PRIMARY KEY (id)
);
-- create views labels
)sql"},
      {"drop a table", [](model::Schema& s) {
         std::erase_if(s.tables, [](const model::Table& t) { return t.name == "members"; });
       }, R"sql(-- drop views members
-- drop foreign key members.fk_members_team
ALTER TABLE members DROP CONSTRAINT fk_members_team;
-- drop table members [destructive]
DROP TABLE members;
)sql",
       R"sql(-- drop views members
-- drop foreign key members.fk_members_team
ALTER TABLE members DROP FOREIGN KEY fk_members_team;
-- drop table members [destructive]
DROP TABLE members;
)sql",
       R"sql(-- drop views members
-- drop table members [destructive]
DROP TABLE members;
)sql"},
      {"rename a table (hint)", [](model::Schema& s) {
         members(s).renamed_from = "members";
         members(s).name = "people";
       }, R"sql(-- drop views people
-- rename table people.people (was members)
ALTER TABLE members RENAME TO people;
-- create views people
)sql",
       R"sql(-- drop views people
-- rename table people.people (was members)
RENAME TABLE members TO people;
-- create views people
)sql",
       R"sql(-- drop views people
-- rename table people.people (was members)
ALTER TABLE members RENAME TO people;
-- create views people
)sql"},
      {"change a MySQL table option", [](model::Schema& s) { members(s).options["mysql"]["row_format"] = "COMPRESSED"; }, "",
       R"sql(-- drop views members
-- alter table options members.options
ALTER TABLE members ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=COMPRESSED;
-- create views members
)sql",
       ""},
      {"make a column INVISIBLE", [](model::Schema& s) { members(s).find_column("note")->invisible = true; }, "",
       R"sql(-- drop views members
-- alter column members.note text
ALTER TABLE members MODIFY COLUMN note TEXT INVISIBLE;
-- create views members
)sql",
       ""},
      {"make a SQLite table STRICT", [](model::Schema& s) { members(s).options["sqlite"]["strict"] = "true"; }, "", "",
       R"sql(-- drop views members
-- rebuild table members (alter table options members.options)
CREATE TABLE IF NOT EXISTS _sf_new_members (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  team_id INTEGER NOT NULL,
  email TEXT NOT NULL,
  note TEXT,
  CONSTRAINT uq_members_email UNIQUE (email),
  CONSTRAINT ck_members_email CHECK (email <> ''),
  CONSTRAINT fk_members_team FOREIGN KEY (team_id) REFERENCES teams (id) ON DELETE CASCADE
) STRICT;
INSERT INTO _sf_new_members (id, team_id, email, note) SELECT id, team_id, email, note FROM members;
DROP TABLE members;
ALTER TABLE _sf_new_members RENAME TO members;
CREATE INDEX IF NOT EXISTS idx_members_team ON members (team_id);
-- create views members
)sql"},
      {"describe a table", [](model::Schema& s) { members(s).description = "People on a team."; }, R"sql(-- alter comment members
COMMENT ON TABLE members IS 'People on a team.';
)sql",
       R"sql(-- alter comment members
ALTER TABLE members COMMENT = 'People on a team.';
)sql",
       ""},
      {"describe a column", [](model::Schema& s) { members(s).find_column("note")->description = "Free text; it's optional."; }, R"sql(-- alter comment members.note
COMMENT ON COLUMN members.note IS 'Free text; it''s optional.';
)sql",
       R"sql(-- alter comment members.note
ALTER TABLE members MODIFY COLUMN note TEXT COMMENT 'Free text; it''s optional.';
)sql",
       ""},
  };
  for (const auto& row : rows) {
    for (const char* engine : {"postgres", "mysql", "sqlite"}) {
      DYNAMIC_SECTION(row.change << " on " << engine) {
        const char* want = std::string_view(engine) == "postgres" ? row.postgres : std::string_view(engine) == "mysql" ? row.mysql : row.sqlite;
        CHECK(planned(row.mutate, engine) == want);
      }
    }
  }
}

// Triggers and routines: each engine's own CREATE statement, kept as the
// spec wrote it. Read from SQL dumps (DELIMITER blocks, /*!…*/ comments,
// DEFINER, $$ bodies) and YAML; refused for an engine the table is not
// created on; created by generate and migrate; read back by inspect;
// compared by drift in each engine's folded form; and changed and undone by
// migrate on the real PostgreSQL, MariaDB and SQLite.
#include <catch2/catch.hpp>

#include "generator/dialect/dialect.hpp"
#include "generator/ingest/loader.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

const char* items_table = "CREATE TABLE items (id int NOT NULL PRIMARY KEY, qty int NOT NULL, total int);\n";

// The spec of one engine: the table and a BEFORE/AFTER INSERT trigger that
// sets total to qty × factor, written as that engine's dump writes it.
std::string spec_sql(db::Engine e, int factor) {
  const std::string f = std::to_string(factor);
  switch (e) {
    case db::Engine::postgres:
      return std::string(items_table) +
             "CREATE FUNCTION public.items_total() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n  NEW.total := NEW.qty * " + f +
             ";\n  RETURN NEW;\nEND\n$$;\n"
             "CREATE TRIGGER items_total BEFORE INSERT ON public.items FOR EACH ROW EXECUTE PROCEDURE public.items_total();\n";
    case db::Engine::mysql:
      return std::string(items_table) +
             "DELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `items_total` BEFORE INSERT ON `items` "
             "FOR EACH ROW BEGIN\n  IF NEW.qty > 0 THEN\n    SET NEW.total = NEW.qty * " + f + ";\n  END IF;\nEND */;;\nDELIMITER ;\n";
    case db::Engine::sqlite:
      return std::string(items_table) +
             "CREATE TRIGGER items_total AFTER INSERT ON items FOR EACH ROW\nBEGIN\n  UPDATE items SET total = NEW.qty * " + f +
             " WHERE id = NEW.id;\nEND;\n";
  }
  return {};
}

std::string one_engine(db::Engine e) { return "engines: [" + std::string(db::to_string(e)) + "]\ngenerated_views: []\n"; }

std::string dsn_arg(const test::ScratchDatabase& db) { return test::shell_quote(test::dsn_string(db.dsn())); }

// drift --fix-sql against `dsn`: the report and the fix, the fix applied
// through `c`, and whether drift is clean afterwards.
struct Mended {
  std::string report, fix;
  bool clean = false;
};
Mended mend(const test::TempProject& p, const std::string& dsn, db::Connection& c) {
  Mended m;
  m.report = p.run("drift --spec spec --dsn " + dsn + " --fix-sql fix.sql").output;
  m.fix = test::read_file(p.root() / "fix.sql");
  test::run_script(c, m.fix);
  m.clean = p.run("drift --spec spec --dsn " + dsn).exit_code == 0;
  return m;
}

long long total_of_new_row(db::Connection& c, int id) {
  c.execute("INSERT INTO items (id, qty) VALUES (" + std::to_string(id) + ", 5)");
  return db::as_int(c.query("SELECT total FROM items WHERE id = " + std::to_string(id)).scalar());
}

}  // namespace

TEST_CASE("a dump's triggers and functions are read into the model of a one-engine project", "[triggers][ingest]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    test::TempProject p("triggers-ingest");
    p.file("schemaforge.yaml", one_engine(e)).file("spec/items.sql", spec_sql(e, 2));
    auto r = ingest::load_specs({p.root() / "spec"});
    INFO(std::string(db::to_string(e)) << "\n" << test::all_messages(r.diagnostics));
    REQUIRE_FALSE(r.diagnostics.has_errors());
    const model::Table& t = r.schema.tables.at(0);
    REQUIRE(t.triggers.size() == 1);
    CHECK(t.triggers[0].name == "items_total");
    const std::string& sql = t.triggers[0].sql.at(std::string(db::to_string(e)));
    CHECK(sql.rfind("CREATE TRIGGER ", 0) == 0);            // no DEFINER, no comment markers
    CHECK(sql.find("DEFINER") == std::string::npos);
    CHECK(sql.find("*/") == std::string::npos);
    CHECK(sql.back() != ';');
    if (e == db::Engine::postgres) {
      REQUIRE(r.schema.routines.size() == 1);
      CHECK(r.schema.routines[0].name == "items_total");
      CHECK(r.schema.routines[0].sql.at("postgres").find("NEW.total := NEW.qty * 2;") != std::string::npos);
    }
  }
  // A trigger on a view (INSTEAD OF) or on a partition is schema the model
  // does not hold yet: read past with a note, the rest of the file kept.
  {
    test::TempProject p("triggers-on-views");
    p.file("schemaforge.yaml", one_engine(db::Engine::sqlite))
        .file("spec/items.sql", std::string(items_table) +
                                    "CREATE VIEW v_items AS SELECT id, qty FROM items;\n"
                                    "CREATE TRIGGER v_items_ins INSTEAD OF INSERT ON v_items BEGIN INSERT INTO items (id, qty) "
                                    "VALUES (NEW.id, NEW.qty); END;\n"
                                    "CREATE TRIGGER items_audit AFTER INSERT ON items BEGIN SELECT 1; END;\n");
    auto r = ingest::load_specs({p.root() / "spec"});
    INFO(test::all_messages(r.diagnostics));
    CHECK_FALSE(r.diagnostics.has_errors());
    CHECK(test::all_messages(r.diagnostics).find("1 × CREATE TRIGGER on a view: not part of the schema model yet") != std::string::npos);
    REQUIRE(r.schema.tables.size() == 1);
    CHECK(r.schema.tables[0].views.size() == 1);
    REQUIRE(r.schema.tables[0].triggers.size() == 1);
    CHECK(r.schema.tables[0].triggers[0].name == "items_audit");
  }
  // Several engines: nothing says whose the statement is.
  auto several = ingest::load_text("spec/items.sql", spec_sql(db::Engine::sqlite, 2));
  CHECK_FALSE(several.diagnostics.has_errors());
  CHECK(several.schema.tables.at(0).triggers.empty());
  CHECK(test::all_messages(several.diagnostics).find("1 × CREATE TRIGGER (one engine's code") != std::string::npos);
}

TEST_CASE("YAML declares triggers per table and routines per schema, each engine's statement", "[triggers][ingest]") {
  auto r = ingest::load_text("spec/items.yaml",
                             "tables:\n  items:\n    primary_key: id\n    columns:\n      id: int\n      qty: int\n"
                             "    triggers:\n      items_total:\n        postgres: CREATE TRIGGER items_total BEFORE INSERT ON items "
                             "FOR EACH ROW EXECUTE FUNCTION items_total();\n"
                             "routines:\n  items_total:\n    postgres: |\n      CREATE FUNCTION items_total() RETURNS trigger "
                             "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$\n");
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.schema.tables.at(0).triggers.size() == 1);
  CHECK(r.schema.tables[0].triggers[0].sql.at("postgres") ==
        "CREATE TRIGGER items_total BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION items_total()");
  REQUIRE(r.schema.routines.size() == 1);
  CHECK(r.schema.routines[0].sql.at("postgres").rfind("CREATE FUNCTION items_total()", 0) == 0);

  auto bad = ingest::load_text("spec/items.yaml", "tables:\n  items:\n    columns:\n      id: int\n    triggers:\n      t1: {oracle: x}\n");
  CHECK(test::all_messages(bad.diagnostics).find("unknown key 'oracle'") != std::string::npos);
}

TEST_CASE("a YAML statement is read as a SQL spec reads it, and must create what its key names", "[triggers][ingest]") {
  // OR REPLACE and DEFINER are the engine's CREATE's to write (PostgreSQL's template says OR REPLACE itself).
  auto r = ingest::load_text("spec/r.yaml", "routines:\n  f:\n    postgres: CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
                                            "    mysql: CREATE DEFINER=`root`@`%` FUNCTION f() RETURNS int DETERMINISTIC RETURN 1\n");
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  CHECK(r.schema.routines.at(0).sql.at("postgres") == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'");
  CHECK(r.schema.routines.at(0).sql.at("mysql") == "CREATE FUNCTION f() RETURNS int DETERMINISTIC RETURN 1");
  auto quoted = ingest::load_text("spec/r.yaml", "routines:\n  Total:\n    postgres: CREATE FUNCTION \"Total\"() RETURNS int LANGUAGE sql AS 'SELECT 1'\n");
  INFO(test::all_messages(quoted.diagnostics));
  CHECK_FALSE(quoted.diagnostics.has_errors());

  const std::string table = "tables:\n  items:\n    columns:\n      id: int\n    triggers:\n      t1:\n        sqlite: ";
  const std::pair<std::string, std::string> refused[] = {
      {table + "CREATE TRIGGER t2 AFTER INSERT ON items BEGIN SELECT 1; END\n", "creates 't2', not 't1'"},
      {table + "CREATE TRIGGER t1 AFTER INSERT ON other BEGIN SELECT 1; END\n", "fires on 'other', not on 'items'"},
      {table + "CREATE FUNCTION t1() RETURNS int RETURN 1\n", "expected CREATE TRIGGER under triggers:"},
      {table + "CREATE TABLE t1 (a int)\n", "expected CREATE TRIGGER, CREATE FUNCTION or CREATE PROCEDURE"},
      {table + "CREATE TRIGGER t1 AFTER INSERT ON items BEGIN SELECT 1; END; SELECT 2\n", "unexpected text after the statement"},
      // The key is the name the engine's catalogue holds: PostgreSQL folds an unquoted name, MySQL keeps its case.
      {"routines:\n  Total:\n    postgres: CREATE FUNCTION Total() RETURNS int LANGUAGE sql AS 'SELECT 1'\n",
       "creates 'total', not 'Total' (postgres folds an unquoted name to lower case)"},
      {"routines:\n  total:\n    mysql: CREATE FUNCTION Total() RETURNS int RETURN 1\n", "creates 'Total', not 'total'; name it"},
  };
  for (const auto& [text, message] : refused) {
    auto bad = ingest::load_text("spec/items.yaml", text);
    INFO(text << "\n" << test::all_messages(bad.diagnostics));
    CHECK(bad.diagnostics.has_errors());
    CHECK(test::all_messages(bad.diagnostics).find(message) != std::string::npos);
  }
}

TEST_CASE("check refuses a trigger for an engine the table is not created on, and warns where one has none", "[triggers][validate]") {
  test::TempProject p("triggers-check");
  const std::string table = "tables:\n  items:\n    primary_key: id\n    columns:\n      id: int\n    triggers:\n      t1:\n";
  p.file("schemaforge.yaml", "engines: [postgres]\n").file("spec/a.yaml", table + "        mysql: CREATE TRIGGER t1 BEFORE INSERT ON items FOR EACH ROW SET NEW.id = 1\n");
  auto refused = p.run("check --spec spec");
  INFO(refused.output);
  CHECK(refused.exit_code == 1);
  CHECK(refused.output.find("trigger 't1' of 'items' is written for mysql, which the table is not created on") != std::string::npos);

  p.file("schemaforge.yaml", "engines: [postgres, mysql]\n");
  auto warned = p.run("check --spec spec");
  INFO(warned.output);
  CHECK(warned.exit_code == 0);
  CHECK(warned.output.find("trigger 't1' of 'items' has no statement for postgres") != std::string::npos);
  CHECK(warned.output.find("[trigger-not-everywhere]") != std::string::npos);

  p.file("spec/r.yaml", "routines:\n  f:\n    sqlite: CREATE FUNCTION f() RETURNS int RETURN 1\n");
  auto no_routines = p.run("check --spec spec");
  CHECK(no_routines.output.find("routine 'f' is written for sqlite, which keeps no stored routines") != std::string::npos);
}

TEST_CASE("each engine folds a trigger or routine so that only what it does tells two apart", "[triggers][drift]") {
  const auto& pg = dialect::dialect_named("postgres").inspector();
  // pg_get_functiondef's print and a pg_dump/hand-written spelling of one function.
  CHECK(pg.canonical_code("CREATE OR REPLACE FUNCTION public.f()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$\nBEGIN RETURN NEW; END\n$function$") ==
        pg.canonical_code("create function f() returns trigger as $$ BEGIN  RETURN NEW;  END $$ language plpgsql volatile;"));
  CHECK(pg.canonical_code("CREATE TRIGGER t BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE PROCEDURE f()") ==
        pg.canonical_code("CREATE TRIGGER t BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION f()"));
  // A signature's types under their aliases, with typmods and IN, which PostgreSQL does not keep.
  CHECK(pg.canonical_code("CREATE FUNCTION public.f(a integer, b character varying, c timestamp with time zone, d timestamp without time zone, "
                          "OUT e numeric)\n RETURNS boolean\n LANGUAGE sql\nAS $function$SELECT true$function$") ==
        pg.canonical_code("CREATE FUNCTION f(IN a int4, b varchar(10), c timestamptz(3), d timestamp, OUT e decimal(12, 2)) "
                          "RETURNS bool LANGUAGE sql AS $$SELECT true$$"));
  CHECK(pg.canonical_code("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$SELECT a$$") !=
        pg.canonical_code("CREATE FUNCTION f(a bigint) RETURNS int LANGUAGE sql AS $$SELECT a$$"));
  CHECK(pg.canonical_code("CREATE FUNCTION f(a time) RETURNS int LANGUAGE sql AS $$SELECT 1$$") !=
        pg.canonical_code("CREATE FUNCTION f(a time with time zone) RETURNS int LANGUAGE sql AS $$SELECT 1$$"));
  // PostgreSQL's #>> is an operator, not a MySQL # comment: what follows it counts.
  CHECK(pg.canonical_code("CREATE TRIGGER t BEFORE UPDATE ON items FOR EACH ROW WHEN (NEW.d #>> '{a}' = 'x') EXECUTE FUNCTION f()") !=
        pg.canonical_code("CREATE TRIGGER t BEFORE UPDATE ON items FOR EACH ROW WHEN (NEW.d #>> '{a}' = 'y') EXECUTE FUNCTION f()"));
  const auto& my = dialect::dialect_named("mysql").inspector();
  CHECK(my.canonical_code("CREATE TRIGGER `t` BEFORE INSERT ON `Items` FOR EACH ROW SET NEW.a = 1 # note") ==
        my.canonical_code("create trigger t before insert on items for each row set new.a = 1;"));
  // SHOW CREATE FUNCTION's print (definer, int(11), the database's charset,
  // non-default characteristics in its order) and the spec's spelling.
  CHECK(my.canonical_code("CREATE DEFINER=`app`@`%` FUNCTION `twice`(s VARCHAR(20)) RETURNS varchar(40) CHARSET utf8mb4 "
                          "COLLATE utf8mb4_unicode_ci\n    DETERMINISTIC\n    SQL SECURITY INVOKER\nRETURN CONCAT(s, s)") ==
        my.canonical_code("CREATE FUNCTION twice(s VARCHAR(20)) RETURNS VARCHAR(40) SQL SECURITY INVOKER CONTAINS SQL DETERMINISTIC "
                          "RETURN CONCAT(s, s);"));
  CHECK(my.canonical_code("CREATE DEFINER=`root`@`localhost` FUNCTION `one`() RETURNS int(11)\nRETURN 1") ==
        my.canonical_code("CREATE FUNCTION one() RETURNS INTEGER NOT DETERMINISTIC LANGUAGE SQL RETURN 1"));
  // Of two conflicting characteristics the server keeps the last.
  CHECK(my.canonical_code("CREATE PROCEDURE p() READS SQL DATA CONTAINS SQL SELECT 1") == my.canonical_code("CREATE PROCEDURE p() SELECT 1"));
  // What the routine does, or how it may be used, tells two apart.
  CHECK(my.canonical_code("CREATE FUNCTION one() RETURNS int DETERMINISTIC RETURN 1") != my.canonical_code("CREATE FUNCTION one() RETURNS int RETURN 1"));
  CHECK(my.canonical_code("CREATE FUNCTION one() RETURNS int RETURN 1") != my.canonical_code("CREATE FUNCTION one() RETURNS int RETURN 2"));
  CHECK(my.canonical_code("CREATE FUNCTION one() RETURNS int RETURN 1") != my.canonical_code("CREATE FUNCTION one() RETURNS bigint RETURN 1"));
}

TEST_CASE("the statement splitter follows DELIMITER lines", "[triggers][migrate][splitter]") {
  auto st = migrate::split_statements("CREATE TABLE t (a int);\nDELIMITER ;;\nCREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN\n"
                                      "  SET NEW.a = 1;\nEND;;\nDELIMITER ;\nSELECT 1;\n");
  REQUIRE(st.size() == 3);
  CHECK(st[1].sql == "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN\n  SET NEW.a = 1;\nEND");
  CHECK(st[1].line == 3);
  CHECK(st[2].sql == "SELECT 1");
}

TEST_CASE("a trigger is created, fires, reads back, drifts, and is changed and undone by migrate on every engine",
          "[triggers][drift][migrate][postgres][mysql][sqlite]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(std::string(db::to_string(e))) {
      test::TempProject p("triggers-" + std::string(db::to_string(e)));
      p.file("schemaforge.yaml", one_engine(e)).file("spec/items.sql", spec_sql(e, 2));
      p.new_migration("init");
      p.file("spec/items.sql", spec_sql(e, 3));
      p.new_migration("triple");
      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = dsn_arg(db);
      p.migrate("up 1", dsn);
      auto c = db.connect();
      CHECK(total_of_new_row(*c, 1) == 10);
      auto before = p.run("inspect --dsn " + dsn);
      REQUIRE(before.exit_code == 0);

      // The database holds the first version; the spec says the second.
      auto differs = p.run("drift --spec spec --dsn " + dsn);
      INFO(differs.output);
      CHECK(differs.exit_code == 1);
      const std::string changed = e == db::Engine::postgres ? "[routine_differs] routine items_total" : "[trigger_differs] trigger items.items_total";
      CHECK(differs.output.find(changed) != std::string::npos);

      p.migrate("up", dsn);
      CHECK(total_of_new_row(*c, 2) == 15);
      auto yaml = p.run("inspect --yaml --dsn " + dsn);
      INFO(yaml.output);
      CHECK(yaml.output.find("triggers:") != std::string::npos);
      CHECK(yaml.output.find("qty * 3") != std::string::npos);
      auto clean = p.run("drift --spec spec --dsn " + dsn);
      INFO(clean.output);
      CHECK(clean.exit_code == 0);

      p.migrate("down 1", dsn);
      CHECK(total_of_new_row(*c, 3) == 10);
      auto after = p.run("inspect --dsn " + dsn);
      CHECK(after.output == before.output);  // the schema read back after down is the one before
    }
  }
}

TEST_CASE("a trigger dropped from the database and one added behind the spec's back are drift", "[triggers][drift][sqlite]") {
  test::TempProject p("triggers-extra");
  p.file("schemaforge.yaml", one_engine(db::Engine::sqlite)).file("spec/items.sql", spec_sql(db::Engine::sqlite, 2));
  p.new_migration("init");
  test::ScratchDatabase db(db::Engine::sqlite);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up", dsn);
  auto c = db.connect();
  c->execute("DROP TRIGGER items_total");
  c->execute("CREATE TRIGGER audit AFTER DELETE ON items BEGIN SELECT 1; END");
  const Mended m = mend(p, dsn, *c);
  INFO(m.report << m.fix);
  CHECK(m.report.find("[missing_trigger] items.items_total") != std::string::npos);
  CHECK(m.report.find("[extra_trigger] items.audit") != std::string::npos);
  CHECK(m.fix.find("DROP TRIGGER IF EXISTS audit") != std::string::npos);
  CHECK(m.fix.find("CREATE TRIGGER items_total AFTER INSERT ON items") != std::string::npos);
  CHECK(m.clean);
  CHECK(total_of_new_row(*c, 1) == 10);
}

TEST_CASE("MariaDB's functions and procedures are read back, compared and mended by drift, and changed by migrate",
          "[triggers][drift][migrate][mysql]") {
  // As a hand or mysqldump writes them; the server prints them otherwise
  // (DEFINER, int(11), its characteristics' order).
  auto spec = [](int factor) {
    return std::string(items_table) + "DELIMITER ;;\n"
           "CREATE FUNCTION item_total(q INTEGER) RETURNS INTEGER NO SQL DETERMINISTIC RETURN q * " + std::to_string(factor) + ";;\n"
           "CREATE DEFINER=`root`@`localhost` PROCEDURE add_item(IN i INT, IN q INT)\n    MODIFIES SQL DATA\n"
           "BEGIN\n  INSERT INTO items (id, qty, total) VALUES (i, q, item_total(q));\nEND;;\nDELIMITER ;\n";
  };
  test::TempProject p("routines-mysql");
  p.file("schemaforge.yaml", one_engine(db::Engine::mysql)).file("spec/items.sql", spec(2));
  p.new_migration("init");
  p.file("spec/items.sql", spec(3));
  p.new_migration("triple");
  test::ScratchDatabase db(db::Engine::mysql);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up 1", dsn);
  auto c = db.connect();
  c->execute("CALL add_item(1, 5)");
  CHECK(db::as_int(c->query("SELECT total FROM items WHERE id = 1").scalar()) == 10);
  auto before = p.run("inspect --yaml --dsn " + dsn);
  INFO(before.output);
  CHECK(before.output.find("item_total:") != std::string::npos);
  CHECK(before.output.find("add_item:") != std::string::npos);
  CHECK(before.output.find("DEFINER") == std::string::npos);

  auto differs = p.run("drift --spec spec --dsn " + dsn);
  INFO(differs.output);
  CHECK(differs.exit_code == 1);
  CHECK(differs.output.find("[routine_differs] routine item_total") != std::string::npos);
  CHECK(differs.output.find("add_item") == std::string::npos);  // printed otherwise, but the same

  p.migrate("up", dsn);
  c->execute("CALL add_item(2, 5)");
  CHECK(db::as_int(c->query("SELECT total FROM items WHERE id = 2").scalar()) == 15);
  CHECK(p.run("drift --spec spec --dsn " + dsn).exit_code == 0);

  // Behind the spec's back: one routine dropped, one added.
  c->execute("DROP PROCEDURE add_item");
  c->execute("CREATE FUNCTION stray() RETURNS int RETURN 7");
  const Mended m = mend(p, dsn, *c);
  INFO(m.report << m.fix);
  CHECK(m.report.find("[missing_routine] routine add_item") != std::string::npos);
  CHECK(m.report.find("[extra_routine] routine stray") != std::string::npos);
  CHECK(m.clean);

  p.migrate("down 1", dsn);
  c->execute("CALL add_item(3, 5)");
  CHECK(db::as_int(c->query("SELECT total FROM items WHERE id = 3").scalar()) == 10);
  CHECK(p.run("inspect --yaml --dsn " + dsn).output == before.output);  // the schema read back after down is the one before
}

TEST_CASE("a PostgreSQL function written with type aliases and typmods drifts clean against the catalogue's print",
          "[triggers][drift][postgres]") {
  test::TempProject p("routines-postgres-aliases");
  p.file("schemaforge.yaml", one_engine(db::Engine::postgres))
      .file("spec/items.sql", std::string(items_table) +
                                  "CREATE FUNCTION scaled(IN q int4, label varchar(10), at timestamptz(3)) RETURNS int8\n"
                                  "    LANGUAGE sql IMMUTABLE\n    AS $$SELECT q::bigint * 2$$;\n");
  p.new_migration("init");
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up", dsn);
  auto c = db.connect();
  CHECK(db::as_int(c->query("SELECT scaled(21, 'x', now())").scalar()) == 42);
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);
  // Another argument type is another function.
  c->execute("DROP FUNCTION scaled");
  c->execute("CREATE FUNCTION scaled(q int8, label varchar, at timestamptz) RETURNS int8 LANGUAGE sql IMMUTABLE AS $$SELECT q * 2$$");
  // CREATE OR REPLACE with other parameters would add an overload beside
  // the old one: the fix drops the database's and creates the spec's.
  const Mended m = mend(p, dsn, *c);
  INFO(m.report << m.fix);
  CHECK(m.report.find("[routine_differs] routine scaled") != std::string::npos);
  CHECK(db::as_int(c->query("SELECT count(*) FROM pg_proc WHERE proname = 'scaled'").scalar()) == 1);
  CHECK(m.clean);

  // The same through migrate: a spec whose function takes other parameters.
  p.file("spec/items.sql", std::string(items_table) +
                               "CREATE FUNCTION scaled(q bigint) RETURNS int8 LANGUAGE sql IMMUTABLE AS $$SELECT q * 2$$;\n");
  p.new_migration("one_parameter");
  p.migrate("up", dsn);
  CHECK(db::as_int(c->query("SELECT count(*) FROM pg_proc WHERE proname = 'scaled'").scalar()) == 1);
  CHECK(db::as_int(c->query("SELECT scaled(21)").scalar()) == 42);
  p.migrate("down 1", dsn);
  CHECK(db::as_int(c->query("SELECT count(*) FROM pg_proc WHERE proname = 'scaled'").scalar()) == 1);
  CHECK(db::as_int(c->query("SELECT scaled(21, 'x', now())").scalar()) == 42);
}

TEST_CASE("a trigger name is taken once per schema on MySQL and SQLite, once per table on PostgreSQL",
          "[triggers][validate][postgres][mysql][sqlite]") {
  for (db::Engine e : {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite}) {
    DYNAMIC_SECTION(std::string(db::to_string(e))) {
      // Two tables, each with a trigger called `Audit` / `audit`, in the
      // engine's own language; MariaDB tells those two apart, so `audit` twice there.
      auto trigger = [e](const std::string& table, const std::string& name) {
        if (e == db::Engine::postgres)
          return "CREATE TRIGGER " + name + " AFTER INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION noop();\n";
        if (e == db::Engine::mysql) return "CREATE TRIGGER " + name + " AFTER INSERT ON " + table + " FOR EACH ROW SET @n = 1;\n";
        return "CREATE TRIGGER " + name + " AFTER INSERT ON " + table + " BEGIN SELECT 1; END;\n";
      };
      std::string spec = "CREATE TABLE a (id int NOT NULL PRIMARY KEY);\nCREATE TABLE b (id int NOT NULL PRIMARY KEY);\n";
      if (e == db::Engine::postgres) spec += "CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NULL; END$$;\n";
      const std::string first = e == db::Engine::mysql ? "audit" : "Audit";
      spec += trigger("a", first) + trigger("b", "audit");
      test::TempProject p("trigger-names-" + std::string(db::to_string(e)));
      p.file("schemaforge.yaml", one_engine(e)).file("spec/s.sql", spec);
      auto checked = p.run("check --spec spec");
      INFO(checked.output);
      test::ScratchDatabase db(e);
      if (e == db::Engine::postgres) {
        CHECK(checked.exit_code == 0);
        if (!db.ok()) continue;
        p.new_migration("init");
        p.migrate("up", dsn_arg(db));
        auto yaml = p.run("inspect --yaml --dsn " + dsn_arg(db));
        INFO(yaml.output);
        // PostgreSQL folds the unquoted Audit to audit: the spec's model says so too.
        CHECK(yaml.output.find("Audit") == std::string::npos);
        CHECK(yaml.output.find("ON a FOR EACH ROW") != std::string::npos);
        CHECK(yaml.output.find("ON b FOR EACH ROW") != std::string::npos);
        CHECK(p.run("drift --spec spec --dsn " + dsn_arg(db)).exit_code == 0);
      } else {
        CHECK(checked.exit_code == 1);
        CHECK(checked.output.find("spec/s.sql:4: error: trigger 'audit' of 'b': " + std::string(db::to_string(e)) +
                                  " names triggers once per schema, and 'a' has one named '" + first + "' (spec/s.sql:3); rename one") !=
              std::string::npos);
        // What the rule stands for: the engine refuses the second one.
        if (!db.ok()) continue;
        auto c = db.connect();
        c->execute("CREATE TABLE a (id int NOT NULL PRIMARY KEY)");
        c->execute("CREATE TABLE b (id int NOT NULL PRIMARY KEY)");
        c->execute(migrate::split_statements(trigger("a", first)).at(0).sql);
        CHECK_THROWS(c->execute(migrate::split_statements(trigger("b", "audit")).at(0).sql));
      }
    }
  }
}

TEST_CASE("overloaded PostgreSQL functions behind the spec's back are drift, and the fix drops each one",
          "[triggers][drift][postgres]") {
  test::TempProject p("routines-postgres-overloads");
  p.file("schemaforge.yaml", one_engine(db::Engine::postgres)).file("spec/items.sql", items_table);
  p.new_migration("init");
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up", dsn);
  auto c = db.connect();
  c->execute("CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql AS $$SELECT a * 2$$");
  c->execute("CREATE FUNCTION twice(a text) RETURNS text LANGUAGE sql AS $$SELECT a || a$$");
  const Mended m = mend(p, dsn, *c);
  INFO(m.report << m.fix);
  CHECK(m.report.find("[extra_routine] routine twice(a integer)") != std::string::npos);
  CHECK(m.report.find("[extra_routine] routine twice(a text)") != std::string::npos);
  CHECK(m.fix.find("DROP FUNCTION IF EXISTS twice(a integer)") != std::string::npos);
  CHECK(db::as_int(c->query("SELECT count(*) FROM pg_proc WHERE proname = 'twice'").scalar()) == 0);
  CHECK(m.clean);
}

TEST_CASE("overloaded PostgreSQL functions in a spec are known by their parameters, migrate and drift clean, and adopt",
          "[triggers][drift][migrate][postgres]") {
  // As a dump or a hand writes them: aliases, a default, an IN, an OUT.
  auto spec = [](int factor) {
    return std::string(items_table) +
           "CREATE FUNCTION twice(IN a int4 DEFAULT 1) RETURNS int LANGUAGE sql AS $$SELECT a * " + std::to_string(factor) + "$$;\n"
           "CREATE FUNCTION twice(a text, OUT b text) LANGUAGE sql AS $$SELECT a || a$$;\n";
  };
  {
    test::TempProject p("routines-postgres-overloads-ingest");
    p.file("schemaforge.yaml", one_engine(db::Engine::postgres)).file("spec/f.sql", spec(2));
    auto r = ingest::load_specs({p.root() / "spec"});
    INFO(test::all_messages(r.diagnostics));
    CHECK_FALSE(r.diagnostics.has_errors());
    REQUIRE(r.schema.routines.size() == 2);
    CHECK(r.schema.routines[0].name == "twice(IN a int4)");
    CHECK(r.schema.routines[1].name == "twice(a text, OUT b text)");
    p.file("spec/f.sql", spec(2) + "CREATE FUNCTION twice(a text, OUT b text) LANGUAGE sql AS $$SELECT a$$;\n");
    auto twice = ingest::load_specs({p.root() / "spec"});
    CHECK(test::all_messages(twice.diagnostics).find("routine 'twice(a text, OUT b text)' is already defined at") != std::string::npos);
  }
  test::TempProject p("routines-postgres-overloaded-spec");
  p.file("schemaforge.yaml", one_engine(db::Engine::postgres)).file("spec/items.sql", spec(2));
  p.new_migration("init");
  p.file("spec/items.sql", spec(3));
  p.new_migration("triple");
  test::ScratchDatabase db(db::Engine::postgres);
  if (!db.ok()) return;
  const std::string dsn = dsn_arg(db);
  p.migrate("up 1", dsn);
  auto c = db.connect();
  CHECK(db::as_int(c->query("SELECT twice(21)").scalar()) == 42);
  CHECK(db::as_string(c->query("SELECT twice('ab'::text)").scalar()) == "abab");
  auto differs = p.run("drift --spec spec --dsn " + dsn);
  INFO(differs.output);
  CHECK(differs.output.find("[routine_differs] routine twice(a integer)") != std::string::npos);
  CHECK(differs.output.find("twice(a text)") == std::string::npos);  // the other one is the spec's

  p.migrate("up", dsn);
  CHECK(db::as_int(c->query("SELECT twice(21)").scalar()) == 63);
  auto clean = p.run("drift --spec spec --dsn " + dsn);
  INFO(clean.output);
  CHECK(clean.exit_code == 0);

  // Adopted: inspect writes each overload under name(parameters), and the
  // project reads back, checks and drifts clean against its database.
  auto adopted = p.run("inspect --dsn " + dsn + " --out adopted");
  INFO(adopted.output);
  REQUIRE(adopted.exit_code == 0);
  auto checked = p.run("check --spec adopted/spec");
  INFO(checked.output);
  CHECK(checked.exit_code == 0);
  auto adopted_drift = p.run("drift --spec adopted/spec --dsn " + dsn);
  INFO(adopted_drift.output);
  CHECK(adopted_drift.exit_code == 0);

  // One dropped behind the spec's back: missing, and the fix creates it.
  c->execute("DROP FUNCTION twice(text)");
  const Mended m = mend(p, dsn, *c);
  INFO(m.report << m.fix);
  CHECK(m.report.find("[missing_routine] routine twice(a text, OUT b text)") != std::string::npos);
  CHECK(m.clean);

  p.migrate("down 1", dsn);
  CHECK(db::as_int(c->query("SELECT twice(21)").scalar()) == 42);
  p.migrate("down 1", dsn);
  CHECK(db::as_int(c->query("SELECT count(*) FROM pg_proc WHERE proname = 'twice'").scalar()) == 0);
}

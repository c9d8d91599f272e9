// Generated (computed) columns: spelled in YAML, SQL and markdown, checked
// against what each targeted engine has, rendered, computed by the real
// server, read back by inspect, compared by drift, and added, changed and
// dropped through migrate new/up/down on PostgreSQL, MariaDB and SQLite.
#include <catch2/catch.hpp>

#include "tests/support/cli_runner.hpp"
#include "tests/support/scratch_db.hpp"
#include "tests/support/spec_fixtures.hpp"
#include "tests/support/temp_project.hpp"

using namespace sf;

namespace {

constexpr db::Engine engines[] = {db::Engine::postgres, db::Engine::mysql, db::Engine::sqlite};

// The generated column under test, as a spec writes it. STORED, because
// PostgreSQL 15 has no other kind; lower() and * mean the same on all three.
const std::string order_lines =
    "tables:\n"
    "  order_lines:\n"
    "    primary_key: id\n"
    "    columns:\n"
    "      id: bigint\n"
    "      sku: varchar(40)\n"
    "      price: \"decimal(12,2)\"\n"
    "      quantity: int\n";
const std::string total_column = "      total: { type: \"decimal(14,2)\", nullable: true, generated: { as: price * quantity, stored: true } }\n";
const std::string sku_key_column = "      sku_key: { type: varchar(40), nullable: true, generated: { as: lower(sku), stored: true } }\n";
const std::string total_index = "    indexes:\n      idx_order_lines_total: [total]\n";

std::string dsn_arg(const test::ScratchDatabase& db) { return test::shell_quote(test::dsn_string(db.dsn())); }

// Each column of order_lines as the engine itself reports it: name, whether
// it is generated, and (folded to lower case without spaces, quotes and
// parentheses) the expression it is computed by.
std::vector<std::string> generated_facts(db::Connection& c) {
  std::string sql;
  switch (c.engine()) {
    case db::Engine::postgres:
      sql = "SELECT a.attname, a.attgenerated::text, COALESCE(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "WHERE a.attrelid = 'order_lines'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname";
      break;
    case db::Engine::mysql:
      sql = "SELECT COLUMN_NAME, EXTRA, COALESCE(GENERATION_EXPRESSION, '') FROM information_schema.COLUMNS "
            "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order_lines' ORDER BY COLUMN_NAME";
      break;
    case db::Engine::sqlite:
      sql = "SELECT name, CAST(hidden AS TEXT), '' FROM pragma_table_xinfo('order_lines') ORDER BY name";
      break;
  }
  std::vector<std::string> out;
  for (const auto& r : c.query(sql).rows) {
    std::string expr;
    for (char ch : db::as_string(r[2]))
      if (!std::isspace(static_cast<unsigned char>(ch)) && ch != '(' && ch != ')' && ch != '`' && ch != '"')
        expr += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.push_back(db::as_string(r[0]) + " " + db::as_string(r[1]) + " " + expr);
  }
  return out;
}

// A value of the one row, as text (decimals compare as numbers: SQLite
// keeps 10.00 as 10).
std::string value(db::Connection& c, const std::string& column) {
  const auto rows = c.query("SELECT " + column + " FROM order_lines").rows;
  REQUIRE(rows.size() == 1);
  return db::is_null(rows[0][0]) ? "NULL" : db::as_string(rows[0][0]);
}
double number(db::Connection& c, const std::string& column) { return std::stod(value(c, column)); }

}  // namespace

TEST_CASE("a generated column reads the same from YAML, SQL and markdown", "[generated-columns][ingest]") {
  test::TempProject yaml("gen-yaml"), pg_sql("gen-pg-sql"), my_sql("gen-my-sql"), md("gen-md");
  yaml.file("spec/t.yaml", order_lines + total_column);
  pg_sql.file("spec/t.sql",
              "CREATE TABLE order_lines (id bigint PRIMARY KEY, sku varchar(40) NOT NULL, price numeric(12,2) NOT NULL,\n"
              "  quantity integer NOT NULL, total numeric(14,2) GENERATED ALWAYS AS (price * quantity) STORED);\n");
  my_sql.file("spec/t.sql",
              "CREATE TABLE order_lines (id bigint NOT NULL, sku varchar(40) NOT NULL, price decimal(12,2) NOT NULL,\n"
              "  quantity int NOT NULL, total decimal(14,2) AS (price * quantity) PERSISTENT, PRIMARY KEY (id));\n");
  md.file("spec/order_lines.md",
          "# order_lines\n\nOrder lines.\n\n## Columns\n"
          "| Column | Type | Null | Default | Description |\n| --- | --- | --- | --- | --- |\n"
          "| id | BIGINT | NO |  | Primary key. |\n| sku | VARCHAR(40) | NO |  | Stock keeping unit. |\n"
          "| price | DECIMAL(12,2) | NO |  | Unit price. |\n| quantity | INT | NO |  | Units. |\n"
          "| total | DECIMAL(14,2) | YES | GENERATED ALWAYS AS (price * quantity) STORED | Line total. |\n");
  for (const auto* p : {&yaml, &pg_sql, &my_sql, &md}) {
    auto loaded = cli::load_and_validate({p->spec()});
    INFO(p->root().string() << "\n" << test::all_messages(loaded.diagnostics));
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    const model::Column* total = loaded.schema.find_table("order_lines")->find_column("total");
    REQUIRE(total->generated);
    CHECK(total->generated->expression == "price * quantity");
    CHECK(total->generated->stored);
    CHECK_FALSE(total->default_value.present());
  }
  // MySQL's bare AS (…) is VIRTUAL unless it says otherwise.
  test::TempProject virt("gen-virtual");
  virt.file("schemaforge.yaml", "engines: [mysql, sqlite]\n")
      .file("spec/t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, a int, b int AS (a + 1), c int GENERATED ALWAYS AS (a * 2) VIRTUAL);\n");
  auto loaded = cli::load_and_validate({virt.spec()});
  INFO(test::all_messages(loaded.diagnostics));
  REQUIRE_FALSE(loaded.diagnostics.has_errors());
  const model::Table& t = *loaded.schema.find_table("t");
  CHECK(t.find_column("b")->generated == model::GeneratedColumn{"a + 1", false});
  CHECK(t.find_column("c")->generated == model::GeneratedColumn{"a * 2", false});
}

TEST_CASE("check refuses what a targeted engine cannot create of a generated column", "[generated-columns][validate]") {
  test::TempProject p("gen-refused");
  p.file("spec/t.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      a: int\n"
                        "      v: { type: int, nullable: true, generated: a + 1 }\n"
                        "      n: { type: int, generated: { as: a + 2, stored: true } }\n"
                        "      d: { type: int, nullable: true, default: 0, generated: { as: a + 3, stored: true } }\n");
  auto all = p.run("check --spec spec");
  INFO(all.output);
  CHECK(all.exit_code == 1);
  CHECK(all.output.find("t.v is a VIRTUAL generated column, which postgres does not have") != std::string::npos);
  CHECK(all.output.find("t.n is a generated column with NOT NULL, which mysql refuses") != std::string::npos);
  CHECK(all.output.find("t.d is generated, so it takes no DEFAULT") != std::string::npos);
  // Where only SQLite is targeted, VIRTUAL and NOT NULL are its to take.
  p.file("schemaforge.yaml", "engines: [sqlite]\n");
  p.file("spec/t.yaml", "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      a: int\n"
                        "      v: { type: int, nullable: true, generated: a + 1 }\n"
                        "      n: { type: int, generated: { as: a + 2, stored: true } }\n");
  auto sqlite_only = p.run("check --spec spec");
  INFO(sqlite_only.output);
  CHECK(sqlite_only.exit_code == 0);
}

TEST_CASE("a spec's generated columns are computed by each server, read back by inspect and drift clean",
          "[generated-columns][render][drift][pg][mysql][sqlite]") {
  for (db::Engine e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("gen-render-") + db::to_string(e));
      p.file("schemaforge.yaml", std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n");
      p.file("spec/order_lines.yaml", order_lines + total_column + sku_key_column + total_index);
      p.generate();
      test::ScratchDatabase source(e), copy(e);
      if (!source.ok() || !copy.ok()) continue;
      auto c = source.connect();
      test::run_script(*c, p.schema_sql(e));
      c->execute("INSERT INTO order_lines (id, sku, price, quantity) VALUES (1, 'AB-1', 2.50, 4)");
      CHECK(number(*c, "total") == Approx(10.0));
      CHECK(value(*c, "sku_key") == "ab-1");
      c->execute("UPDATE order_lines SET quantity = 3");
      CHECK(number(*c, "total") == Approx(7.5));
      auto drift = p.run("drift --spec spec --dsn " + dsn_arg(source));
      INFO(drift.output);
      CHECK(drift.exit_code == 0);

      // Adopted: inspect writes the columns back as generated, and the
      // schema generated from that computes the same in a second database.
      test::TempProject adopted(std::string("gen-adopted-") + db::to_string(e));
      auto inspected = adopted.run("inspect --yaml --dsn " + dsn_arg(source));
      INFO(inspected.output);
      REQUIRE(inspected.exit_code == 0);
      CHECK(inspected.output.find("generated:") != std::string::npos);
      adopted.file("schemaforge.yaml", std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n");
      adopted.file("spec/live.yaml", inspected.output);
      auto regenerated = adopted.run("generate --spec spec --out out");
      INFO(regenerated.output);
      REQUIRE(regenerated.exit_code == 0);
      auto d = copy.connect();
      test::run_script(*d, test::read_file(adopted.root() / "out" / db::to_string(e) / "schema.sql"));
      CHECK(generated_facts(*d) == generated_facts(*c));
      auto copy_drift = p.run("drift --spec spec --dsn " + dsn_arg(copy));
      INFO(copy_drift.output);
      CHECK(copy_drift.exit_code == 0);

      // A database computing it another way is drift.
      p.file("spec/order_lines.yaml", order_lines +
                                          "      total: { type: \"decimal(14,2)\", nullable: true, generated: { as: price + quantity, stored: true } }\n" +
                                          sku_key_column + total_index);
      auto changed = p.run("drift --spec spec --dsn " + dsn_arg(source));
      INFO(changed.output);
      CHECK(changed.exit_code == 1);
      CHECK(changed.output.find("[column_generated] order_lines.total") != std::string::npos);
    }
  }
}

TEST_CASE("migrate new adds, changes and drops a generated column, up and down, on all three engines",
          "[generated-columns][migrate][pg][mysql][sqlite]") {
  for (db::Engine e : engines) {
    DYNAMIC_SECTION(db::to_string(e)) {
      test::TempProject p(std::string("gen-migrate-") + db::to_string(e));
      p.file("schemaforge.yaml", std::string("engines: [") + db::to_string(e) + "]\ngenerated_views: []\n");
      p.file("spec/order_lines.yaml", order_lines);
      REQUIRE(p.run("migrate new init --spec spec --dir migrations").exit_code == 0);
      p.file("spec/order_lines.yaml", order_lines + total_column + total_index);
      auto added = p.run("migrate new add_total --spec spec --dir migrations");
      INFO(added.output);
      REQUIRE(added.exit_code == 0);
      p.file("spec/order_lines.yaml",
             order_lines + "      total: { type: \"decimal(14,2)\", nullable: true, generated: { as: price * quantity * 2, stored: true } }\n" +
                 total_index);
      auto changed = p.run("migrate new double_total --spec spec --dir migrations");
      INFO(changed.output);
      REQUIRE(changed.exit_code == 0);

      test::ScratchDatabase db(e);
      if (!db.ok()) continue;
      const std::string dsn = dsn_arg(db);
      auto step = [&](const std::string& args) {
        auto r = p.run("migrate " + args + " --dir migrations --dsn " + dsn);
        INFO(r.output);
        REQUIRE(r.exit_code == 0);
      };
      step("up 1");
      auto c = db.connect();
      c->execute("INSERT INTO order_lines (id, sku, price, quantity) VALUES (1, 'AB-1', 2.50, 4)");
      step("up");
      CHECK(number(*c, "total") == Approx(20.0));
      auto drift = p.run("drift --spec spec --dsn " + dsn);
      INFO(drift.output);
      CHECK(drift.exit_code == 0);
      // The index on it survives the change, on engines that recreate the column.
      bool indexed = false;
      for (const auto& r : c->query(e == db::Engine::postgres ? "SELECT indexname FROM pg_indexes WHERE tablename = 'order_lines'"
                                    : e == db::Engine::mysql  ? "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE "
                                                                "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'order_lines'"
                                                              : "SELECT name FROM sqlite_master WHERE type = 'index'")
                                  .rows)
        indexed = indexed || db::as_string(r[0]) == "idx_order_lines_total";
      CHECK(indexed);

      step("down 1");
      CHECK(number(*c, "total") == Approx(10.0));
      step("down 1");
      CHECK(value(*c, "quantity") == "4");  // the row stays, the column goes
      bool has_total = false;
      for (const auto& f : generated_facts(*c)) has_total = has_total || f.rfind("total ", 0) == 0;
      CHECK_FALSE(has_total);
    }
  }
}

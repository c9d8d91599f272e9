// Each variation real docs of this family show, with its own small fixture
// under tests/fixtures/markdown/.
#include <catch2/catch.hpp>

#include "generator/ingest/markdown_cells.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace {
using namespace sf;
using model::Severity;

const model::Table& only_table(const ingest::LoadResult& r) {
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  REQUIRE(r.schema.tables.size() == 1);
  return r.schema.tables.front();
}
std::vector<std::string> names(const model::Table& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) out.push_back(c.name);
  return out;
}
ingest::LoadResult fixture(const std::string& name) { return test::load({"tests/fixtures/markdown/" + name}); }
}  // namespace

TEST_CASE("a trailing Crypto column is read into each column", "[markdown]") {
  auto r = fixture("crypto_column.md");
  const auto& t = only_table(r);
  CHECK(t.find_column("payload")->crypto == "AES-256-GCM envelope");
  CHECK(t.find_column("digest")->crypto == "SHA3-256");
  CHECK(t.find_column("id")->crypto.empty());
}

TEST_CASE("header names, not positions, decide what a cell means", "[markdown]") {
  auto r = fixture("reordered_headers.md");
  const auto& t = only_table(r);
  CHECK(names(t) == std::vector<std::string>{"id", "serial", "slot"});
  const auto* slot = t.find_column("slot");
  CHECK(model::to_string(slot->type) == "smallint");
  CHECK(slot->nullable);
  CHECK(slot->default_value == model::DefaultValue{model::DefaultValue::Kind::number, "1"});
  CHECK(slot->description == "Rack slot.");
  CHECK_FALSE(t.find_column("serial")->nullable);
}

TEST_CASE("type cells: one type, both halves, either half alone, engine aliases", "[markdown]") {
  auto r = fixture("type_halves.md");
  const auto& t = only_table(r);
  const auto* both = t.find_column("both");
  CHECK(model::to_string(both->type) == "timestamp(3)");
  CHECK(both->native_types == std::map<std::string, std::string>{{"mysql", "DATETIME(3)"}, {"postgres", "TIMESTAMPTZ(3)"}});
  CHECK(both->default_value.text == "CURRENT_TIMESTAMP(3)");
  CHECK(model::to_string(t.find_column("only_mysql")->type) == "json");
  CHECK(t.find_column("only_mysql")->native_types == std::map<std::string, std::string>{{"mysql", "JSON"}});
  CHECK(model::to_string(t.find_column("only_pg")->type) == "binary");
  CHECK(t.find_column("only_pg")->native_types == std::map<std::string, std::string>{{"postgres", "BYTEA"}});
  CHECK(t.find_column("mariadb_alias")->native_types ==
        std::map<std::string, std::string>{{"mysql", "MEDIUMTEXT"}, {"postgres", "TEXT"}});
  CHECK(t.find_column("uns")->is_unsigned);
  CHECK(model::to_string(t.find_column("flag")->type) == "boolean");
  CHECK(model::to_string(t.find_column("price")->type) == "decimal(12,2)");
}

TEST_CASE("default cells: bare words, quoted strings, numbers, booleans, expressions, NULL, empty", "[markdown]") {
  auto r = fixture("defaults.md");
  const auto& t = only_table(r);
  using K = model::DefaultValue::Kind;
  auto d = [&](const char* c) { return t.find_column(c)->default_value; };
  CHECK(d("mode") == model::DefaultValue{K::string, "pending"});
  CHECK(d("quoted") == model::DefaultValue{K::string, "two words"});
  CHECK(d("retries") == model::DefaultValue{K::number, "3"});
  CHECK(d("ratio") == model::DefaultValue{K::number, "-0.5"});
  CHECK(d("enabled") == model::DefaultValue{K::boolean, "false"});
  CHECK(d("at") == model::DefaultValue{K::expression, "CURRENT_TIMESTAMP(6)"});
  CHECK(d("maybe") == model::DefaultValue{K::null, ""});
  CHECK(d("none") == model::DefaultValue{});
}

TEST_CASE("enum values from (enum: …) notes, agreeing with ENUM(...)", "[markdown]") {
  auto r = fixture("enum_note.md");
  const auto& t = only_table(r);
  CHECK(model::to_string(t.find_column("priority")->type) == "enum('low','normal','high')");
  CHECK(model::to_string(t.find_column("kind")->type) == "enum('bug','feature')");
}

TEST_CASE("index SQL cells: CREATE INDEX, INDEX, KEY, UNIQUE KEY, CONSTRAINT UNIQUE, DESC, one engine only", "[markdown]") {
  auto r = fixture("index_forms.md");
  const auto& t = only_table(r);
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].name == "uq_orders_ref");
  CHECK(t.uniques[0].columns == std::vector<std::string>{"reference"});
  REQUIRE(t.indexes.size() == 4);
  CHECK(t.indexes[0].name == "idx_orders_customer");
  CHECK(t.indexes[0].columns == std::vector<model::IndexColumn>{{"customer_id", false}, {"placed_at", true}});
  CHECK(t.indexes[0].dialects.empty());
  CHECK(t.indexes[1].name == "idx_orders_channel");
  CHECK(t.indexes[1].dialects.empty());
  CHECK(t.indexes[2].name == "idx_orders_placed");
  CHECK(t.indexes[2].dialects == std::vector<std::string>{"mysql"});
  CHECK(t.indexes[3].name == "idx_orders_ref_unique");
  CHECK(t.indexes[3].unique);
  CHECK(t.indexes[3].dialects == std::vector<std::string>{"postgres"});
}

TEST_CASE("view links with backslashes or slashes, linked or not, and an empty Engine differences section", "[markdown]") {
  auto r = fixture("view_links.md");
  const auto& t = only_table(r);
  REQUIRE(t.views.size() == 1);
  const auto& v = t.views[0].variants;
  CHECK(v.at("mysql").link == "schema/040_views.mysql.sql");
  CHECK(v.at("mysql").algorithm == "MERGE");
  CHECK(v.at("mysql").security == "INVOKER");
  CHECK(v.at("postgres").link == "../schema/040_views.postgres.sql");
  CHECK(v.at("sqlite").link == "views/sqlite.sql");
}

TEST_CASE("escaped pipes stay in the cell, trailing spaces are trimmed, unknown sections are noted", "[markdown]") {
  auto r = fixture("escaped_pipes_and_spaces.md");
  const auto& t = only_table(r);
  CHECK(t.name == "notes");
  CHECK(t.find_column("body")->description == "Markdown body; a | b tables allowed | kept verbatim.");
  CHECK(model::to_string(t.find_column("id")->type) == "bigint");
  const auto& note = test::find_diag(r.diagnostics, Severity::note, "section 'Related tickets' is not part of the spec format");
  CHECK(note.loc.line == 11);
}

TEST_CASE("CRLF line endings and a UTF-8 BOM read the same as LF", "[markdown]") {
  std::string lf = test::read_file(test::source_dir() / "tests/fixtures/markdown/defaults.md");
  std::string crlf = "\xEF\xBB\xBF";
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto a = ingest::load_text("defaults.md", lf);
  auto b = ingest::load_text("defaults.md", crlf);
  INFO(test::all_messages(b.diagnostics));
  REQUIRE_FALSE(b.diagnostics.has_errors());
  CHECK(a.schema == b.schema);
  CHECK(b.schema.tables.at(0).find_column("at")->loc.line == 14);
}

TEST_CASE("primary key inference: described id first, else a lone NOT NULL integer id, moved first", "[markdown]") {
  auto r = fixture("no_described_key.md");
  const auto& t = only_table(r);
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"id"});
  CHECK(t.find_column("id")->identity);
  CHECK(names(t) == std::vector<std::string>{"id", "name", "value"});
  test::find_diag(r.diagnostics, Severity::note, "a NOT NULL integer named id");
}

TEST_CASE("truncated ON DELETE SET on a nullable column becomes SET NULL with a warning", "[markdown]") {
  auto r = test::load({"spec"});
  const auto& w = test::find_diag(r.diagnostics, Severity::warning, "'fk_dj_user': 'ON DELETE SET' is cut short; read as SET NULL");
  CHECK(w.loc.file == "spec/deletion_jobs.md");
  CHECK(w.loc.line == 40);
}

// ---- How other teams write the same format (tests/fixtures/doc_variations/) ----

namespace {
ingest::LoadResult variation(const std::string& name) { return test::load({"tests/fixtures/doc_variations/" + name}); }
}  // namespace

TEST_CASE("a unique key listed again as a CREATE UNIQUE INDEX row is one constraint", "[markdown][doc-variations]") {
  auto r = variation("unique_key_twice.md");
  const auto& t = only_table(r);
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].name == "uq_accounts_email");
  CHECK(t.uniques[0].columns == std::vector<std::string>{"email"});
  REQUIRE(t.indexes.size() == 1);
  CHECK(t.indexes[0].name == "idx_accounts_region");
  const auto& note = test::find_diag(r.diagnostics, Severity::note, "unique index 'uq_accounts_email' repeats unique key");
  CHECK(note.loc.line == 24);
}

TEST_CASE("a unique key and an index that share a name but not their columns are still an error", "[markdown][doc-variations]") {
  std::string doc = test::read_file(test::source_dir() / "tests/fixtures/doc_variations/unique_key_twice.md");
  const std::string same = "| uq_accounts_email | email | CREATE UNIQUE INDEX uq_accounts_email ON accounts (email) |";
  doc.replace(doc.find(same), same.size(), "| uq_accounts_email | region | CREATE UNIQUE INDEX uq_accounts_email ON accounts (region) |");
  auto r = ingest::load_text("accounts.md", doc);
  const auto& e = test::find_diag(r.diagnostics, Severity::error, "unique index 'uq_accounts_email' (region) has the name of unique key");
  CHECK(e.loc.line == 24);
}

TEST_CASE("type halves of one family but different spelling give the narrower logical type", "[markdown][doc-variations]") {
  auto r = variation("type_families.md");
  const auto& t = only_table(r);
  CHECK(model::to_string(t.find_column("title")->type) == "varchar(200)");
  CHECK(t.find_column("title")->native_types == std::map<std::string, std::string>{{"mysql", "VARCHAR(200)"}, {"postgres", "TEXT"}});
  CHECK(model::to_string(t.find_column("public_id")->type) == "uuid");
  CHECK(t.find_column("public_id")->native_types.at("mysql") == "CHAR(36)");
  CHECK(model::to_string(t.find_column("digest")->type) == "binary(32)");
  CHECK(model::to_string(t.find_column("review_every")->type) == "interval(6)");
  CHECK(model::to_string(t.find_column("pages")->type) == "int");
  CHECK(model::to_string(t.find_column("editor_rank")->type) == "tinyint");
  CHECK(model::to_string(t.find_column("price")->type) == "decimal(12,2)");  // NUMERIC alone narrows nothing
}

TEST_CASE("type halves that cannot hold the same values are refused, naming both", "[markdown][doc-variations]") {
  for (const auto& [cell, why] : std::vector<std::pair<std::string, std::string>>{
           {"mysql: INT / postgres: TEXT", "a integer and a text do not hold the same values"},
           {"mysql: CHAR(10) / postgres: UUID", "char(10) cannot hold every uuid value (36 characters)"},
           {"mysql: ENUM('a','b') / postgres: ENUM('a','c')", "the two enums list different values"}}) {
    INFO(cell);
    auto r = ingest::load_text("t.md", "# t\n\n## Columns\n| Column | Type | Null |\n| --- | --- | --- |\n| id | BIGINT | NO |\n| v | " +
                                          cell + " | YES |\n");
    const auto& e = test::find_diag(r.diagnostics, Severity::error, why);
    CHECK(e.loc.line == 7);
    CHECK(e.message.find("type of t.v:") == 0);
  }
}

TEST_CASE("default cells per engine: one value spelled twice, two values, a lost quote, a cast for every engine",
          "[markdown][doc-variations]") {
  auto r = variation("engine_defaults.md");
  const auto& t = only_table(r);
  using K = model::DefaultValue::Kind;
  const auto* enabled = t.find_column("enabled");
  CHECK(enabled->default_value == model::DefaultValue{K::boolean, "false"});
  CHECK(enabled->native_defaults.empty());
  const auto* encoding = t.find_column("encoding");
  CHECK_FALSE(encoding->default_value.present());
  CHECK(encoding->default_for("mysql") == model::DefaultValue{K::string, "utf8mb4"});
  CHECK(encoding->default_for("postgres") == model::DefaultValue{K::string, "UTF8"});
  CHECK_FALSE(encoding->default_for("sqlite").present());
  CHECK(t.find_column("retries")->default_value == model::DefaultValue{K::number, "3"});
  const auto* labels = t.find_column("labels");
  CHECK(labels->default_for("postgres") == model::DefaultValue{K::string, "[]"});  // a cast of a literal is the literal
  CHECK_FALSE(labels->default_for("mysql").present());
  const auto& w = test::find_diag(r.diagnostics, Severity::warning, "`[]'::jsonb` has no opening quote; read as '[]'::jsonb");
  CHECK(w.loc.line == 12);
  CHECK(w.message.find("settings.labels (postgres)") != std::string::npos);
  CHECK(t.find_column("options")->default_value == model::DefaultValue{K::string, "{}"});
  const auto* fallback = t.find_column("fallback");  // `mysql: 0 / postgres:`: an empty half is no default
  CHECK(fallback->native_defaults == std::map<std::string, model::DefaultValue>{{"mysql", {K::number, "0"}}});
}

TEST_CASE("a JSON default that is not JSON is refused at check, however it is written", "[markdown][doc-variations]") {
  auto md = test::load({test::temp_spec("bad_json_default.md", "# t\n\n## Columns\n| Column | Type | Null | Default |\n| --- | --- | --- | --- |\n"
                                                               "| id | BIGINT | NO | |\n| a | JSON | YES | postgres: '[oops'::jsonb |\n")});
  const auto& e = test::find_diag(md.diagnostics, Severity::error, "default of JSON column t.a (postgres) is not valid JSON: '[oops'");
  CHECK(e.loc.line == 7);
  auto yaml = test::load({test::temp_spec("bad_json_default.yaml",
                                          "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n"
                                          "      b: { type: json, default: '{x' }\n")});
  test::find_diag(yaml.diagnostics, Severity::error, "default of JSON column t.b is not valid JSON: '{x'");
}

TEST_CASE("an index whose Columns cell was mangled keeps its SQL: method and operator class", "[markdown][doc-variations]") {
  auto r = variation("index_opclass.md");
  const auto& t = only_table(r);
  REQUIRE(t.indexes.size() == 2);
  const auto& gin = t.indexes[1];
  CHECK(gin.name == "idx_events_payload");
  CHECK(gin.method == "gin");
  REQUIRE(gin.columns.size() == 1);
  CHECK(gin.columns[0].name == "payload");
  CHECK(gin.columns[0].opclass == "jsonb_path_ops");
  CHECK(gin.dialects == std::vector<std::string>{"postgres"});
  test::find_diag(r.diagnostics, Severity::note, "the Columns cell (payloadjsonb_path_ops) does not name columns of events");
}

TEST_CASE("an index method or operator class on an engine that lacks it is refused at check", "[markdown][doc-variations]") {
  auto v = test::load({test::temp_spec("gin_everywhere.yaml",
                                       "tables:\n  t:\n    primary_key: id\n    columns:\n      id: bigint\n      doc: json\n"
                                       "    indexes:\n      idx_t_doc: { columns: [doc jsonb_path_ops], using: gin }\n")});
  test::find_diag(v.diagnostics, Severity::error, "index 'idx_t_doc' uses method gin, which mysql does not have");
  test::find_diag(v.diagnostics, Severity::error, "index 'idx_t_doc' uses method gin, which sqlite does not have");
  test::find_diag(v.diagnostics, Severity::error, "gives doc operator class jsonb_path_ops, which mysql does not have");
}

TEST_CASE("a primary key named in a column's description", "[markdown][doc-variations]") {
  auto r = variation("key_in_prose.md");
  const auto& t = only_table(r);
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"ticket_ref"});
  CHECK_FALSE(t.find_column("ticket_ref")->identity);
  test::find_diag(r.diagnostics, Severity::note, "'tickets.ticket_ref' taken as the primary key (its description says so)");
}

TEST_CASE("a composite primary key stated only in the engine sections, which win over the descriptions", "[markdown][doc-variations]") {
  auto r = variation("key_in_engine_sql.md");
  const auto& t = only_table(r);
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"tenant_id", "entry_no"});
  CHECK(names(t) == std::vector<std::string>{"entry_no", "tenant_id", "amount"});
  CHECK(t.indexes.empty());
  const auto& w = test::find_diag(r.diagnostics, Severity::warning, "the column descriptions say (tenant_id); the mysql section wins");
  CHECK(w.loc.line == 19);
  test::find_diag(r.diagnostics, Severity::note, "(tenant_id, entry_no) taken as the primary key of 'ledger_entries'");
}

TEST_CASE("engine sections that state different primary keys are an error", "[markdown][doc-variations]") {
  std::string doc = test::read_file(test::source_dir() / "tests/fixtures/doc_variations/key_in_engine_sql.md");
  doc.replace(doc.find("PRIMARY KEY (tenant_id, entry_no);"), 34, "PRIMARY KEY (entry_no);");
  auto r = ingest::load_text("ledger_entries.md", doc);
  test::find_diag(r.diagnostics, Severity::error, "primary key of 'ledger_entries' is (entry_no) for postgres but (tenant_id, entry_no) for mysql");
}

TEST_CASE("descriptions that mention a key without stating one do not make it the primary key", "[markdown][doc-variations]") {
  for (const char* d : {"Primary key of the row to delete.", "Target primary KMS key.", "Part of the composite primary key of another table."})
    CHECK_FALSE(ingest::states_primary_key(d));
  for (const char* d : {"Surrogate primary key.", "UUID primary key", "Ticket reference (primary key).", "Owner (PK)", "Primary key"})
    CHECK(ingest::states_primary_key(d));
}

TEST_CASE("AUTO_INCREMENT in a Type cell is the column's identity, not part of its type", "[markdown][doc-variations]") {
  const std::string doc =
      "# things\n\n## Columns\n\n"
      "| Column | Type | Nullable | Description |\n| --- | --- | --- | --- |\n"
      "| `id` | BIGINT UNSIGNED AUTO_INCREMENT | NO | Row id (primary key) |\n"
      "| `seq` | mysql: INT auto_increment / sqlite: INTEGER AUTOINCREMENT | NO | a second counter |\n"
      "| `name` | VARCHAR(64) | NO | name |\n";
  auto r = ingest::load_text("things.md", doc);
  const auto& t = only_table(r);
  const auto* id = t.find_column("id");
  CHECK(id->identity);
  CHECK(id->is_unsigned);
  CHECK(model::to_string(id->type) == "bigint");
  const auto* seq = t.find_column("seq");
  CHECK(seq->identity);
  CHECK(seq->native_types == std::map<std::string, std::string>{{"mysql", "INT"}, {"sqlite", "INTEGER"}});
  CHECK_FALSE(t.find_column("name")->identity);
}

// Each variation real docs of this family show, with its own small fixture
// under tests/fixtures/markdown/.
#include <catch2/catch.hpp>

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
  CHECK(w.loc.line == 39);
}

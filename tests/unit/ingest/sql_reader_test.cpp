// The SQL DDL reader over the MySQL and PostgreSQL subsets generated DDL uses.
#include <catch2/catch.hpp>

#include "generator/ingest/sql_lexer.hpp"
#include "tests/support/spec_fixtures.hpp"

namespace {
using namespace sf;
using K = model::DefaultValue::Kind;

const model::Table& table(const ingest::LoadResult& r, const char* name) {
  INFO(test::all_messages(r.diagnostics));
  REQUIRE_FALSE(r.diagnostics.has_errors());
  const auto* t = r.schema.find_table(name);
  REQUIRE(t != nullptr);
  return *t;
}
}  // namespace

TEST_CASE("MySQL DDL: backquotes, AUTO_INCREMENT, UNSIGNED, ENUM, ON UPDATE, inline keys, table options", "[sql]") {
  auto r = test::load({"tests/fixtures/sql/mysql_dump.sql"});
  const auto& a = table(r, "accounts");
  CHECK(a.description == "Customer accounts");
  const auto* id = a.find_column("id");
  CHECK(id->identity);
  CHECK(id->is_unsigned);
  CHECK(id->description == "Surrogate key");
  CHECK(model::to_string(a.find_column("plan")->type) == "enum('free','pro')");
  CHECK(a.find_column("plan")->default_value == model::DefaultValue{K::string, "free"});
  CHECK(a.find_column("balance")->default_value == model::DefaultValue{K::number, "0.00"});
  CHECK(model::to_string(a.find_column("active")->type) == "boolean");
  CHECK(a.find_column("settings")->nullable);
  const auto* upd = a.find_column("updated_at");
  CHECK(upd->default_value == model::DefaultValue{K::expression, "CURRENT_TIMESTAMP(6)"});
  CHECK(upd->on_update == "CURRENT_TIMESTAMP(6)");
  REQUIRE(a.primary_key);
  CHECK(a.primary_key->columns == std::vector<std::string>{"id"});
  REQUIRE(a.uniques.size() == 1);
  CHECK(a.uniques[0].name == "uq_accounts_email");
  REQUIRE(a.indexes.size() == 1);
  CHECK(a.indexes[0].columns == std::vector<model::IndexColumn>{{"plan", false}, {"updated_at", true}});
  CHECK(a.options.at("mysql").at("engine") == "InnoDB");
  CHECK(a.options.at("mysql").at("collate") == "utf8mb4_unicode_ci");

  const auto& s = table(r, "sessions");
  REQUIRE(s.foreign_keys.size() == 1);
  CHECK(s.foreign_keys[0].name == "fk_sessions_account");
  CHECK(s.foreign_keys[0].on_delete == model::FkAction::cascade);
  CHECK(s.foreign_keys[0].on_update == model::FkAction::restrict);
  REQUIRE(s.indexes.size() == 1);
  CHECK(s.indexes[0].name == "idx_sessions_token");
  // The INSERT carries no schema: skipped in silence, not an error.
  CHECK(test::all_messages(r.diagnostics).find("INSERT") == std::string::npos);
}

TEST_CASE("PostgreSQL DDL: identity, CREATE TYPE enums, CHECK-IN enums, casts, COMMENT ON, ALTER TABLE ADD", "[sql]") {
  auto r = test::load({"tests/fixtures/sql/postgres_dump.sql"});
  const auto& t = table(r, "tickets");
  CHECK(t.description == "Support tickets");
  CHECK(t.find_column("id")->identity);
  CHECK(model::to_string(t.find_column("state")->type) == "enum('open','closed')");
  // kind TEXT + CHECK (kind IN (...)) reads back as an enum, the check folded away.
  CHECK(model::to_string(t.find_column("kind")->type) == "enum('bug','feature')");
  CHECK(t.find_column("kind")->default_value == model::DefaultValue{K::string, "bug"});
  REQUIRE(t.checks.size() == 1);
  CHECK(t.checks[0].name == "ck_tickets_title");
  CHECK(t.checks[0].expression == "length(title) > 0");
  CHECK(model::to_string(t.find_column("opened_at")->type) == "timestamp(6)");
  CHECK(t.find_column("opened_at")->default_value == model::DefaultValue{K::expression, "CURRENT_TIMESTAMP"});
  CHECK(t.find_column("title")->description == "One-line summary");
  REQUIRE(t.foreign_keys.size() == 1);
  CHECK(t.foreign_keys[0].name == "tickets_owner_id_fkey");  // PostgreSQL's own naming when none is given
  CHECK(t.foreign_keys[0].on_delete == model::FkAction::set_null);
  REQUIRE(t.indexes.size() == 1);
  CHECK(t.indexes[0].unique);
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].columns == std::vector<std::string>{"kind", "title"});
}

TEST_CASE("SQL errors name line and column", "[sql]") {
  auto r = ingest::load_text("x.sql", "CREATE TABLE t (\n  id INT,\n  name VARCHAR(10) DEFAULT\n);\n");
  REQUIRE(r.diagnostics.has_errors());
  const auto& d = r.diagnostics.items().front();
  CHECK(d.loc.line == 4);
  CHECK(d.message.find("expected a default value, found ')'") != std::string::npos);
  CHECK(d.message.find("(column 1)") != std::string::npos);
}

TEST_CASE("the tokenizer knows comments, dollar quotes and doubled quotes", "[sql]") {
  auto toks = ingest::tokenize_sql("a -- x\n/* y ; */ 'it''s' $fn$ ; $fn$ `q``n` # z\n;", 1);
  std::vector<std::string> texts;
  for (const auto& t : toks) texts.push_back(t.text);
  CHECK(texts == std::vector<std::string>{"a", "it's", " ; ", "q`n", ";", ""});
  CHECK(toks[1].line == 2);
}

TEST_CASE("a backslash in a string is an escape where the engine reads one: MySQL's, PostgreSQL's E'', never SQLite's", "[sql]") {
  auto strings = [](std::string_view sql, bool backslash_escapes) {
    std::vector<std::string> out;
    for (const auto& t : ingest::tokenize_sql(sql, 1, backslash_escapes))
      if (t.kind == ingest::TokenKind::string) out.push_back(t.text);
    return out;
  };
  // MySQL: \0 \' \b \n \r \t \Z \\ are characters; \% and \_ keep the backslash LIKE reads.
  CHECK(strings(R"('a\'b' 'c\\d' '\n\t\Z' '50\%' 'x\qy')", true) ==
        std::vector<std::string>{"a'b", "c\\d", "\n\t\x1A", "50\\%", "xqy"});
  // PostgreSQL's standard strings and SQLite's: a backslash is itself, so '\' ends where it seems to.
  CHECK(strings(R"('\x00FF' '\' 'c\\d')", false) == std::vector<std::string>{"\\x00FF", "\\", "c\\\\d"});
  // PostgreSQL's E'': octal, hex and Unicode escapes, whatever the standard strings do.
  CHECK(strings(R"(E'\001\\x' e'\x41\u00e9\n' E'it\'s')", false) ==
        std::vector<std::string>{std::string("\x01\\x"), "A\xC3\xA9\n", "it's"});
}

TEST_CASE("columns named key, index, fulltext and spatial are columns, and KEY/INDEX clauses stay clauses", "[sql]") {
  auto r = ingest::load_text("words.sql", R"SQL(CREATE TABLE settings (
  id BIGINT NOT NULL PRIMARY KEY,
  key varchar(64) NOT NULL,
  index int,
  fulltext text,
  spatial varchar(10) DEFAULT NULL,
  `KEY` int,
  KEY idx_settings_key (key),
  INDEX (index),
  KEY idx_settings_prefix (key(10)) USING BTREE,
  UNIQUE KEY uq_settings_spatial (spatial)
);
)SQL");
  const auto& t = table(r, "settings");
  std::vector<std::string> columns;
  for (const auto& c : t.columns) columns.push_back(c.name);
  CHECK(columns == std::vector<std::string>{"id", "key", "index", "fulltext", "spatial", "KEY"});
  CHECK(model::to_string(t.find_column("key")->type) == "varchar(64)");
  CHECK(model::to_string(t.find_column("fulltext")->type) == "text");
  REQUIRE(t.indexes.size() == 3);
  CHECK(t.indexes[0].name == "idx_settings_key");
  CHECK(t.indexes[0].columns.front().name == "key");
  CHECK(t.indexes[1].columns.front().name == "index");
  CHECK(t.indexes[2].name == "idx_settings_prefix");
  REQUIRE(t.uniques.size() == 1);
  CHECK(t.uniques[0].columns == std::vector<std::string>{"spatial"});
}

TEST_CASE("a psql meta-command ends at its line, not at the next semicolon", "[sql]") {
  // musicbrainz's files each start with \set ON_ERROR_STOP 1: the ALTER after it used to be read past with it.
  auto r = ingest::load_text("mb.sql", "CREATE TABLE t (id int NOT NULL);\n\\set ON_ERROR_STOP 1\n"
                                       "ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n\\unset x\n\\echo done\n"
                                       "CREATE INDEX t_idx ON t (id);\n");
  const auto& t = table(r, "t");
  REQUIRE(t.primary_key);
  CHECK(t.primary_key->columns == std::vector<std::string>{"id"});
  CHECK(t.indexes.size() == 1);
}

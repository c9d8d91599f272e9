#include <catch2/catch.hpp>

#include "generator/migrate/statement_splitter.hpp"

using sf::migrate::split_statements;

TEST_CASE("splits at top-level semicolons only, keeping each statement's line", "[migrate][splitter]") {
  auto st = split_statements(
      "-- header; not a statement\n"
      "CREATE TABLE a (x TEXT DEFAULT 'a;b', y TEXT DEFAULT 'it''s; \\' ok');\n"
      "/* block; comment */ INSERT INTO a VALUES ('\";\"', `q;`);\n"
      "\n"
      "DO $$ BEGIN PERFORM 1; EXCEPTION WHEN others THEN NULL; END $$;\n"
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\n"
      "# mysql comment;\n"
      "SELECT 1");
  REQUIRE(st.size() == 5);
  CHECK(st[0].line == 2);
  CHECK(st[0].sql == "CREATE TABLE a (x TEXT DEFAULT 'a;b', y TEXT DEFAULT 'it''s; \\' ok')");
  CHECK(st[1].line == 3);
  CHECK(st[2].line == 5);
  CHECK(st[2].sql.rfind("DO $$", 0) == 0);
  CHECK(st[3].sql.find("$body$ LANGUAGE sql") != std::string::npos);
  CHECK(st[4].sql == "SELECT 1");
  CHECK(st[4].line == 8);
}

TEST_CASE("MySQL routine bodies need no DELIMITER", "[migrate][splitter]") {
  auto st = split_statements(
      "CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\n  CASE WHEN 1 THEN SELECT 2; END CASE;\n"
      "  WHILE 0 DO SELECT 3; END WHILE;\nEND;\nSELECT 4;");
  REQUIRE(st.size() == 2);
  CHECK(st[0].sql.rfind("CREATE PROCEDURE", 0) == 0);
  CHECK(st[0].sql.substr(st[0].sql.size() - 3) == "END");
  CHECK(st[1].sql == "SELECT 4");
  CHECK(st[1].line == 7);
}

TEST_CASE("an unclosed quote names its line", "[migrate][splitter]") {
  CHECK_THROWS_WITH(split_statements("SELECT 1;\nSELECT 'oops;\n"), "line 2: string is never closed");
  CHECK_THROWS_WITH(split_statements("DO $x$ BEGIN"), "line 1: dollar-quoted body $x$ is never closed");
}

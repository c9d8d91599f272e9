#pragma once
// Reads SQL DDL (the MySQL and PostgreSQL subsets generated DDL uses) into the
// model: CREATE TABLE, CREATE [UNIQUE] INDEX, ALTER TABLE … ADD …, COMMENT ON,
// CREATE TYPE … AS ENUM, CREATE VIEW. A recursive-descent parser over
// sql_lexer tokens; errors carry file:line:column.
#include <optional>
#include <string>
#include <string_view>

#include "generator/ingest/source_text.hpp"
#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::ingest {

// Parses `sql` (which starts at line `first_line` of `src`) and appends the
// tables it creates to `out`. Statements we do not model (INSERT, SET, DROP …)
// are skipped with a note. Returns false when an error was reported.
bool read_sql(const SourceText& src, std::string_view sql, int first_line, model::Schema& out,
              model::Diagnostics& diags);

// One index as a markdown "SQL" cell writes it: CREATE [UNIQUE] INDEX n ON t
// (…) [INCLUDE (…)] [NULLS NOT DISTINCT] [WHERE …],
// INDEX n (…), KEY n (…), UNIQUE KEY n (…), CONSTRAINT n UNIQUE [NULLS NOT
// DISTINCT] (…) [DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]].
struct IndexSql {
  std::string name;
  std::vector<model::IndexColumn> columns;
  bool unique = false;
  bool constraint = false;  // a UNIQUE constraint rather than an index
  std::string method;       // USING gin …, lower case; "" for the engine's default
  // A constraint's `CONSTRAINT n UNIQUE NULLS NOT DISTINCT (…) DEFERRABLE INITIALLY DEFERRED`,
  // an index's `… (…) INCLUDE (…) NULLS NOT DISTINCT WHERE …` (PostgreSQL; WHERE also SQLite).
  bool nulls_not_distinct = false;
  model::Deferral deferral = model::Deferral::none;
  std::vector<std::string> include;
  std::string where;
};
[[nodiscard]] std::optional<IndexSql> parse_index_sql(std::string_view sql, std::string& error);

// Table options as SQL writes them after CREATE TABLE (…): `ENGINE=InnoDB
// ROW_FORMAT=DYNAMIC` (MySQL), `STRICT, WITHOUT ROWID` (SQLite). A table
// holding only those options (and a COMMENT's description).
[[nodiscard]] std::optional<model::Table> parse_table_options(std::string_view text, std::string& error);

// One trigger's or routine's CREATE statement (a YAML `triggers:` or
// `routines:` entry) as the model keeps it: `CREATE [CONSTRAINT] TRIGGER …`
// or `CREATE FUNCTION/PROCEDURE …` to the end of its body, without OR
// REPLACE, MySQL's DEFINER and the final ';'.
struct CodeStatement {
  bool trigger = false;
  std::string name;   // the trigger's or routine's, as written (model::created_name says what an engine makes of it)
  bool name_quoted = false;
  // A routine's parameters without their defaults, as written, space
  // collapsed ("a int, OUT b text"): which of several routines of one name
  // (PostgreSQL overloads) this is.
  std::string parameters;
  std::string table;  // the table a trigger fires on
  std::string sql;
};
[[nodiscard]] std::optional<CodeStatement> parse_code_statement(std::string_view sql, std::string& error);

// "ON DELETE CASCADE ON UPDATE SET NULL"; a truncated "ON DELETE SET" is
// reported through `truncated_set` (delete/update) so the caller can repair it.
struct FkActions {
  model::FkAction on_delete = model::FkAction::no_action;
  model::FkAction on_update = model::FkAction::no_action;
  bool delete_truncated_set = false;
  bool update_truncated_set = false;
};
[[nodiscard]] std::optional<FkActions> parse_fk_actions(std::string_view text, std::string& error);

// "kms_keys(id)" or "kms_keys (id, other)".
struct FkTarget {
  std::string table;
  std::vector<std::string> columns;
};
[[nodiscard]] std::optional<FkTarget> parse_fk_target(std::string_view text, std::string& error);

}  // namespace sf::ingest

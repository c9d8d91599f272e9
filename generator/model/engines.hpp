#pragma once
// The engine registry: the engines schemaforge writes for, in output order,
// and the other names people give them. Rooms that must name engines (spec
// readers accepting `mysql:` halves, flags listing the dialects) iterate this
// list; what each engine does differently lives in generator/dialect/<engine>/.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace sf::model {

// Where a trigger's name must be unique, as each engine's catalogue keys them.
enum class TriggerNames {
  per_table,             // PostgreSQL: two tables may each have a trigger `audit`
  per_schema,            // MySQL/MariaDB: `Audit` and `audit` are two triggers, but `audit` is one per schema
  per_schema_any_case,   // SQLite: `Audit` and `audit` are one name
};

struct EngineName {
  std::string_view name;                    // the key of per-engine entries in the model
  std::array<std::string_view, 2> aliases;  // other spellings people use ("" where unused)
  bool stored_routines = true;              // CREATE FUNCTION/PROCEDURE (SQLite has none: its functions are the host's)
  TriggerNames trigger_names = TriggerNames::per_schema;
  bool folds_unquoted_names = false;        // PostgreSQL: CREATE TRIGGER Audit creates `audit`
};

inline constexpr std::array<EngineName, 3> engines = {{
    {"postgres", {"postgresql", "pg"}, true, TriggerNames::per_table, true},
    {"mysql", {"mariadb", ""}, true, TriggerNames::per_schema, false},
    {"sqlite", {"sqlite3", ""}, false, TriggerNames::per_schema_any_case, false},
}};

// Whether `engine` keeps stored functions and procedures.
[[nodiscard]] constexpr bool has_stored_routines(std::string_view engine) {
  for (const auto& e : engines)
    if (e.name == engine) return e.stored_routines;
  return false;
}

// Where `engine` wants a trigger's name unique.
[[nodiscard]] constexpr TriggerNames trigger_names(std::string_view engine) {
  for (const auto& e : engines)
    if (e.name == engine) return e.trigger_names;
  return TriggerNames::per_schema;
}

// The name `engine` gives an object a statement names `name` (quoted or
// not): what its catalogue will hold, and so what the model must call it.
[[nodiscard]] std::string created_name(std::string_view engine, const std::string& name, bool quoted);

// Syntax only one engine has, which spec readers meet in SQL: CREATE TABLE …
// ENGINE=… ROW_FORMAT=… table options and CREATE ALGORITHM=… SQL SECURITY …
// VIEW flags belong to this engine's entries in the model.
inline constexpr std::string_view table_options_engine = "mysql";
// … and `CREATE TABLE … ) STRICT, WITHOUT ROWID` to this one, as the flags
// below (generator/dialect/sqlite/table_options.hpp reads them).
inline constexpr std::string_view rowid_options_engine = "sqlite";
// The engine whose columns may be declared without a type (SQLite: `c` alone).
inline constexpr std::string_view typeless_columns_engine = "sqlite";
inline constexpr const char* option_strict = "strict";
inline constexpr const char* option_without_rowid = "without_rowid";

// "PostgreSQL", "pg", "MariaDB", "sqlite3" … -> the engine's name; "" for none.
[[nodiscard]] std::string canonical_engine(std::string_view raw);
// postgres, mysql, sqlite
[[nodiscard]] std::vector<std::string> engine_names();
// Every name and alias, for readers that recognise `engine:` prefixes.
[[nodiscard]] std::vector<std::string> engine_spellings();
// Canonical names in registry order, each once; the names no engine has go to `unknown`.
[[nodiscard]] std::vector<std::string> canonical_engines(const std::vector<std::string>& raw, std::vector<std::string>& unknown);
// "postgres, mysql, sqlite" (or with another separator), for messages and flag defaults.
[[nodiscard]] std::string engine_list(std::string_view separator = ", ");

}  // namespace sf::model

#pragma once
// The one schema model every room shares. Specs (markdown, YAML, SQL) are read
// into it; DDL, repositories, migrations and drift reports are functions of it.
// It is dialect-neutral: anything engine-specific is either a per-dialect entry
// keyed by dialect name ("mysql", "postgres", "sqlite") or lives in the dialect.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "generator/model/logical_type.hpp"
#include "generator/model/source_location.hpp"

namespace sf::model {

// A column default as the spec wrote it, classified so every dialect can render it.
struct DefaultValue {
  enum class Kind {
    none,        // no DEFAULT clause
    null,        // DEFAULT NULL
    string,      // 'pending'  (text holds the unquoted value)
    number,      // 0, -1.5
    boolean,     // text is "true" or "false"
    expression,  // CURRENT_TIMESTAMP(6): text holds the canonical upper-case form
  };
  Kind kind = Kind::none;
  std::string text;

  [[nodiscard]] bool present() const { return kind != Kind::none; }
  bool operator==(const DefaultValue&) const = default;
};

// A column the database computes from the row's other columns (GENERATED
// ALWAYS AS (expression)): never written by INSERT or UPDATE. A STORED one
// is computed on write and kept; a VIRTUAL one on read (MySQL, SQLite;
// PostgreSQL 15 has only STORED).
struct GeneratedColumn {
  std::string expression;  // SQL as the spec wrote it, without the outer parentheses
  bool stored = false;
  bool operator==(const GeneratedColumn&) const = default;
};

struct Column {
  std::string name;
  LogicalType type;
  std::map<std::string, std::string> native_types;  // dialect -> type exactly as the spec pinned it
  std::map<std::string, std::string> collations;    // dialect -> collation, where it is not the table's default
  bool nullable = true;
  DefaultValue default_value;                         // every engine's, except those named below
  std::map<std::string, DefaultValue> native_defaults;  // dialect -> the default the spec gives that engine alone
  std::string on_update;       // expression maintained on UPDATE (MySQL ON UPDATE CURRENT_TIMESTAMP), or ""
  bool identity = false;       // database-generated key (IDENTITY / AUTO_INCREMENT)
  bool is_unsigned = false;
  bool keep_signed = false;    // said signed (YAML unsigned: false, a dump's signed AUTO_INCREMENT): an identity stays signed
  bool generate_uuid = false;  // the application generates a UUID on insert
  bool invisible = false;      // MySQL/MariaDB INVISIBLE: left out of SELECT *, read and written by name only
  std::optional<GeneratedColumn> generated;  // computed by the database; no default, no identity
  std::string description;
  std::string crypto;          // the markdown "Crypto" column, when present
  std::string renamed_from;    // migration hint: this column used to be called …
  SourceLoc loc;

  bool operator==(const Column&) const = default;

  // The default `dialect` writes: its own where the spec gives one, else the shared one.
  [[nodiscard]] const DefaultValue& default_for(std::string_view dialect) const;
  // Whether any engine gets a default (the generated insert may then leave the column out).
  [[nodiscard]] bool has_default() const;
};

struct IndexColumn {
  std::string name;            // the column; "" for an expression part
  bool descending = false;
  std::string opclass = {};    // operator class (PostgreSQL: jsonb_path_ops), "" for the type's default
  std::string expression = {};  // an expression part, lower(email), in place of a column (PostgreSQL, SQLite)
  int length = 0;              // a prefix length (MySQL: key_(768)); 0 indexes the whole column
  bool operator==(const IndexColumn&) const = default;
};

// An index part as specs write it: `name[(length)] [opclass] [ASC|DESC]` or
// `(expression) [opclass] [ASC|DESC]`.
[[nodiscard]] std::string to_string(const IndexColumn& c);
[[nodiscard]] std::optional<IndexColumn> parse_index_part(std::string_view text, std::string& error);

// When a constraint is checked: at each statement (none), or at commit where
// a transaction says so (DEFERRABLE INITIALLY IMMEDIATE) or always (… DEFERRED).
enum class Deferral { none, immediate, deferred };

// A primary or unique key: a constraint over whole column values.
struct Key {
  std::string name;  // may be empty for a primary key
  std::vector<std::string> columns;
  SourceLoc loc;
  Deferral deferral = Deferral::none;  // a unique key checked at commit (PostgreSQL)
  bool nulls_not_distinct = false;     // a unique key whose NULLs collide (PostgreSQL 15)
  bool operator==(const Key&) const = default;
};

struct Index {
  std::string name;
  std::vector<IndexColumn> columns;
  bool unique = false;
  std::vector<std::string> dialects;  // empty: every dialect; otherwise only these
  SourceLoc loc;
  std::string method = {};            // access method (PostgreSQL: gin, gist, brin, hash; MySQL: fulltext, spatial), "" for the engine's default
  std::string where = {};             // a partial index's predicate (PostgreSQL, SQLite), "" for a full index
  std::vector<std::string> include = {};  // INCLUDE (columns): stored in the index, not keyed (PostgreSQL)
  bool nulls_not_distinct = false;    // a unique index whose NULLs collide (PostgreSQL 15)
  bool operator==(const Index&) const = default;

  // Whether `engine` creates it (no dialects: every engine does).
  [[nodiscard]] bool created_on(std::string_view engine) const;
};

enum class FkAction { no_action, restrict, cascade, set_null, set_default };

struct ForeignKey {
  std::string name;
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  FkAction on_delete = FkAction::no_action;
  FkAction on_update = FkAction::no_action;
  SourceLoc loc;
  Deferral deferral = Deferral::none;  // PostgreSQL, SQLite
  bool operator==(const ForeignKey&) const = default;
};

struct Check {
  std::string name;
  std::string expression;  // engine-neutral SQL boolean expression
  SourceLoc loc;
  bool operator==(const Check&) const = default;
};

// How one dialect should create a view. Empty `sql` means "generated": the
// contract view vw_<table> or the job status view vw_<table>_status.
struct ViewVariant {
  std::string algorithm;  // MySQL ALGORITHM (MERGE, TEMPTABLE, UNDEFINED)
  std::string security;   // MySQL SQL SECURITY (INVOKER, DEFINER)
  std::string sql;        // the SELECT body, when the spec provides one
  std::string link;       // the file the spec points at, for documentation
  bool operator==(const ViewVariant&) const = default;
};

// Whether `sql` names `identifier` as a whole word, case-insensitive, bare or
// quoted (how a view body refers to the tables and views it reads).
[[nodiscard]] bool sql_names(std::string_view sql, std::string_view identifier);
// Every word of `sql` as sql_names tells words apart (runs of letters,
// digits, _ and $), in lower case: where many names are sought in one text,
// sql_names(sql, n) is sql_words(sql).count(lower(n)) for a name that is
// one such word (is_sql_word).
[[nodiscard]] std::set<std::string> sql_words(std::string_view sql);
[[nodiscard]] bool is_sql_word(std::string_view name);

// The views `generate` adds to what the specs declare (generated_views.hpp).
namespace view_role {
inline constexpr const char* contract = "contract";  // vw_<table>: every column, plus is_<state> flags on job tables
inline constexpr const char* status = "status";      // vw_<table>_status: jobs per state, on job tables
}  // namespace view_role
inline constexpr const char* view_roles[] = {view_role::contract, view_role::status};

struct View {
  std::string name;
  std::string sql;                             // engine-neutral body, if any
  std::map<std::string, ViewVariant> variants;  // dialect -> flags / body
  SourceLoc loc;
  std::string generated = {};                  // "" a view the spec declares; else a view_role the templates write
  bool operator==(const View&) const = default;

  // Whether a body (any dialect's) names `identifier` as a whole word,
  // case-insensitive, bare or quoted: the tables and views it reads. A
  // column spelled the same also counts; callers only reorder or recreate.
  [[nodiscard]] bool reads(std::string_view identifier) const;
};

// Code the database runs, kept as each engine's own statement: trigger and
// routine languages are per engine, so the model holds the CREATE statement
// as written, per engine, and each engine's inspector compares it in that
// engine's canonical form (Inspector::canonical_statement).
using EngineStatements = std::map<std::string, std::string>;  // engine -> CREATE … statement, without the ';'

// A trigger on one table (not the ON UPDATE clocks generate writes, which are
// column attributes): CREATE [CONSTRAINT] TRIGGER … ON <table> ….
struct Trigger {
  std::string name;
  EngineStatements sql;
  SourceLoc loc;
  bool operator==(const Trigger&) const = default;
};

// A stored function or procedure (PostgreSQL: CREATE FUNCTION/PROCEDURE, a
// trigger's function among them; MySQL/MariaDB: CREATE FUNCTION/PROCEDURE).
// Schema-wide: created before the tables (a default or CHECK may call it),
// dropped after them.
struct Routine {
  std::string name;
  EngineStatements sql;
  SourceLoc loc;
  bool operator==(const Routine&) const = default;
};

// Which columns play which role in a job table, and which status values mean what.
// Roles are named by the constants below so every room spells them the same.
struct JobProfile {
  std::string status_column;
  std::map<std::string, std::string> states;   // state role -> enum value
  std::map<std::string, std::string> columns;  // column role -> column name
  bool declared = false;                       // from a YAML `job:` block, not inferred
  bool operator==(const JobProfile&) const = default;

  [[nodiscard]] std::string column(const std::string& role) const {
    auto it = columns.find(role);
    return it == columns.end() ? std::string{} : it->second;
  }
  [[nodiscard]] std::string state(const std::string& role) const {
    auto it = states.find(role);
    return it == states.end() ? std::string{} : it->second;
  }
};

namespace job_state {
inline constexpr const char* pending = "pending";
inline constexpr const char* running = "running";
inline constexpr const char* success = "success";
inline constexpr const char* failure = "failure";
inline constexpr const char* cancelled = "cancelled";
}  // namespace job_state

namespace job_column {
inline constexpr const char* scheduled_at = "scheduled_at";
inline constexpr const char* started_at = "started_at";
inline constexpr const char* finished_at = "finished_at";
inline constexpr const char* attempts = "attempts";
inline constexpr const char* error = "error";
inline constexpr const char* progress = "progress";
inline constexpr const char* updated_at = "updated_at";
inline constexpr const char* ttl_expires_at = "ttl_expires_at";
inline constexpr const char* result = "result";
inline constexpr const char* locked_by = "locked_by";
inline constexpr const char* locked_until = "locked_until";
}  // namespace job_column

// Every role name, for readers that accept them (YAML `job:` blocks).
inline constexpr const char* job_state_roles[] = {job_state::pending, job_state::running, job_state::success,
                                                  job_state::failure, job_state::cancelled};
inline constexpr const char* job_column_roles[] = {
    job_column::scheduled_at, job_column::started_at, job_column::finished_at, job_column::attempts,
    job_column::error,        job_column::progress,   job_column::updated_at,  job_column::ttl_expires_at,
    job_column::result,       job_column::locked_by,  job_column::locked_until};

struct Table {
  std::string name;
  std::string description;
  std::vector<Column> columns;
  std::optional<Key> primary_key;
  std::vector<Key> uniques;
  std::vector<Index> indexes;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Check> checks;
  std::vector<View> views;
  std::vector<Trigger> triggers;
  std::map<std::string, std::map<std::string, std::string>> options;  // dialect -> option -> value
  std::optional<JobProfile> job;
  std::string renamed_from;  // migration hint: this table used to be called …
  std::vector<std::string> engines;  // the engines it is created on; empty: the project's (model/targets.hpp)
  std::vector<std::string> allow;    // warning rules silenced for this table (Diagnostic::rule)
  std::optional<std::vector<std::string>> generated_views;  // view roles generate adds for it; unset: the project's
  std::vector<std::string> sources;  // spec files that contributed, in the order applied
  SourceLoc loc;

  [[nodiscard]] const Column* find_column(std::string_view n) const;
  // Whether the primary key or a unique key starts with `column`.
  [[nodiscard]] bool key_starts_with(std::string_view column) const;
  // The first of `engine`'s indexes whose first part is `column`, or nullptr.
  [[nodiscard]] const Index* first_index_starting_with(std::string_view column, std::string_view engine) const;
  [[nodiscard]] Column* find_column(std::string_view n);
  bool operator==(const Table&) const = default;
};

struct Schema {
  std::vector<Table> tables;
  std::vector<std::string> external_tables;  // referenced by FKs but owned elsewhere
  std::vector<std::string> extensions;       // PostgreSQL extensions it needs (CREATE EXTENSION citext), by name
  std::vector<Routine> routines;             // functions and procedures, by name
  std::vector<std::string> engines;          // the project's target engines (schemaforge.yaml); empty: every engine
  std::optional<std::vector<std::string>> generated_views;  // view roles generate adds (schemaforge.yaml); unset: every role

  [[nodiscard]] const Table* find_table(std::string_view n) const;
  [[nodiscard]] Table* find_table(std::string_view n);
  bool operator==(const Schema&) const = default;
};

// The item of `items` called `name` (a column, key, trigger, routine …), or nullptr.
template <typename T>
[[nodiscard]] const T* named(const std::vector<T>& items, std::string_view name) {
  for (const auto& i : items)
    if (i.name == name) return &i;
  return nullptr;
}

[[nodiscard]] std::string_view to_string(FkAction a);
[[nodiscard]] std::optional<FkAction> parse_fk_action(std::string_view sql_words);  // "SET NULL", "cascade", …
[[nodiscard]] std::string_view to_string(DefaultValue::Kind k);
// "" / "DEFERRABLE INITIALLY IMMEDIATE" / "DEFERRABLE INITIALLY DEFERRED": the clause, as SQL writes it.
[[nodiscard]] std::string_view to_sql(Deferral d);
// "deferred", "immediate", "false"/"no" (none): the YAML spelling.
[[nodiscard]] std::optional<Deferral> parse_deferral(std::string_view word);
// The word parse_deferral reads back: "deferred", "immediate", or "false" for none.
[[nodiscard]] std::string_view to_word(Deferral d);

// Tables by dependency (a table after every table its FKs point at; cycles broken
// by name) and then by name; sorts sources, external tables. Byte-stable output
// starts here.
void canonicalize(Schema& s);

}  // namespace sf::model

#pragma once
// One difference between two schemas, engine-neutral. A change carries the
// table as it was and as it becomes, so the planner can ask a dialect for the
// statements either way round.
#include <string>
#include <vector>

#include "generator/model/schema.hpp"

namespace sf::diff {

enum class ChangeKind {
  create_extension,  // schema-wide (no table): before anything that may use its types
  create_routine,    // schema-wide: before the tables, whose defaults and CHECKs may call it
  replace_routine,   // schema-wide: a routine whose statement changed (the dialect says how: in place, or drop and create)
  drop_trigger,      // a trigger that goes or changes, before anything it fires on changes
  drop_views,        // the generated and spec views of a table whose shape changes
  drop_foreign_key,
  drop_check,
  drop_index,
  drop_unique,
  drop_table,
  rename_table,
  create_table,
  rename_column,
  add_column,
  alter_column,      // type, nullability, default, ON UPDATE, identity, unsigned, enum values
  alter_table_options,  // engine/charset (MySQL), native enums (PostgreSQL): the dialect decides what applies to it
  change_primary_key,  // after new columns exist, before old ones go; FKs that reference the key are dropped first and re-added after
  drop_column,
  add_unique,
  add_index,
  add_check,
  add_foreign_key,
  alter_comment,     // a table's (item "") or column's description: documentation the database keeps (COMMENT)
  create_views,
  create_trigger,    // a new or changed trigger, after the tables and views it fires on
  drop_routine,      // schema-wide, after everything that called it is gone
  drop_extension,    // schema-wide, last: nothing of ours uses it any more
};

struct Change {
  Change(ChangeKind k, model::Table b, model::Table a, std::string i = {}, std::string o = {})
      : kind(k), before(std::move(b)), after(std::move(a)), item(std::move(i)), old_item(std::move(o)) {}

  ChangeKind kind;
  model::Table before;   // empty name when the table is new
  model::Table after;    // empty name when the table goes away
  std::string item;      // column / key / index / FK / check / trigger / extension / routine name (the new name for renames)
  std::string old_item;  // renames: the previous name
  bool destructive = false;
  std::string warning;   // why it is destructive or may fail, for the file's comment
  std::string reads;     // drop/create views only: the other table whose change brings them down
  bool refit = false;    // drop/add foreign key only: unchanged, moved aside while the key it references changes
  std::string engine;    // "" every engine the table targets; else the one engine this change concerns
  model::Routine routine;  // create/replace/drop routine: the routine as it becomes (drop: as it was)
  model::Routine routine_was;  // replace routine: as it was

  // "" for a schema-wide change (an extension).
  [[nodiscard]] const std::string& table() const { return after.name.empty() ? before.name : after.name; }
  [[nodiscard]] std::string describe() const;  // "add column users.nickname varchar(40)"
};

[[nodiscard]] const char* to_string(ChangeKind k);

// Renames the specs declare (renamed_from on tables and columns), from -> to.
struct Renames {
  std::vector<std::pair<std::string, std::string>> tables;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> columns;  // table(after) -> (from, to)
  [[nodiscard]] Renames reversed() const;
};

// Renames declared in `to` whose source exists in `from` (hints that already
// took effect are ignored, so old hints never re-fire).
[[nodiscard]] Renames declared_renames(const model::Schema& from, const model::Schema& to);

// Everything that differs between `from` and `to`, in the order the planner
// applies it. A rename is never guessed: without a hint it is a drop and an add.
[[nodiscard]] std::vector<Change> diff(const model::Schema& from, const model::Schema& to, const Renames& renames);

// Tables in both schemas that start or stop being created on an engine (the
// project's or the table's target engines changed): create_table and
// drop_table changes naming that engine. diff() is engine-neutral and does
// not see these; a migration's per-engine plans do, through for_dialect.
[[nodiscard]] std::vector<Change> target_changes(const model::Schema& from, const model::Schema& to);

// The schema as one engine's migration sees it: only the tables created on
// it (model/targets.hpp), and other engines' native types,
// collations, defaults and indexes dropped, so a change that concerns
// PostgreSQL alone writes nothing for MySQL or SQLite (diff the results per
// engine).
[[nodiscard]] model::Schema for_dialect(model::Schema s, std::string_view dialect);

}  // namespace sf::diff

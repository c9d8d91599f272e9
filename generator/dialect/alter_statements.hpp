#pragma once
// The ALTER facet of a dialect: the statements that carry out each kind of
// change diff/plan.cpp plans, the table rebuild for what an engine cannot
// alter in place, and how a migration runs on this engine (its lock,
// whether DDL is transactional, what runs around it). Every engine has one
// (Dialect::alter()), in <engine>/alter.hpp.
#include <string>
#include <utility>
#include <vector>

#include "generator/dialect/create_statements.hpp"
#include "generator/dialect/spelling.hpp"
#include "generator/model/schema.hpp"

namespace sf::dialect {

class AlterStatements {
 public:
  AlterStatements(const Spelling& spelling, const CreateStatements& create) : spelling_(spelling), create_(create) {}
  virtual ~AlterStatements() = default;

  // --- one change each -----------------------------------------------------
  // Each returns the statements for one change; an empty result means "this
  // engine cannot do it in place" and the planner rebuilds the table instead.
  // `name type [identity] [NOT NULL] [DEFAULT …] [ON UPDATE …]` as CREATE TABLE writes it.
  [[nodiscard]] virtual std::string column_definition(const model::Table& t, const model::Column& c) const;
  [[nodiscard]] virtual std::vector<std::string> add_column(const model::Table& t, const model::Column& c) const;
  [[nodiscard]] virtual std::vector<std::string> drop_column(const model::Table& t, const std::string& column) const;
  [[nodiscard]] virtual std::vector<std::string> alter_column(const model::Table& before_table, const model::Column& before,
                                                             const model::Table& after_table, const model::Column& after) const = 0;
  // Drops the column and adds it back as `after` says: for a generated
  // column whose expression or kind the engine cannot alter. The indexes,
  // keys and FKs over it are not this step's: diff drops them before an
  // altered column and adds them back after.
  [[nodiscard]] std::vector<std::string> recreate_column(const model::Table& before_table, const model::Table& after_table,
                                                         const model::Column& after) const;
  [[nodiscard]] virtual std::string rename_column(const std::string& table, const std::string& from, const std::string& to) const;
  [[nodiscard]] virtual std::string rename_table(const std::string& from, const std::string& to) const;
  // Renames a named constraint ("" where the engine keeps no such names).
  [[nodiscard]] virtual std::string rename_constraint(const std::string& table, const std::string& from, const std::string& to) const;
  // DROP TABLE, after what goes with the table only where the engine keeps it
  // apart (PostgreSQL: the function behind an ON UPDATE clock's trigger).
  [[nodiscard]] std::vector<std::string> drop_table(const model::Table& t) const;
  [[nodiscard]] virtual std::string add_index(const model::Table& t, const model::Index& i) const;
  [[nodiscard]] virtual std::string drop_index(const std::string& table, const std::string& index) const;
  // Sets the description of table `t` (column "") or of its column as the
  // database's comment; none where the engine keeps no comments.
  [[nodiscard]] virtual std::vector<std::string> alter_comment(const model::Table& /*t*/, const std::string& /*column*/) const {
    return {};
  }
  // What a change of the table's `options` means for this engine (none by
  // default: the options of other engines are not ours).
  [[nodiscard]] virtual std::vector<std::string> alter_table_options(const model::Table& /*before*/,
                                                                     const model::Table& /*after*/) const {
    return {};
  }
  // Whether the change of options can only be made by rebuilding the table
  // (SQLite's STRICT and WITHOUT ROWID are fixed when a table is created).
  [[nodiscard]] virtual bool options_need_rebuild(const model::Table& /*before*/, const model::Table& /*after*/) const {
    return false;
  }
  // From `before`'s primary key to `after`'s (either may have none). Empty:
  // rebuild the table (SQLite).
  [[nodiscard]] virtual std::vector<std::string> change_primary_key(const model::Table& before, const model::Table& after) const = 0;
  [[nodiscard]] virtual std::vector<std::string> add_unique(const model::Table& t, const model::Key& k) const;
  [[nodiscard]] virtual std::vector<std::string> drop_unique(const std::string& table, const std::string& name) const;
  [[nodiscard]] virtual std::vector<std::string> add_check(const model::Table& t, const model::Check& c) const;
  [[nodiscard]] virtual std::vector<std::string> drop_check(const std::string& table, const std::string& name) const;
  [[nodiscard]] virtual std::vector<std::string> add_foreign_key(const model::Table& t, const model::ForeignKey& fk) const;
  [[nodiscard]] virtual std::vector<std::string> drop_foreign_key(const std::string& table, const std::string& name) const;
  [[nodiscard]] virtual std::string drop_view(const std::string& view) const;
  // CREATE / DROP EXTENSION; nothing where the engine has no extensions.
  [[nodiscard]] virtual std::vector<std::string> create_extension(const std::string& /*name*/) const { return {}; }
  [[nodiscard]] virtual std::vector<std::string> drop_extension(const std::string& /*name*/) const { return {}; }
  // DROP TRIGGER: trigger names are per schema (MySQL, SQLite) or per table (PostgreSQL: ON table).
  [[nodiscard]] virtual std::string drop_trigger(const std::string& /*table*/, const std::string& name) const {
    return "DROP TRIGGER IF EXISTS " + quote(name);
  }
  // DROP FUNCTION or DROP PROCEDURE, as the routine's statement creates it.
  [[nodiscard]] std::string drop_routine(const model::Routine& r) const;
  // Whether the routine's CREATE (as the templates write it) replaces the
  // routine in place (PostgreSQL: CREATE OR REPLACE, which keeps what
  // depends on it); otherwise a changed routine is dropped and created.
  [[nodiscard]] virtual bool creates_or_replaces_routines() const { return false; }

  // --- the table rebuild ---------------------------------------------------
  // A table rebuilt into a new shape, for an engine that alters little in
  // place (an ALTER above returned nothing): what the templates write for the
  // new shape, and where each new column's rows come from.
  struct TableRebuild {
    const model::Table* before = nullptr;
    const model::Table* after = nullptr;
    std::string temp_name;                                  // the new shape is created under this name
    std::string create_temp;                                // CREATE TABLE temp_name (…)
    std::vector<std::pair<std::string, std::string>> copy;  // new column <- old column
    std::vector<std::string> views;                         // the table's own views: down first, up last ("" none)
    std::string create_indexes, create_views;               // for the new table, as generate writes them
    std::string create_triggers;                            // its declared triggers, which went with the old table
  };
  // The statements of the engine's documented rebuild (SQLite: new table,
  // copy, drop, rename, indexes back; "Making Other Kinds Of Table Schema
  // Changes"). Empty where the engine alters in place and never rebuilds.
  [[nodiscard]] virtual std::vector<std::string> rebuild_table(const TableRebuild&) const { return {}; }

  // --- how a migration runs ------------------------------------------------
  // Statements run outside the migration's transaction, before and after it
  // (SQLite: foreign keys off while tables are rebuilt, per its ALTER docs).
  [[nodiscard]] virtual std::vector<std::string> before_migration() const { return {}; }
  [[nodiscard]] virtual std::vector<std::string> after_migration() const { return {}; }
  // A query that must return no rows before a migration commits ("" for none).
  [[nodiscard]] virtual std::string integrity_check() const { return {}; }
  // Whether DDL runs inside transactions (PostgreSQL, SQLite) or commits
  // implicitly statement by statement (MySQL/MariaDB).
  [[nodiscard]] virtual bool transactional_ddl() const { return true; }
  // How `schemaforge migrate` holds one lock per database while it works.
  struct MigrationLock {
    std::string acquire;  // returns one row whose value is 1 when granted; "" when the transaction is the lock
    std::string release;
    bool waits = false;   // acquire waits up to the timeout itself (else: poll)
    std::string setup;    // run first, e.g. SQLite's busy timeout
  };
  [[nodiscard]] virtual MigrationLock migration_lock(int timeout_seconds) const = 0;

 protected:
  // Every statement here names tables and columns: the spelling's quoting, at hand.
  [[nodiscard]] std::string quote(std::string_view identifier) const { return spelling_.quote(identifier); }
  [[nodiscard]] std::string quote_list(const std::vector<std::string>& names) const { return spelling_.quote_list(names); }

  const Spelling& spelling_;
  const CreateStatements& create_;
};

}  // namespace sf::dialect

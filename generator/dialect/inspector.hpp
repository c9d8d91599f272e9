#pragma once
// The inspection facet of a dialect: reading a live database back into the
// model, reading its view bodies, and projecting a schema onto what this
// engine can tell apart so drift compares like with like. `schemaforge
// inspect` and drift use it; every engine has one (Dialect::inspector()),
// in <engine>/inspector.hpp.
#include <map>
#include <string>
#include <string_view>

#include "generator/dialect/spelling.hpp"
#include "generator/model/schema.hpp"

namespace sf::db {
class Connection;
}

namespace sf::dialect {

// Each column's type as the engine spells it: table -> column -> type.
using ExactTypes = std::map<std::string, std::map<std::string, std::string>>;

class Inspector {
 public:
  explicit Inspector(const Spelling& spelling) : spelling_(spelling) {}
  virtual ~Inspector() = default;

  // Reads the connected database's current schema into the model with a few
  // catalogue queries for the whole schema (never one per table).
  [[nodiscard]] virtual model::Schema inspect(db::Connection& c) const = 0;

  // View bodies, for drift: for each view in `create_statements` (view name
  // -> CREATE VIEW as generate writes it) that the database also has, the
  // spec's and the database's body in a form this engine makes comparable.
  // A view the probe cannot read (its table drifted too) is left out: that
  // drift is reported on the table. Every engine compares whole bodies, each
  // its own way (docs/drift.md); the default compares the column names both
  // sides return for `SELECT * … LIMIT 0`, MySQL's fallback where it may not
  // read a view's definition.
  struct ViewBodies {
    std::string spec;
    std::string database;
  };
  [[nodiscard]] virtual std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                                     const std::map<std::string, std::string>& create_statements) const;

  // The schema as this engine can tell it apart: types as its DDL writes them,
  // defaults as rendered text, and only the attributes it keeps (see the
  // flags below). Applied to both the specs and an inspected database before
  // they are compared, so drift never reports what the engine cannot store.
  [[nodiscard]] model::Schema comparable(model::Schema s) const;

  // A trigger's or routine's CREATE statement in the form drift compares:
  // the spec's and the catalogue's print of one statement fold to one text
  // (code_text.hpp; PostgreSQL also orders a function's clauses).
  [[nodiscard]] virtual std::string canonical_code(std::string_view create_statement) const;

  // What drift pairs a spec's routine and the database's by: the name, and
  // for an overload (known as name(parameters): PostgreSQL) the parameters
  // as the engine keeps them (`a int DEFAULT 1` and `a integer` are one).
  [[nodiscard]] virtual std::string routine_key(const model::Routine& r) const { return r.name; }

  // Whether the engine keeps FK and unique key names (SQLite keeps none:
  // drift knows those by what they cover), and CHECKs (SQLite: only in text).
  [[nodiscard]] virtual bool keeps_constraint_names() const { return true; }
  [[nodiscard]] virtual bool keeps_checks() const { return true; }
  // Whether the engine makes an index of its own for a foreign key that no
  // index leads with, one that stays while the FK does (InnoDB). Drift
  // does not report it (normalise.cpp); inspect reads it, as it is there.
  [[nodiscard]] virtual bool makes_foreign_key_indexes() const { return false; }
  // An extension every database of the engine has (PostgreSQL: plpgsql),
  // which inspect does not list and a spec that creates it needs nothing for.
  [[nodiscard]] virtual bool is_builtin_extension(std::string_view) const { return false; }

  // Pins each column's type as the engine reported it (table -> column ->
  // type) where the model's logical type would spell another type on this
  // engine (PostgreSQL `timestamp`, which the logical timestamp writes as
  // timestamptz; MySQL `mediumtext`): generated back, the column gets the
  // type it had. Call after every other fold of the inspection. The spec
  // readers apply it too, to the types a one-engine project's SQL writes.
  void pin_exact_types(model::Schema& s, const ExactTypes& reported) const;

 protected:


  // What an engine keeps, and so what inspection can read back.
  [[nodiscard]] virtual bool keeps_enums() const { return true; }
  [[nodiscard]] virtual bool keeps_unsigned() const { return false; }
  [[nodiscard]] virtual bool keeps_invisible() const { return false; }  // MySQL/MariaDB: INVISIBLE columns
  [[nodiscard]] virtual bool keeps_prefix_lengths() const { return false; }  // MySQL: key_(768)
  [[nodiscard]] virtual bool keeps_on_update() const { return true; }  // natively (MySQL) or as generate's trigger
  // Whether an ON UPDATE clock keeps its precision when read back (SQLite's trigger writes one text form).
  [[nodiscard]] virtual bool keeps_on_update_precision() const { return true; }
  [[nodiscard]] virtual bool keeps_extensions() const { return false; }  // PostgreSQL: pg_extension
  // Whether a foreign key's DEFERRABLE is read back (SQLite keeps it only in the table's text).
  [[nodiscard]] virtual bool keeps_fk_deferral() const { return true; }
  // Whether a column's declared type only names an affinity (SQLite: `varchar(128)`
  // stores what TEXT stores). Drift then compares what the logical type
  // writes, not the declared spelling that inspect pins for adoption.
  [[nodiscard]] virtual bool types_are_affinities() const { return false; }
  [[nodiscard]] virtual bool distinguishes_restrict() const { return true; }  // InnoDB: RESTRICT == NO ACTION
  [[nodiscard]] virtual bool unique_index_is_key() const { return false; }    // MySQL: one and the same
  // The collation a column gets when it names none; a column collation equal
  // to it is no difference (MySQL: the table's COLLATE option).
  [[nodiscard]] virtual std::string default_collation(const model::Table&) const { return ""; }
  // The table options drift compares on this engine, each with the value it
  // takes where the table says none, so that both sides of a comparison
  // name the same options (SQLite: strict, without_rowid; MySQL: engine,
  // charset, collation, row format). An option one side has and the other
  // not is not compared. None by default: the options are not this engine's
  // structure (PostgreSQL's native enums show in the columns).
  [[nodiscard]] virtual std::map<std::string, std::string> compared_options(const model::Table&) const { return {}; }
  // A column's default as the engine stores it, for comparing (PostgreSQL:
  // a bytea literal is its bytes, '' is '\x').
  [[nodiscard]] virtual model::DefaultValue canonical_default(const model::Column& c) const { return c.default_value; }
  // A collation name as the engine reports it, for comparing (SQLite: upper-case).
  [[nodiscard]] virtual std::string canonical_collation(std::string_view collation) const { return std::string(collation); }

  const Spelling& spelling_;
};

}  // namespace sf::dialect

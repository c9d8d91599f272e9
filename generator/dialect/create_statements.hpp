#pragma once
// The CREATE facet of a dialect: what this engine's CREATE TABLE, CREATE
// INDEX and CREATE VIEW say beyond the columns (the spelling writes those),
// and which index features it has. render/template_data.cpp hands it to the
// sql templates and validation learns the engine's index rules from it;
// every engine has one (Dialect::create()), in <engine>/create.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "generator/dialect/spelling.hpp"
#include "generator/model/schema.hpp"

namespace sf::dialect {

class CreateStatements {
 public:
  explicit CreateStatements(const Spelling& spelling) : spelling_(spelling) {}
  virtual ~CreateStatements() = default;

  // --- the schema ----------------------------------------------------------
  // Whether the engine loads extensions (PostgreSQL: CREATE EXTENSION); the
  // model's extensions are written and compared only where it does.
  [[nodiscard]] virtual bool has_extensions() const { return false; }

  // --- tables --------------------------------------------------------------
  // Table options written after CREATE TABLE (…), e.g. MySQL ENGINE/CHARSET; "" for none.
  [[nodiscard]] virtual std::string table_options(const model::Table&) const { return {}; }
  // What this engine refuses of a table's options for it (an unknown option,
  // a STRICT table's column type it does not take), one message each; check
  // reports them on the tables that target the engine.
  [[nodiscard]] virtual std::vector<std::string> refused_table_options(const model::Table&) const { return {}; }
  // SQLite cannot ALTER TABLE … ADD FOREIGN KEY: its FKs go inside CREATE TABLE.
  [[nodiscard]] virtual bool foreign_keys_inline() const { return false; }
  // Whether a generated column may be VIRTUAL (computed on read), not only STORED.
  [[nodiscard]] virtual bool has_virtual_generated_columns() const { return true; }
  // Whether DEFAULT CURRENT_TIMESTAMP is refused on a column that is not a
  // timestamp (MySQL: "Invalid default value"; the others cast it).
  [[nodiscard]] virtual bool clock_defaults_only_on_timestamps() const { return false; }
  // Whether a column may be INVISIBLE (left out of SELECT *), and whether
  // an invisible NOT NULL column then needs a default (MariaDB: error 4106).
  [[nodiscard]] virtual bool has_invisible_columns() const { return false; }
  [[nodiscard]] virtual bool invisible_not_null_needs_default() const { return false; }
  // Whether a generated column may say NOT NULL.
  [[nodiscard]] virtual bool generated_columns_take_not_null() const { return true; }

  // Where an identity column may stand: SQLite's AUTOINCREMENT only on the
  // INTEGER PRIMARY KEY; MySQL's AUTO_INCREMENT on the leading column of any
  // key or index; PostgreSQL's identity on any column.
  enum class IdentityPlacement { whole_primary_key, leading_key_column, any_column };
  [[nodiscard]] virtual IdentityPlacement identity_placement() const { return IdentityPlacement::any_column; }

  // --- indexes -------------------------------------------------------------
  // Whether an index may cover TEXT/BLOB/JSON columns without a prefix length.
  [[nodiscard]] virtual bool indexes_unbounded_text() const { return true; }
  // Whether a column of this engine type (as a spec pins it, `mediumtext`)
  // needs a prefix length to be indexed. Asked only where
  // indexes_unbounded_text() is false.
  [[nodiscard]] virtual bool needs_index_prefix(std::string_view /*type*/) const { return false; }
  // Whether the engine has index access method `method` (lower case) beside its default.
  [[nodiscard]] virtual bool has_index_method(std::string_view /*method*/) const { return false; }
  // Whether an index of `method` ("" for the default) finds rows by whole
  // column values, as a B-tree does: such an index gets a repository finder
  // and, where indexes_unbounded_text() is false, needs prefix lengths on
  // text. MySQL's FULLTEXT and SPATIAL answer other questions.
  [[nodiscard]] virtual bool looks_up_whole_values(std::string_view /*method*/) const { return true; }
  // Whether index columns may name an operator class (PostgreSQL).
  [[nodiscard]] virtual bool has_operator_classes() const { return false; }
  // Whether an index may be partial (WHERE …) or hold expression parts.
  [[nodiscard]] virtual bool has_partial_indexes() const { return false; }
  [[nodiscard]] virtual bool has_expression_indexes() const { return false; }
  // Whether an index may carry INCLUDE columns, and a unique one NULLS NOT DISTINCT (PostgreSQL).
  [[nodiscard]] virtual bool has_index_include() const { return false; }
  [[nodiscard]] virtual bool has_nulls_not_distinct() const { return false; }
  // Whether index parts take a prefix length, col(10); elsewhere it is left out.
  [[nodiscard]] virtual bool has_prefix_lengths() const { return false; }
  // An index's columns as CREATE INDEX lists them: `a, b DESC`, each with its
  // operator class where it has one (`payload jsonb_path_ops`), expression
  // parts in parentheses, prefix lengths where the engine has them.
  [[nodiscard]] std::string index_columns(const model::Index& i) const;
  // What follows `ON <table>` in CREATE INDEX: the column list, the access
  // method where the index names one (engines that have methods override
  // it), and a partial index's WHERE.
  [[nodiscard]] virtual std::string index_target(const model::Index& i) const;
  // Whether CREATE TABLE itself writes this index (KEY name (…)) instead of a
  // CREATE INDEX after it: the key an identity column that leads no primary
  // or unique key needs where the engine refuses the table without one (MySQL).
  [[nodiscard]] bool index_inline(const model::Table& t, const model::Index& i) const;
  // What stands between CREATE [UNIQUE] and INDEX: "FULLTEXT " on MySQL.
  [[nodiscard]] virtual std::string index_kind(const model::Index&) const { return {}; }

  // --- foreign keys ----------------------------------------------------------
  // Whether an FK column must have its target's type (SQLite compares by value).
  [[nodiscard]] virtual bool foreign_keys_need_matching_types() const { return true; }
  // Whether a foreign key may be DEFERRABLE (checked at commit): PostgreSQL and SQLite.
  [[nodiscard]] virtual bool has_deferrable_foreign_keys() const { return false; }
  // Whether a unique key may be DEFERRABLE (PostgreSQL; SQLite's are always immediate).
  [[nodiscard]] virtual bool has_deferrable_unique_keys() const { return false; }
  // Whether CREATE refuses ON DELETE/UPDATE SET NULL on a NOT NULL column
  // (the others accept it and fail the delete).
  [[nodiscard]] virtual bool refuses_set_null_on_not_null() const { return false; }

  // --- names ---------------------------------------------------------------
  // Whether names of `kind` ("index": indexes and unique keys, "foreign
  // key", "check") are unique across a schema, not only within a table.
  [[nodiscard]] virtual bool schema_wide_names(std::string_view /*kind*/) const { return false; }

  // --- views ---------------------------------------------------------------
  // The view flags (ALGORITHM, SQL SECURITY) a view of this role gets where
  // the spec gives none: role is a model::view_role, or "" for a view the
  // spec declares. {"", ""} where the engine has no such flags.
  struct ViewFlags {
    std::string algorithm;
    std::string security;
  };
  [[nodiscard]] virtual ViewFlags default_view_flags(std::string_view /*role*/) const { return {}; }

 protected:
  const Spelling& spelling_;
};

}  // namespace sf::dialect

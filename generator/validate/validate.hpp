#pragma once
// Semantic checks over a whole Schema, and the small resolutions that need the
// whole schema (FK targets default to the referenced primary key, unsigned
// propagates along FKs, job profiles are inferred). Input: what ingest read.
// Output: the schema every other room works from, plus diagnostics.
#include <functional>
#include <string>
#include <vector>

#include "generator/model/diagnostic.hpp"
#include "generator/model/schema.hpp"

namespace sf::validate {

// What one engine allows in identifiers and indexes; a table is held to the
// rules of the engines it targets (model/targets.hpp) only. Built by the caller from
// generator/dialect so this room depends on the model alone.
struct IdentifierRules {
  std::string dialect;
  std::size_t max_bytes = 0;  // 0: unlimited
  std::function<bool(std::string_view)> is_reserved;
  bool indexes_unbounded_text = true;  // false: TEXT/BLOB/JSON index columns need a prefix length (MySQL)
  std::function<bool(std::string_view)> needs_index_prefix;  // for a native type pinned on this engine
  std::function<bool(std::string_view)> has_index_method;  // gin, gist … beside the default; null: none
  // Whether an index of this method finds rows by whole column values, as a
  // B-tree does (MySQL's FULLTEXT and SPATIAL do not); null: every method does.
  std::function<bool(std::string_view)> looks_up_whole_values;
  bool has_operator_classes = false;   // index columns may name an operator class (PostgreSQL)
  bool has_partial_indexes = false;    // CREATE INDEX … WHERE
  bool has_expression_indexes = false; // index parts may be expressions
  bool has_index_include = false;      // INCLUDE (columns) (PostgreSQL)
  bool has_nulls_not_distinct = false; // a unique index's NULLS NOT DISTINCT (PostgreSQL 15)
  // Whether names of this kind ("index": indexes and unique keys, "foreign
  // key", "check") are unique across a schema rather than within a table.
  std::function<bool(std::string_view)> schema_wide_names;
  bool has_deferrable_foreign_keys = false;   // DEFERRABLE foreign keys (PostgreSQL, SQLite)
  bool has_deferrable_unique_keys = false;    // DEFERRABLE unique keys (PostgreSQL)
  bool refuses_set_null_on_not_null = false;  // an FK's SET NULL on a NOT NULL column is refused as DDL
  bool has_unsigned = false;                  // integer types have an UNSIGNED form (identity keys get it)
  // Where an identity column may stand (dialect::CreateStatements::IdentityPlacement).
  bool identity_only_whole_primary_key = false;  // SQLite: the INTEGER PRIMARY KEY
  bool identity_needs_leading_key = false;       // MySQL: some key or index starts with it
  bool clock_defaults_only_on_timestamps = false;  // DEFAULT CURRENT_TIMESTAMP only on timestamp/date (MySQL)
  bool foreign_keys_need_matching_types = true;    // an FK column has its target's type (not SQLite)
  bool has_virtual_generated_columns = true;  // GENERATED … VIRTUAL, not only STORED (PostgreSQL 15 has only STORED)
  bool generated_columns_take_not_null = true;  // NOT NULL on a generated column (MariaDB refuses it)
  bool has_invisible_columns = false;             // INVISIBLE columns (MySQL/MariaDB)
  bool invisible_not_null_needs_default = false;  // an invisible NOT NULL column needs a default (MariaDB)
  // What the engine refuses of a table's options for it, one message each; null: nothing.
  std::function<std::vector<std::string>(const model::Table&)> refused_table_options;
};

struct Options {
  std::vector<IdentifierRules> identifiers;
};

// Resolves and checks `schema` in place, and then puts the objects generate
// adds (model/generated_views.hpp) into it. Errors mean the schema must not
// be used to generate anything.
void validate(model::Schema& schema, const Options& options, model::Diagnostics& diags);

// The parts, for tests and for tools that need just one.
void resolve_references(model::Schema& schema, const std::vector<IdentifierRules>& rules, model::Diagnostics& diags);
void infer_job_profiles(model::Schema& schema, model::Diagnostics& diags);
void check_tables(const model::Schema& schema, const std::vector<IdentifierRules>& dialects, model::Diagnostics& diags);
void check_identifiers(const model::Schema& schema, const std::vector<IdentifierRules>& rules, model::Diagnostics& diags);
void check_targets(const model::Schema& schema, model::Diagnostics& diags);

}  // namespace sf::validate

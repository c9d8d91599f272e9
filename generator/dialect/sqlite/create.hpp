#pragma once
#include "generator/dialect/create_statements.hpp"

namespace sf::dialect {

// SQLite cannot add a foreign key to an existing table: its FKs are written
// inside CREATE TABLE. Its table options are STRICT and WITHOUT ROWID
// (sqlite/table_options.hpp).
class SqliteCreate final : public CreateStatements {
 public:
  using CreateStatements::CreateStatements;
  std::string table_options(const model::Table& t) const override;
  std::vector<std::string> refused_table_options(const model::Table& t) const override;
  bool foreign_keys_inline() const override { return true; }
  bool has_deferrable_foreign_keys() const override { return true; }
  bool foreign_keys_need_matching_types() const override { return false; }
  // AUTOINCREMENT is only for the INTEGER PRIMARY KEY (the rowid).
  IdentityPlacement identity_placement() const override { return IdentityPlacement::whole_primary_key; }
  bool has_partial_indexes() const override { return true; }
  bool has_expression_indexes() const override { return true; }
  // CREATE INDEX names live in sqlite_schema; inline UNIQUE constraints get
  // the engine's own sqlite_autoindex_ names.
  bool schema_wide_names(std::string_view kind) const override { return kind == "index"; }
};

}  // namespace sf::dialect

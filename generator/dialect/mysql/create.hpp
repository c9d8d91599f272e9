#pragma once
#include <map>

#include "generator/dialect/create_statements.hpp"

namespace sf::dialect {

// MySQL/MariaDB write ENGINE, charset and collation after CREATE TABLE, need
// a prefix length to index text, and give views ALGORITHM and SQL SECURITY.
class MysqlCreate final : public CreateStatements {
 public:
  using CreateStatements::CreateStatements;
  std::string table_options(const model::Table& t) const override;
  // The table's options with the defaults filled in (engine, charset, collate) and spellings folded.
  static std::map<std::string, std::string> effective_options(const model::Table& t);
  bool indexes_unbounded_text() const override { return false; }  // InnoDB needs a prefix length
  bool needs_index_prefix(std::string_view type) const override;  // the TEXT, BLOB and JSON families
  bool has_prefix_lengths() const override { return true; }
  // FULLTEXT and SPATIAL are kinds of index here (CREATE FULLTEXT INDEX), methods in the model.
  bool has_index_method(std::string_view m) const override { return m == "fulltext" || m == "spatial"; }
  bool looks_up_whole_values(std::string_view m) const override { return m != "fulltext" && m != "spatial"; }
  std::string index_kind(const model::Index& i) const override {
    return i.method == "fulltext" ? "FULLTEXT " : i.method == "spatial" ? "SPATIAL " : "";
  }
  // Index names are per table; InnoDB foreign key names and MySQL 8's check
  // names are per database.
  bool schema_wide_names(std::string_view kind) const override { return kind == "foreign key" || kind == "check"; }
  bool clock_defaults_only_on_timestamps() const override { return true; }
  // "there can be only one auto column and it must be defined as a key"
  IdentityPlacement identity_placement() const override { return IdentityPlacement::leading_key_column; }
  // MariaDB: "NOT NULL … is not supported for generated columns" (MySQL 8 takes it).
  bool generated_columns_take_not_null() const override { return false; }
  bool refuses_set_null_on_not_null() const override { return true; }
  bool has_invisible_columns() const override { return true; }  // MySQL 8.0.23, MariaDB 10.3
  bool invisible_not_null_needs_default() const override { return true; }  // MariaDB; MySQL 8 takes one without  // "Column … cannot be NOT NULL: needed in a foreign key"
  // The contract view merges into the caller's query; the status view
  // aggregates, which MERGE cannot; a spec's own view lets the server choose.
  ViewFlags default_view_flags(std::string_view role) const override {
    return {role == model::view_role::contract ? "MERGE" : role == model::view_role::status ? "TEMPTABLE" : "UNDEFINED", "INVOKER"};
  }
};

}  // namespace sf::dialect

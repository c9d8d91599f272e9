#pragma once
#include "generator/dialect/create_statements.hpp"

namespace sf::dialect {

// PostgreSQL names an index's access method (CREATE INDEX … USING gin) and
// its columns' operator classes; its CREATE TABLE has no options of ours.
class PostgresCreate final : public CreateStatements {
 public:
  using CreateStatements::CreateStatements;
  // The built-in access methods besides btree (CREATE INDEX … USING).
  bool has_index_method(std::string_view m) const override {
    return m == "btree" || m == "hash" || m == "gist" || m == "spgist" || m == "gin" || m == "brin";
  }
  bool has_extensions() const override { return true; }
  bool has_deferrable_foreign_keys() const override { return true; }
  bool has_deferrable_unique_keys() const override { return true; }
  bool has_operator_classes() const override { return true; }
  bool has_virtual_generated_columns() const override { return false; }  // VIRTUAL arrives in PostgreSQL 18
  // Indexes (unique constraints are indexes) live in pg_class beside the
  // tables; constraint names are per table.
  bool schema_wide_names(std::string_view kind) const override { return kind == "index"; }
  bool has_partial_indexes() const override { return true; }
  bool has_expression_indexes() const override { return true; }
  bool has_index_include() const override { return true; }
  bool has_nulls_not_distinct() const override { return true; }
  // [USING method] (parts) [INCLUDE (…)] [NULLS NOT DISTINCT] [WHERE …], in the order CREATE INDEX takes them.
  std::string index_target(const model::Index& i) const override {
    return (i.method.empty() ? "" : "USING " + i.method + " ") + "(" + index_columns(i) + ")" +
           (i.include.empty() ? "" : " INCLUDE (" + spelling_.quote_list(i.include) + ")") +
           (i.nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + (i.where.empty() ? "" : " WHERE " + i.where);
  }
};

}  // namespace sf::dialect

#pragma once
#include "generator/dialect/dialect.hpp"

namespace sf::dialect {

// PostgreSQL 15. Identifiers are limited to NAMEDATALEN-1 = 63 bytes; unquoted
// names fold to lower case, so a name with capitals must be quoted to survive.
class PostgresDialect final : public Dialect {
 public:
  std::string_view name() const override { return "postgres"; }
  std::size_t max_identifier_bytes() const override { return 63; }
  bool is_reserved(std::string_view word) const override;
  std::string placeholder(int i) const override { return "$" + std::to_string(i); }
  // Collations are identifiers ("C", "en_US.utf8"): always quoted, case kept.
  std::string collation_sql(std::string_view collation) const override { return quote_always(collation); }
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;
  // DROP CONSTRAINT <table>_pkey (the name the server gives our unnamed
  // PRIMARY KEY, the table part cut so it fits 63 bytes), then ADD PRIMARY KEY.
  std::vector<std::string> change_primary_key(const model::Table& before, const model::Table& after) const override;
  // `enums: native` on or off: each enum column changes type (CREATE TYPE, or back to TEXT + CHECK).
  std::vector<std::string> alter_table_options(const model::Table& before, const model::Table& after) const override;
  // Session advisory lock on a fixed key ("schemaforge" in ASCII, folded to 62 bits), polled.
  MigrationLock migration_lock(int) const override {
    return {"SELECT CASE WHEN pg_try_advisory_lock(7310302560386164581) THEN 1 ELSE 0 END",
            "SELECT pg_advisory_unlock(7310302560386164581)", false, ""};
  }
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  // The built-in access methods besides btree (CREATE INDEX … USING).
  bool has_index_method(std::string_view m) const override {
    return m == "btree" || m == "hash" || m == "gist" || m == "spgist" || m == "gin" || m == "brin";
  }
  bool has_operator_classes() const override { return true; }
  std::string index_target(const model::Index& i) const override {
    return (i.method.empty() ? "" : "USING " + i.method + " ") + "(" + index_columns(i) + ")";
  }
  model::Schema inspect(db::Connection& c) const override;
  std::vector<std::string> alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                        const model::Column& after) const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;

 protected:
  char quote_char() const override { return '"'; }

 private:
  bool case_sensitive_unquoted() const override { return true; }
};

}  // namespace sf::dialect

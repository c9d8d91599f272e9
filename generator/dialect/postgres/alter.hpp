#pragma once
#include "generator/dialect/alter_statements.hpp"

namespace sf::dialect {

// PostgreSQL alters in place and runs DDL inside the migration's transaction.
class PostgresAlter final : public AlterStatements {
 public:
  using AlterStatements::AlterStatements;
  // ADD COLUMN, then COMMENT ON COLUMN with its description, as generate's
  // CREATE TABLE has it (MySQL carries COMMENT in the column definition).
  std::vector<std::string> add_column(const model::Table& t, const model::Column& c) const override;
  std::vector<std::string> alter_comment(const model::Table& t, const std::string& column) const override;
  std::vector<std::string> alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                        const model::Column& after) const override;
  // DROP CONSTRAINT with the key's own name, or <table>_pkey (the name the
  // server gives our unnamed PRIMARY KEY, the table part cut so it fits 63
  // bytes), then ADD PRIMARY KEY.
  std::vector<std::string> change_primary_key(const model::Table& before, const model::Table& after) const override;
  // `enums: native` on or off: each enum column changes type (CREATE TYPE, or back to TEXT + CHECK).
  std::vector<std::string> alter_table_options(const model::Table& before, const model::Table& after) const override;
  std::vector<std::string> create_extension(const std::string& name) const override {
    return {"CREATE EXTENSION IF NOT EXISTS " + quote(name)};
  }
  std::vector<std::string> drop_extension(const std::string& name) const override { return {"DROP EXTENSION IF EXISTS " + quote(name)}; }
  std::string drop_trigger(const std::string& table, const std::string& name) const override {
    return "DROP TRIGGER IF EXISTS " + quote(name) + " ON " + quote(table);
  }
  bool creates_or_replaces_routines() const override { return true; }
  // DROP CONSTRAINT <table>_pkey on a fixed key ("schemaforge" in ASCII, folded to 62 bits), polled.
  MigrationLock migration_lock(int) const override {
    return {"SELECT CASE WHEN pg_try_advisory_lock(7310302560386164581) THEN 1 ELSE 0 END",
            "SELECT pg_advisory_unlock(7310302560386164581)", false, ""};
  }
};

}  // namespace sf::dialect

#pragma once
#include "generator/dialect/alter_statements.hpp"

namespace sf::dialect {

// SQLite renames and adds plain columns in place; every other change
// rebuilds the table (sqlite/alter.cpp says how).
class SqliteAlter final : public AlterStatements {
 public:
  using AlterStatements::AlterStatements;
  std::vector<std::string> alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                        const model::Column& after) const override;
  std::vector<std::string> add_column(const model::Table& t, const model::Column& c) const override;
  std::vector<std::string> drop_column(const model::Table& t, const std::string& column) const override;
  // SQLite keeps constraint names only inside the table's SQL text.
  std::string rename_constraint(const std::string&, const std::string&, const std::string&) const override { return {}; }
  // SQLite cannot alter a primary key: the planner rebuilds the table.
  std::vector<std::string> change_primary_key(const model::Table&, const model::Table&) const override { return {}; }
  std::vector<std::string> add_unique(const model::Table& t, const model::Key& k) const override;
  std::vector<std::string> drop_unique(const std::string& table, const std::string& name) const override;
  std::vector<std::string> add_check(const model::Table& t, const model::Check& c) const override;
  std::vector<std::string> drop_check(const std::string& table, const std::string& name) const override;
  std::vector<std::string> add_foreign_key(const model::Table& t, const model::ForeignKey& fk) const override;
  std::vector<std::string> drop_foreign_key(const std::string& table, const std::string& name) const override;
  bool options_need_rebuild(const model::Table& before, const model::Table& after) const override;
  std::vector<std::string> rebuild_table(const TableRebuild& r) const override;
  std::vector<std::string> before_migration() const override;
  std::vector<std::string> after_migration() const override;
  std::string integrity_check() const override;
  // The exclusive transaction migrations run in is the lock (busy_timeout waits for it).
  MigrationLock migration_lock(int timeout_seconds) const override {
    return {"", "", true, "PRAGMA busy_timeout = " + std::to_string(timeout_seconds * 1000)};
  }
};

}  // namespace sf::dialect

#pragma once
#include "generator/dialect/alter_statements.hpp"

namespace sf::dialect {

// MySQL/MariaDB restate a column whole to change it, place added columns,
// drop unique keys and foreign keys by their own syntax, and commit DDL
// statement by statement.
class MysqlAlter final : public AlterStatements {
 public:
  using AlterStatements::AlterStatements;
  std::vector<std::string> alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                        const model::Column& after) const override;
  std::vector<std::string> add_column(const model::Table& t, const model::Column& c) const override;
  std::vector<std::string> alter_comment(const model::Table& t, const std::string& column) const override;
  std::string rename_table(const std::string& from, const std::string& to) const override;
  std::string drop_index(const std::string& table, const std::string& index) const override;
  std::vector<std::string> drop_unique(const std::string& table, const std::string& name) const override;
  // One ALTER: an AUTO_INCREMENT column must be keyed at every moment, so the
  // old key cannot go in a statement of its own.
  std::vector<std::string> change_primary_key(const model::Table& before, const model::Table& after) const override;
  // ENGINE, DEFAULT CHARSET, COLLATE and the rest, restated as CREATE TABLE writes them.
  std::vector<std::string> alter_table_options(const model::Table& before, const model::Table& after) const override;
  std::vector<std::string> drop_foreign_key(const std::string& table, const std::string& name) const override;
  bool transactional_ddl() const override { return false; }
  // GET_LOCK waits itself; 0 (timeout) or NULL (error) means not granted.
  MigrationLock migration_lock(int timeout_seconds) const override {
    return {"SELECT GET_LOCK('schemaforge_migrations', " + std::to_string(timeout_seconds) + ")",
            "SELECT RELEASE_LOCK('schemaforge_migrations')", true, ""};
  }
};

}  // namespace sf::dialect

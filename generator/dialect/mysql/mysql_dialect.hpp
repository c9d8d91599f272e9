#pragma once
#include <map>

#include "generator/dialect/dialect.hpp"

namespace sf::dialect {

// MySQL 8.0 and MariaDB >= 10.6. Identifiers are limited to 64 characters;
// we count bytes, which is the stricter reading for non-ASCII names.
class MysqlDialect final : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }
  std::size_t max_identifier_bytes() const override { return 64; }
  bool is_reserved(std::string_view word) const override;
  bool indexes_unbounded_text() const override { return false; }  // InnoDB needs a prefix length
  // GET_LOCK waits itself; 0 (timeout) or NULL (error) means not granted.
  MigrationLock migration_lock(int timeout_seconds) const override {
    return {"SELECT GET_LOCK('schemaforge_migrations', " + std::to_string(timeout_seconds) + ")",
            "SELECT RELEASE_LOCK('schemaforge_migrations')", true, ""};
  }
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  // The contract view merges into the caller's query; the status view
  // aggregates, which MERGE cannot; a spec's own view lets the server choose.
  ViewFlags default_view_flags(std::string_view role) const override {
    return {role == model::view_role::contract ? "MERGE" : role == model::view_role::status ? "TEMPTABLE" : "UNDEFINED", "INVOKER"};
  }
  model::Schema inspect(db::Connection& c) const override;
  std::vector<std::string> alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                        const model::Column& after) const override;
  std::vector<std::string> add_column(const model::Table& t, const model::Column& c) const override;
  std::string rename_table(const std::string& from, const std::string& to) const override;
  std::string drop_index(const std::string& table, const std::string& index) const override;
  std::vector<std::string> drop_unique(const std::string& table, const std::string& name) const override;
  // One ALTER: an AUTO_INCREMENT column must be keyed at every moment, so the
  // old key cannot go in a statement of its own.
  std::vector<std::string> change_primary_key(const model::Table& before, const model::Table& after) const override;
  // ENGINE, DEFAULT CHARSET, COLLATE and the rest, restated as CREATE TABLE writes them.
  std::vector<std::string> alter_table_options(const model::Table& before, const model::Table& after) const override;
  // The table's options with the defaults filled in (engine, charset, collate) and spellings folded.
  static std::map<std::string, std::string> effective_options(const model::Table& t);
  std::vector<std::string> drop_foreign_key(const std::string& table, const std::string& name) const override;
  bool transactional_ddl() const override { return false; }
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string null_timestamp() const override { return "CAST(NULL AS DATETIME)"; }
  std::string null_seconds() const override { return "CAST(NULL AS DOUBLE)"; }
  std::string string_literal(std::string_view text) const override;
  // No RETURNING: an insert reads LAST_INSERT_ID().
  bool has_returning() const override { return false; }
  std::string table_options(const model::Table& t) const override;
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;

 protected:
  bool keeps_unsigned() const override { return true; }
  bool keeps_on_update() const override { return true; }
  std::string default_collation(const model::Table& t) const override { return effective_options(t).at("collate"); }
  bool distinguishes_restrict() const override { return false; }
  bool unique_index_is_key() const override { return true; }
  char quote_char() const override { return '`'; }
};

}  // namespace sf::dialect

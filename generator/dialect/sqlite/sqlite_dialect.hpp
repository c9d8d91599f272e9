#pragma once
#include "generator/dialect/dialect.hpp"

namespace sf::dialect {

// SQLite 3.40. No identifier length limit; SQLite accepts many keywords as
// names, but we quote every listed keyword rather than rely on its fallbacks.
class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }
  std::size_t max_identifier_bytes() const override { return 0; }
  bool is_reserved(std::string_view word) const override;
  // The exclusive transaction migrations run in is the lock (busy_timeout waits for it).
  MigrationLock migration_lock(int timeout_seconds) const override {
    return {"", "", true, "PRAGMA busy_timeout = " + std::to_string(timeout_seconds * 1000)};
  }
  ColumnDdl column_ddl(const model::Table& t, const model::Column& c) const override;
  model::Schema inspect(db::Connection& c) const override;
  std::vector<std::string> rebuild_table(const TableRebuild& r) const override;
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
  std::vector<std::string> before_migration() const override;
  std::vector<std::string> after_migration() const override;
  std::string integrity_check() const override;
  std::string seconds_between(std::string_view from, std::string_view to) const override;
  std::string null_timestamp() const override { return "NULL"; }
  std::string null_seconds() const override { return "CAST(NULL AS REAL)"; }
  bool foreign_keys_inline() const override { return true; }
  std::map<std::string, ViewBodies> view_bodies(db::Connection& c,
                                                const std::map<std::string, std::string>& create_statements) const override;
  // Names are case-insensitive (NOCASE, RTRIM, BINARY): written upper-case.
  std::string collation_sql(std::string_view collation) const override { return canonical_collation(collation); }
  bool has_type_names() const override { return false; }
  bool keeps_constraint_names() const override { return false; }
  bool keeps_checks() const override { return false; }

 protected:
  bool keeps_enums() const override { return false; }
  std::string default_collation(const model::Table&) const override { return "BINARY"; }
  std::string canonical_collation(std::string_view collation) const override;
  char quote_char() const override { return '"'; }

 private:
};

}  // namespace sf::dialect

// SQLite can rename, add a plain column, and create or drop an index in place;
// everything else rebuilds the table (the planner follows SQLite's documented
// procedure: new table, copy rows, drop, rename, recreate indexes) with
// foreign keys off around the transaction and checked before it commits.
#include "generator/dialect/sqlite/sqlite_dialect.hpp"

namespace sf::dialect {

std::vector<std::string> SqliteDialect::alter_column(const model::Table&, const model::Column&, const model::Table&,
                                                     const model::Column&) const {
  return {};
}

std::vector<std::string> SqliteDialect::add_column(const model::Table& t, const model::Column& c) const {
  ColumnDdl ddl = column_ddl(t, c);
  // ALTER TABLE ADD COLUMN refuses a NOT NULL column without a default, a
  // non-constant default, a key, or a REFERENCES with a non-NULL default.
  bool constant_default = ddl.default_sql.empty() || ddl.default_sql.front() != '(';
  bool ok = (c.nullable || !ddl.default_sql.empty()) && constant_default && !c.identity;
  for (const auto& fk : t.foreign_keys)
    for (const auto& col : fk.columns)
      if (col == c.name) ok = false;
  if (!ok) return {};
  std::string def = column_definition(t, c);
  for (const auto& ck : ddl.checks) def += " CONSTRAINT " + quote(ck.name) + " CHECK (" + ck.expression + ")";
  return {"ALTER TABLE " + quote(t.name) + " ADD COLUMN " + def};
}

std::vector<std::string> SqliteDialect::drop_column(const model::Table&, const std::string&) const { return {}; }
std::vector<std::string> SqliteDialect::add_unique(const model::Table&, const model::Key&) const { return {}; }
std::vector<std::string> SqliteDialect::drop_unique(const std::string&, const std::string&) const { return {}; }
std::vector<std::string> SqliteDialect::add_check(const model::Table&, const model::Check&) const { return {}; }
std::vector<std::string> SqliteDialect::drop_check(const std::string&, const std::string&) const { return {}; }
std::vector<std::string> SqliteDialect::add_foreign_key(const model::Table&, const model::ForeignKey&) const { return {}; }
std::vector<std::string> SqliteDialect::drop_foreign_key(const std::string&, const std::string&) const { return {}; }

std::vector<std::string> SqliteDialect::before_migration() const { return {"PRAGMA foreign_keys = OFF"}; }
std::vector<std::string> SqliteDialect::after_migration() const { return {"PRAGMA foreign_keys = ON"}; }
std::string SqliteDialect::integrity_check() const { return "PRAGMA foreign_key_check"; }

}  // namespace sf::dialect

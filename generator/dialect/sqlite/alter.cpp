// SQLite can rename, add a plain column, and create or drop an index in place;
// everything else rebuilds the table by SQLite's documented procedure (new
// table, copy rows, drop, rename, recreate indexes) with foreign keys off
// around the transaction and checked before it commits.
#include "generator/dialect/sqlite/alter.hpp"

#include "generator/dialect/sqlite/table_options.hpp"

namespace sf::dialect {

std::vector<std::string> SqliteAlter::alter_column(const model::Table&, const model::Column&, const model::Table&,
                                                     const model::Column&) const {
  return {};
}

std::vector<std::string> SqliteAlter::add_column(const model::Table& t, const model::Column& c) const {
  ColumnDdl ddl = spelling_.column_ddl(t, c);
  // ALTER TABLE ADD COLUMN refuses a NOT NULL column without a default, a
  // non-constant default, a key, or a REFERENCES with a non-NULL default.
  bool constant_default = ddl.default_sql.empty() || ddl.default_sql.front() != '(';
  // Nor can it add a STORED generated column (a VIRTUAL one it can).
  bool ok = (c.nullable || !ddl.default_sql.empty()) && constant_default && !c.identity && !(c.generated && c.generated->stored);
  for (const auto& fk : t.foreign_keys)
    for (const auto& col : fk.columns)
      if (col == c.name) ok = false;
  if (!ok) return {};
  std::string def = column_definition(t, c);
  for (const auto& ck : ddl.checks) def += " CONSTRAINT " + quote(ck.name) + " CHECK (" + ck.expression + ")";
  std::vector<std::string> out = {"ALTER TABLE " + quote(t.name) + " ADD COLUMN " + def};
  out.insert(out.end(), ddl.trigger_sql.begin(), ddl.trigger_sql.end());  // its ON UPDATE
  return out;
}

std::vector<std::string> SqliteAlter::drop_column(const model::Table&, const std::string&) const { return {}; }
std::vector<std::string> SqliteAlter::add_unique(const model::Table&, const model::Key&) const { return {}; }
std::vector<std::string> SqliteAlter::drop_unique(const std::string&, const std::string&) const { return {}; }
std::vector<std::string> SqliteAlter::add_check(const model::Table&, const model::Check&) const { return {}; }
std::vector<std::string> SqliteAlter::drop_check(const std::string&, const std::string&) const { return {}; }
std::vector<std::string> SqliteAlter::add_foreign_key(const model::Table&, const model::ForeignKey&) const { return {}; }
std::vector<std::string> SqliteAlter::drop_foreign_key(const std::string&, const std::string&) const { return {}; }

bool SqliteAlter::options_need_rebuild(const model::Table& before, const model::Table& after) const {
  using namespace sqlite_options;
  return is_set(before, strict) != is_set(after, strict) || is_set(before, without_rowid) != is_set(after, without_rowid);
}

std::vector<std::string> SqliteAlter::rebuild_table(const TableRebuild& r) const {
  std::vector<std::string> out;
  // SQLite checks every view when a table is renamed: the table's own views
  // must not exist while it is gone.
  for (const auto& v : r.views) out.push_back(drop_view(v));
  out.push_back(r.create_temp);
  std::string to, from;
  for (const auto& [new_column, old_column] : r.copy) {
    to += (to.empty() ? "" : ", ") + quote(new_column);
    from += (from.empty() ? "" : ", ") + quote(old_column);
  }
  out.push_back("INSERT INTO " + quote(r.temp_name) + " (" + to + ") SELECT " + from + " FROM " + quote(r.before->name));
  for (auto& st : drop_table(*r.before)) out.push_back(std::move(st));
  out.push_back(rename_table(r.temp_name, r.after->name));
  if (!r.create_indexes.empty()) out.push_back(r.create_indexes);
  if (!r.create_views.empty()) out.push_back(r.create_views);
  if (!r.create_triggers.empty()) out.push_back(r.create_triggers);
  return out;
}

std::vector<std::string> SqliteAlter::before_migration() const { return {"PRAGMA foreign_keys = OFF"}; }
std::vector<std::string> SqliteAlter::after_migration() const { return {"PRAGMA foreign_keys = ON"}; }
std::string SqliteAlter::integrity_check() const { return "PRAGMA foreign_key_check"; }

}  // namespace sf::dialect

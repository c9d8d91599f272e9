// MySQL/MariaDB ALTER idioms: MODIFY COLUMN restating every attribute (MySQL
// forgets any attribute a MODIFY omits), DROP INDEX for unique keys, DROP
// FOREIGN KEY, RENAME TABLE. DDL commits implicitly, statement by statement.
#include "generator/dialect/mysql/alter.hpp"
#include "generator/dialect/mysql/create.hpp"

namespace sf::dialect {

std::vector<std::string> MysqlAlter::alter_column(const model::Table& bt, const model::Column& before, const model::Table& at,
                                                    const model::Column& after) const {
  // MODIFY changes a generated column's expression and makes a STORED one
  // plain; MariaDB refuses the rest ("not yet supported for generated
  // columns"): a VIRTUAL one made plain, a plain one made generated, VIRTUAL
  // to STORED and back. Those are a new column.
  const bool same_kind = before.generated && after.generated && before.generated->stored == after.generated->stored;
  const bool stored_to_plain = before.generated && before.generated->stored && !after.generated;
  if (before.generated != after.generated && !same_kind && !stored_to_plain) return recreate_column(bt, at, after);
  std::string def = column_definition(at, after);
  if (!after.description.empty()) def += " COMMENT " + spelling_.string_literal(after.description.substr(0, 1024));
  return {"ALTER TABLE " + quote(at.name) + " MODIFY COLUMN " + def};
}

std::vector<std::string> MysqlAlter::alter_comment(const model::Table& t, const std::string& column) const {
  // A table's comment is a table option; a column's can only be restated
  // with the whole column (MODIFY forgets what it omits), which MySQL and
  // MariaDB do without touching the rows when nothing else changes.
  if (column.empty()) return {"ALTER TABLE " + quote(t.name) + " COMMENT = " + spelling_.string_literal(t.description.substr(0, 2048))};
  const model::Column* c = t.find_column(column);
  if (!c) return {};
  std::string def = column_definition(t, *c);
  if (!c->description.empty()) def += " COMMENT " + spelling_.string_literal(c->description.substr(0, 1024));
  else def += " COMMENT ''";
  return {"ALTER TABLE " + quote(t.name) + " MODIFY COLUMN " + def};
}

std::vector<std::string> MysqlAlter::add_column(const model::Table& t, const model::Column& c) const {
  std::string def = column_definition(t, c);
  if (!c.description.empty()) def += " COMMENT " + spelling_.string_literal(c.description.substr(0, 1024));
  // MySQL can place the column where the spec has it, so a migrated table
  // keeps generate's column order (PostgreSQL and SQLite can only append).
  std::string position = " FIRST";
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].name == c.name && i > 0) position = " AFTER " + quote(t.columns[i - 1].name);
  return {"ALTER TABLE " + quote(t.name) + " ADD COLUMN " + def + position};
}

std::string MysqlAlter::rename_table(const std::string& from, const std::string& to) const {
  return "RENAME TABLE " + quote(from) + " TO " + quote(to);
}

std::string MysqlAlter::drop_index(const std::string& table, const std::string& index) const {
  return "DROP INDEX " + quote(index) + " ON " + quote(table);
}

std::vector<std::string> MysqlAlter::drop_unique(const std::string& table, const std::string& name) const {
  return {"ALTER TABLE " + quote(table) + " DROP INDEX " + quote(name)};
}

std::vector<std::string> MysqlAlter::drop_foreign_key(const std::string& table, const std::string& name) const {
  // InnoDB keeps the index it created for the FK; it goes with the FK's name.
  return {"ALTER TABLE " + quote(table) + " DROP FOREIGN KEY " + quote(name)};
}


std::vector<std::string> MysqlAlter::change_primary_key(const model::Table& before, const model::Table& after) const {
  std::string parts;
  if (before.primary_key) parts = "DROP PRIMARY KEY";
  if (after.primary_key) parts += (parts.empty() ? "" : ", ") + std::string("ADD PRIMARY KEY (") + quote_list(after.primary_key->columns) + ")";
  if (parts.empty()) return {};
  return {"ALTER TABLE " + quote(after.name) + " " + parts};
}


std::vector<std::string> MysqlAlter::alter_table_options(const model::Table& before, const model::Table& after) const {
  const auto was = MysqlCreate::effective_options(before), now = MysqlCreate::effective_options(after);
  if (was == now && before.description == after.description) return {};
  std::vector<std::string> out;
  // The table's default charset/collation applies to new columns only;
  // CONVERT TO re-encodes the existing ones, as a fresh CREATE TABLE would have them.
  if (was.at("charset") != now.at("charset") || was.count("collate") != now.count("collate") ||
      (now.count("collate") && was.at("collate") != now.at("collate")))
    out.push_back("ALTER TABLE " + quote(after.name) + " CONVERT TO CHARACTER SET " + now.at("charset") +
                  (now.count("collate") ? " COLLATE " + now.at("collate") : std::string{}));
  out.push_back("ALTER TABLE " + quote(after.name) + " " + create_.table_options(after));
  return out;
}

}  // namespace sf::dialect

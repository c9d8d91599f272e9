// What SQLite writes after CREATE TABLE (…): STRICT and WITHOUT ROWID, and
// what it refuses of them (https://sqlite.org/stricttables.html,
// https://sqlite.org/withoutrowid.html).
#include "generator/dialect/sqlite/create.hpp"

#include "generator/dialect/sqlite/table_options.hpp"

namespace sf::dialect {

std::string SqliteCreate::table_options(const model::Table& t) const {
  std::string out;
  if (sqlite_options::is_set(t, sqlite_options::strict)) out = "STRICT";
  if (sqlite_options::is_set(t, sqlite_options::without_rowid)) out += std::string(out.empty() ? "" : ", ") + "WITHOUT ROWID";
  return out;
}

std::vector<std::string> SqliteCreate::refused_table_options(const model::Table& t) const {
  std::vector<std::string> out;
  const auto mine = t.options.find("sqlite");
  if (mine == t.options.end()) return out;
  for (const auto& [option, value] : mine->second) {
    if (option != sqlite_options::strict && option != sqlite_options::without_rowid)
      out.push_back("'" + option + "' is not a SQLite table option (known: strict, without_rowid)");
    else if (!sqlite_options::flag(value))
      out.push_back("SQLite table option " + option + " is '" + value + "'; say true or false");
  }
  if (sqlite_options::is_set(t, sqlite_options::without_rowid)) {
    if (!t.primary_key) out.push_back("a WITHOUT ROWID table needs a primary key, which SQLite stores the rows by; declare one");
    for (const auto& c : t.columns)
      if (c.identity)
        out.push_back("identity column " + c.name + " in a WITHOUT ROWID table, where SQLite has no AUTOINCREMENT; "
                      "drop the identity or the option");
  }
  if (sqlite_options::is_set(t, sqlite_options::strict))
    for (const auto& c : t.columns) {
      std::string type = spelling_.column_ddl(t, c).type;
      if (auto collate = type.find(" COLLATE "); collate != std::string::npos) type.erase(collate);
      if (!sqlite_options::strict_type(type))
        out.push_back("column " + c.name + " is declared " + (type.empty() ? "without a type" : type) +
                      ", which a STRICT table refuses (it takes INTEGER, INT, REAL, TEXT, BLOB or ANY); pin one of those as its sqlite type");
    }
  return out;
}

}  // namespace sf::dialect

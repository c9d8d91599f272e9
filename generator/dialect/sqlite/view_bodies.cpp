// SQLite keeps a view's CREATE statement as it was written (sqlite_schema.sql,
// with its head normalised), so bodies compare as text, whitespace aside.
#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/sqlite/inspector.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {

std::map<std::string, Inspector::ViewBodies> SqliteInspector::view_bodies(
    db::Connection& c, const std::map<std::string, std::string>& create_statements) const {
  std::map<std::string, std::string> live;
  for (const auto& r : c.query("SELECT name, sql FROM sqlite_master WHERE type = 'view'").rows)
    live[db::as_string(r[0])] = db::as_string(r[1]);
  std::map<std::string, ViewBodies> out;
  for (const auto& [name, create] : create_statements)
    if (auto have = live.find(name); have != live.end())
      out[name] = {collapse_space(view_select(create)), collapse_space(view_select(have->second))};
  return out;
}

}  // namespace sf::dialect

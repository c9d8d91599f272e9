// MySQL and MariaDB keep a view as text they print themselves (qualified,
// backquoted, aliased), and cannot print our body that way without creating
// a view, which commits. What they can do read-only is EXPLAIN: the
// optimizer's printout of a query (note 1003) is the same for the same body.
// So each side is explained as a derived table under the view's name: the
// spec's SELECT, and the live view's own VIEW_DEFINITION (not the view
// itself, whose printout would hide the body of a TEMPTABLE view).
#include "generator/dialect/inspect_support.hpp"
#include "generator/dialect/mysql/inspector.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {
namespace {

// The optimizer's text for `SELECT * FROM (select) AS alias`, or "" when the
// server gives none. MariaDB needs EXPLAIN EXTENDED for the note; MySQL 8
// writes it for every EXPLAIN and has no EXTENDED any more.
std::string printed(db::Connection& c, const std::string& explain, const std::string& select, const std::string& alias) {
  c.execute(explain + " SELECT * FROM (" + select + ") AS " + alias);
  for (const auto& row : c.query("SHOW WARNINGS").rows)
    if (row.size() >= 3 && db::as_int(row[1]) == 1003) return db::as_string(row[2]);
  return "";
}

}  // namespace

std::map<std::string, Inspector::ViewBodies> MysqlInspector::view_bodies(db::Connection& c,
                                                                     const std::map<std::string, std::string>& create_statements) const {
  std::map<std::string, std::string> live;
  for (const auto& r : c.query("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()").rows)
    if (auto body = db::as_optional_string(r[1]); body && !body->empty()) live[db::as_string(r[0])] = *body;
  const bool mariadb = db::as_string(c.query("SELECT VERSION()").scalar()).find("MariaDB") != std::string::npos;
  const std::string explain = mariadb ? "EXPLAIN EXTENDED" : "EXPLAIN";

  std::map<std::string, ViewBodies> out;
  std::map<std::string, std::string> by_columns;  // views whose definition this user may not read
  for (const auto& [name, create] : create_statements) {
    const std::string select = view_select(create);
    if (select.empty()) continue;
    auto have = live.find(name);
    if (have == live.end()) {
      by_columns.emplace(name, create);
      continue;
    }
    try {
      const std::string alias = spelling_.quote(name);
      ViewBodies b{printed(c, explain, select, alias), printed(c, explain, have->second, alias)};
      if (b.spec.empty() || b.database.empty()) by_columns.emplace(name, create);
      else out[name] = std::move(b);
    } catch (const db::DbError&) {  // the view or a column it reads is missing: reported elsewhere
    }
  }
  out.merge(Inspector::view_bodies(c, by_columns));
  return out;
}

}  // namespace sf::dialect

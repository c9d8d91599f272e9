// The fallback way to compare view bodies: by the column names each side
// returns. Reading a view's columns needs no DDL, so drift stays read-only;
// a body that differs only in its WHERE is not seen. MySQL/MariaDB use it
// for views whose definition the user may not read.
#include "generator/dialect/inspector.hpp"
#include "generator/dialect/inspect_support.hpp"
#include "runtime/db/connection.hpp"

namespace sf::dialect {
namespace {

std::string column_list(db::Connection& c, const std::string& select) {
  auto r = c.query("SELECT * FROM (" + select + ") AS sf_view_probe LIMIT 0");
  std::string out;
  for (const auto& name : r.columns) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

std::map<std::string, Inspector::ViewBodies> Inspector::view_bodies(db::Connection& c,
                                                                    const std::map<std::string, std::string>& create_statements) const {
  std::map<std::string, ViewBodies> out;
  for (const auto& [name, create] : create_statements) {
    const std::string select = view_select(create);
    if (select.empty()) continue;
    try {
      ViewBodies b;
      b.spec = "columns: " + column_list(c, select);
      b.database = "columns: " + column_list(c, "SELECT * FROM " + spelling_.quote(name));
      out[name] = std::move(b);
    } catch (const db::DbError&) {  // the view or a column it reads is missing: reported elsewhere
    }
  }
  return out;
}

}  // namespace sf::dialect

// View bodies in drift: the CREATE statements generate writes, compared with
// the database's views the way the engine can (Dialect::view_bodies).
#include "generator/cli/view_drift.hpp"

#include <regex>
#include <set>

#include "generator/migrate/statement_splitter.hpp"
#include "generator/render/generate.hpp"

namespace sf::cli {
namespace {

// Each view generate writes for the specs, by name, as its CREATE statement.
std::map<std::string, std::string> spec_view_statements(const dialect::Dialect& d, const model::Schema& spec,
                                                        const std::filesystem::path& templates) {
  model::Diagnostics diags;
  auto files = render::render_sql(spec, std::string(d.name()), templates, diags);
  static const std::regex name(R"re(\bVIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"([^"]+)"|`([^`]+)`|([\w$]+))\s+AS\b)re", std::regex::icase);
  std::map<std::string, std::string> out;
  for (const auto& st : migrate::split_statements(files["040_views.sql"])) {
    std::smatch m;
    if (!std::regex_search(st.sql, m, name)) continue;
    out[m[1].matched ? m[1].str() : m[2].matched ? m[2].str() : m[3].str()] = st.sql;
  }
  return out;
}

}  // namespace

// Views both sides have but with different bodies, as each engine can tell them apart.
void add_view_body_drift(const dialect::Dialect& d, db::Connection& c, const model::Schema& spec,
                         const std::filesystem::path& templates, diff::DriftReport& report) {
  std::map<std::string, std::string> table_of;  // view -> table
  for (const auto& t : spec.tables) {
    for (const auto& v : t.views) table_of[v.name] = t.name;
    table_of["vw_" + t.name] = t.name;
    table_of["vw_" + t.name + "_status"] = t.name;
  }
  // A view over a table whose columns drifted differs as a consequence (SQLite
  // even rewrites view text on RENAME COLUMN); the fix re-creates it anyway.
  std::set<std::string> columns_drifted;
  for (const auto& i : report.items)
    if (i.kind.find("column") != std::string::npos || i.kind == "missing_table") columns_drifted.insert(i.table);
  for (const auto& [view, bodies] : d.view_bodies(c, spec_view_statements(d, spec, templates)))
    if (bodies.spec != bodies.database && table_of.count(view) && !columns_drifted.count(table_of[view]))
      diff::add_item(report, diff::view_differs(table_of[view], view, bodies.spec, bodies.database));
}

}  // namespace sf::cli

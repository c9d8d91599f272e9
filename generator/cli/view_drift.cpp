// View bodies in drift: the CREATE statements generate writes, compared with
// the database's views the way the engine can (Inspector::view_bodies).
#include "generator/cli/view_drift.hpp"

#include <set>

#include "generator/dialect/inspect_support.hpp"
#include "generator/migrate/statement_splitter.hpp"
#include "generator/render/generate.hpp"

namespace sf::cli {
namespace {

// Each view generate writes for the specs, by the model's name for it, as
// its CREATE statement: the last one the template writes for that view that
// creates a view (a template may add GRANT or COMMENT after it).
std::map<std::string, std::string> spec_view_statements(const dialect::Dialect& d, const model::Schema& spec,
                                                        const std::filesystem::path& templates) {
  model::Diagnostics diags;
  std::map<std::string, std::string> out;
  for (auto& [name, sql] : render::SqlTemplates(std::string(d.name()), templates).view_sql(spec, diags))
    for (const auto& st : migrate::split_statements(sql))
      if (!dialect::view_select(st.sql).empty()) out[name] = st.sql;
  return out;
}

}  // namespace

std::map<std::string, std::vector<std::string>> views_generate_writes(const model::Schema& spec, const dialect::Dialect& d) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& t : spec.tables)
    for (const auto& v : t.views) {
      auto variant = v.variants.find(std::string(d.name()));
      const bool has_body = !v.sql.empty() || (variant != v.variants.end() && !variant->second.sql.empty());
      if (!v.generated.empty() || has_body) out[t.name].push_back(v.name);
    }
  return out;
}

std::vector<diff::DriftItem> view_body_drift(const dialect::Dialect& d, db::Connection& c, const model::Schema& spec,
                                             const std::map<std::string, std::vector<std::string>>& spec_views,
                                             const std::filesystem::path& templates, const diff::DriftCheck& first) {
  std::map<std::string, std::string> table_of;  // view -> table
  for (const auto& [table, views] : spec_views)
    for (const auto& v : views) table_of[v] = table;
  // A view over a table whose columns drifted differs as a consequence (SQLite
  // even rewrites view text on RENAME COLUMN); the fix re-creates it anyway.
  std::set<std::string> columns_drifted;
  for (const auto& i : first.report.items)
    if (i.kind.find("column") != std::string::npos || i.kind == "missing_table") columns_drifted.insert(i.table);
  std::vector<diff::DriftItem> out;
  for (const auto& [view, bodies] : d.inspector().view_bodies(c, spec_view_statements(d, spec, templates)))
    if (bodies.spec != bodies.database && table_of.count(view) && !columns_drifted.count(table_of[view]))
      out.push_back(diff::view_differs(table_of[view], view, bodies.spec, bodies.database));
  return out;
}

}  // namespace sf::cli

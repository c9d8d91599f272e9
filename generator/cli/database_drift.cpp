#include "generator/cli/database_drift.hpp"

#include <algorithm>
#include <map>

#include "generator/cli/view_drift.hpp"
#include "generator/inspect/inspect.hpp"
#include "generator/model/strings.hpp"
#include "generator/model/targets.hpp"

namespace sf::cli {

DatabaseDrift database_drift(const ingest::LoadResult& loaded, const std::string& dsn, const std::vector<std::string>& ignore,
                             const std::filesystem::path& templates) {
  DatabaseDrift out;
  model::Schema live;
  try {
    out.connection = db::connect(dsn);
    live = inspect::inspect(*out.connection);
  } catch (const std::exception& e) {
    throw CouldNotCheck(e.what());
  }
  const auto& d = dialect::dialect_named(db::to_string(out.connection->engine()));
  out.dialect = &d;
  if (!model::project_targets(loaded.schema, d.name()))
    throw CouldNotCheck("the project targets " + model::join(model::project_engines(loaded.schema)) + " (" + loaded.project_file +
                        "), not " + std::string(d.name()));
  out.spec = model::created_on(loaded.schema, d.name());  // a table other engines alone create is not expected here
  auto drop_ignored = [&](model::Schema& s) {
    std::erase_if(s.tables, [&](const model::Table& t) {
      return std::any_of(ignore.begin(), ignore.end(), [&](const std::string& p) { return inspect::glob_match(p, t.name); });
    });
  };
  drop_ignored(live);
  drop_ignored(out.spec);
  std::map<std::string, std::vector<std::string>> live_views;
  for (const auto& t : live.tables)
    for (const auto& v : t.views) live_views[t.name].push_back(v.name);
  const auto spec_views = views_generate_writes(out.spec, d);
  out.check = diff::check_drift(live, out.spec, d, live_views, spec_views);
  try {
    // Views whose bodies drifted are known only once the database is asked;
    // then the comparison runs again with them, so the changes re-create them.
    if (auto bodies = view_body_drift(d, *out.connection, out.spec, spec_views, templates, out.check); !bodies.empty())
      out.check = diff::check_drift(live, out.spec, d, live_views, spec_views, bodies);
  } catch (const std::exception& e) {
    throw CouldNotCheck(std::string("view bodies: ") + e.what());
  }
  return out;
}

std::string drift_items_text(const diff::DriftReport& report) {
  std::string out;
  const std::string* table = nullptr;
  for (const auto& i : report.items) {
    if (!table || i.table != *table) {
      if (table) out += "\n";
      table = &i.table;
      out += (table->empty() ? std::string("schema") : *table) + ":\n";  // "": schema-wide items (extensions)
    }
    out += "  [" + i.kind + "] " + i.message() + "\n";
  }
  return out;
}

}  // namespace sf::cli
